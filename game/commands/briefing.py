"""``sixparty briefing``: write the printable briefing pages (one team per page)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from game.errors import SixPartyError


def register(sub: Any) -> None:
    """Add the ``briefing`` subcommand."""
    p = sub.add_parser(
        "briefing",
        help="write the printable briefings: public and secret briefing, objectives, calendar",
        description=(
            "Write each team's briefing as a printable HTML page (one team per A4 page): "
            "its public and secret briefing, objectives and secret objectives with their "
            "weights, what it controls, the deadlines and the calendar."
        ),
    )
    p.add_argument(
        "--scenario", default="korea-2019", help="scenario name or path (default korea-2019)"
    )
    p.add_argument("--country", metavar="ID", help="one team only (default: every team)")
    p.add_argument(
        "--out",
        metavar="FILE",
        help="where to write (default: briefing.html, or briefing-ID.html for one team)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Write the briefing pages and print the path."""
    from game.report.briefing import briefing_html
    from game.scenario.loader import load_scenario

    rules = load_scenario(args.scenario)
    text = briefing_html(rules, args.country)
    out = Path(args.out or (f"briefing-{args.country}.html" if args.country else "briefing.html"))
    try:
        if out.parent != Path("."):
            out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise SixPartyError(f"--out {out}: cannot write: {exc}") from None
    print(out)
    return 0
