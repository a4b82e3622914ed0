"""Privacy as a property: over whole random games full of private acts, for every seat
and for an observer, nothing private to others appears in any view, delta, replay,
report or error; and the check does find a leak when a channel is opened on purpose.

``PRIVACY_GAMES=N`` plays more games (the default keeps the suite quick); ``-s`` prints
the figures (games, frames, markers planted, leaks)."""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable
from typing import Any

import pytest

from game import Game
from game.engine import actions as engine_actions
from game.engine import view as engine_view
from game.report import data as report_data
from game.report.data import debrief_data
from game.scenario.compile import Rules
from server.room import Room, replay_to
from tests.privacy.harness import (
    Checker,
    Planted,
    frames_of,
    number_game,
    play,
    with_private_acts,
)

GAMES = int(os.environ.get("PRIVACY_GAMES", "4"))


class _Found(Exception):
    """Raised from the game's loop once a leak that was looked for is recorded."""


def check_game(
    rules: Rules,
    seed: int,
    reports: bool = True,
    rounds: int = 3,
    stop_at: str | None = None,
) -> Checker:
    """Play one game and check everything every viewer was shown.

    With ``stop_at``, the game stops as soon as a leak whose text holds it is recorded
    (what the rest of the game would add cannot unrecord it)."""
    planted = Planted(seed=seed)
    viewers = [*rules.actor_ids, "spectator"]
    held: dict[str, dict[str, int]] = {}
    state: dict[str, Any] = {"phase": None, "checker": None}

    def after(game: Game, action: dict[str, Any]) -> None:
        checker = state["checker"]
        if checker is None:
            checker = state["checker"] = Checker(game, planted)
        phase = (game.month, game.phase)
        whole = phase != state["phase"]
        state["phase"] = phase
        for v in viewers:
            stamps = game.view_stamps(v)
            if whole:  # a new phase: the whole view, as after a reconnect
                checker.view(v, f"view m{game.month} {game.phase}", game.view_for(v), game.over)
                checker.unseen(v, f"unseen m{game.month} {game.phase}")
            else:  # a delta: the keys whose stamps moved
                was = held.get(v, {})
                moved = [k for k, s in stamps.items() if was.get(k) != s]
                if moved:
                    delta = game.view_for(v, only=moved)
                    checker.view(v, f"delta {len(game.log)}", delta, game.over)
            held[v] = stamps
        if action.get("type") == "ready" and len(game.ready) == 1:
            for v in rules.actor_ids:  # mid-negotiation, plenty of foreign proposals
                checker.probe_errors(v)
        if stop_at is not None and any(stop_at in leak for leak in checker.leaks):
            raise _Found

    try:
        game = play(rules, seed, planted, after, rounds)
    except _Found:
        return state["checker"]
    checker: Checker = state["checker"]
    for v in viewers:  # replays of every month
        for month in range(game.month + 1):
            past, _ = replay_to(rules, seed, game.log, month)
            checker.view(v, f"replay m{month}", past.view_for(v), past.over)
    if reports:
        for v in viewers:
            data = debrief_data(rules, seed, game.log, viewer=v)
            checker.text(v, "report", json.dumps(data))
            assert data["audience"]["scope"] == ("observer" if v == "spectator" else "seat")
    checker.checks["planted"] = len(planted.audience)
    checker.checks.update({f"planted {k}": n for k, n in planted.kinds.items()})
    return checker


def test_nothing_private_reaches_anyone_outside_it(korea_rules: Rules) -> None:
    total: dict[str, int] = {}
    frames = 0
    for seed in range(GAMES):
        checker = check_game(korea_rules, seed, reports=seed < 2)
        assert checker.leaks == [], f"seed {seed}: " + "\n".join(checker.leaks)
        frames += checker.frames
        for k, n in checker.checks.items():
            total[k] = total.get(k, 0) + n
    # the games did exercise every kind of private act
    for kind in ("message", "group", "proposal", "group_proposal", "counter", "withdrawal"):
        assert total.get(f"planted {kind}", 0) > 0, kind
    assert total["covert"] > 0 and total["errors"] > 0 and total["estimates"] > 0
    assert total["unseen values that moved the score"] > 0
    print(f"\nprivacy: {GAMES} games, {frames} frames searched, {total}")


def test_the_small_scenario_too(mini_rules: Rules) -> None:
    for seed in range(GAMES):
        checker = check_game(mini_rules, seed, reports=True, rounds=4)
        assert checker.leaks == [], f"seed {seed}: " + "\n".join(checker.leaks)


