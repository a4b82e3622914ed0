"""Make the pygame client's screenshots in docs/screenshots/ from a real Korea 2019 game.

    SDL_VIDEODRIVER=dummy .venv/bin/python scripts/screenshots.py [--out DIR] [--seed N]

Starts a server in-process (as ``sixparty play`` does), opens the window on SDL's dummy
driver and plays as a student would, with real mouse clicks and key presses
(``game.client.driver``): North Korea joins from the lobby with a typed name, reads the
briefing, chats, drafts a proposal in the composer, fires a short-range missile test at
Japan from the signal row, reads the next month's news, plays to the end screen and
steps into the replay. Then a facilitator's window on a second room, mid-game. Bots of
the ``historical`` kind play every other seat.

Before saving, each screen must show the texts it was made to show, and nothing that
went wrong: no refusal at the bottom of the window, no connection banner, no refusal
from the server at all. Otherwise the script stops with the reason and exit code 1, so
an error banner never lands in the documentation. Files written (1280x800):
lobby, briefing, game (the orders with the signal row), composer, news, end, replay,
facilitator (``.png``); and the game screen at both supported sizes, 1280x800 and the
smallest window, 1024x640, for North Korea (``game-dprk-1280``, ``game-dprk-1024``, the
orders with the missile test drafted) and the United States (``game-us-1280``,
``game-us-1024``, its first orders phase), and ``facilitator-1024``. Then
(``--only summary`` for just these) the month's summary at the start of May
(``month-summary``), the tutorial's first hint and schematic map (``first-month-hint``,
``tutorial-map``), the tutorial taken from a class's lobby with its "Back to your
class" button (``tutorial-back-to-class``) and the facilitator's projector view before
and after the start (``projector-before-start``, ``projector``).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pygame  # noqa: E402

from game.client.app import App  # noqa: E402
from game.client.driver import (  # noqa: E402
    click,
    find_button,
    key,
    pick,
    problems,
    screen_text,
    step_until,
    type_text,
)
from game.client.net import NetConnection  # noqa: E402
from game.scenario.loader import load_scenario  # noqa: E402
from server.embed import serve_in_thread  # noqa: E402

SCENARIO = "korea-2019"
SEAT = "dprk"


class Shots:
    """Saves checked screenshots into one folder and lists them."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.saved: list[Path] = []

    def take(self, app: App, name: str, *expected: str) -> None:
        """Save the frame as ``name``.png if it shows ``expected`` and nothing went wrong."""
        for _ in range(3):  # let the widgets settle (tooltips, scroll bars)
            app.step()
        text = screen_text(app)
        missing = [e for e in expected if e not in text]
        wrong = problems(app)
        if missing or wrong:
            raise SystemExit(
                f"screenshots.py: {name}: not saved: "
                + "; ".join([f"not on screen: {missing}"] * bool(missing) + wrong)
            )
        self.out.mkdir(parents=True, exist_ok=True)
        path = app.screenshot(self.out / f"{name}.png")
        self.saved.append(path)
        print(f"saved {path}")


def close_dialogs(app: App) -> None:
    """Close the month's summary, any announcement and the first month's hints with
    their buttons, as a student does after reading them."""
    hide = find_button(app, "#hint_skip")
    if hide is not None:
        click(app, hide)
        step_until(app, lambda: find_button(app, "#hint_skip") is None)
    interrupts = getattr(app, "interrupts", None)
    for window in list(interrupts.open_windows()) if interrupts is not None else []:
        click(app, window.dismiss_button)
    if interrupts is not None:
        step_until(app, lambda: not interrupts.open_windows())


def at_both_sizes(shots: Shots, app: App, name: str, *expected: str) -> None:
    """Save the frame as ``name-1280`` and, in the smallest window, ``name-1024``; the
    window is 1280x800 again afterwards."""
    for w, h in ((1280, 800), (1024, 640)):
        app.resize((w, h))
        close_dialogs(app)
        shots.take(app, f"{name}-{w}", *expected)
    app.resize((1280, 800))


