"""One websocket connection: authenticate, then relay actions and views.

Every frame is rate-limited, parsed with the protocol models and answered; nothing a
client sends can raise out of here. Views go out through a one-slot mailbox: a slow
client skips views it had no time to read and always gets the newest. A connection that
asked for ``deltas`` gets its first view whole and then ``view_delta`` messages made
against the view it last received; every view frame of a connection (pushes and its own
``sync`` replies) goes out through the one sender task, so that base is always the
previous view frame the client got.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError
from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

from game.engine.game import FACILITATOR
from game.errors import IllegalAction
from game.protocol.actions import FACILITATOR_ACTIONS, sender_of, to_engine
from game.protocol.errors import ProtocolError, validation_error
from game.protocol.messages import (
    AUTH_TYPES,
    PROTOCOL_VERSION,
    ActionMessage,
    Archive,
    Auth,
    CreateRoom,
    Join,
    Ping,
    Replay,
    Report,
    RequestId,
    RoomRequest,
    Sync,
    Welcome,
    parse_client,
)
from server.frames import check_frame, request_id_of
from server.gc_policy import COLLECTOR
from server.ratelimit import TokenBucket
from server.room import OMNISCIENT, SPECTATOR, StorageFailed
from server.views import Rendered, delta_text

if TYPE_CHECKING:
    from server.app import GameServer, Grant

log = logging.getLogger("sixparty.server")

POLICY_VIOLATION = 1008


def _dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


_INFO: dict[int, tuple[Any, dict[str, Any]]] = {}


def _scenario_info(rules: Any) -> dict[str, Any]:
    """The public description of compiled rules (made once per rules object)."""
    cached = _INFO.get(id(rules))
    if cached is None or cached[0] is not rules:
        from game.client.info import scenario_info

        cached = _INFO[id(rules)] = (rules, scenario_info(rules))
    return cached[1]


class Session:
    """The server's side of one connection (a :class:`server.room.Watcher` once in)."""

    def __init__(self, server: GameServer, ws: ServerConnection) -> None:
        self.server = server
        self.ws = ws
        self.grant: Grant | None = None
        self.viewer = ""
        self.player: str | None = None
        self._notices: list[str] = []
        self.bucket = TokenBucket(server.config.rate, server.config.burst)
        self.auth_failures = 0
        self.closing = False
        self.deltas = False
        """The client asked for ``view_delta`` messages."""
        self._latest: Rendered | None = None
        self._sent: Rendered | None = None
        """The last view frame sent (the base of the next delta)."""
        self._replies: list[RequestId] = []
        """``sync`` requests for our own view, answered by the sender in order."""
        self._wake = asyncio.Event()

    # ------------------------------------------------------------------ Watcher
    def deliver(self, rendered: Rendered) -> None:
        """Queue the newest view for sending (replacing an unsent older one)."""
        newest = self._latest or self._sent
        if newest is not None and newest.viewer == rendered.viewer:
            if rendered.version <= newest.version:
                return  # nothing new, or rendered before a view this connection has
        self._latest = rendered
        self._wake.set()

    def reseat(self, seat: str) -> None:
        """The facilitator moved this player: the connection now plays and sees ``seat``.

        A fresh ``welcome`` (``request_id`` null, no token) says so; the new seat's view
        follows (any unsent view of the old seat is dropped).
        """
        if self.grant is None:
            return
        self.grant.seat = seat
        self.viewer = seat
        self._latest = None
        self._sent = None  # the new seat's view goes out whole
        room = self.grant.room
        welcome = Welcome(
            role=self.grant.role, seat=seat, name=self.grant.name, room=room.info()
        ).model_dump_json()
        self._notices.append(welcome)
        self.deliver(room.render(seat))

    async def _sender(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            while self._notices:
                await self.ws.send(self._notices.pop(0))
            if self.grant is None:
                continue
            code = self.grant.room.code
            while self._replies:  # sync replies: whole, and the base of what follows
                rid = self._replies.pop(0)
                whole = self.grant.room.render(self.viewer)
                if self._latest is not None and self._latest.version <= whole.version:
                    self._latest = None
                self._sent = whole
                await self.ws.send(whole.full_text(code, rid))
            latest, self._latest = self._latest, None
            if latest is None:
                continue
            base = self._sent
            self._sent = latest
            if self.deltas and base is not None and base.viewer == latest.viewer:
                await self.ws.send(delta_text(code, base, latest))
            else:
                await self.ws.send(latest.full_text(code))

    # ------------------------------------------------------------------ main loop
    async def run(self) -> None:
        """Serve this connection until it closes."""
        self.server.sessions.add(self)
        sender = asyncio.get_running_loop().create_task(self._sender())
        timeout = asyncio.get_running_loop().call_later(
            self.server.config.auth_timeout, self._auth_timeout
        )
        try:
            async for raw in self.ws:
                COLLECTOR.note_activity()
                if self.closing:
                    continue  # drain until the close handshake completes
                if not self.bucket.allow():
                    await self._send_error(
                        ProtocolError(
                            "rate_limited",
                            f"more than {self.server.config.rate:g} messages a second "
                            f"(bursts of {self.server.config.burst:g}); closing",
                        ),
                        None,
                    )
                    self._close("rate limit exceeded")
                    continue
                await self._handle(raw)
                if self.grant is not None:
                    timeout.cancel()
        except ConnectionClosed:
            pass
        finally:
            timeout.cancel()
            sender.cancel()
            self.server.sessions.discard(self)
            if self.grant is not None:
                self.grant.room.watchers.discard(self)
                if not self.grant.room.closed:
                    self.grant.room.changed()  # the facilitator sees who is connected

    def _auth_timeout(self) -> None:
        if self.grant is None:
            self._close("no authentication in time")

    def _close(self, reason: str, code: int = POLICY_VIOLATION) -> None:
        """Start closing; frames still arriving are read and dropped meanwhile."""
        if self.closing:
            return
        self.closing = True
        task = asyncio.get_running_loop().create_task(self.ws.close(code, reason))
        self._closer = task  # keep a reference until done

    async def _send(self, message: BaseModel | dict[str, Any]) -> None:
        if isinstance(message, BaseModel):
            await self.ws.send(message.model_dump_json())
        else:
            await self.ws.send(_dumps(message))

    async def _send_error(self, exc: ProtocolError | IllegalAction, request_id: RequestId) -> None:
        if isinstance(exc, IllegalAction):
            field = exc.field
            if field is not None and field not in ("token", "code"):
                field = f"action.{field}"
            exc = ProtocolError(exc.code, str(exc), field)
        await self._send(exc.to_message(request_id))

    async def _handle(self, raw: str | bytes) -> None:
        if isinstance(raw, bytes):
            await self._send_error(
                ProtocolError("bad_frame", "binary frames are not accepted; send JSON text"), None
            )
            return
        refused = check_frame(raw)  # too deep to parse, or NaN/Infinity: not JSON
        if refused is not None:
            code, text, field, request_id = refused
            await self._send_error(ProtocolError(code, text, field), request_id)
            return
        try:
            msg = parse_client(raw)
        except ValidationError as exc:
            await self._send(validation_error(exc, request_id_of(raw)))
            return
        rid = msg.request_id  # type: ignore[attr-defined]
        try:
            await self._dispatch(msg, rid)
        except (ProtocolError, IllegalAction) as exc:
            await self._send_error(exc, rid)
            if isinstance(exc, ProtocolError) and exc.code == "protocol_version":
                self._close("unsupported protocol version")
            elif isinstance(exc, ProtocolError) and exc.code == "bad_token":
                self.auth_failures += 1
                if self.auth_failures >= self.server.config.max_auth_failures:
                    self._close("too many failed authentications")
        except StorageFailed as exc:
            await self._send_error(ProtocolError("storage_failed", str(exc)), rid)
        except ConnectionClosed:
            raise
        except Exception:
            log.exception("unexpected error handling %r", raw[:200])
            await self._send_error(
                ProtocolError("server_error", "unexpected server error; nothing was changed"),
                rid,
            )

    async def _dispatch(self, msg: BaseModel, rid: RequestId) -> None:
        kind = msg.type  # type: ignore[attr-defined]
        if kind in AUTH_TYPES:
            if self.grant is not None:
                raise ProtocolError(
                    "already_authenticated", "this connection is already authenticated", "type"
                )
            version = msg.protocol  # type: ignore[attr-defined]
            if version != PROTOCOL_VERSION:
                raise ProtocolError(
                    "protocol_version",
                    f"this server speaks protocol {PROTOCOL_VERSION}, not {version}",
                    "protocol",
                )
            await self._authenticate(msg, rid)
            return
        if isinstance(msg, Ping):
            await self._send({"type": "pong", "request_id": rid, "time": time.time()})
            return
        if self.grant is None:
            raise ProtocolError(
                "auth_required",
                "authenticate first: send create_room, join or auth",
                "type",
            )
        if isinstance(msg, Sync):
            await self._sync(msg, rid)
        elif isinstance(msg, ActionMessage):
            await self._act(msg, rid)
        elif isinstance(msg, Replay):
            await self._replay(msg, rid)
        elif isinstance(msg, Report):
            await self._report(rid)
        elif isinstance(msg, Archive):
            await self._archive(msg, rid)
        elif isinstance(msg, RoomRequest):
            await self._room(msg, rid)

    # ------------------------------------------------------------------ handlers
    async def _authenticate(self, msg: BaseModel, rid: RequestId) -> None:
        server = self.server
        token: str | None = None
        if isinstance(msg, CreateRoom):
            peer = self.ws.remote_address
            address = str(peer[0]) if isinstance(peer, tuple) and peer else None
            room, token = server.create_room(msg.options, False, address, msg.admin_token)
            from server.app import Grant

            grant = Grant("facilitator", room, None, "facilitator")
        elif isinstance(msg, Join):
            grant, token = server.join(msg.code, msg.role, msg.seat, msg.name)
        else:
            assert isinstance(msg, Auth)
            grant = server.authenticate(msg.token)
        self.grant = grant
        self.viewer = grant.viewer
        self.player = grant.player
        self.deltas = msg.deltas
        room = grant.room
        room.watchers.add(self)
        room.changed()  # the facilitator sees who joined and who is connected
        welcome = Welcome(
            request_id=rid,
            role=grant.role,
            seat=grant.seat,
            name=grant.name,
            token=token,
            room=room.info(),
        )
        await self._send(welcome)
        self.deliver(room.render(self.viewer))

    def _viewer(self, asked: str | None) -> str:
        """The viewer a ``sync``/``replay`` asks for (others' only for the facilitator)."""
        assert self.grant is not None
        viewer = asked or self.viewer
        if viewer != self.viewer:
            if self.grant.role != "facilitator":
                raise ProtocolError(
                    "forbidden_view",
                    f"you may only see your own view ({self.viewer}), not {viewer!r}",
                    "viewer",
                )
            if viewer not in (*self.grant.room.rules.actor_ids, SPECTATOR, OMNISCIENT):
                raise ProtocolError(
                    "unknown_seat",
                    f"no viewer {viewer!r}: an actor id, 'spectator' or 'omniscient'",
                    "viewer",
                )
        return viewer

    async def _sync(self, msg: Sync, rid: RequestId) -> None:
        assert self.grant is not None
        viewer = self._viewer(msg.viewer)
        if viewer == self.viewer:  # our own view: through the sender, whole
            self._replies.append(rid)
            self._wake.set()
        else:  # a facilitator looking at another viewer: a one-off, not our stream
            await self.ws.send(self.grant.room.render(viewer).full_text(self.grant.room.code, rid))

    def _after_the_game(self, what: str) -> None:
        """Players and observers get replays and reports once the game is over."""
        assert self.grant is not None
        if self.grant.role != "facilitator" and not self.grant.room.game.over:
            raise ProtocolError(
                "game_not_over",
                f"the {what} opens when the game is over (the facilitator may see it now)",
                "type",
            )

    async def _replay(self, msg: Replay, rid: RequestId) -> None:
        assert self.grant is not None
        self._after_the_game("replay")
        viewer = self._viewer(msg.viewer)
        room = self.grant.room
        loop = asyncio.get_running_loop()
        make = room.prepare_replay(viewer, msg.month, rid)
        await self._send(await loop.run_in_executor(room.renderer, make))

    async def _report(self, rid: RequestId) -> None:
        """The debrief for this connection: the facilitator's holds everything; a
        player's what its seat could see and an observer's what was public, unless the
        facilitator opened the archive (room option ``archive``) and the game is over."""
        assert self.grant is not None
        self._after_the_game("report")
        room = self.grant.room
        opened = room.options.archive == "open" and room.game.over
        loop = asyncio.get_running_loop()
        make = room.prepare_report(self.viewer, opened)
        try:
            filename, html, scope = await loop.run_in_executor(room.renderer, make)
        except ImportError as exc:
            raise ProtocolError(
                "report_unavailable", f"this server cannot make reports: {exc}"
            ) from None
        await self._send(
            {
                "type": "report",
                "request_id": rid,
                "filename": filename,
                "html": html,
                "audience": scope,
            }
        )

    async def _archive(self, msg: Archive, rid: RequestId) -> None:
        """Facilitator: open the archive to everyone's report, or close it again."""
        assert self.grant is not None
        if self.grant.role != "facilitator":
            raise ProtocolError(
                "not_facilitator", "only the facilitator may open the archive", "type"
            )
        state = self.grant.room.set_archive(msg.open)
        await self._send({"type": "archive", "request_id": rid, "archive": state})

    async def _room(self, msg: RoomRequest, rid: RequestId) -> None:
        """The room's public facts now, and the scenario's public description."""
        assert self.grant is not None
        room = self.grant.room
        info = _scenario_info(room.rules) if msg.scenario else None
        reply = {"type": "room", "request_id": rid, "room": room.info().model_dump()}
        await self._send({**reply, "scenario": info})

    async def _act(self, msg: ActionMessage, rid: RequestId) -> None:
        assert self.grant is not None
        grant = self.grant
        action = msg.action
        kind = action.type
        if grant.role == "observer":
            raise ProtocolError("observer", "observers watch; they cannot act", "action.type")
        who = sender_of(kind)  # who may send it: the action's spec says
        if grant.role == "facilitator":
            if who != FACILITATOR:
                raise ProtocolError(
                    "not_a_player",
                    f"the facilitator steers the room but plays no seat; "
                    f"facilitator actions: {', '.join(sorted(FACILITATOR_ACTIONS))}",
                    "action.type",
                )
            me = FACILITATOR
        else:
            if who == FACILITATOR:
                raise ProtocolError(
                    "not_facilitator", f"only the facilitator may {kind}", "action.type"
                )
            assert grant.seat is not None
            me = grant.seat
            if grant.seat in grant.room.bots:
                raise ProtocolError("seat_is_bot", "a bot plays this seat now", "action.type")
        if action.actor is not None and action.actor != me:
            raise ProtocolError(
                "not_your_seat",
                f"you play {me!r}; you cannot act as {action.actor!r}",
                "action.actor",
            )
        data = to_engine(action, me)
        room = grant.room
        sender = FACILITATOR if grant.role == "facilitator" else (self.player or me)
        request = None
        if rid is not None:  # a copy of an action already acknowledged gets its ack again
            again = room.recall(sender, rid, data)
            if again is not None:
                await self._send(again)
                return
            request = (sender, rid)
        seq = room.submit(data, request)
        game = room.game
        await self._send(
            {
                "type": "ack",
                "request_id": rid,
                "seq": seq,
                "action": data,
                "month": game.month,
                "phase": game.phase,
            }
        )
