"""The HTML debrief: self-contained, a summary first and the full record in a collapsible
appendix, every section present with the game's real content, rendered from templates
that escape what players typed."""

from __future__ import annotations

import copy
import math
import re
from html import escape, unescape
from html.parser import HTMLParser
from typing import Any

import pytest

from game import Game
from game.bots import make_bot
from game.bots.runner import play_game
from game.report import debrief_data, debrief_html, render_debrief
from game.report.render import SECTIONS
from game.scenario.compile import Rules


@pytest.fixture(scope="module")
def html(korea_rules: Rules, classroom: Game) -> str:
    return debrief_html(
        korea_rules, classroom.seed, classroom.log, scenario_ref="korea-2019", title="Class 9B"
    )


@pytest.fixture(scope="module")
def bot_html(bot_data: dict[str, Any]) -> str:
    return render_debrief(bot_data)


def _section(html: str, sid: str) -> str:
    """The markup of one part: the summary, or one of the appendix's <details>."""
    start = html.index(f'id="{sid}"')
    ends = [i for i in (html.find("<details", start), html.find("</details>", start)) if i > 0]
    return html[start : min(ends) if ends else len(html)]


def _text(markup: str) -> str:
    """Markup as plain text (tags dropped, entities decoded, spaces collapsed)."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", markup)))


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
    # The only URLs are SVG's namespaces, which are names, not downloads.
    urls = set(re.findall(r"https?://[^\"' )]+", html))
    assert urls <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}
    assert checker.tags.count("svg") >= 5


def test_print_stylesheet_for_a4(html: str) -> None:
    assert "@media print" in html
    assert re.search(r"@page\s*\{\s*size:\s*A4", html)
    # A closed appendix part is left out of print; the appendix starts a new page.
    assert re.search(r"details\.part:not\(\[open\]\)\s*\{\s*display:\s*none", html)
    assert "break-before: page" in html


def test_summary_first_then_a_collapsible_appendix(html: str) -> None:
    assert "<title>Class 9B</title>" in html
    summary = html.index('id="summary"')
    appendix = html.index('id="appendix"')
    assert summary < appendix
    for key in ("scores", "year", "turning-points", "the-deals"):
        assert summary < html.index(f'id="{key}"') < appendix
    parts = re.findall(r'<details class="part" id="([a-z]+)"><summary><h2>([^<]+)</h2>', html)
    assert [(sid, unescape(name)) for sid, name in parts] == list(SECTIONS)
    assert "<details open" not in html  # collapsed on screen until a teacher opens one


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
    assert f'<span class="true">{true:g}</span>' in us
    assert "North Korean economy" in us
    assert "Private intelligence received" in knowledge
    # The engine's ranges hold the truth, and the page says so rather than flagging.
    assert 'class="outside"' not in knowledge
    assert "The truth lay inside every range this team saw." in us


def test_knowledge_flags_a_truth_outside_the_range(bot_data: dict[str, Any]) -> None:
    data = copy.deepcopy(bot_data)
    row = next(k for k in data["knowledge"] if k["actor"] == "japan" and k["month"] == 3)
    est = next(x for x in row["estimates"] if x["key"] == "nuclear")
    est["true"] = est["high"] + 4.0
    knowledge = _section(render_debrief(data), "knowledge")
    japan = knowledge[knowledge.index('id="knows-japan"') : knowledge.index('id="knows-rok"')]
    flagged = re.findall(r'<td class="outside">([^<]+)<br><span class="true">([^<]+)</span>', japan)
    assert flagged == [(f"{est['low']:g}–{est['high']:g}", f"{round(est['true'], 1):g}")]
    others = next(x for x in row["estimates"] if x["key"] == "economy")
    assert f"<td>{math.floor(others['low'])}–{math.ceil(others['high'])}<br>" in japan
    assert japan.count("✗ outside") == 1 and "1 range missed the truth." in japan
    assert "✗ outside" not in knowledge.replace(japan, "").split("</p>", 1)[1]


def test_deals_are_named_by_parties_and_content(html: str, texts: dict[str, str]) -> None:
    deals = _section(html, "deals")
    name = "US–DPRK: DPRK freeze (nuclear programme) with inspections, April"
    assert escape(name) in deals
    assert escape(texts["deal"]) in deals
    assert "✗ broken" in deals and "✓ kept" in deals
    assert "vetoed" in deals
    summary = _text(_section(html, "summary"))
    assert name in summary and "broken" in summary
    assert not re.search(r"\b[Aa]greement \d", _text(html))


def test_an_untitled_broken_deal_is_named_in_the_breach_news(korea_rules: Rules) -> None:
    g = Game(korea_rules, seed=5)
    g.apply(
        {
            "type": "propose",
            "actor": "us",
            "to": ["dprk"],
            "commitments": [
                {"actor": "dprk", "lever": "nuclear_programme", "option": "freeze", "months": 3},
                {"actor": "us", "lever": "exercises", "option": "suspended", "months": 3},
            ],
            "inspections": True,
        }
    )
    g.apply({"type": "respond", "actor": "dprk", "proposal": g.open_ids[-1], "accept": True})
    g.advance()
    g.apply({"type": "orders", "actor": "dprk", "levers": {"nuclear_programme": "freeze"}})
    g.advance()
    g.advance()
    g.apply({"type": "orders", "actor": "dprk", "levers": {"nuclear_programme": "continue"}})
    g.advance()
    breaches = [n for n in g.news if n["kind"] == "breach" and n.get("agreement")]
    assert breaches and "agreement " in breaches[0]["text"]  # the engine's bare number
    out = _text(debrief_html(korea_rules, 5, g.log))
    name = "US–DPRK: DPRK freeze (nuclear programme) for US suspended (joint military exercises)"
    assert f"caught breaking its commitment under '{name} with inspections, April'" in out
    assert not re.search(r"\b[Aa]greement \d", out)


def test_a_game_in_play_shows_scores_so_far(korea_rules: Rules, classroom: Game) -> None:
    in_play = classroom.log[:-1]  # everything but the facilitator's end
    out = debrief_html(korea_rules, classroom.seed, in_play)
    assert "Final scores" not in out
    assert "Scores so far, June 2019" in out
    assert "in play" in _text(_section(out, "summary"))
    fresh = debrief_html(korea_rules, 2, [])
    assert "Final scores" not in fresh and "Scores so far, before the first month" in fresh


def test_summary_scores_against_the_record(bot_html: str, korea_rules: Rules) -> None:
    record = play_game(
        korea_rules, 3, {a: make_bot("historical", a, 3) for a in korea_rules.actor_ids}
    ).game.outcome()
    assert record is not None
    summary = _section(bot_html, "summary")
    assert "Final scores" in summary
    rows = re.findall(r"<tr><td class=\"num\">\d</td><td>(.*?)</tr>", summary, flags=re.S)
    assert len(rows) == len(korea_rules.actor_ids)
    for row in rows:
        actor = next(a for a in korea_rules.actor_ids if korea_rules.actors[a].name in row)
        assert f">{record['scores'][actor]:.1f}</td>" in row
    turning = re.search(r'<ol class="turning">(.*?)</ol>', summary, flags=re.S)
    assert turning is not None and 2 <= turning.group(1).count("<li>") <= 3
    months = re.search(r'<table class="digest">(.*?)</table>', summary, flags=re.S)
    assert months is not None and months.group(1).count("<tr>") == 1 + korea_rules.turns


def test_charts_name_the_rungs_and_use_actor_colours(html: str, korea_rules: Rules) -> None:
    charts = _section(html, "charts")
    for _start, _rid, name in korea_rules.rungs:
        assert re.search(rf"<text [^>]*>{re.escape(name)}</text>", charts)
    for a in korea_rules.actor_ids:
        assert korea_rules.actors[a].colour.lower() in charts.lower()
    assert "Sanctions pressure" in charts and "Scores over time" in charts


def test_charts_one_unit_and_at_most_four_lines(
    bot_data: dict[str, Any], bot_html: str, korea_rules: Rules
) -> None:
    colours = {korea_rules.actors[a].colour.lower() for a in korea_rules.actor_ids}
    names = {korea_rules.actors[a].name for a in korea_rules.actor_ids}
    by_key = {v["key"]: v for v in bot_data["series"]["variables"]}
    for chart in bot_data["charts"]:
        lines = chart["lines"]
        assert 1 <= len(lines) <= 4, chart["id"]
        ranges = {
            (by_key[x["key"]]["min"], by_key[x["key"]]["max"]) for x in lines if x["key"] in by_key
        }
        assert len(ranges) <= 1, chart["id"]  # one unit per axis
        for line in lines:
            is_country = line["name"] in names
            assert (line["colour"].lower() in colours) == is_country, (chart["id"], line["name"])
        figure = bot_html[bot_html.index(f'id="chart-{chart["id"]}"') :]
        figure = figure[: figure.index("</figure>")]
        assert re.search(rf"<text [^>]*>{re.escape(chart['unit'])}</text>", figure)
        if len(lines) == 1 and chart["bands"]:
            continue  # the tension track: named by its caption, its rungs on the bands
        legend = re.findall(r"</svg> ([^<]+)</li>", figure)  # the HTML legend under the chart
        # Every line named in full (no cut labels), with its last value.
        assert [unescape(x) for x in legend] == [
            f"{x['name']} ({round(x['values'][-1], 1):g})" for x in lines
        ]
    dprk = [c for c in bot_data["charts"] if c["id"].startswith("indicators-dprk")]
    workers = [c for c in dprk if any("workers" in x["key"] for x in c["lines"])]
    assert len(workers) == 1 and workers[0]["max"] == 120 and len(workers[0]["lines"]) == 1
    assert all(c["max"] == 100 for c in dprk if c not in workers)


def test_objectives_and_history(html: str, korea_rules: Rules) -> None:
    objectives = _text(_section(html, "objectives"))
    for objs in korea_rules.objectives.values():
        for o in objs:
            assert o.name in objectives
    assert "tag secret" in _section(html, "objectives")
    history = _text(_section(html, "history"))
    assert korea_rules.model.history[0].text in history
    assert "The class did not play this month." in history


def test_text_from_players_is_escaped(korea_rules: Rules) -> None:
    g = Game(korea_rules, 1)
    g.apply({"type": "message", "actor": "us", "to": [], "text": "<script>alert(1)</script>"})
    g.apply(
        {"type": "propose", "actor": "us", "to": ["china"], "talks": True, "text": "<b>&deal</b>"}
    )
    out = debrief_html(korea_rules, 1, g.log)
    assert "<script>" not in out and "<b>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "&lt;b&gt;&amp;deal&lt;/b&gt;" in _section(out, "deals")


def test_a_seat_report_keeps_its_audience(korea_rules: Rules, classroom: Game) -> None:
    data = debrief_data(korea_rules, classroom.seed, classroom.log, viewer="japan")
    out = render_debrief(data)
    assert 'data-scope="seat"' in out and "One seat&#39;s view" in out
    assert "Between us" not in out  # North Korea's private message to China
    assert len(re.findall(r"<tr><td class=\"num\">\d</td>", _section(out, "summary"))) == 6


def test_summary_scores_against_par(bot_html: str, korea_rules: Rules, bot_game: Game) -> None:
    from game.engine.scoring import on_par_scale

    outcome = bot_game.outcome()
    assert outcome is not None and korea_rules.par
    summary = _section(bot_html, "summary")
    assert '<th class="num">Par</th>' in summary and "On the par scale" in summary
    for actor, par in korea_rules.par.items():
        name = korea_rules.actors[actor].name
        row = next(r for r in summary.split("<tr>") if f"</span>{name}</td>" in r)
        scaled = on_par_scale(outcome["scores"][actor], par)
        assert f">{par:.1f}</td>" in row and f">{scaled:.1f}</td>" in row
        assert re.search(r"<td>(beat history|matched history|fell short of history)</td>", row)


def test_deals_of_talks_moratoria_and_votes_are_named_in_few_words(korea_rules: Rules) -> None:
    """Turning up at the talks a deal sets is not repeated as a term ('DPRK–ROK: talks'),
    a moratorium names the first test it rules out, a Security Council term its vote."""
    g = Game(korea_rules, seed=5)
    deals = [
        ("rok", ["dprk"], [{"kind": "attend", "actor": "dprk"}, {"kind": "attend", "actor": "rok"}]),
        (
            "us",
            ["dprk"],
            [
                {"kind": "signals", "actor": "dprk", "rung": 5},
                {"actor": "us", "lever": "exercises", "option": "suspended"},
            ],
        ),
        (
            "russia",
            ["dprk"],
            [
                {"kind": "unsc", "actor": "russia", "direction": "relax", "vote": "yes",
                 "sector": "coal_minerals"},
                {"kind": "signals", "actor": "dprk", "signals": ["nuclear_test"]},
            ],
        ),
    ]  # fmt: skip
    for proposer, to, terms in deals:
        talks = all(t.get("kind") == "attend" for t in terms)
        g.apply(
            {"type": "propose", "actor": proposer, "to": to, "commitments": terms, "talks": talks}
        )
        g.apply({"type": "respond", "actor": to[0], "proposal": g.open_ids[-1], "accept": True})
    g.advance()
    g.advance()  # April resolved: the summary's first month row
    out = debrief_html(korea_rules, 5, g.log)
    summary = _text(_section(out, "summary"))
    assert "Deal: DPRK–ROK: talks;" in summary
    assert (
        "Deal: US–DPRK: DPRK moratorium (no ICBM test or higher) for US suspended "
        "(joint military exercises)" in summary
    )
    assert (
        "DPRK–Russia: Russia yes on drafts to relax (coal and minerals) for DPRK moratorium "
        "(no nuclear test)" in summary
    )
    assert "attend the talks the deal sets" not in summary and "(a moratorium)" not in summary
    assert "DPRK–ROK: talks, April" in _text(_section(out, "deals"))
