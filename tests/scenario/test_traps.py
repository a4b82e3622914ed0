"""The traps a first-time author falls into are caught by `sixparty scenario validate` and
`lint`, each with file:line:column: trade shares over the whole, a sanctions lever with no
trade behind it, conditions that can never hold, an id typo in a variant, a variant that
keeps a stale explain text, a YAML indentation slip, and large per-party global effects."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SIXPARTY = str(Path(sys.executable).with_name("sixparty"))
WALK = (ROOT / "scenarios" / "walkthrough.yaml").read_text(encoding="utf-8")
MINI = (ROOT / "tests" / "fixtures" / "mini.yaml").read_text(encoding="utf-8")


def run(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the installed console script from the temp folder."""
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    return subprocess.run(
        [SIXPARTY, "scenario", *args],
        cwd=tmp,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def write(tmp: Path, name: str, text: str) -> str:
    (tmp / name).write_text(text, encoding="utf-8")
    return name


def line_of(text: str, needle: str) -> int:
    return next(i for i, x in enumerate(text.splitlines(), 1) if needle in x)


def swap(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def test_trade_shares_over_one_are_an_error(tmp_path: Path) -> None:
    text = swap(
        MINI,
        "trade_share: {gamma: 0.7, alpha: 0.1, rest: 0.2}",
        "trade_share: {gamma: 0.9, alpha: 0.1, rest: 0.2}",
    )
    name = write(tmp_path, "gas.yaml", text)
    r = run(tmp_path, "validate", name)
    assert r.returncode == 1, r.stdout
    line = line_of(text, "id: coal")
    assert f"gas.yaml:{line}:" in r.stderr
    assert "sanctions.sectors.0.trade_share: the shares of sector 'coal' add up to 1.20" in r.stderr
    assert "Traceback" not in r.stderr


def test_enforcer_without_a_share_is_linted_until_the_sector_names_its_enforcers(
    tmp_path: Path,
) -> None:
    # without exposure for enforcing below the UN level, alpha's oil lever does nothing
    text = swap(MINI, "  exposed: {credibility.self: -4}\n", "")
    name = write(tmp_path, "mini.yaml", text)
    r = run(tmp_path, "lint", name)
    assert r.returncode == 0, r.stderr
    lines = [x for x in r.stdout.splitlines() if "[sanctions-no-share]" in x]
    assert len(lines) == 1, r.stdout
    assert f"mini.yaml:{line_of(text, 'id: oil')}:" in lines[0]
    assert "'alpha' holds the sanctions lever for sector 'oil'" in lines[0]
    assert "enforcers: [gamma]" in lines[0]
    fixed = swap(text, "{id: oil, name: Oil,", "{id: oil, name: Oil, enforcers: [gamma],")
    name = write(tmp_path, "fixed.yaml", fixed)
    assert run(tmp_path, "validate", name).returncode == 0
    r = run(tmp_path, "lint", name)
    assert "[sanctions-no-share]" not in r.stdout
    # the sector's lever now belongs to gamma alone: a game plays to the end
    r = subprocess.run(
        [SIXPARTY, "simulate", "--scenario", name, "--bots", "random", "--seed", "3"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    # an enforcer a sector names must be one of the scenario's enforcers
    bad = swap(MINI, "{id: oil, name: Oil,", "{id: oil, name: Oil, enforcers: [beta],")
    r = run(tmp_path, "validate", write(tmp_path, "bad.yaml", bad))
    assert r.returncode == 1
    assert "'beta' is not one of sanctions.enforcers" in r.stderr


@pytest.mark.parametrize(
    ("when", "words"),
    [
        ("month >= 9", "month runs 1..3"),
        ("trade >= 155", "trade runs 0..100"),
        ("month > 1 and smuggling < -5", "smuggling runs 0..100"),
    ],
)
def test_conditions_that_can_never_hold_are_linted(tmp_path: Path, when: str, words: str) -> None:
    event = (
        "  - id: late_news\n    name: Late news\n"
        f'    when: "{when}"\n    news: Something late.\n    effects: {{tension: 3}}\n'
    )
    text = swap(WALK, "\n# Step 8", event + "\n# Step 8")
    name = write(tmp_path, "late.yaml", text)
    assert run(tmp_path, "validate", name).returncode == 0
    r = run(tmp_path, "lint", name)
    hits = [x for x in r.stdout.splitlines() if "late_news" in x]
    assert len(hits) == 1, r.stdout
    at = line_of(text, f'when: "{when}"')
    assert f"late.yaml:{at}:" in hits[0]
    assert "event 'late_news' can never fire" in hits[0] and words in hits[0]
    assert "[event-never-fires]" in hits[0]


def test_deadline_that_can_never_be_met_is_linted(tmp_path: Path) -> None:
    text = swap(WALK, "condition: deal.checks and deal.open", 'condition: "trade > 120"')
    r = run(tmp_path, "lint", write(tmp_path, "dl.yaml", text))
    assert "deadline 'opening_day' can never be met" in r.stdout
    assert f"dl.yaml:{line_of(text, 'trade > 120')}:" in r.stdout


def test_an_id_typo_in_a_variant_is_one_error_with_the_right_id(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", WALK)
    variant = "extends: base.yaml\nid: late_bridge\ndeadlines:\n  - id: opening_dya\n    month: 2\n"
    r = run(tmp_path, "validate", write(tmp_path, "v.yaml", variant))
    assert r.returncode == 1
    errors = [x for x in r.stderr.splitlines() if ": error" not in x and "error(s)" not in x]
    assert errors == [
        "v.yaml:4:5: deadlines.opening_dya: no deadline 'opening_dya' in the parent (did you "
        "mean 'opening_day'?); to add a new one, give name, explain, condition, met, missed"
    ], r.stderr


def test_a_variant_that_moves_a_deadline_but_keeps_its_explain_is_linted(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", WALK)
    variant = "extends: base.yaml\nid: early\ndeadlines:\n  - id: opening_day\n    month: 2\n"
    name = write(tmp_path, "v.yaml", variant)
    assert run(tmp_path, "validate", name).returncode == 0
    r = run(tmp_path, "lint", name)
    hits = [x for x in r.stdout.splitlines() if "[explain-inherited]" in x]
    assert len(hits) == 1, r.stdout
    assert hits[0].startswith("v.yaml:5:12: deadlines.0.month:")
    assert "changes the month of deadline 'opening_day'" in hits[0]
    # with its own explain, the warning goes away
    fixed = variant + "    explain: The bridge opens early, at the end of July.\n"
    r = run(tmp_path, "lint", write(tmp_path, "w.yaml", fixed))
    assert "[explain-inherited]" not in r.stdout


def test_yaml_indentation_error_gets_a_plain_sentence(tmp_path: Path) -> None:
    text = swap(
        WALK, "    name: Cross-border trade\n", "    name: Cross-border trade\n   explain: Goods.\n"
    )
    r = run(tmp_path, "validate", write(tmp_path, "indent.yaml", text))
    assert r.returncode == 1
    (first,) = [x for x in r.stderr.splitlines() if "YAML syntax error" in x]
    assert first.startswith("indent.yaml:")
    assert "in plain words" in first and "indented differently" in first


def test_large_per_party_global_effects_in_deals_are_linted(tmp_path: Path) -> None:
    text = swap(MINI, "made: {credibility.self: 1}", "made: {tension: -9, credibility.self: 1}")
    name = write(tmp_path, "deals.yaml", text)
    r = run(tmp_path, "lint", name)
    hits = [x for x in r.stdout.splitlines() if "[per-party-global]" in x]
    assert len(hits) == 1, r.stdout
    assert hits[0].startswith(f"deals.yaml:{line_of(text, 'made: {tension: -9')}:")
    assert (
        "applies once per party to each deal made: a deal among all 3 actors changes tension "
        "by -27 (a two-party deal by -18)" in hits[0]
    )
    # the summit's -3 (-6 a summit) is not flagged
    assert "summits" not in r.stdout


def test_the_library_stays_clean_of_the_new_warnings(tmp_path: Path) -> None:
    r = run(
        tmp_path,
        "lint",
        "korea-2019",
        "korea-2017",
        "six-party-2005",
        "walkthrough",
        "tutorial",
        "river-treaty",
    )
    new = ("[sanctions-no-share]", "[explain-inherited]", "[per-party-global]", "can never")
    flagged = [x for x in r.stdout.splitlines() if any(w in x for w in new)]
    assert flagged == [], flagged