# ---------------------------------------------------------------------- the check can fail
def _old_breach_news(game: Any, ag: Any, breaker: str, *rest: Any) -> None:
    """What the engine wrote before: the deal's words, to everyone."""
    from game.engine.resolution import _news

    name = game.rules.actors[breaker].name
    text = game.rules.breach_news.format(actor=name, deal=ag["text"] or "")
    _news(game, "breach", text, agreement=ag["id"])


def _global_ids(game: Any, audience: Any = ()) -> int:
    """One counter for everything, as before."""
    n = game.__dict__.get("_one_counter", 0) + 1
    game.__dict__["_one_counter"] = n
    return n


def _old_open_proposal(game: Any, action: Any) -> Any:
    """Foreign proposals answered with not_a_party, as before."""
    pid = action.get("proposal")
    prop = game.proposals.get(pid) if isinstance(pid, int) else None
    if prop is None:
        raise engine_actions.IllegalAction(f"no proposal {pid!r}", "unknown_proposal", "proposal")
    if action["actor"] not in prop["parties"]:
        raise engine_actions.IllegalAction(
            f"you are not a party to proposal {pid}", "not_a_party", "proposal"
        )
    return prop


def _all_covert(r: Any, public: Any, viewer: str) -> Any:
    """Every covert choice to every viewer."""
    orders = {
        a: {
            "levers": {
                **o["levers"],
                **{c["lever"]: c["option"] for c in r["covert"] if c["actor"] == a},
            },
            "signals": o["signals"],
        }
        for a, o in public["orders"].items()
    }
    return {"month": r["month"], "orders": orders}


def _everyones_objectives(game: Any, viewer: str) -> Any:
    """Every seat's objective scores, secret ones included, to every viewer."""
    from game.engine.scoring import breakdown

    return [r for a in game.rules.actor_ids for r in breakdown(game, a)]


def _every_objectives_points(game: Any, viewer: str) -> Any:
    """Every own objective's points, as before: those that read what the seat only
    estimates, or does not see, too."""
    from game.engine.scoring import breakdown

    rows = [{**r, "exact": True} for r in breakdown(game, viewer)]
    return {"objectives": rows, "unseen_points": None}


OPENED: dict[str, tuple[Callable[[pytest.MonkeyPatch], None], str]] = {
    "private messages to everyone": (
        lambda mp: mp.setattr(engine_view, "_sees_message", lambda v, m: True),
        "message",
    ),
    "breach news quoting the deal": (
        lambda mp: mp.setattr("game.engine.resolution._breach_news", _old_breach_news),
        "marker",
    ),
    "one id counter for all": (
        lambda mp: mp.setattr(Game, "_id", _global_ids),
        "gaps",
    ),
    "not_a_party for others' proposals": (
        lambda mp: mp.setattr(engine_actions, "_open_proposal", _old_open_proposal),
        "differs",
    ),
    "every proposal to everyone": (
        lambda mp: mp.setitem(
            engine_view._BUILD, "proposals", lambda g, v: list(g.proposals.values())
        ),
        "of others",
    ),
    "reports unfiltered": (
        lambda mp: mp.setattr(report_data, "redact", lambda data, run, viewer: data),
        "report",
    ),
    "covert orders shown": (
        lambda mp: mp.setattr(engine_view, "_revealed_month", _all_covert),
        "covert",
    ),
    "everyone's objective scores": (
        lambda mp: mp.setitem(engine_view._BUILD, "score_breakdown", _everyones_objectives),
        "objective scores other than its own",
    ),
    "points of objectives that read unseen values": (
        lambda mp: mp.setitem(engine_view._BUILD, "score_breakdown", _every_objectives_points),
        "score_breakdown moved with",
    ),
    "private variables shown": (
        lambda mp: mp.setitem(
            engine_view._BUILD,
            "variables",
            lambda game, viewer: {k: round(game.v[k], 2) for k in game.rules.keys},
        ),
        "private variable",
    ),
}


@pytest.mark.parametrize("channel", sorted(OPENED))
def test_the_check_finds_a_channel_opened_on_purpose(
    korea_rules: Rules, monkeypatch: pytest.MonkeyPatch, channel: str
) -> None:
    opener, words = OPENED[channel]
    opener(monkeypatch)
    found: list[str] = []
    for seed in range(3):
        reports = channel == "reports unfiltered"
        found = check_game(korea_rules, seed, reports=reports, stop_at=words).leaks
        if found:
            break
    assert found, f"opening {channel!r} went unnoticed"
    assert any(words in leak for leak in found), found[:5]


