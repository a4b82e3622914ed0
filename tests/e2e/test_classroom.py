"""The classroom, end to end (issue 6): a teacher runs a Korea 2019 class for twelve students
over a real server, then writes the debrief.

The ``lesson`` fixture plays the class once, the way a teacher would: ``sixparty serve`` in
a subprocess (port 0), the room made with ``sixparty room create`` (its printed join code
and facilitator token parsed), a facilitator and twelve students on real websocket
connections (:mod:`game.netclient`), two per country, one of them moved to the right team;
the room locked; briefing time; then four months with every control a facilitator has
(pause and resume, extend, the scenario's inject and a written one, an announcement, a
seat handed to a bot for a month and taken back, skip to resolution, end). The students
chat within and across teams, draft orders for their captain, and one team accepts
another's proposal. Everything each of them saw is kept, and each test below checks one
part of the story against it; the report tests also read the server's database and run
``sixparty report`` like a teacher after class, and open the debrief in headless Chromium.

Nothing waits on a sleep but the one second the clock is paused (to show it stands still);
phases have long clocks (10 and 5 minutes) and end when every team is ready, or when the
facilitator says so, so the game is the same on a fast machine and on a loaded one.
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import io
import json
import os
import random
import re
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape  # the report's template engine escapes with it

from game.cli import main
from game.netclient import Client, random_orders
from game.protocol import ProtocolError
from game.report import briefing_html
from game.scenario.compile import Rules
from game.scenario.loader import load_scenario
from tests.report.test_chromium import _run, keep_for_people
from tests.server.helpers import start_server, stored_log

SCENARIO = "korea-2019"
SEED = 7
ROOM_NAME = "Period 3"
TIMERS = "negotiation=10m,orders=5m"
NEGOTIATION_SECONDS = 600.0
WAIT = 60.0
"""Seconds any one expected event may take (generous: a loaded 2-core machine)."""
NAMES = ("Ada", "Ben", "Chloe", "Dev", "Emma", "Farid", "Grace", "Hiro", "Ines", "Jun", "Kofi")
MOVED_NAME = "Lena"
"""The twelfth student, who joins the wrong team and is moved by the facilitator."""
ANNOUNCEMENT = "Ten minutes left in this round: captains, agree your orders."
CUSTOM_NEWS = "A typhoon floods the west coast; relief convoys wait at the border."
CUSTOM_TENSION = 6
PROPOSAL_TEXT = "Joint statement: a two-month commitment, verified by both sides."
BOT = "dove"

Message = dict[str, Any]


# ---------------------------------------------------------------------- the record
@dataclass
class Student:
    """One student: a name, a team (seat), a connection; the captain sends the team's
    ``ready`` and final orders, the other one drafts and chats."""

    name: str
    seat: str
    client: Client
    captain: bool
    player: str = ""
    rng: random.Random = field(default_factory=random.Random)


@dataclass
class Lesson:
    """What happened in class, as the teacher, the students and the server saw it."""

    rules: Rules
    db: Path
    out: Path
    created: str = ""
    code: str = ""
    token: str = ""
    url: str = ""
    seats: tuple[str, ...] = ()
    roster: list[Message] = field(default_factory=list)
    """The facilitator's ``legal.seats`` once the twelve had joined (before the move)."""
    teams: list[Message] = field(default_factory=list)
    """The facilitator's ``legal.seats`` after the move and the lock."""
    moved: Message = field(default_factory=dict)
    late_error: ProtocolError | None = None
    locked: bool = False
    briefing: dict[str, Message] = field(default_factory=dict)
    """Student name -> the view message they read during briefing time."""
    students: dict[str, tuple[str, bool]] = field(default_factory=dict)
    """Student name -> (their team after the move, captain)."""
    started: list[Message] = field(default_factory=list)
    acks: list[Message] = field(default_factory=list)
    """Every facilitator control's ``ack``, in order."""
    clock: dict[str, Any] = field(default_factory=dict)
    injected: Message = field(default_factory=dict)
    """The scenario inject fired (``id``, ``title``, ``news``)."""
    tension: tuple[float, float] = (0.0, 0.0)
    news_seen: list[list[str]] = field(default_factory=list)
    """Each student's news texts once the injects and the announcement were in."""
    chats: list[Message] = field(default_factory=list)
    """Every chat message a student sent: ``name``, ``seat``, ``to``, ``text``."""
    seen: dict[str, Message] = field(default_factory=dict)
    """Student name -> their view at the end of month 1's negotiation."""
    god: Message = field(default_factory=dict)
    """The facilitator's view at the end of month 1's negotiation."""
    proposal: Message = field(default_factory=dict)
    agreement_views: list[Message] = field(default_factory=list)
    bot_seat: str = ""
    bot_types: list[list[str]] = field(default_factory=list)
    bot_refusal: ProtocolError | None = None
    back_types: list[list[str]] = field(default_factory=list)
    final: list[Message] = field(default_factory=list)
    server_report: Message = field(default_factory=dict)
    student_report: Message = field(default_factory=dict)
    student_seat: str = ""
    server_stderr: str = ""
    log: list[Message] = field(default_factory=list)
    printed: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------- helpers
