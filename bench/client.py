"""Frame times of the game screen, and time from launch to the first frame.

Plays a local game of the default scenario to month 2 with a full month of news and
a busy chat (60 messages), then draws the game screen at 1280x800 for N frames on the
dummy video driver and prints the median and 99th-percentile frame time.

    .venv/bin/python bench/client.py [--frames 600] [--scenario korea-2019]

Targets: median <= 8 ms, p99 <= 16 ms, first frame <= 2 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


def main() -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--frames", type=int, default=600, help="game-screen frames to time (600)")
    parser.add_argument(
        "--scenario", default="korea-2019", help="scenario name or path (korea-2019)"
    )
    args = parser.parse_args()
    if args.frames < 1:
        parser.error(f"--frames must be at least 1, got {args.frames}")
    launch = time.perf_counter()  # game is imported from here on: launch time counts it
    from game.bots import make_bot
    from game.client.app import App
    from game.client.local import LocalConnection
    from game.errors import SixPartyError
    from game.scenario.loader import load_scenario

    try:
        rules = load_scenario(args.scenario)
    except SixPartyError as exc:
        parser.error(str(exc))
    you = rules.actor_ids[0]
    conn = LocalConnection(rules, 1, you, {a: make_bot("random", a, 1) for a in rules.actor_ids})
    app = App(conn)
    while app.model.view is None:
        app.step()
    first = time.perf_counter() - launch
    app.close_briefing()  # the briefing shown before the first month
    others = [a for a in rules.actor_ids if a != you]
    for i in range(60):
        to = [] if i % 3 == 0 else [others[i % len(others)]]
        conn.send(
            {
                "type": "message",
                "to": to,
                "text": f"Message {i}: let us talk about the coal sector.",
            }
        )
    conn.send({"type": "ready"})
    conn.send({"type": "ready"})
    end = time.monotonic() + 20
    while time.monotonic() < end and (app.model.view or {}).get("month", 1) < 2:
        app.step()
        time.sleep(0.01)
    app.game.set_tab("news")
    for _ in range(5):
        app.step()
    times = []
    for i in range(args.frames):
        if i == args.frames // 2:
            app.game.set_tab("chat")
            app.step()
        t0 = time.perf_counter()
        app.step()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    news = len(app.model.view["news"]) if app.model.view else 0
    msgs = len(app.model.view["messages"]) if app.model.view else 0
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    print(f"game screen 1280x800, {news} news items, {msgs} messages, {len(times)} frames")
    print(
        f"frame time median {statistics.median(times):.2f} ms   p99 {p99:.2f} ms   (targets 8 / 16)"
    )
    print(f"launch to first game frame {first:.2f} s   (target 2)")
    conn.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