def choose(app: App, composer: Any, row: int, field: str, label: str) -> None:
    """In the composer, open the menu of ``field`` in commitment ``row`` and pick the entry
    whose label starts with ``label`` (by clicks)."""
    menu = next(d for d, rf in composer.rows.items() if rf == (row, field) and d.alive())
    names = [str(o[0]) for o in menu.options_list]
    index = next((i for i, n in enumerate(names) if n.startswith(label)), None)
    if index is None:
        raise SystemExit(f"screenshots.py: composer: no {label!r} in {field}: {names}")
    if str(menu.selected_option[0]).startswith(label):
        return  # already chosen
    before = dict(composer.commitments[row])
    pick(app, menu, index)
    step_until(app, lambda: composer.commitments[row] != before)


def ready(app: App) -> None:
    """Click Ready (negotiation) or Submit orders (orders) and wait for the next phase."""
    m = app.model
    view = m.view or {}
    before = (view.get("month"), view.get("phase"))
    step_until(app, lambda: app.game.ready_button is not None and m.can("ready"), 30)
    assert app.game.ready_button is not None
    click(app, app.game.ready_button)
    step_until(
        app, lambda: ((m.view or {}).get("month"), (m.view or {}).get("phase")) != before, 60
    )


def player_game(shots: Shots, seed: int) -> None:
    """North Korea from the lobby to the replay."""
    rules = load_scenario(SCENARIO)
    handle = serve_in_thread(port=0, scenarios={rules.id: SCENARIO})
    conn: Any = None
    try:
        room = handle.create_room(
            scenario=rules.id,
            seed=seed,
            bots={a: "historical" for a in rules.actor_ids if a != SEAT},
            timers={"negotiation": None, "orders": None},
        )
        conn = NetConnection(handle.url, code=room.code)
        app = App(conn)
        m = app.model
        step_until(app, lambda: app.screen is app.lobby and SEAT in app.lobby.seat_buttons, 30)
        assert app.lobby.name_entry is not None
        type_text(app, app.lobby.name_entry, "Ri Su-yong's team")
        shots.take(app, "lobby", "Take this seat", "North Korea", "Played by a bot")
        click(app, app.lobby.seat_buttons[SEAT])
        step_until(app, lambda: app.screen is app.briefing, 30)
        shots.take(app, "briefing", "briefing — North Korea", "For your team only", "Start playing")
        key(app, pygame.K_ESCAPE)
        step_until(app, lambda: app.screen is app.game)

        # April: a word to China in private, then the month plays out
        click(app, app.game.channel_buttons["china+dprk"])
        assert app.game.chat_entry is not None
        type_text(app, app.game.chat_entry, "Fuel first, comrades. Speeches do not run tractors.")
        click(app, find_button(app, "#chat_send"))
        step_until(app, lambda: any("tractors" in x["text"] for x in (m.view or {})["messages"]))
        ready(app)
        ready(app)

        # May: a proposal to the United States in the composer
        click(app, app.game.tab_buttons["deals"])
        step_until(app, lambda: app.game.propose_button is not None and m.can("propose"))
        assert app.game.propose_button is not None
        click(app, app.game.propose_button)
        step_until(app, lambda: app.composer is not None)
        composer = app.composer
        assert composer is not None
        click(app, composer.widgets["party.us"])
        click(app, composer.widgets["add"])
        click(app, composer.widgets["add"])
        # row 0: the United States changes its stance; row 1: North Korea freezes Yongbyon
        choose(app, composer, 0, "option", "Step by step")
        choose(app, composer, 1, "actor", "North Korea")
        choose(app, composer, 1, "lever", "Nuclear programme")
        choose(app, composer, 1, "option", "Freeze")
        click(app, composer.widgets["flag.inspections"])
        click(app, composer.widgets["flag.summit"])
        type_text(app, composer.widgets["text"], "Yongbyon frozen under inspection, for relief.")
        shots.take(app, "composer", "New proposal", "Step by step", "Freeze", "Add commitment")
        click(app, composer.widgets["send"])
        step_until(app, lambda: app.composer is None)
        step_until(app, lambda: any(p["proposer"] == SEAT for p in (m.view or {})["proposals"]))
        ready(app)

        # the orders: a short-range missile test addressed to Japan, from the signal row
        close_dialogs(app)
        click(app, app.game.tab_buttons["chat"])
        step_until(app, lambda: "srbm_test" in app.game.signal_buttons)
        click(app, app.game.signal_buttons["srbm_test"])
        step_until(app, lambda: "japan" in app.game.target_buttons)
        click(app, app.game.target_buttons["japan"])
        step_until(app, lambda: m.draft_signals() == [{"signal": "srbm_test", "target": "japan"}])
        shots.take(app, "game", "Short-range missile test", "Addressed to", "Submit orders")
        at_both_sizes(shots, app, "game-dprk", "Short-range missile test", "Submit orders")
        ready(app)

        # June: the news of May, the test among it
        close_dialogs(app)
        click(app, app.game.tab_buttons["news"])
        step_until(app, lambda: app.game.news_box is not None and app.game.news_box.alive())
        shots.take(app, "news", "May 2019", "Tension")

        while (m.view or {}).get("phase") != "over":
            ready(app)
        step_until(app, lambda: app.screen is app.end, 30)
        shots.take(app, "end", "Replay", "Debrief report", "Back to the map", "North Korea")
        click(app, app.end.replay_button)
        step_until(app, lambda: app.screen is app.replay and 1 in app.replay.exact, 30)
        key(app, pygame.K_RIGHT)
        step_until(app, lambda: app.replay.month == 2 and 2 in app.replay.exact, 30)
        shots.take(app, "replay", "May 2019", "Short-range missile test", "Back to the scores")
    finally:
        if conn is not None:
            conn.close()
        pygame.quit()
        handle.stop()


