"""Screenshots of the debrief report for the docs: a whole Korea 2019 game, its report's
first printed page, the summary on screen, and the appendix with a part opened.

    .venv/bin/python scripts/report_screenshots.py            # writes docs/screenshots/report-*.png

Goes the way a teacher goes: ``sixparty simulate --save`` plays a whole game with the
persona bots (seed 3), ``sixparty report`` writes the HTML, headless Chromium prints it
to PDF (poppler's ``pdftoppm`` turns the first page into a PNG) and takes the on-screen
shots. Needs ``chromium`` (Debian: ``apt-get install chromium poppler-utils``).
Prints the page count of the summary as printed.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
BOTS = "hawk,dove,reciprocator,dove,hawk,reciprocator"


def _tool(*names: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    sys.exit(f"report_screenshots: none of {', '.join(names)} is installed")


def _sixparty() -> list[str]:
    """The installed console script beside this Python, else the one on PATH."""
    here = Path(sys.executable).with_name("sixparty")
    return [str(here)] if here.exists() else [_tool("sixparty")]


def _chromium(chromium: str, tmp: Path, page: Path, *args: str) -> None:
    profile = tmp / "profile"
    profile.mkdir(exist_ok=True)
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--hide-scrollbars",
            "--run-all-compositor-stages-before-draw",
            "--virtual-time-budget=5000",
            f"--user-data-dir={profile}",
            *args,
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )


def main(argv: list[str] | None = None) -> int:
    """Write docs/screenshots/report-*.png (or into ``--out``)."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", type=Path, default=OUT, help="folder for the PNGs")
    p.add_argument("--seed", type=int, default=3)
    args = p.parse_args(argv)
    chromium = _tool("chromium", "chromium-browser")
    pdftoppm = _tool("pdftoppm")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        game = tmp / "class.json"
        run = [*_sixparty(), "simulate", "--scenario", "korea-2019", "--seed", str(args.seed)]
        subprocess.run([*run, "--bots", BOTS, "--save", str(game)], check=True, capture_output=True)
        subprocess.run(
            [*_sixparty(), "report", str(game), "--out", str(tmp)], check=True, capture_output=True
        )
        html = next(tmp.glob("*-debrief.html"))
        pdf = tmp / "report.pdf"
        _chromium(chromium, tmp, html, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
        subprocess.run(
            [
                pdftoppm,
                "-png",
                "-r",
                "110",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(args.out / "report-print-page-1"),
            ],
            check=True,
        )
        _chromium(
            chromium,
            tmp,
            html,
            f"--screenshot={args.out / 'report-screen.png'}",
            "--window-size=1280,1600",
        )
        # The appendix on screen, its charts part opened (the page from the appendix on).
        text = html.read_text(encoding="utf-8")
        text = text.replace(
            '<details class="part" id="charts"', '<details open class="part" id="charts"'
        )
        summary = text[
            text.index('<section class="page summary"') : text.index('<section class="appendix"')
        ]
        appendix = tmp / "appendix.html"
        appendix.write_text(text.replace(summary, ""), encoding="utf-8")
        _chromium(
            chromium,
            tmp,
            appendix,
            f"--screenshot={args.out / 'report-appendix.png'}",
            "--window-size=1280,1600",
        )
    print(
        f"summary as printed: {pages} A4 pages; wrote report-print-page-1.png, "
        f"report-screen.png, report-appendix.png in {args.out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
