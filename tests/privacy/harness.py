"""A privacy checker: whole random games full of private acts, each private text a unique
marker, and a search of everything a viewer is shown for what it must not see.

:func:`play` plays a whole game with every kind of private act (private and group
messages, private and group proposals, counters, withdrawals, responses, covert orders
and so detections, secret objectives and private variables are in the scenario) and
calls back after each action. :func:`Checker` looks at what one viewer is shown (a view,
a delta's keys, a replay, a report, an error) and records every leak:

* a marker planted in a text whose audience does not include the viewer;
* a variable private to another actor, or an estimate shown as a point;
* another actor's covert choice the viewer did not detect;
* another actor's secret objectives before the game is over;
* a message, news item, proposal or agreement not for the viewer; a ``counter_to``
  naming someone else's proposal;
* ids that count what the viewer cannot see: for each audience (public, or a set of
  actors), the ids the viewer sees must be exactly 1..k of that audience's counter;
* an error that tells a foreign proposal from a missing one;
* a number that follows a value the viewer does not see exactly (:meth:`Checker.unseen`):
  in a copy of the game, each variable the viewer sees only as an estimate is moved by
  less than its estimate shows, each variable hidden from it and each total over
  agreements that are not all its own (``deal.freeze``, ``deals``) is moved outright, one
  at a time; the viewer's view must stay the same but for its score and the points of
  its objectives it cannot see exactly, told together, which must move as the score does.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from game.bots import make_bot
from game.bots.base import Context
from game.engine.game import ID_BLOCK, Game
from game.engine.scoring import objectives_of
from game.errors import IllegalAction
from game.scenario.compile import Rules
from game.scenario.expr import names, parse

MARKER = re.compile(r"PRIV(\d+)x(\d+)Q")


@dataclass
class Planted:
    """Every marker planted, with the actors allowed to see it, and counts per kind."""

    audience: dict[str, frozenset[str]] = field(default_factory=dict)
    kinds: Counter[str] = field(default_factory=Counter)
    seed: int = 0

    def new(self, kind: str, audience: Iterable[str]) -> str:
        """A fresh marker text for a private ``kind`` of act seen by ``audience``."""
        text = f"PRIV{self.seed}x{len(self.audience)}Q"
        self.audience[text] = frozenset(audience)
        self.kinds[kind] += 1
        return text


def play(
    rules: Rules,
    seed: int,
    planted: Planted,
    after: Callable[[Game, dict[str, Any]], None] | None = None,
    rounds: int = 3,
) -> Game:
    """Play one whole game of ``rules`` full of private acts; ``after(game, action)``
    is called after every accepted action."""
    game = Game(rules, seed)
    game.track_changes()
    rng = random.Random(seed * 7919 + 1)
    actors = list(rules.actor_ids)
    bots = {a: make_bot("random", a, seed) for a in actors}

    def apply(action: dict[str, Any]) -> bool:
        try:
            game.apply(action)
        except IllegalAction:
            return False
        if after is not None:
            after(game, action)
        return True

    def others(me: str, k: int) -> list[str]:
        return rng.sample([a for a in actors if a != me], k)

    while not game.over:
        for _ in range(rounds):
            for me in rng.sample(actors, len(actors)):
                if game.phase != "negotiation":
                    break
                for _ in range(rng.randint(1, 3)):
                    _one_private_act(game, me, rng, planted, bots, others, apply)
        if game.phase == "negotiation":
            for me in actors:
                apply({"type": "ready", "actor": me})
        for me in actors:
            if game.phase != "orders":
                break
            ctx = Context(game, me, 0, rng)
            orders = bots[me].orders(ctx)
            if not apply({**orders, "type": "orders", "actor": me, "final": True}):
                apply({"type": "ready", "actor": me})
    return game


def _one_private_act(
    game: Game,
    me: str,
    rng: random.Random,
    planted: Planted,
    bots: dict[str, Any],
    others: Callable[[str, int], list[str]],
    apply: Callable[[dict[str, Any]], bool],
) -> None:
    n = len(game.rules.actor_ids)
    roll = rng.random()
    if roll < 0.25:  # a private message
        to = others(me, 1)
        apply({"type": "message", "actor": me, "to": to, "text": planted.new("message", [me, *to])})
    elif roll < 0.35 and n > 2:  # a group message
        to = others(me, 2)
        apply({"type": "message", "actor": me, "to": to, "text": planted.new("group", [me, *to])})
    elif roll < 0.4:  # a public one (everyone may see it)
        apply({"type": "message", "actor": me, "to": [], "text": "Public words."})
    elif roll < 0.65:  # a private or group proposal
        ctx = Context(game, me, 0, rng)
        offer = bots[me]._proposal(ctx, [a for a in game.rules.actor_ids if a != me])
        if n > 2 and rng.random() < 0.3:
            offer["to"] = sorted({*offer["to"], *others(me, 2)})[:2]
        parties = {me, *offer["to"], *(c["actor"] for c in offer["commitments"])}
        kind = "group_proposal" if len(parties) > 2 else "proposal"
        offer["text"] = planted.new(kind, parties)
        apply({**offer, "actor": me})
    elif roll < 0.75:  # counter a proposal awaiting my answer
        mine = [
            p
            for p in (game.proposals[i] for i in game.open_ids)
            if me in p["parties"] and p["proposer"] != me
        ]
        if mine:
            old = rng.choice(mine)
            to = [a for a in old["parties"] if a != me]
            text = planted.new("counter", [me, *to])
            apply(
                {
                    "type": "propose",
                    "actor": me,
                    "to": to,
                    "talks": True,
                    "counter_to": old["id"],
                    "text": text,
                }
            )
    elif roll < 0.82:  # withdraw one of mine
        own = [i for i in game.open_ids if game.proposals[i]["proposer"] == me]
        if own:
            if apply({"type": "withdraw", "actor": me, "proposal": rng.choice(own)}):
                planted.kinds["withdrawal"] += 1
    elif roll > 0.92:  # a draft of my orders (private to me until the month resolves)
        ctx = Context(game, me, 0, rng)
        levers = bots[me].orders(ctx).get("levers", {})
        if levers:
            lever = rng.choice(sorted(levers))
            if apply(
                {"type": "orders", "actor": me, "final": False, "levers": {lever: levers[lever]}}
            ):
                planted.kinds["draft"] += 1
    else:  # answer what awaits me (accept mostly: agreements, then breaches)
        waiting = [
            i
            for i in game.open_ids
            if me in game.proposals[i]["parties"] and me not in game.proposals[i]["responses"]
        ]
        for pid in waiting:
            apply({"type": "respond", "actor": me, "proposal": pid, "accept": rng.random() < 0.7})


@dataclass
class Checker:
    """Collects leaks found in what viewers were shown, and counts what it looked at."""

    game: Game
    planted: Planted
    leaks: list[str] = field(default_factory=list)
    frames: int = 0
    checks: Counter[str] = field(default_factory=Counter)

    def _leak(self, viewer: str, where: str, what: str) -> None:
        if len(self.leaks) < 50:
            self.leaks.append(f"{viewer} @ {where}: {what}")

    # ------------------------------------------------------------------ text
    def text(self, viewer: str, where: str, text: str) -> None:
        """Search one frame's text for markers ``viewer`` may not see."""
        self.frames += 1
        for m in MARKER.finditer(text):
            audience = self.planted.audience.get(m.group(0))
            if audience is not None and viewer not in audience and viewer != "omniscient":
                self._leak(viewer, where, f"marker {m.group(0)} (for {sorted(audience)})")

    # ------------------------------------------------------------------ a view
    def view(self, viewer: str, where: str, view: dict[str, Any], over: bool = False) -> None:
        """Check a view (whole, or the keys of a delta) of ``viewer``."""
        self.text(viewer, where, json.dumps(view))
        game = self.game
        rules = game.rules
        actor = viewer if viewer in rules.actors else None
        for key in ("variables", "history"):
            rows = view.get(key)
            if rows is None:
                continue
            for row in rows if key == "history" else [rows]:
                self._values(viewer, where, row)
        for item in view.get("messages", ()):
            if item["to"] and viewer != item["from"] and viewer not in item["to"]:
                self._leak(viewer, where, f"message {item['id']} not for it")
        for item in view.get("news", ()):
            if item["to"] and viewer not in item["to"]:
                self._leak(viewer, where, f"news not for it: {item['text'][:60]}")
        for key in ("proposals", "agreements"):
            for item in view.get(key, ()):
                if viewer not in item["parties"]:
                    self._leak(viewer, where, f"{key[:-1]} {item['id']} of others")
                old = item.get("counter_to")
                if old is not None and viewer not in game.proposals[old]["parties"]:
                    self._leak(viewer, where, f"counter_to {old} names others' proposal")
                for b in item.get("breaches", ()):
                    if not b["observed"] and b["actor"] != viewer:
                        self._leak(viewer, where, f"unobserved breach by {b['actor']}")
        if "orders" in view:
            self._orders(viewer, where, view["orders"])
        if "secret_objectives" in view and actor is not None:
            if sorted(view["secret_objectives"]) != sorted(game.secret.get(actor, [])):
                self._leak(viewer, where, "secret objectives other than its own")
        if "score_breakdown" in view:
            own = [] if actor is None else objectives_of(game, actor)
            shown = [(r["name"], r["secret"]) for r in _objective_rows(view["score_breakdown"])]
            if shown != [(o.name, secret) for o, secret in own]:
                self._leak(viewer, where, "objective scores other than its own")
        if not over and "outcome" in view:
            self._leak(viewer, where, "the outcome before the end")
        self._ids(viewer, where, view)
        self.checks["views"] += 1

    def _values(self, viewer: str, where: str, row: dict[str, Any]) -> None:
        vis = self.game.rules.visibility
        for key, value in row.items():
            kind, owner, _ = vis[key]
            if kind == "private" and owner != viewer:
                self._leak(viewer, where, f"private variable {key}")
            elif isinstance(value, dict):
                self.checks["estimates"] += 1
                if not value["low"] < value["high"]:
                    self._leak(viewer, where, f"estimate of {key} is a point: {value}")

    def _orders(self, viewer: str, where: str, months: list[dict[str, Any]]) -> None:
        revealed = self.game.revealed
        for shown in months:
            record = revealed[shown["month"] - 1]
            for c in record["covert"]:
                if viewer in (c["actor"], "omniscient") or viewer in c["detected_by"]:
                    continue
                self.checks["covert"] += 1
                if c["lever"] in shown["orders"][c["actor"]]["levers"]:
                    self._leak(viewer, where, f"{c['actor']}'s covert {c['lever']} undetected")

    def _ids(self, viewer: str, where: str, view: dict[str, Any]) -> None:
        """Ids of each audience seen must be 1..k: nothing counts unseen business."""
        if "messages" not in view or "proposals" not in view or "unsc_drafts" not in view:
            return
        seen: dict[int, list[int]] = {}
        for item in (*view["messages"], *view["proposals"], *view["unsc_drafts"]):
            seen.setdefault(item["id"] // ID_BLOCK, []).append(item["id"] % ID_BLOCK)
        rank = {a: i for i, a in enumerate(self.game.rules.actor_ids)}
        for mask, numbers in seen.items():
            if mask and viewer in rank and not mask >> rank[viewer] & 1:
                self._leak(viewer, where, f"an id of audience {mask} it is not in")
            if sorted(numbers) != list(range(1, len(numbers) + 1)):
                self._leak(viewer, where, f"ids of audience {mask} have gaps: {sorted(numbers)}")
            self.checks["id audiences"] += 1

    # ------------------------------------------------------------------ unseen values
    def unseen(self, viewer: str, where: str) -> None:
        """Move, one at a time in a copy of the game, every value ``viewer`` does not see
        exactly, and check its view: only its score and ``unseen_points`` may change, by
        the same amount (see the module docstring). Values it sees as an estimate move by
        less than the estimate shows (the largest step of a few that leaves its range as
        it was); hidden variables by a tenth of their bounds; totals over agreements its
        objectives read, by one."""
        game = self.game
        rules = game.rules
        if game.over or viewer not in rules.actors:
            return  # the outcome tells every score at the end
        base = game.view_for(viewer)
        clone = game.copy()
        v = clone.v
        for key, (kind, owner, _) in rules.visibility.items():
            if kind == "public" or owner == viewer:
                continue
            lo, hi = rules.bounds[key]
            was = v[key]
            steps = (0.09, 0.05, 0.02, 0.01) if kind == "estimated" else ((hi - lo) / 10,)
            for step in (x for s in steps for x in (s, -s)):
                if not lo <= was + step <= hi:
                    continue
                v[key] = was + step
                moved = clone.view_for(viewer)
                v[key] = was
                if kind == "estimated" and moved["variables"][key] != base["variables"][key]:
                    continue  # this step shows in the range: a smaller one
                self._same_but_score(viewer, where, key, base, moved)
                break
        for name in _totals_read(rules, viewer):
            had = name in v
            was = v.get(name, 0.0)
            v[name] = 1.0 - was if name.startswith("deal.") else was + 1.0
            moved = clone.view_for(viewer)
            if had:
                v[name] = was
            else:
                del v[name]
            self._same_but_score(viewer, where, name, base, moved)

    def _same_but_score(
        self, viewer: str, where: str, key: str, base: dict[str, Any], moved: dict[str, Any]
    ) -> None:
        self.checks["unseen values moved"] += 1
        delta = moved["scores"][viewer] - base["scores"][viewer]
        if abs(delta) >= 0.01:
            self.checks["unseen values that moved the score"] += 1
        for k in base:
            a, b = base[k], moved[k]
            if k == "scores":
                continue
            if k == "score_breakdown" and isinstance(a, dict) and isinstance(b, dict):
                lump = (b["unseen_points"] or 0.0) - (a["unseen_points"] or 0.0)
                if abs(lump - delta) > 1e-6:
                    self._leak(
                        viewer, where, f"unseen points moved {lump:+.2f}, score {delta:+.2f}"
                    )
                a, b = {**a, "unseen_points": None}, {**b, "unseen_points": None}
            if a != b:
                self._leak(viewer, where, f"{k} moved with {key}, which it does not see exactly")

    # ------------------------------------------------------------------ errors
    def probe_errors(self, viewer: str) -> None:
        """Name every proposal ``viewer`` is not party to in respond, withdraw and
        counter_to: each refusal must read exactly like one for a missing proposal."""
        game = self.game
        if viewer not in game.rules.actors or game.phase != "negotiation":
            return
        others = [p for p in game.proposals.values() if viewer not in p["parties"]]
        missing = max(game.proposals, default=0) + ID_BLOCK * 2**20  # an id nobody has
        for p in others[:5]:
            for make in (
                lambda i: {"type": "respond", "actor": viewer, "proposal": i, "accept": True},
                lambda i: {"type": "withdraw", "actor": viewer, "proposal": i},
                lambda i: {
                    "type": "propose",
                    "actor": viewer,
                    "to": [a for a in game.rules.actor_ids if a != viewer][:1],
                    "talks": True,
                    "counter_to": i,
                },
            ):
                real, fake = _refusal(game, make(p["id"])), _refusal(game, make(missing))
                self.frames += 1
                self.text(viewer, "error", real[1])
                if (real[0], real[1].replace(str(p["id"]), "#")) != (
                    fake[0],
                    fake[1].replace(str(missing), "#"),
                ):
                    self._leak(viewer, "error", f"{real} differs from {fake}")
                self.checks["errors"] += 1


def _objective_rows(shown: Any) -> list[dict[str, Any]]:
    """The rows of a ``score_breakdown`` (its ``objectives``)."""
    return list(shown["objectives"] if isinstance(shown, dict) else shown)


def _totals_read(rules: Rules, viewer: str) -> list[str]:
    """The totals over agreements (``deal.TAG``, ``deals``, ``deals.hollow``, another
    seat's ``deals.X``) that ``viewer``'s objectives, secret ones included, read: each
    counts agreements it may not be party to."""
    model = rules.model
    out: set[str] = set()
    for table in (model.objectives, model.secret_objectives):
        for o in table.get(viewer, ()):
            for name in names(parse(str(o.score))):
                parts = name.split(".")
                if parts[0] in ("deal", "deals") and parts[-1] != viewer:
                    out.add(name)
    return sorted(out)


def _refusal(game: Game, action: dict[str, Any]) -> tuple[str, str]:
    before = len(game.log)
    try:
        game.apply(action)
    except IllegalAction as exc:
        return exc.code, str(exc)
    raise AssertionError(f"accepted: {action} (log {before} -> {len(game.log)})")


# ---------------------------------------------------------------------- numbering
@dataclass
class Numbering:
    """Checks the numbers each viewer is shown against what it was shown.

    A room's renders of one viewer, taken after every action, must number its frames by
    what that viewer can see and nothing else: ``seq`` moves by exactly one with each
    action that changed its view and stays put otherwise; ``version`` moves by exactly
    one with each new frame (view, legal actions or clock changed) and stays put
    otherwise; an ``ack`` names the acting seat's own ``seq``. Anything else counts what
    the viewer did not see (others' private acts), and is recorded as a leak."""

    leaks: list[str] = field(default_factory=list)
    frames: int = 0
    steps: int = 0
    jumps: Counter[str] = field(default_factory=Counter)

    def _leak(self, viewer: str, where: str, what: str) -> None:
        self.jumps[viewer] += 1
        if len(self.leaks) < 50:
            self.leaks.append(f"{viewer} @ {where}: {what}")

    def step(self, viewer: str, where: str, old: Any, new: Any) -> None:
        """``old`` and ``new``: ``viewer``'s renders (``server.views.Rendered``) before
        and after one action."""
        self.steps += 1
        seen = old.view_json() != new.view_json()
        framed = seen or (old.legal.json, old.head) != (new.legal.json, new.head)
        self.frames += framed
        dseq, dversion = new.seq - old.seq, new.version - old.version
        if dseq != int(seen):
            change = "changed" if seen else "did not change"
            self._leak(viewer, where, f"seq moved by {dseq} while its view {change}")
        if dversion != int(framed):
            change = "a new frame" if framed else "no new frame"
            self._leak(viewer, where, f"version moved by {dversion} for {change}")

    def ack(self, actor: str, where: str, acked: int, shown: int) -> None:
        """The ack of ``actor``'s action named ``acked``; its view after it ``shown``."""
        if acked != shown:
            self._leak(actor, where, f"ack seq {acked} is not its view's seq {shown}")


async def number_game(
    rules: Rules, seed: int, rounds: int = 3, tamper: Callable[[Any], None] | None = None
) -> tuple[Numbering, Planted]:
    """Play one whole random game full of private acts through a server room (no
    sockets), render every seat's and the observer's view after each action, and check
    the numbers on them (see :class:`Numbering`). ``tamper(room)``, if given, is called
    on the fresh room (to open a channel on purpose)."""
    from game.protocol import RoomOptions
    from server.room import SPECTATOR, Room
    from server.store import Store

    planted = Planted(seed=seed)
    script = play(rules, seed, planted, rounds=rounds)
    options = RoomOptions(
        scenario=rules.id, seed=seed, timers={"negotiation": None, "orders": None}
    )
    room = Room("NUMBER", rules.id, rules, options, Store(":memory:"))
    if tamper is not None:
        tamper(room)
    viewers = [*rules.actor_ids, SPECTATOR]
    numbering = Numbering()
    held = {v: room.render(v) for v in viewers}
    try:
        for i, action in enumerate(script.log):
            acked = room.submit(action)
            where = f"action {i + 1} ({action['type']} by {action['actor']})"
            for v in viewers:
                new = room.render(v)
                numbering.step(v, where, held[v], new)
                held[v] = new
            if action["actor"] in rules.actors:
                numbering.ack(action["actor"], where, acked, held[action["actor"]].seq)
    finally:
        room.close()
    return numbering, planted


def view_counts(rules: Rules, seed: int, log: list[dict[str, Any]]) -> dict[str, list[int]]:
    """For each seat and the observer, how many actions of ``log`` had changed its
    ``view_for`` after each action (the ``seq`` it must be shown then), by replaying
    ``log`` and comparing whole views as JSON."""
    game = Game(rules, seed)
    viewers = [*rules.actor_ids, "spectator"]
    shown = {v: json.dumps(game.view_for(v), sort_keys=True) for v in viewers}
    counts: dict[str, list[int]] = {v: [] for v in viewers}
    for action in log:
        game.apply(action)
        for v in viewers:
            now = json.dumps(game.view_for(v), sort_keys=True)
            counts[v].append((counts[v][-1] if counts[v] else 0) + (now != shown[v]))
            shown[v] = now
    return counts


# ---------------------------------------------------------------------- with and without
_REFS = {
    "respond": "proposal",
    "withdraw": "proposal",
    "propose": "counter_to",
    "unsc_vote": "draft",
}
"""The field of each action type that names a record by id."""


def with_private_acts(
    rules: Rules, seed: int, log: list[dict[str, Any]], blind: str, rng: random.Random
) -> tuple[list[dict[str, Any]], int]:
    """``log`` with private acts among the other seats inserted before some of its
    negotiation actions — a private message, and a private proposal withdrawn at once —
    none of which ``blind`` is party to, nor changes anything it can see. Ids the later
    actions name are mapped to the records' ids in the new game (the inserted records
    take numbers of their own audience). Returns the new log and how many acts it
    inserted."""
    base, game = Game(rules, seed), Game(rules, seed)
    others = [a for a in rules.actor_ids if a != blind]
    ids: dict[int, int] = {}
    out: list[dict[str, Any]] = []
    inserted = 0

    def run(action: dict[str, Any]) -> bool:
        try:
            game.apply(action)
        except IllegalAction:
            return False
        out.append(action)
        return True

    for action in log:
        if game.phase == "negotiation" and rng.random() < 0.3:
            x, y = rng.sample(others, 2)
            inserted += run({"type": "message", "actor": x, "to": [y], "text": "unseen"})
            had = set(game.proposals)
            if run({"type": "propose", "actor": x, "to": [y], "talks": True, "text": "unseen"}):
                (pid,) = set(game.proposals) - had
                inserted += 1 + run({"type": "withdraw", "actor": x, "proposal": pid})
        field_ = _REFS.get(action["type"])
        mapped = dict(action)
        if field_ is not None and mapped.get(field_) in ids:
            mapped[field_] = ids[mapped[field_]]
        known = (len(base.messages), set(base.proposals), len(game.messages), set(game.proposals))
        base.apply(action)
        if not run(mapped):
            raise AssertionError(f"{mapped} refused after the inserted acts")
        for old, new in zip(base.messages[known[0] :], game.messages[known[2] :], strict=True):
            ids[old["id"]] = new["id"]
        new_base = [i for i in base.proposals if i not in known[1]]
        new_game = [i for i in game.proposals if i not in known[3]]
        ids.update(zip(new_base, new_game, strict=True))
    return out, inserted


async def frames_of(rules: Rules, seed: int, log: list[dict[str, Any]], viewer: str) -> list[Any]:
    """Everything numbered that ``viewer`` is shown while ``log`` is played through a
    server room: each new frame (seq, version, view, legal, clock) and the ack of each of
    its own actions."""
    from game.protocol import RoomOptions
    from server.room import Room
    from server.store import Store

    options = RoomOptions(
        scenario=rules.id, seed=seed, timers={"negotiation": None, "orders": None}
    )
    room = Room("FRAMES", rules.id, rules, options, Store(":memory:"))
    held = room.render(viewer)
    shown: list[Any] = [(held.seq, held.version, held.full_text(room.code))]
    try:
        for action in log:
            acked = room.submit(action)
            if action["actor"] == viewer:
                shown.append(("ack", acked))
            new = room.render(viewer)
            if new is not held:
                shown.append((new.seq, new.version, new.full_text(room.code)))
                held = new
    finally:
        room.close()
    return shown