def facilitator(shots: Shots, seed: int) -> None:
    """The facilitator's window on a room mid-game: one seat waits for its students."""
    rules = load_scenario(SCENARIO)
    handle = serve_in_thread(port=0, scenarios={rules.id: SCENARIO})
    conn: Any = None
    try:
        empty = "us"
        room = handle.create_room(
            scenario=rules.id,
            seed=seed,
            bots={a: "historical" for a in rules.actor_ids if a != empty},
            timers={"negotiation": 480, "orders": 120},
        )
        conn = NetConnection(handle.url, token=room.facilitator_token)
        app = App(conn)
        m = app.model
        fac = app.facilitator
        step_until(app, lambda: app.screen is fac and "resolution" in fac.buttons, 30)
        for month in (2, 3):  # two months on, the room has a history
            click(app, fac.buttons["resolution"])
            step_until(app, lambda mo=month: (m.view or {}).get("month") == mo, 60)
        step_until(app, lambda: len((m.view or {}).get("ready", [])) >= 5, 60)
        click(app, fac.buttons["tab-orders"])
        shots.take(app, "facilitator", "Facilitator — room", "News injects", "Skip to resolution")
        app.resize((1024, 640))
        shots.take(app, "facilitator-1024", "Facilitator — room", "News injects")
    finally:
        if conn is not None:
            conn.close()
        pygame.quit()
        handle.stop()


def us_game(shots: Shots, seed: int) -> None:
    """The United States in its first orders phase, at both sizes: the longest orders."""
    rules = load_scenario(SCENARIO)
    handle = serve_in_thread(port=0, scenarios={rules.id: SCENARIO})
    conn: Any = None
    try:
        _, token = handle.bot_room("us", scenario=rules.id, seed=seed, bot="historical")
        conn = NetConnection(handle.url, token=token)
        app = App(conn)
        step_until(app, lambda: app.screen is app.briefing, 30)
        key(app, pygame.K_ESCAPE)
        step_until(app, lambda: app.screen is app.game)
        ready(app)
        step_until(app, lambda: "condemnation" in app.game.signal_buttons, 30)
        # the signal row's buttons at 1280x800, its menu (compact orders) at 1024x640
        at_both_sizes(
            shots, app, "game-us", "Sanctions enforcement", "Signal this month", "Submit orders"
        )
    finally:
        if conn is not None:
            conn.close()
        pygame.quit()
        handle.stop()


