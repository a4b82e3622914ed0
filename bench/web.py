"""The browser seat's weight and time to interactive, on the loopback.

    python bench/web.py [--repeat 5] [--scenario korea-2019]

Starts a server (in this process, port 0) with a room whose other seats are bots, and
drives Debian's Chromium (/usr/bin/chromium) through Playwright, each run in a fresh
browser context (empty cache):

- first load: the student opens /join/CODE, picks a team, and the game is drawn with the
  map. Prints every byte the page received (response bodies, uncompressed: the server
  sends no compression) and the time from navigation to the seat buttons, and to the
  drawn game after the click;
- returning student: the seat token is in the browser; time from navigation to the drawn
  game (``body[data-ready]``) with the view from the server.

Targets (issue 20): first load at most 1 MB in all, interactive within 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

# bench/server.py would shadow the server package: this folder is not on the path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

from server.embed import serve_in_thread  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARGS += ["--disable-component-update", "--disable-sync", "--no-first-run"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="page loads to time (5)")
    parser.add_argument(
        "--scenario", default="korea-2019", help="scenario name or path (korea-2019)"
    )
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from game.scenario.loader import load_scenario

    seats = load_scenario(args.scenario).actor_ids
    handle = serve_in_thread(db=":memory:")
    base = f"http://127.0.0.1:{handle.port}"
    lobby, game, back, weights = [], [], [], []
    lobby_wall: list[float] = []
    back_wall: list[float] = []
    files: dict[str, int] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for _ in range(args.repeat):
                room = handle.create_room(
                    scenario=args.scenario, bots={a: "historical" for a in seats[1:]}
                )
                ctx = browser.new_context(viewport={"width": 1366, "height": 768})
                page = ctx.new_page()
                got: list[tuple[str, int]] = []
                page.on(
                    "requestfinished",
                    lambda r, got=got: got.append((r.url, r.sizes()["responseBodySize"])),
                )
                t0 = time.perf_counter()
                page.goto(f"{base}/join/{room.code}")
                page.wait_for_selector(f"#seat-{seats[0]}")
                lobby_wall.append(time.perf_counter() - t0)
                lobby.append(_at(page, "lobbyAt"))
                t1 = time.perf_counter()
                page.click(f"#seat-{seats[0]}")
                page.wait_for_selector("body[data-ready='1']")
                game.append(time.perf_counter() - t1)
                page.wait_for_selector("#map svg", timeout=5000) if _has_map(page) else None
                weights.append(sum(size for _, size in got))
                for url, size in got:
                    files[url.replace(base, "")] = size
                page.close()
                again = ctx.new_page()
                t2 = time.perf_counter()
                again.goto(f"{base}/join/{room.code}")
                again.wait_for_selector("body[data-ready='1']")
                back_wall.append(time.perf_counter() - t2)
                back.append(_at(again, "readyAt"))
                ctx.close()
            browser.close()
    finally:
        handle.stop()
    for path, size in sorted(files.items()):
        print(f"  {path:<40} {size:>8} bytes")
    print(
        f"first load, in all:               {max(weights):>8} bytes ({max(weights) / 1e6:.3f} MB)"
    )
    print("time to interactive, on the page's clock from navigation start:")
    for label, runs in (
        ("  teams shown, seat buttons live", lobby),
        ("  returning student: game drawn", back),
    ):
        print(
            f"{label:<34} median {statistics.median(runs) * 1000:6.0f} ms, "
            f"worst {max(runs) * 1000:6.0f} ms ({len(runs)} runs)"
        )
    print("wall clock as Playwright sees it (adds its own round trips):")
    for label, runs in (
        ("  teams shown (goto + wait)", lobby_wall),
        ("  game drawn after the click", game),
        ("  returning student (goto + wait)", back_wall),
    ):
        print(
            f"{label:<34} median {statistics.median(runs) * 1000:6.0f} ms, "
            f"worst {max(runs) * 1000:6.0f} ms ({len(runs)} runs)"
        )


def _at(page: Any, key: str) -> float:
    """A moment the page noted in ``document.body.dataset`` (ms since navigation) -> s."""
    return float(page.evaluate(f"() => document.body.dataset.{key}")) / 1000


def _has_map(page: Any) -> bool:
    return bool(page.evaluate("() => !document.getElementById('map').hidden"))


if __name__ == "__main__":
    main()
