"""Display forms: a scenario gives words for a variable's values, or hides bookkeeping.

`sixparty scenario lint` warns about a flag (0 or 1) shown as a bare number and about
words for values a variable can never take; the client reads the words from the
scenario's public description (`scenario_info`) and shows them instead of the number.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from game.client.info import scenario_info
from game.client.model import ClientModel
from game.scenario.loader import load_scenario

BASE = (Path(__file__).parent / "broken" / "base.yaml").read_text(encoding="utf-8")
FLAG = "  - {id: open, name: Border open, explain: 1 while the border is open., max: 1, initial: 1"


def lint(tmp_path: Path, text: str) -> subprocess.CompletedProcess[str]:
    """Run the installed console script's lint on ``text``."""
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    exe = Path(sys.executable).with_name("sixparty")
    return subprocess.run(
        [str(exe), "scenario", "lint", str(path)], capture_output=True, text=True, timeout=120
    )


def with_flag(extra: str) -> str:
    return BASE.replace("variables:\n", f"variables:\n{FLAG}{extra}}}\n").replace(
        "effects: {economy: 2}", "effects: {economy: 2, open: -1}"
    )


def test_lint_warns_about_a_flag_shown_as_a_number(tmp_path: Path) -> None:
    out = lint(tmp_path, with_flag("")).stdout
    assert "[flag-without-display]" in out
    assert "variable 'open' is a flag" in out and "s.yaml:16" in out


def test_lint_is_quiet_when_the_flag_has_words_or_is_bookkeeping(tmp_path: Path) -> None:
    for extra in (", display: {0: closed, 1: open}", ", hidden: true"):
        out = lint(tmp_path, with_flag(extra)).stdout
        assert "flag-without-display" not in out, (extra, out)
        assert "display-out-of-range" not in out, (extra, out)


def test_lint_warns_about_words_for_a_value_out_of_range(tmp_path: Path) -> None:
    out = lint(tmp_path, with_flag(", display: {0: closed, 2: wide open}")).stdout
    assert "[display-out-of-range]" in out and "words for 2, outside its range 0..1" in out


def test_korea_2019_reads_in_words() -> None:
    rules = load_scenario("korea-2019")
    info = scenario_info(rules)
    m = ClientModel()
    m.info = info
    assert m.value_text("moratorium", 1) == "in force"
    assert m.value_text("moratorium", 0) == "lapsed"
    assert m.value_text("proposal_changed", 0) == "not yet (the big deal only)"
    assert m.value_text("proposal_changed", 7) == "for 5 months or more"
    assert m.value_text("moratorium", {"low": 0, "high": 1}) == "lapsed to in force"
    assert m.value_text("tension", 38.4) == "38"  # no words: the number
    assert m.value_text("economy", {"low": 40, "high": 55}) == "40–55"
    # the variants that extend it inherit the words
    assert scenario_info(load_scenario("korea-2017"))["display"]["moratorium"] == [
        (0.0, "lapsed"),
        (1.0, "in force"),
    ]


def test_a_hidden_variable_is_not_shown(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(with_flag(", hidden: true"), encoding="utf-8")
    m = ClientModel()
    m.info = scenario_info(load_scenario(str(path)))
    assert m.info["hidden"] == ["open"]
    assert not m.shown("open") and m.shown("tension")