def summary_tutorial_projector(shots: Shots, seed: int) -> None:
    """The month's summary (North Korea, May), the tutorial's schematic map and its first
    hint, and the facilitator's projector view before the start and mid-month."""
    from game.client.onboarding import tutorial_connection

    rules = load_scenario(SCENARIO)
    handle = serve_in_thread(port=0, scenarios={rules.id: SCENARIO})
    conn: Any = None
    try:
        _, token = handle.bot_room(SEAT, scenario=rules.id, seed=seed, bot="historical")
        from game.client.info import scenario_info

        conn = NetConnection(handle.url, token=token, info=scenario_info(rules))
        app = App(conn)
        step_until(app, lambda: app.screen is app.briefing, 30)
        key(app, pygame.K_ESCAPE)
        step_until(app, lambda: app.hints.next is not None, 30)
        click(app, app.hints.skip)  # the hints are shot in the tutorial below
        ready(app)
        ready(app)
        step_until(app, lambda: app.interrupts.window is not None, 60)
        shots.take(app, "month-summary", "Dismiss", "Ready for orders")
        conn.close()
        pygame.quit()
        app = App(tutorial_connection(seed))
        conn = app.conn
        step_until(app, lambda: app.screen is app.briefing, 30)
        key(app, pygame.K_ESCAPE)
        step_until(app, lambda: app.hints.next is not None, 30)
        shots.take(app, "first-month-hint", "Next hint", "Hide hints")
        click(app, app.hints.skip)
        step_until(app, lambda: app.hints.box is None)
        shots.take(app, "tutorial-map", "Northland", "Ready for orders")
        conn.close()
        pygame.quit()
        # the tutorial taken from a class's lobby: the way back to the class
        room = handle.create_room(scenario=rules.id, seed=seed, timers={"negotiation": None})
        app = App(NetConnection(handle.url, code=room.code, name="Bo"), name="Bo")
        conn = app.conn
        step_until(app, lambda: app.screen is app.lobby and app.lobby.tutorial_button is not None)
        click(app, app.lobby.tutorial_button)
        step_until(app, lambda: app.screen is app.briefing, 30)
        key(app, pygame.K_ESCAPE)
        step_until(app, lambda: app.hints.next is not None, 30)
        click(app, app.hints.skip)
        step_until(app, lambda: app.game.back_button is not None)
        shots.take(app, "tutorial-back-to-class", "Back to your class", "Northland")
        app.conn.close()
        pygame.quit()
        room = handle.create_room(
            scenario=rules.id,
            seed=seed,
            bots={a: "historical" for a in rules.actor_ids if a not in ("us", SEAT)},
            timers={"negotiation": 480, "orders": 120},
            wait_for_start=True,
        )
        student = NetConnection(handle.url, token=handle.seat_token(room.code, SEAT, "Alice"))
        conn = NetConnection(handle.url, token=room.facilitator_token)
        app = App(conn)
        m = app.model
        fac = app.facilitator
        step_until(app, lambda: app.screen is fac and "projector" in fac.buttons, 30)
        step_until(
            app,
            lambda: any(p["name"] == "Alice" for s in m.legal["seats"] for p in s["players"]),
            30,
        )
        click(app, fac.buttons["projector"])
        step_until(app, lambda: app.screen is app.projector)
        shots.take(app, "projector-before-start", "Back to the controls (Esc)")
        key(app, pygame.K_ESCAPE)
        step_until(app, lambda: app.screen is fac and "start" in fac.buttons)
        click(app, fac.buttons["start"])
        step_until(app, lambda: m.remaining is not None, 30)
        type_text(app, fac.announce_entry, "Five minutes to a deal.")
        click(app, fac.buttons["announce"])
        step_until(app, lambda: any(n["kind"] == "announcement" for n in m.view["news"]), 30)
        key(app, pygame.K_F5)
        step_until(app, lambda: app.screen is app.projector)
        shots.take(app, "projector", "Back to the controls (Esc)")
        student.close()
    finally:
        if conn is not None:
            conn.close()
        pygame.quit()
        handle.stop()


def main(argv: list[str] | None = None) -> int:
    """Make every screenshot; exit 1 (nothing half-written is kept) on a screen gone wrong."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", default=str(ROOT / "docs" / "screenshots"), help="folder for PNGs")
    p.add_argument("--seed", type=int, default=7, help="the games' seed (default 7)")
    p.add_argument(
        "--only", choices=("summary",), help="only the month's summary, tutorial and projector"
    )
    args = p.parse_args(argv)
    shots = Shots(Path(args.out))
    if args.only is None:
        player_game(shots, args.seed)
        us_game(shots, args.seed)
        facilitator(shots, args.seed)
    summary_tutorial_projector(shots, args.seed)
    print(f"{len(shots.saved)} screenshots in {shots.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
