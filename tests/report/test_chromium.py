"""The debrief and the briefings open in a real browser (headless Chromium): screenshots are
written to the test's temporary folder (and copied to $SIXPARTY_SCREENS_DIR when it is set,
for a person to look at), and printing to PDF gives the
pages the print stylesheet asks for.

Skipped when Chromium is not installed, unless ``SIXPARTY_REQUIRE_CHROMIUM=1``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from game import Game
from game.report import briefing_html, debrief_html
from game.scenario.compile import Rules

CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser")


def _chromium() -> str | None:
    for name in CANDIDATES:
        found = shutil.which(name) if not name.startswith("/") else name
        if found and os.access(found, os.X_OK):
            return found
    return None


@pytest.fixture(scope="module")
def chromium() -> str:
    found = _chromium()
    if found is None:
        if os.environ.get("SIXPARTY_REQUIRE_CHROMIUM") == "1":
            pytest.fail("chromium is not installed but SIXPARTY_REQUIRE_CHROMIUM=1")
        pytest.skip("chromium is not installed")
    return found


def _run(chromium: str, tmp: Path, page: Path, *args: str) -> None:
    profile = tmp / "profile"
    profile.mkdir(exist_ok=True)
    cmd = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        *args,
        page.as_uri(),
    ]
    subprocess.run(cmd, check=True, capture_output=True, timeout=120)


def keep_for_people(shot: Path) -> None:
    """Copy a screenshot to $SIXPARTY_SCREENS_DIR when it is set (tests write only to
    temporary folders; a person who wants to look at the pictures names a folder)."""
    folder = os.environ.get("SIXPARTY_SCREENS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(folder) / shot.name)


def _screenshot(chromium: str, tmp: Path, html: str, name: str) -> Path:
    page = tmp / f"{name}.html"
    page.write_text(html, encoding="utf-8")
    shot = tmp / f"{name}.png"
    _run(chromium, tmp, page, f"--screenshot={shot}", "--window-size=1280,2000")
    keep_for_people(shot)
    return shot


def _check_png(path: Path) -> None:
    from PIL import Image

    assert path.stat().st_size > 30_000
    with Image.open(path) as im:
        assert im.size == (1280, 2000)
        small = im.convert("RGB").resize((128, 200))
        colours = small.getcolors(maxcolors=100_000) or []
        assert len(colours) > 50  # text, tables, colour chips: not a blank page
        white = (
            max(count for count, rgb in colours if rgb == (255, 255, 255))
            if any(rgb == (255, 255, 255) for _, rgb in colours)
            else 0
        )
        assert white < 0.97 * 128 * 200


def _pdf_pages(chromium: str, tmp: Path, html: str, name: str) -> int:
    page = tmp / f"{name}-print.html"
    page.write_text(html, encoding="utf-8")
    pdf = tmp / f"{name}.pdf"
    _run(chromium, tmp, page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    data = pdf.read_bytes()
    return len(re.findall(rb"/Type\s*/Page[^s]", data))


def _page_of(tmp: Path, name: str, text: str) -> int | None:
    """The first page (1-based) holding ``text`` of the PDF :func:`_pdf_pages` printed as
    ``name``, read with poppler's pdftotext; None when pdftotext is not installed."""
    tool = shutil.which("pdftotext")
    if tool is None:
        return None
    out = subprocess.run(
        [tool, "-layout", str(tmp / f"{name}.pdf"), "-"], capture_output=True, check=True
    ).stdout.decode()
    for number, page in enumerate(out.split("\f"), start=1):
        if text in page:
            return number
    return 0


def test_debrief_in_chromium(
    chromium: str, tmp_path: Path, korea_rules: Rules, bot_game: Game
) -> None:
    html = debrief_html(korea_rules, bot_game.seed, bot_game.log, scenario_ref="korea-2019")
    _check_png(_screenshot(chromium, tmp_path, html, "debrief"))
    # Printed as it opens (the appendix closed), a whole game's summary fits 4 A4 pages.
    summary = _pdf_pages(chromium, tmp_path, html, "debrief")
    assert 2 <= summary <= 4
    # With every part of the appendix opened, the appendix follows on the next page.
    opened = html.replace('<details class="part"', '<details open class="part"')
    assert _pdf_pages(chromium, tmp_path, opened, "debrief-open") > summary + 7
    first = _page_of(tmp_path, "debrief-open", "Month by month")  # the PDF just printed
    if first is not None:
        assert first == summary + 1


def test_briefing_in_chromium(chromium: str, tmp_path: Path, korea_rules: Rules) -> None:
    html = briefing_html(korea_rules)
    _check_png(_screenshot(chromium, tmp_path, html, "briefing"))
    # One team per printed page, exactly: a teacher cuts the pack per team.
    assert _pdf_pages(chromium, tmp_path, html, "briefing") == len(korea_rules.actor_ids)