def _window(text: str, others: list[str], words: int = 7) -> str:
    """A run of ``words`` plain words of ``text`` found in none of ``others``."""
    tokens = text.split()
    for i in range(len(tokens) - words + 1):
        phrase = " ".join(tokens[i : i + words])
        if re.fullmatch(r"[A-Za-z0-9 ,.-]+", phrase) and not any(phrase in o for o in others):
            return phrase
    raise AssertionError(f"no distinctive phrase in {text[:60]!r}")


def secret_phrases(rules: Rules) -> dict[str, str]:
    """Per seat, a phrase of its secret briefing that appears in no other briefing."""
    briefs = {a: rules.actors[a].briefing for a in rules.actor_ids}
    out = {}
    for a, brief in briefs.items():
        others = [b.public for b in briefs.values()] + [
            b.secret for x, b in briefs.items() if x != a
        ]
        out[a] = _window(brief.secret, others)
    return out


HISTORY_HEADING = "The class's year and the real one"


def section(page: str, sid: str) -> str:
    """The part of a debrief page with id ``sid``: an appendix part (``<details>``) up to
    its end, or a ``<section>`` up to the next one."""
    start = page.index(f'id="{sid}"')
    if page.startswith("<details", page.rfind("<", 0, start)):
        return page[start : page.index("</details>", start)]
    end = page.find("<section", start)
    return page[start : end if end >= 0 else len(page)]


async def everyone(clients: list[Client], predicate: Callable[[Message], bool]) -> list[Message]:
    """Wait until every client's newest view satisfies ``predicate``."""
    return list(await asyncio.gather(*(c.wait_view(predicate, WAIT) for c in clients)))


def at(month: int, phase: str) -> Callable[[Message], bool]:
    """A view predicate: the game is in ``month``'s ``phase``."""
    return lambda v: v["view"]["month"] == month and v["view"]["phase"] == phase


def since(seq: int, predicate: Callable[[Message], bool] = lambda v: True) -> Callable[..., bool]:
    """A predicate on the facilitator's views: the view includes action ``seq`` (the
    facilitator's ``seq`` counts every action: its acks name places in the log) and
    satisfies ``predicate``."""
    return lambda v: v["seq"] >= seq and predicate(v)


async def synced(clients: list[Client]) -> list[Message]:
    """Each client's whole view now (``sync``), once an action was acknowledged: a
    seat's ``seq`` counts only what it sees, so it cannot be compared with another
    client's ack; a view asked for after the ack includes the action."""
    return list(await asyncio.gather(*(c.sync() for c in clients)))