# ---------------------------------------------------------------------- numbering
async def test_nothing_private_is_counted_in_seq_or_version(korea_rules: Rules) -> None:
    """A viewer's ``seq`` and ``version`` (views, deltas, acks) move only with what it
    sees: over whole random games full of private acts, rendered through a server room
    for every seat and the observer after every action."""
    frames = steps = planted = 0
    kinds: dict[str, int] = {}
    for seed in range(GAMES):
        numbering, plants = await number_game(korea_rules, seed)
        assert numbering.leaks == [], f"seed {seed}: {sum(numbering.jumps.values())} " + (
            "\n".join(numbering.leaks[:20])
        )
        frames, steps = frames + numbering.frames, steps + numbering.steps
        planted += len(plants.audience) + plants.kinds["withdrawal"] + plants.kinds["draft"]
        for k, n in plants.kinds.items():
            kinds[k] = kinds.get(k, 0) + n
    assert kinds.get("draft", 0) > 0 and kinds.get("message", 0) > 0
    print(
        f"\nnumbering: {GAMES} games, {steps} renders, {frames} new frames, "
        f"{planted} private acts planted {kinds}, 0 numbers that counted them"
    )


def _seq_counts_every_action(room: Any) -> None:
    """Every viewer's seq is the log's length, as before."""
    room.seq_of = lambda viewer, at=None: len(room.game.log) if at is None else at


class _OneCounter(dict):  # type: ignore[type-arg]
    """Versions: one counter for the whole room, as before."""

    n = 0

    def get(self, key: Any, default: Any = None) -> int:
        return self.n

    def __setitem__(self, key: Any, value: int) -> None:
        self.n = value


def _room_wide_versions(room: Any) -> None:
    room._versions = _OneCounter()


def _count_by_stamps(room: Any) -> None:
    """Count an action for every viewer whose engine stamps it moved, not by what its
    view shows (a draft order moves everyone's ``ready`` stamp)."""

    def number() -> int:
        mask = 0
        for i, viewer in enumerate(room.counted):
            was = room._content[viewer][1]
            room._content_of(viewer)
            if room._content[viewer][1] != was:
                mask |= 1 << i
        room._count(mask)
        return mask

    room._number = number


NUMBERS_OPENED: dict[str, tuple[Callable[[Any], None], str]] = {
    "seq counts every action": (_seq_counts_every_action, "seq moved by"),
    "one version counter for the room": (_room_wide_versions, "version moved by"),
    "seq counted by engine stamps": (_count_by_stamps, "seq moved by"),
}


@pytest.mark.parametrize("channel", sorted(NUMBERS_OPENED))
async def test_the_numbering_check_finds_a_count_opened_on_purpose(
    korea_rules: Rules, channel: str
) -> None:
    tamper, words = NUMBERS_OPENED[channel]
    numbering, _ = await number_game(korea_rules, 0, tamper=tamper)
    assert numbering.leaks, f"opening {channel!r} went unnoticed"
    assert any(words in leak for leak in numbering.leaks), numbering.leaks[:5]


async def test_nothing_private_to_others_changes_what_a_seat_is_numbered(
    korea_rules: Rules,
) -> None:
    """The same game with and without private acts among the other seats (private
    messages, proposals made and withdrawn): every frame a seat or the observer is shown,
    numbers and acks included, is the same, byte for byte."""
    inserted = compared = 0
    for seed in range(max(1, GAMES // 4)):
        log = play(korea_rules, seed, Planted(seed=seed), rounds=2).log
        for viewer in (korea_rules.actor_ids[seed % 6], "spectator"):
            rng = random.Random(seed)
            variant, n = with_private_acts(korea_rules, seed, log, viewer, rng)
            plain, crowded = (
                await frames_of(korea_rules, seed, log, viewer),
                await frames_of(korea_rules, seed, variant, viewer),
            )
            first = next(
                (i for i, (a, b) in enumerate(zip(plain, crowded, strict=False)) if a != b), None
            )
            assert first is None and len(plain) == len(crowded), (
                f"seed {seed}, {viewer}: frame {first} of {len(plain)} differs "
                f"after {n} private acts of others: {str(plain[first])[:300]} "
                f"vs {str(crowded[first])[:300]}"
            )
            inserted, compared = inserted + n, compared + len(plain)
    assert inserted > 0
    print(f"\nwith and without: {compared} frames alike, {inserted} private acts of others")


async def test_the_with_and_without_check_finds_seq_counting_every_action(
    korea_rules: Rules, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        Room, "seq_of", lambda self, viewer, at=None: len(self.game.log) if at is None else at
    )
    log = play(korea_rules, 0, Planted(seed=0), rounds=2).log
    variant, n = with_private_acts(korea_rules, 0, log, "spectator", random.Random(0))
    plain = await frames_of(korea_rules, 0, log, "spectator")
    assert n > 0 and plain != await frames_of(korea_rules, 0, variant, "spectator")
