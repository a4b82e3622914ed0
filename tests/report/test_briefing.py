"""Printable briefings: every team's public and secret briefing, objectives with weights,
deadlines and calendar, one team per page."""

from __future__ import annotations

import copy
import re

import pytest
from markupsafe import escape

from game import load_scenario
from game.errors import SixPartyError
from game.report import briefing_html
from game.report.briefing import calendar, shares
from game.scenario.compile import Rules
from game.scenario.loader import SCENARIO_DIR


def _page(html: str, actor: str) -> str:
    start = html.index(f'id="team-{actor}"')
    end = html.find('<section class="page team"', start)
    return html[start : end if end > 0 else len(html)]


def test_every_team_gets_its_own_page(korea_rules: Rules) -> None:
    html = briefing_html(korea_rules)
    assert html.count('<section class="page team"') == len(korea_rules.actor_ids)
    for a in korea_rules.actor_ids:
        page = _page(html, a)
        actor = korea_rules.actors[a]
        assert escape(actor.briefing.secret) in page
        assert escape(actor.briefing.public) in page
        for o in korea_rules.model.objectives[a]:
            assert escape(o.name) in page
            assert f'<td class="num">{o.weight:g}</td>' in page
        for o in korea_rules.model.secret_objectives.get(a, []):
            assert escape(o.name) in page
        for other in korea_rules.actor_ids:
            if other != a:
                assert escape(korea_rules.actors[other].briefing.secret) not in page
    assert "break-before: page" in html and "@media print" in html


def test_one_team_only(korea_rules: Rules) -> None:
    html = briefing_html(korea_rules, "dprk")
    assert escape(korea_rules.actors["dprk"].briefing.secret) in html
    for a in korea_rules.actor_ids:
        if a != "dprk":
            assert escape(korea_rules.actors[a].briefing.secret) not in html
    with pytest.raises(SixPartyError, match="did you mean 'dprk'"):
        briefing_html(korea_rules, "dprkk")


def test_deadlines_and_calendar(korea_rules: Rules) -> None:
    page = _page(briefing_html(korea_rules), "us")
    for d in korea_rules.deadlines:
        assert escape(d.explain) in page
    cal = calendar(korea_rules)
    for m in cal:
        assert (f"<strong>{m['label']}</strong>" in page) == bool(m["events"] or m["deadlines"])
    december = cal[-1]
    assert len(december["deadlines"]) == 2
    # Only certain, public, scheduled events: the DMZ meeting depends on trust, not listed.
    june = cal[2]
    assert "G20 summit in Osaka" in june["events"]
    assert "Trump and Kim meet at the DMZ" not in june["events"]


def test_another_scenario(mini_rules: Rules) -> None:
    html = briefing_html(mini_rules)
    assert html.count('<section class="page team"') == 3
    assert "Beta wants relief." in html
    assert "Year-end cutoff" in html


def test_every_shipped_scenario_briefs() -> None:
    for path in sorted(SCENARIO_DIR.glob("*.yaml")):
        rules = load_scenario(path)
        html = briefing_html(rules)
        assert html.count('<section class="page team"') == len(rules.actor_ids)


def test_objective_shares_add_up_to_100_with_the_secret_one(korea_rules: Rules) -> None:
    html = briefing_html(korea_rules)
    for a in korea_rules.actor_ids:
        page = _page(html, a)
        table = re.search(r'<table class="objectives">(.*?)</table>', page, flags=re.S)
        assert table is not None
        parts = [int(x) for x in re.findall(r'<td class="num">(\d+)%</td>', table.group(1))]
        assert sum(parts) == 100, (a, parts)
        assert "(the shares add up to 100%)" in page
        # One row per public objective and one for the dealt secret objective.
        assert len(parts) == len(korea_rules.model.objectives[a]) + 1
        assert "Your secret objective" in page
        weights = [o.weight for o in korea_rules.model.objectives[a]]
        secret = max(o.weight for o in korea_rules.model.secret_objectives[a])
        assert parts == shares([*weights, secret])
    # The US's public shares rounded one by one gave 99% (27+27+18+9+9+9); these give 100.
    assert sum(round(100 * w / 11) for w in (3, 3, 2, 1, 1, 1)) == 99
    assert sum(shares([3, 3, 2, 1, 1, 1])) == 100
    assert shares([3, 3, 2, 1, 1, 1, 2]) == [23, 23, 15, 8, 8, 8, 15]


def test_briefing_escapes_scenario_text(korea_rules: Rules) -> None:
    rules = copy.deepcopy(korea_rules)
    rules.actors["us"].briefing.public = "<img src=x onerror=alert(1)> & more"
    page = _page(briefing_html(rules), "us")
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt; &amp; more" in page
