"""The debrief as a teacher sees it, laid out by headless Chromium (Playwright): no chart
label cut, nothing wider than the page, the appendix's parts closed until a click opens
them and left out of print while closed, and the summary within four printed A4 pages.

Skipped when Chromium is not installed, unless ``SIXPARTY_REQUIRE_CHROMIUM=1``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from game import Game
from game.report import debrief_html
from game.scenario.compile import Rules

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]

# Every text of every chart that is drawn: its box must lie inside its chart's box (a
# label cut by the chart's edge, as 'Maritime interdicti…' was, sticks out of it).
CUT_LABELS = """() => {
  const bad = [];
  for (const svg of document.querySelectorAll('svg.chart')) {
    const box = svg.getBoundingClientRect();
    if (!box.width) continue;
    for (const t of svg.querySelectorAll('text')) {
      const r = t.getBoundingClientRect();
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5 ||
          r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5)
        bad.push(svg.getAttribute('aria-label') + ': ' + t.textContent);
    }
  }
  return bad;
}"""

# Elements wider than the page, or whose own text runs past their box.
OVERFLOW = """() => {
  const W = document.documentElement.clientWidth, bad = [];
  for (const el of document.querySelectorAll('main *')) {
    if (el.closest('svg')) continue;
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height) continue;
    if (r.right > W + 1) bad.push('past the page: ' + el.tagName + ' ' + el.textContent.slice(0, 60));
    else if (['TD', 'TH', 'LI', 'FIGCAPTION', 'H2', 'H3'].includes(el.tagName) &&
             el.scrollWidth > el.clientWidth + 1)
      bad.push('cut: ' + el.tagName + ' ' + el.textContent.slice(0, 60));
  }
  return bad;
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not os.access(CHROMIUM, os.X_OK):
        if os.environ.get("SIXPARTY_REQUIRE_CHROMIUM") == "1":
            pytest.fail("chromium is not installed but SIXPARTY_REQUIRE_CHROMIUM=1")
        pytest.skip("chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory, korea_rules: Rules, bot_game: Game) -> Path:
    """A whole Korea 2019 game's debrief, as ``sixparty report`` writes it."""
    page = tmp_path_factory.mktemp("debrief") / "debrief.html"
    html = debrief_html(korea_rules, bot_game.seed, bot_game.log, scenario_ref="korea-2019")
    page.write_text(html, encoding="utf-8")
    return page


@pytest.mark.parametrize("width", [1280, 1024])
def test_no_label_is_cut_and_nothing_leaves_the_page(
    browser: Any, report: Path, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(report.as_uri())
        for part in page.locator("details.part > summary").all():
            part.click()  # open every part of the appendix, as a teacher would
        assert page.locator("details.part:not([open])").count() == 0
        charts = page.locator("svg.chart")
        assert charts.count() >= 8
        assert page.evaluate(CUT_LABELS) == []
        assert page.evaluate(OVERFLOW) == []
    finally:
        page.close()


def test_the_appendix_opens_on_a_click_and_prints_only_when_open(
    browser: Any, report: Path, tmp_path: Path
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(report.as_uri())
        charts = page.locator("details#charts")
        assert charts.get_attribute("open") is None
        assert not page.locator("#chart-tension").is_visible()
        page.locator("details#charts > summary").click()
        assert page.locator("#chart-tension").is_visible()
        page.emulate_media(media="print")
        # printed: the opened part is there, the closed ones are left out entirely
        assert page.locator("details#charts").is_visible()
        assert not page.locator("details#knowledge").is_visible()
        assert page.locator("section.summary").is_visible()
        closed = tmp_path / "closed.pdf"
        page.locator("details#charts > summary").click()
        page.pdf(path=str(closed), format="A4")
        pages = closed.read_bytes().count(b"/Type /Page\n") or _pages(closed)
        assert 2 <= pages <= 4, pages
    finally:
        page.close()


def _pages(pdf: Path) -> int:
    import re

    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