# ---------------------------------------------------------------------- the class
class Classroom:
    """Plays the lesson: the facilitator's controls and the students' moves, in order."""

    def __init__(self, lesson: Lesson) -> None:
        self.lesson = lesson
        self.fac: Client | None = None
        self.students: list[Student] = []

    @property
    def facilitator(self) -> Client:
        assert self.fac is not None
        return self.fac

    def clients(self, seat: str | None = None) -> list[Client]:
        return [s.client for s in self.students if seat is None or s.seat == seat]

    def team(self, seat: str) -> list[Student]:
        return [s for s in self.students if s.seat == seat]

    def captains(self, but: str = "") -> list[Student]:
        return [s for s in self.students if s.captain and s.seat != but]

    async def control(self, action: Message) -> Message:
        """A facilitator control; its ``ack`` is kept (the log must hold every one)."""
        ack = await self.facilitator.act(action)
        self.lesson.acks.append(ack)
        return ack

    async def close(self) -> None:
        for client in [*self.clients(), *([self.fac] if self.fac else [])]:
            await client.close()

    # ------------------------------------------------------------------ before class
    async def join(self) -> None:
        """Twelve students join, two per team (one by mistake on a third), the facilitator
        moves the stray one, locks the room; a latecomer is refused."""
        lesson = self.lesson
        self.fac = await Client.connect(lesson.url)
        welcome = await self.facilitator.auth(lesson.token)
        assert welcome["role"] == "facilitator"
        lesson.seats = tuple(s["id"] for s in welcome["room"]["seats"])
        seats = lesson.seats
        plan = [(name, seats[i // 2], i % 2 == 0) for i, name in enumerate(NAMES)]
        plan.append((MOVED_NAME, seats[-2], False))  # meant for the last team
        for i, (name, seat, captain) in enumerate(plan):
            client = await Client.connect(lesson.url)
            joined = await client.join(lesson.code, seat, name=name)
            me = next(
                m
                for s in joined["room"]["seats"]
                if s["id"] == seat
                for m in s["members"]
                if m["name"] == name
            )
            rng = random.Random(SEED * 100 + i)
            self.students.append(Student(name, seat, client, captain, me["id"], rng))
        god = await self.facilitator.wait_view(
            lambda v: sum(len(s["players"]) for s in v["legal"].get("seats", [])) == 12, WAIT
        )
        lesson.roster = god["legal"]["seats"]

        stray = self.students[-1]
        ack = await self.control({"type": "move", "player": stray.player, "seat": seats[-1]})
        stray.seat = seats[-1]
        moved = await stray.client.wait_view(lambda v: v["viewer"] == seats[-1], WAIT)
        lesson.moved = {
            "player": stray.player,
            "name": stray.name,
            "from": seats[-2],
            "to": seats[-1],
            "viewer": moved["viewer"],
            "welcome_seat": (stray.client.welcome or {}).get("seat"),
        }
        ack = await self.control({"type": "lock", "locked": True})
        god = await self.facilitator.wait_view(since(ack["seq"]), WAIT)
        lesson.teams, lesson.locked = god["legal"]["seats"], god["legal"]["locked"]
        async with await Client.connect(lesson.url) as late:
            try:
                await late.join(lesson.code, seats[0], name="Latecomer")
            except ProtocolError as exc:
                lesson.late_error = exc
        lesson.students = {s.name: (s.seat, s.captain) for s in self.students}

    async def brief(self) -> None:
        """Briefing time: every student reads their team's view before the start."""
        for s in self.students:
            view = await s.client.wait_view(lambda v, seat=s.seat: v["viewer"] == seat, WAIT)
            self.lesson.briefing[s.name] = view

    # ------------------------------------------------------------------ month 1
    async def month_one(self) -> None:
        """Start; pause (the clock stands still), announce, resume, extend, two injects;
        chat, drafts, a proposal accepted; orders."""
        lesson, fac = self.lesson, self.facilitator
        ack = await self.control({"type": "start"})
        lesson.started = await everyone(self.clients(), lambda v: v["started"])
        before = await fac.wait_view(since(ack["seq"], lambda v: v["deadline"] is not None), WAIT)

        clock: dict[str, Any] = {"deadline_before": before["deadline"]}
        clock["pause_sent"] = time.time()
        ack = await self.control({"type": "pause"})
        clock["pause_acked"] = time.time()
        paused = await fac.wait_view(since(ack["seq"]), WAIT)
        clock["paused"] = {k: paused[k] for k in ("deadline", "remaining", "paused_remaining")}
        clock["paused_flag"] = paused["view"]["paused"]
        clock["student_paused"] = [
            (v["view"]["paused"], v["deadline"]) for v in await synced(self.clients())
        ]
        ack = await self.control({"type": "announce", "text": ANNOUNCEMENT})
        await asyncio.sleep(1.0)  # time passes; a paused clock must not count it
        still = await fac.sync()
        clock["still"] = {k: still[k] for k in ("deadline", "remaining", "paused_remaining")}
        clock["resume_sent"] = time.time()
        ack = await self.control({"type": "resume"})
        clock["resume_acked"] = time.time()
        resumed = await fac.wait_view(since(ack["seq"]), WAIT)
        clock["deadline_after"] = resumed["deadline"]
        clock["resumed_flag"] = resumed["view"]["paused"]
        ack = await self.control({"type": "extend", "seconds": 120})
        extended = await fac.wait_view(since(ack["seq"]), WAIT)
        clock["deadline_extended"] = extended["deadline"]
        lesson.clock = clock

        inject = extended["legal"]["injects"][0]
        lesson.injected = dict(inject)
        ack = await self.control({"type": "inject", "event": inject["id"]})
        tension_before = (await fac.wait_view(since(ack["seq"]), WAIT))["view"]["tension"]["value"]
        key = lesson.rules.tension_key
        ack = await self.control(
            {"type": "inject", "news": CUSTOM_NEWS, "effects": {key: CUSTOM_TENSION}}
        )
        after = await fac.wait_view(since(ack["seq"]), WAIT)
        lesson.tension = (tension_before, after["view"]["tension"]["value"])
        lesson.news_seen = [
            [n["text"] for n in v["view"]["news"]] for v in await synced(self.clients())
        ]

        await self.negotiate(1, drafts=True)
        await self.propose_and_accept()
        lesson.god = await fac.sync()
        for s in self.students:
            lesson.seen[s.name] = await s.client.sync()
        await self.ready(1)
        await self.orders(1)
        await everyone([*self.clients(), fac], at(2, "negotiation"))

    async def negotiate(self, month: int, drafts: bool = False, but: str = "") -> None:
        """Each student who may act says something: the captain privately to another team,
        the other publicly; with ``drafts``, the non-captain drafts the team's orders."""
        for s in self.students:
            if s.seat == but:
                continue
            view = await s.client.wait_view(at(month, "negotiation"), WAIT)
            legal = view["legal"]
            partners = legal["partners"]
            if s.captain:
                to = [partners[(len(self.chats_of(s.seat)) + month) % len(partners)]]
                text = f"{s.name} for {s.seat}, month {month}: can we talk privately?"
            else:
                to = []
                text = f"{s.name} for {s.seat}, month {month}: our team wants calm."
            await s.client.act({"type": "message", "to": to, "text": text, "month": month})
            self.lesson.chats.append({"name": s.name, "seat": s.seat, "to": to, "text": text})
            if drafts and not s.captain:
                levers = {lid: s.rng.choice(opts) for lid, opts in legal["levers"].items()}
                await s.client.act(
                    {"type": "orders", "levers": levers, "final": False, "month": month}
                )

    def chats_of(self, seat: str) -> list[Message]:
        return [c for c in self.lesson.chats if c["seat"] == seat]

    async def propose_and_accept(self) -> None:
        """The first team proposes a commitment to the second; the second team's
        non-captain accepts (anyone in a team may answer for it)."""
        seats = self.lesson.seats
        proposer = self.team(seats[0])[0]
        accepter = [s for s in self.team(seats[1]) if not s.captain][0]
        legal = (await proposer.client.wait_view(at(1, "negotiation"), WAIT))["legal"]
        levers = legal["commitment_levers"][seats[1]]
        lever = sorted(levers)[0]
        commitment = {"actor": seats[1], "lever": lever, "option": levers[lever][0], "months": 2}
        await proposer.client.act(
            {
                "type": "propose",
                "to": [seats[1]],
                "commitments": [commitment],
                "text": PROPOSAL_TEXT,
                "month": 1,
            }
        )
        mine = await accepter.client.wait_view(
            lambda v: any(p["text"] == PROPOSAL_TEXT for p in v["view"]["proposals"]), WAIT
        )
        pid = next(p["id"] for p in mine["view"]["proposals"] if p["text"] == PROPOSAL_TEXT)
        await accepter.client.wait_view(lambda v: pid in v["legal"].get("respond", []), WAIT)
        ack = await accepter.client.act(
            {"type": "respond", "proposal": pid, "accept": True, "month": 1}
        )
        self.lesson.proposal = {"id": pid, "from": seats[0], "to": seats[1], **commitment}
        # the ack names the accepter's own seq: its view numbered so shows the deal
        seen = await accepter.client.wait_view(lambda v: v["seq"] >= ack["seq"], WAIT)
        assert any(a["id"] == pid for a in seen["view"]["agreements"])
        self.lesson.agreement_views = await synced(
            [proposer.client, accepter.client, self.facilitator]
        )

    async def ready(self, month: int, but: str = "") -> None:
        """Each captain says the team is done negotiating; everyone sees the orders phase."""
        for s in self.captains(but):
            await s.client.act({"type": "ready", "month": month})
        await everyone(self.clients(), at(month, "orders"))

    async def orders(self, month: int, but: str = "") -> None:
        """Each captain submits final orders: random legal levers (no signals: this class
        is about talking, and a missile test could end it in war)."""
        for s in self.captains(but):
            view = await s.client.wait_view(at(month, "orders"), WAIT)
            orders = {**random_orders(view["legal"], s.rng), "signals": []}
            await s.client.act(orders)

    # ------------------------------------------------------------------ months 2-4
    async def month_two(self) -> None:
        """A seat goes to a bot for the month (its students watch) and comes back."""
        lesson, fac = self.lesson, self.facilitator
        seat = lesson.bot_seat = lesson.seats[2]
        await self.control({"type": "seat", "seat": seat, "bot": BOT})
        watching = await synced(self.clients(seat))
        lesson.bot_types = [v["legal"]["types"] for v in watching]
        try:
            await self.team(seat)[0].client.act(
                {"type": "message", "to": [], "text": "Can we still talk?", "month": 2}
            )
        except ProtocolError as exc:
            lesson.bot_refusal = exc
        await self.negotiate(2, but=seat)
        await self.ready(2, but=seat)  # the bot is ready on its own
        # the bot submits its orders; then the facilitator gives the seat back to people
        await fac.wait_view(lambda v: at(2, "orders")(v) and seat in v["view"]["submitted"], WAIT)
        await self.control({"type": "seat", "seat": seat, "bot": None})
        back = await synced(self.clients(seat))
        lesson.back_types = [v["legal"]["types"] for v in back]
        await self.orders(2, but=seat)
        await everyone([*self.clients(), fac], at(3, "negotiation"))

    async def month_three(self) -> None:
        """Talk, then the facilitator skips straight to resolution (no orders sent)."""
        await self.negotiate(3)
        await self.control({"type": "advance", "to": "resolution"})
        await everyone([*self.clients(), self.facilitator], at(4, "negotiation"))

    async def month_four(self) -> None:
        """Talk, then the facilitator ends the game; everyone fetches the debrief."""
        await self.negotiate(4)
        await self.control({"type": "end"})
        self.lesson.final = await everyone(
            [*self.clients(), self.facilitator],
            lambda v: v["view"]["phase"] == "over",
        )
        self.lesson.server_report = await self.facilitator.report()
        self.lesson.student_report = await self.students[0].client.report()
        self.lesson.student_seat = self.students[0].client.view["viewer"]


async def _play(lesson: Lesson) -> None:
    room = Classroom(lesson)
    try:
        await room.join()
        await room.brief()
        await room.month_one()
        await room.month_two()
        await room.month_three()
        await room.month_four()
    finally:
        await room.close()


def _create_room(lesson: Lesson) -> None:
    """``sixparty room create`` (the real command, in-process): parse what it prints."""
    out = io.StringIO()
    args = ["room", "create", "--server", lesson.url.rstrip("/"), "--scenario", SCENARIO]
    args += ["--start", "facilitator", "--timers", TIMERS, "--name", ROOM_NAME]
    args += ["--seed", str(SEED)]
    with contextlib.redirect_stdout(out):
        assert main(args) == 0
    lesson.created = out.getvalue()
    code = re.search(r"^Room ([A-Z0-9]{6}) created on ", lesson.created, re.M)
    token = re.search(r"^Facilitator token .*:\n  (\S+)$", lesson.created, re.M)
    assert code and token, lesson.created
    lesson.code, lesson.token = code.group(1), token.group(1)


@pytest.fixture(scope="module")
def lesson(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lesson]:
    """The class, played once over a real server; then ``sixparty report`` on its database."""
    tmp = tmp_path_factory.mktemp("classroom")
    lesson = Lesson(load_scenario(SCENARIO), tmp / "db.sqlite3", tmp / "debrief")
    proc, lesson.url = start_server(tmp)
    try:
        _create_room(lesson)
        asyncio.run(asyncio.wait_for(_play(lesson), 240))
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            _, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
        lesson.server_stderr = err.decode(errors="replace")
    lesson.log = stored_log(lesson.db, lesson.code)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        command = ["report", lesson.code, "--db", str(lesson.db), "--out", str(lesson.out)]
        assert main(command) == 0
    lesson.printed = printed.getvalue().split()
    yield lesson


# ---------------------------------------------------------------------- 1. create
def test_room_create_prints_the_code_the_token_and_what_students_type(lesson: Lesson) -> None:
    text = lesson.created
    assert re.fullmatch(r"[A-Z0-9]{6}", lesson.code) and len(lesson.token) >= 32
    assert f"sixparty join {lesson.url.rstrip('/')} --room {lesson.code}" in text
    assert f"--facilitator {lesson.token}" in text
    assert ROOM_NAME in text and "negotiation 10m, orders 5m" in text
    assert "waits for the facilitator's start" in text
    for a in lesson.rules.actor_ids:  # every seat open for students
        assert re.search(rf"^\s+{a}\s+{re.escape(lesson.rules.actors[a].name)}\s+open", text, re.M)


# ---------------------------------------------------------------------- 2. teams
def test_students_join_teams_the_facilitator_moves_one_and_locks_the_room(lesson: Lesson) -> None:
    seats = lesson.seats
    names = [*NAMES, MOVED_NAME]
    roster = {s["id"]: [p["name"] for p in s["players"]] for s in lesson.roster}
    expected = {a: list(names[2 * i : 2 * i + 2]) for i, a in enumerate(seats)}
    expected[seats[-2]] = [*expected[seats[-2]], MOVED_NAME]
    expected[seats[-1]] = [n for n in expected[seats[-1]] if n != MOVED_NAME]
    assert roster == expected  # the facilitator sees who is in which team
    assert all(p["connected"] == 1 for s in lesson.roster for p in s["players"])

    moved = lesson.moved
    assert moved["viewer"] == moved["to"] == moved["welcome_seat"] == seats[-1]
    teams = {s["id"]: [p["name"] for p in s["players"]] for s in lesson.teams}
    assert all(len(members) == 2 for members in teams.values()), teams
    assert MOVED_NAME in teams[seats[-1]] and MOVED_NAME not in teams[seats[-2]]
    assert lesson.locked is True

    error = lesson.late_error
    assert error is not None, "a thirteenth student got into a locked room"
    assert error.code == "room_locked" and "locked" in str(error) and lesson.code in str(error)


# ---------------------------------------------------------------------- 3. brief
def test_each_team_reads_its_own_secret_briefing_and_no_other(lesson: Lesson) -> None:
    rules = lesson.rules
    phrases = secret_phrases(rules)
    for name, view in lesson.briefing.items():
        seat = lesson.students[name][0]
        assert view["viewer"] == seat and view["started"] is False
        assert view["legal"]["types"] == [] and view["deadline"] is None  # reading time
        v = view["view"]
        assert v["secret_briefing"] == rules.actors[seat].briefing.secret
        assert v["briefings"][seat] == rules.actors[seat].briefing.public
        assert "secret_briefings" not in v
        text = json.dumps(v, ensure_ascii=False)
        assert phrases[seat] in text
        leaked = [a for a, phrase in phrases.items() if a != seat and phrase in text]
        assert leaked == [], f"{name} ({seat}) reads the secret briefing of {leaked}"
    # the printable page of each team carries its secret briefing, and only its own
    for seat, phrase in phrases.items():
        page = briefing_html(rules, seat)
        assert escape(phrase) in page
        assert not [a for a, p in phrases.items() if a != seat and escape(p) in page]
    everything = briefing_html(rules)
    assert all(escape(p) in everything for p in phrases.values())


# ---------------------------------------------------------------------- 4. controls
def test_the_start_ends_briefing_time_for_everyone(lesson: Lesson) -> None:
    assert len(lesson.started) == 12
    for view in lesson.started:
        assert view["started"] is True and "ready" in view["legal"]["types"]
        assert NEGOTIATION_SECONDS - 60 < view["remaining"] <= NEGOTIATION_SECONDS


def test_pause_stops_the_clock_and_resume_gives_back_the_time_that_was_left(
    lesson: Lesson,
) -> None:
    c = lesson.clock
    assert c["paused_flag"] is True and c["resumed_flag"] is False
    paused, still = c["paused"], c["still"]
    assert paused["deadline"] is None and paused["remaining"] is None
    assert all(flag is True and deadline is None for flag, deadline in c["student_paused"])
    # the time left is what the deadline left when the pause arrived...
    left = paused["paused_remaining"]
    assert c["deadline_before"] - c["pause_acked"] <= left <= c["deadline_before"] - c["pause_sent"]
    # ...and it stays put while the clock is stopped (a second went by meanwhile)
    assert still["paused_remaining"] == left and still["deadline"] is None
    # resuming moves the deadline on by exactly the time spent paused
    shift = c["deadline_after"] - c["deadline_before"]
    assert c["resume_sent"] - c["pause_acked"] - 1e-3 <= shift
    assert shift <= c["resume_acked"] - c["pause_sent"] + 1e-3
    assert shift >= 1.0


def test_extend_adds_time_to_the_phase(lesson: Lesson) -> None:
    c = lesson.clock
    assert c["deadline_extended"] - c["deadline_after"] == pytest.approx(120, abs=1e-3)


def test_injects_and_the_announcement_reach_every_student(lesson: Lesson) -> None:
    rules = lesson.rules
    inject = lesson.injected
    assert inject["id"] in rules.injects and inject["news"] == rules.injects[inject["id"]].news
    before, after = lesson.tension
    high = rules.bounds[rules.tension_key][1]
    assert after == pytest.approx(min(high, before + CUSTOM_TENSION)) and after > before
    assert len(lesson.news_seen) == 12
    for news in lesson.news_seen:
        assert inject["news"] in news and CUSTOM_NEWS in news and ANNOUNCEMENT in news


def test_students_chat_within_and_across_teams(lesson: Lesson) -> None:
    month_one = [c for c in lesson.chats if c["text"].endswith("?") and ", month 1:" in c["text"]]
    assert len(month_one) == 6  # each captain wrote privately to another team
    for chat in month_one:
        for name, (seat, _) in lesson.students.items():
            texts = [m["text"] for m in lesson.seen[name]["view"]["messages"]]
            # the teammate reads what the captain wrote for the team; the addressee
            # reads it too; a third team does not
            assert (chat["text"] in texts) == (seat == chat["seat"] or seat in chat["to"])
    public = [c["text"] for c in lesson.chats if not c["to"] and ", month 1:" in c["text"]]
    assert len(public) == 6
    for view in lesson.seen.values():
        texts = [m["text"] for m in view["view"]["messages"]]
        assert all(t in texts for t in public)
    # the facilitator reads every channel and sees each team's drafted orders
    god = lesson.god["view"]
    written = {c["text"] for c in lesson.chats if ", month 1:" in c["text"]}
    assert len(written) == 12 and written <= {m["text"] for m in god["messages"]}
    assert all(god["drafts"].get(a) for a in lesson.seats), god["drafts"]


def test_a_team_accepts_another_teams_proposal(lesson: Lesson) -> None:
    deal = lesson.proposal
    for view in lesson.agreement_views:
        proposal = next(p for p in view["view"]["proposals"] if p["id"] == deal["id"])
        assert proposal["text"] == PROPOSAL_TEXT and proposal["status"] == "accepted"
        assert proposal["responses"] == {deal["from"]: "accept", deal["to"]: "accept"}
        agreements = view["view"]["agreements"]
        assert any(set(a["parties"]) == {deal["from"], deal["to"]} for a in agreements)


def test_a_seat_goes_to_a_bot_for_a_month_and_comes_back(lesson: Lesson) -> None:
    assert lesson.bot_types == [[], []]  # its students watch
    error = lesson.bot_refusal
    assert error is not None and error.code == "seat_is_bot"
    assert all("message" in types for types in lesson.back_types), lesson.back_types
    seats = [a for a in lesson.log if a.get("type") == "seat"]
    assert [(a["seat"], a["bot"]) for a in seats] == [
        (lesson.bot_seat, BOT),
        (lesson.bot_seat, None),
    ]
    # between the two, the bot played the seat's negotiation and orders
    first, last = (lesson.log.index(a) for a in seats)
    played = {a["type"] for a in lesson.log[first:last] if a.get("actor") == lesson.bot_seat}
    assert {"ready", "orders"} <= played, played


def test_skip_to_resolution_and_end(lesson: Lesson) -> None:
    acks = {a["action"]["type"]: a for a in lesson.acks}
    assert (acks["advance"]["month"], acks["advance"]["phase"]) == (4, "negotiation")
    assert acks["end"]["phase"] == "over"
    assert len(lesson.final) == 13
    for view in lesson.final:
        assert view["view"]["phase"] == "over" and view["legal"]["types"] == []
        assert set(view["view"]["outcome"]["scores"]) == set(lesson.seats)


# ---------------------------------------------------------------------- 5. the log
def test_every_facilitator_action_is_in_the_games_log(lesson: Lesson) -> None:
    log = lesson.log
    assert len(log) == lesson.final[-1]["seq"]
    for ack in lesson.acks:
        assert log[ack["seq"] - 1] == ack["action"]
    controls = [a for a in log if a.get("actor") == "facilitator"]
    assert controls == [ack["action"] for ack in lesson.acks]  # no timer ended a phase
    kinds = [a["type"] for a in controls]
    assert kinds == [
        "move",
        "lock",
        "start",
        "pause",
        "announce",
        "resume",
        "extend",
        "inject",
        "inject",
        "seat",
        "seat",
        "advance",
        "end",
    ]
    assert "Traceback" not in lesson.server_stderr, lesson.server_stderr


# ---------------------------------------------------------------------- 6. the report
def _check_debrief(lesson: Lesson, page: str) -> None:
    rules = lesson.rules
    assert page.startswith("<!DOCTYPE html>")
    timeline = section(page, "timeline")
    for label in rules.months[:4]:  # the four months played...
        assert escape(label) in timeline, label
    for label in rules.months[4:]:  # ...and no more
        assert escape(label) not in timeline, label
    for text in (lesson.injected["news"], CUSTOM_NEWS, ANNOUNCEMENT):
        assert escape(text) in timeline, text
    archive = section(page, "messages")
    for chat in lesson.chats:
        assert escape(chat["text"]) in archive, chat["text"]
    assert escape(PROPOSAL_TEXT) in section(page, "deals")
    objectives = section(page, "objectives")
    for a in rules.actor_ids:
        assert escape(rules.actors[a].name) in objectives
        for objective in rules.objectives[a]:
            assert escape(objective.name) in objectives, (a, objective.name)
    history = section(page, "history")
    assert f"<h2>{escape(HISTORY_HEADING)}</h2>" in history
    assert escape(rules.model.history[0].text) in history


def test_the_server_sends_the_debrief(lesson: Lesson) -> None:
    report = lesson.server_report
    assert report["type"] == "report" and report["filename"].endswith(f"{lesson.code}.html")
    _check_debrief(lesson, report["html"])
    assert ROOM_NAME in report["html"]
    # a student may fetch it too once the game is over: what that seat could see
    student = lesson.student_report
    assert student["audience"] == "seat" and 'data-scope="seat"' in student["html"]
    archive, seat = section(student["html"], "messages"), lesson.student_seat
    for chat in lesson.chats:
        seen = not chat["to"] or chat["seat"] == seat or seat in chat["to"]
        assert (escape(chat["text"]) in archive) == seen, (seat, chat)
    assert any(chat["to"] and seat not in (chat["seat"], *chat["to"]) for chat in lesson.chats)


def test_sixparty_report_writes_the_debrief_from_the_servers_database(lesson: Lesson) -> None:
    out, code = lesson.out, lesson.code
    page = (out / f"{code}-debrief.html").read_text(encoding="utf-8")
    _check_debrief(lesson, page)
    assert f"Debrief of room {code} ({ROOM_NAME}) — " in page
    assert sorted(Path(p).name for p in lesson.printed) == sorted(p.name for p in out.iterdir())

    data = json.loads((out / f"{code}-debrief.json").read_text(encoding="utf-8"))
    assert data["actions"] == len(lesson.log) and data["result"]["over"]
    months = [m["month"] for m in data["timeline"]]
    assert months == [1, 2, 3, 4]
    assert [m["month"] for m in data["series"]["months"]] == [0, *months]  # from the start
    # every control of the facilitator is in the debrief's month-by-month, marked as such
    assert [f["type"] for f in data["facilitator"]] == [a["action"]["type"] for a in lesson.acks]
    timeline = section(page, "timeline")
    controls = [f["text"] for f in data["facilitator"] if f["type"] not in ("inject", "announce")]
    assert len(controls) == 10 and all(escape(t) in timeline for t in controls), controls
    moved = lesson.moved
    assert f"Moved {moved['name']} to {moved['to']}" in controls  # by name, not by id
    assert {f["by"] for f in data["facilitator"]} == {"facilitator"}  # no timer ran out

    def rows(name: str) -> list[dict[str, str]]:
        with open(out / f"{code}-{name}", encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    assert sorted({int(r["month"]) for r in rows("series.csv")}) == [0, *months]
    assert sorted({int(r["month"]) for r in rows("timeline.csv")}) == months
    texts = [r["text"] for r in rows("messages.csv")]
    assert len(texts) == len(data["messages"]) and all(c["text"] in texts for c in lesson.chats)
    assert any(PROPOSAL_TEXT in " ".join(r.values()) for r in rows("deals.csv"))
    scores = {r["actor"] for r in rows("objectives.csv")}
    assert scores == set(lesson.seats)


# ---------------------------------------------------------------------- 7. in a browser
def test_the_debrief_opens_in_chromium(lesson: Lesson, chromium: str, tmp_path: Path) -> None:
    import numpy as np

    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    page = lesson.out / f"{lesson.code}-debrief.html"
    shot = tmp_path / "classroom-report.png"
    _run(chromium, tmp_path, page, f"--screenshot={shot}", "--window-size=1280,2400")
    keep_for_people(shot)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = pygame.image.load(str(shot))
    assert image.get_size() == (1280, 2400)
    pixels = pygame.surfarray.array3d(image)[::4, ::4].reshape(-1, 3)
    colours = np.unique(pixels, axis=0)
    assert len(colours) > 100  # text, tables, team colours: not a blank page
    white = np.all(pixels >= 250, axis=1).mean()
    assert white < 0.97, f"{white:.1%} of the page is white"
