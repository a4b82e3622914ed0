"""An objective scored the same at the end of every game (Eastia's little smuggling in
a variant of the walk-through: the personas always drive smuggling to 0 and the score sits
at its clamp) gets knobs like any other missed figure, measured as the spread of its end
score; the knob named, turned by hand, makes the objective move. The verdict also names
the one knob that brings the most missed figures inside at once.

In the variant a closed border trims smuggling a little (-1), so the hawk keeps it closed
while the dove and the reciprocator open it with checks (-2): the games differ in how fast
smuggling falls, but Westia's customs data (-4 a month) takes it to 0 in every one of
them. (With the walk-through's closed border, which does nothing to smuggling, every
persona now opens with checks and every game plays alike: no number can make the end
score differ between games, and the tool rightly names no knob.)"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

SIXPARTY = str(Path(sys.executable).with_name("sixparty"))
PERSONAS = ["--bots", "hawk,dove,reciprocator", "--probe-games", "0"]
TUNED = """extends: walkthrough
id: walkthrough_tuned
name: The Border Bridge, tuned
objectives:
  eastia:
    - id: low_smuggling
      weight: 1
deadlines:
  - id: opening_day
    explain: The bridge opens at the end of August. Is trade flowing over it by then?
    condition: "trade >= 22.5"
levers:
  - id: border
    options:
      - {id: closed, effects: {tension: 2, trade: -2, smuggling: -1}}
"""


def balance(tmp: Path, name: str, text: str, *args: str) -> dict[str, Any]:
    (tmp / name).write_text(text, encoding="utf-8")
    r = subprocess.run(
        [SIXPARTY, "scenario", "balance", name, "--games", "6", *PERSONAS, *args, "--json"],
        cwd=tmp,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    data: dict[str, Any] = json.loads(r.stdout)
    return data


def stuck(data: dict[str, Any]) -> dict[str, Any] | None:
    for f in data["verdict"]:
        if f["check"] == "objective-never-moves" and f["subject"] == "eastia: low_smuggling":
            return f  # type: ignore[no-any-return]
    return None


def test_a_stuck_objective_gets_a_knob_that_really_moves_it(tmp_path: Path) -> None:
    data = balance(tmp_path, "tuned.yaml", TUNED, "--knob-games", "6")
    f = stuck(data)
    assert f is not None and not f["ok"] and f["value"] == 1.0, data["verdict"]
    assert f["knobs"], f
    knob = next(k for k in f["knobs"] if k["path"].startswith("levers.customs"))
    assert knob["path"] == "levers.customs.options.cooperate.effects.smuggling", f["knobs"]
    assert knob["figure_before"] == 0 and knob["figure_after"] > 0 and knob["inside"], knob
    # the author turns it in the variant and the objective moves on the same seeds
    turned = TUNED.replace(
        "levers:\n",
        "levers:\n  - id: customs\n    options:\n"
        f"      - {{id: cooperate, effects: {{smuggling: {knob['to']:g}, tension: -2}}}}\n",
    )
    assert turned.count("id: customs") == 1, turned
    after = balance(tmp_path, "turned.yaml", turned, "--knobs", "0")
    assert stuck(after) is None, after["verdict"]
    # the one knob for the most at once is a knob the search tried, with what it fixes
    (one,) = data["one_knob"]
    assert one["fixed"] and len(one["fixed"]) > len(one["broken"]), one
