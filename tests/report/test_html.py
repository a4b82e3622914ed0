"""The HTML debrief: self-contained, every section present, with the game's real content."""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

import pytest

from game import Game
from game.report import debrief_html
from game.report.render import SECTIONS
from game.scenario.compile import Rules


@pytest.fixture(scope="module")
def html(korea_rules: Rules, classroom: Game) -> str:
    return debrief_html(
        korea_rules, classroom.seed, classroom.log, scenario_ref="korea-2019", title="Class 9B"
    )


def _section(html: str, sid: str) -> str:
    start = html.index(f'id="{sid}"')
    end = html.find('<section class="page', start)
    return html[start : end if end > 0 else len(html)]


class _Checker(HTMLParser):
    """Collects tags and the references a document makes to other files."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href") and value and not value.startswith("#"):
                self.refs.append(value)


def test_self_contained(html: str) -> None:
    checker = _Checker()
    checker.feed(html)
    assert checker.refs == []  # no images, scripts, stylesheets or links to load
    assert "script" not in checker.tags and "link" not in checker.tags
    # The only URL is the SVG namespace, which is a name, not a download.
    urls = set(re.findall(r"https?://[^\"' )]+", html))
    assert urls == {"http://www.w3.org/2000/svg"}
    assert checker.tags.count("svg") >= 5


def test_print_stylesheet_for_a4(html: str) -> None:
    assert "@media print" in html
    assert re.search(r"@page\s*\{\s*size:\s*A4", html)
    assert "break-before: page" in html


def test_title_and_every_section(html: str) -> None:
    assert "<title>Class 9B</title>" in html
    for sid, name in SECTIONS:
        assert f'id="{sid}"' in html
        assert escape(name) in html or name in html


def test_timeline_marks_the_facilitator(html: str, texts: dict[str, str]) -> None:
    timeline = _section(html, "timeline")
    assert escape(texts["announce"]) in timeline
    announce_line = timeline[: timeline.index(escape(texts["announce"]))].rsplit("<li", 1)[1]
    assert "tag facilitator" in announce_line
    assert "Controls: Paused the game" in timeline
    assert "Short-range missile test" in timeline


def test_the_archive_shows_private_messages(html: str, texts: dict[str, str]) -> None:
    archive = _section(html, "messages")
    for key in ("public", "private", "group", "reply"):
        assert escape(texts[key]) in archive
    assert "private</span>" in archive and "group</span>" in archive


def test_knowledge_shows_the_true_values(html: str, classroom: Game) -> None:
    knowledge = _section(html, "knowledge")
    us = knowledge[knowledge.index('id="knows-us"') : knowledge.index('id="knows-dprk"')]
    true = round(classroom.snapshots[2]["economy"], 1)
    assert f"<span class='true'>{true:g}</span>" in us
    assert "North Korean economy" in us
    assert "Private intelligence received" in knowledge


def test_deals_show_the_broken_agreement(html: str, texts: dict[str, str]) -> None:
    deals = _section(html, "deals")
    assert escape(texts["deal"]) in deals
    assert "✗ broken" in deals and "✓ kept" in deals
    assert "vetoed" in deals


def test_charts_name_the_rungs_and_use_actor_colours(html: str, korea_rules: Rules) -> None:
    charts = _section(html, "charts")
    for _start, _rid, name in korea_rules.rungs:
        assert f">{name}</text>" in charts
    for a in korea_rules.actor_ids:
        assert korea_rules.actors[a].colour in charts
    assert "Sanctions pressure" in charts and "Scores over time" in charts


def test_objectives_and_history(html: str, korea_rules: Rules) -> None:
    objectives = _section(html, "objectives")
    for objs in korea_rules.objectives.values():
        for o in objs:
            assert escape(o.name) in objectives
    assert "tag secret" in objectives
    history = _section(html, "history")
    assert escape(korea_rules.model.history[0].text) in history
    assert "The class did not play this month." in history


def test_text_from_players_is_escaped(korea_rules: Rules) -> None:
    g = Game(korea_rules, 1)
    g.apply({"type": "message", "actor": "us", "to": [], "text": "<script>alert(1)</script>"})
    out = debrief_html(korea_rules, 1, g.log)
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
