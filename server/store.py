"""Persistence: rooms, tokens and every accepted action, in one SQLite file (WAL mode).

An action is inserted and committed before the client hears ``ack``; with WAL and
``synchronous=NORMAL`` a commit survives the server process being killed (kill -9);
``--durable`` (``synchronous=FULL``) also survives power loss, at a cost per action.
Tokens are stored as SHA-256 hashes, never in clear.

An action's ``seq`` here is its place in the room's log: the server's own numbering,
sent to nobody but the facilitator. Beside it, ``seen`` is the mask of the viewers whose
view the action changed (see ``server.room``), from which each viewer's own ``seq`` is
counted again after a restart.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.errors import SixPartyError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS rooms (
    code TEXT PRIMARY KEY,
    scenario TEXT NOT NULL,
    options TEXT NOT NULL,
    created REAL NOT NULL,
    deadline REAL,
    paused_remaining REAL,
    status TEXT NOT NULL DEFAULT 'open'
);
CREATE TABLE IF NOT EXISTS tokens (
    hash TEXT PRIMARY KEY,
    room TEXT NOT NULL REFERENCES rooms(code),
    role TEXT NOT NULL,
    seat TEXT,
    name TEXT NOT NULL DEFAULT '',
    created REAL NOT NULL,
    player TEXT
);
CREATE TABLE IF NOT EXISTS actions (
    room TEXT NOT NULL REFERENCES rooms(code),
    seq INTEGER NOT NULL,
    action TEXT NOT NULL,
    at REAL NOT NULL,
    seen INTEGER,
    PRIMARY KEY (room, seq)
);
CREATE TABLE IF NOT EXISTS requests (
    room TEXT NOT NULL REFERENCES rooms(code),
    sender TEXT NOT NULL,
    request_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    month INTEGER NOT NULL,
    phase TEXT NOT NULL,
    at REAL NOT NULL,
    PRIMARY KEY (room, sender, request_id)
);
"""


@dataclass
class StoredRequest:
    """An acknowledged action's request id: who sent it (a player id, or
    ``facilitator``), the id as the client gave it, the action's place in the log (not
    what its ack said: that is counted again from the log's masks), and the month and
    phase its ack named."""

    sender: str
    request_id: str | int
    seq: int
    month: int
    phase: str
    at: float


def default_db_path() -> Path:
    """``$XDG_DATA_HOME/sixparty/server.sqlite3`` (``~/.local/share/...`` by default)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "sixparty" / "server.sqlite3"


@dataclass
class StoredRoom:
    """A room as read back from the database."""

    code: str
    scenario: str
    options: dict[str, Any]
    created: float
    deadline: float | None
    paused_remaining: float | None
    status: str
    log: list[dict[str, Any]]
    seen: list[int | None] = field(default_factory=list)
    """Per action of ``log``, the mask of the viewers it changed the view of (``None``:
    stored before masks were)."""


@dataclass
class StoredToken:
    """A token's grant: which room, which role, which seat (as joined), which player."""

    room: str
    role: str
    seat: str | None
    name: str
    player: str | None = None


@dataclass
class StoredPlayer:
    """A player token of a room: the player's id, the seat joined, the name given."""

    player: str
    seat: str
    name: str


class Store:
    """The server's database. All methods run on the event loop thread."""

    def __init__(self, path: str | Path, durable: bool = False) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            try:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise SixPartyError(f"--db {self.path}: cannot create its folder: {exc}") from None
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute(f"PRAGMA synchronous={'FULL' if durable else 'NORMAL'}")
            self.db.executescript(_SCHEMA)
            columns = {row[1] for row in self.db.execute("PRAGMA table_info(tokens)")}
            if "player" not in columns:  # a database from before player ids
                self.db.execute("ALTER TABLE tokens ADD COLUMN player TEXT")
            columns = {row[1] for row in self.db.execute("PRAGMA table_info(actions)")}
            if "seen" not in columns:  # a database from before per-viewer numbering
                self.db.execute("ALTER TABLE actions ADD COLUMN seen INTEGER")
        except sqlite3.Error as exc:
            raise SixPartyError(f"--db {self.path}: cannot open the database: {exc}") from None
        self._lock = threading.Lock()

    def close(self) -> None:
        """Checkpoint the WAL and close."""
        with self._lock:
            try:
                self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error:
                pass
            self.db.close()

    # ------------------------------------------------------------------ writes
    def add_room(
        self, code: str, scenario: str, options: dict[str, Any], created: float, fac_hash: str
    ) -> None:
        """Insert a new room and its facilitator token, in one transaction."""
        with self._lock:
            self.db.execute("BEGIN")
            try:
                self.db.execute(
                    "INSERT INTO rooms (code, scenario, options, created) VALUES (?, ?, ?, ?)",
                    (code, scenario, json.dumps(options), created),
                )
                self.db.execute(
                    "INSERT INTO tokens (hash, room, role, seat, name, created) "
                    "VALUES (?, ?, 'facilitator', NULL, '', ?)",
                    (fac_hash, code, created),
                )
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise

    def add_token(
        self,
        token_hash: str,
        room: str,
        role: str,
        seat: str | None,
        name: str,
        at: float,
        player: str | None = None,
    ) -> None:
        """Record a seat token (with its player id) or an observer token."""
        with self._lock:
            self.db.execute(
                "INSERT INTO tokens (hash, room, role, seat, name, created, player) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (token_hash, room, role, seat, name, at, player),
            )

    def append(
        self,
        room: str,
        seq: int,
        action: dict[str, Any],
        at: float,
        timer: tuple[float | None, float | None] | None = None,
        status: str | None = None,
        request: StoredRequest | None = None,
        seen: int | None = None,
    ) -> None:
        """Write one accepted action (and the room's new timer/status, the request id
        it answered, and the mask of the viewers whose view it changed) atomically."""
        with self._lock:
            self.db.execute("BEGIN")
            try:
                self.db.execute(
                    "INSERT INTO actions (room, seq, action, at, seen) VALUES (?, ?, ?, ?, ?)",
                    (room, seq, json.dumps(action, separators=(",", ":")), at, seen),
                )
                if request is not None:
                    self.db.execute(
                        "INSERT OR REPLACE INTO requests VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (
                            room,
                            request.sender,
                            json.dumps(request.request_id),
                            request.seq,
                            request.month,
                            request.phase,
                            request.at,
                        ),
                    )
                if timer is not None:
                    self.db.execute(
                        "UPDATE rooms SET deadline = ?, paused_remaining = ? WHERE code = ?",
                        (timer[0], timer[1], room),
                    )
                if status is not None:
                    self.db.execute("UPDATE rooms SET status = ? WHERE code = ?", (status, room))
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise

    def set_options(self, room: str, options: dict[str, Any]) -> None:
        """Record a room's options as changed during play (the ``archive`` switch)."""
        with self._lock:
            self.db.execute(
                "UPDATE rooms SET options = ? WHERE code = ?", (json.dumps(options), room)
            )

    def set_timer(self, room: str, deadline: float | None, paused_remaining: float | None) -> None:
        """Record the room's phase deadline (Unix time) or the time left while paused."""
        with self._lock:
            self.db.execute(
                "UPDATE rooms SET deadline = ?, paused_remaining = ? WHERE code = ?",
                (deadline, paused_remaining, room),
            )

    # ------------------------------------------------------------------ reads
    def token(self, token_hash: str) -> StoredToken | None:
        """The grant of a token hash, or ``None``."""
        with self._lock:
            row = self.db.execute(
                "SELECT room, role, seat, name, player FROM tokens WHERE hash = ?", (token_hash,)
            ).fetchone()
        return StoredToken(*row) if row else None

    def players(self, room: str) -> list[StoredPlayer]:
        """Every player token of a room, in join order.

        Tokens from before player ids get one now (``p1``, ``p2``, ... after the highest
        taken), written back so it stays the same.
        """
        with self._lock:
            rows = self.db.execute(
                "SELECT hash, player, seat, name FROM tokens "
                "WHERE room = ? AND role = 'player' ORDER BY created, rowid",
                (room,),
            ).fetchall()
            taken = [int(r[1][1:]) for r in rows if r[1] and r[1][1:].isdigit()]
            n = max(taken, default=0)
            out = []
            for hash_, player, seat, name in rows:
                if not player:
                    n += 1
                    player = f"p{n}"
                    self.db.execute("UPDATE tokens SET player = ? WHERE hash = ?", (player, hash_))
                out.append(StoredPlayer(player, seat, name))
        return out

    def requests(self, room: str, since: float) -> list[StoredRequest]:
        """The request ids of ``room``'s actions acknowledged since ``since`` (Unix
        time), oldest first."""
        with self._lock:
            rows = self.db.execute(
                "SELECT sender, request_id, seq, month, phase, at FROM requests "
                "WHERE room = ? AND at >= ? ORDER BY at",
                (room, since),
            ).fetchall()
        return [StoredRequest(s, json.loads(r), q, m, p, a) for s, r, q, m, p, a in rows]

    def rooms(self) -> list[StoredRoom]:
        """Every room with its action log, oldest first."""
        with self._lock:
            rows = self.db.execute(
                "SELECT code, scenario, options, created, deadline, paused_remaining, status "
                "FROM rooms ORDER BY created"
            ).fetchall()
            out = []
            for code, scenario, options, created, deadline, paused, status in rows:
                rows_ = self.db.execute(
                    "SELECT action, seen FROM actions WHERE room = ? ORDER BY seq", (code,)
                ).fetchall()
                log = [json.loads(a) for a, _ in rows_]
                seen = [s for _, s in rows_]
                out.append(
                    StoredRoom(
                        code,
                        scenario,
                        json.loads(options),
                        created,
                        deadline,
                        paused,
                        status,
                        log,
                        seen,
                    )
                )
        return out


def read_rooms(path: str | Path) -> list[StoredRoom]:
    """Every room in the database at ``path`` (opened, read and closed again), for
    tools that only look. A database that cannot be opened or read is a
    :class:`SixPartyError` that names it and says why."""
    store = Store(path)
    try:
        return store.rooms()
    except sqlite3.Error as exc:
        raise SixPartyError(f"--db {path}: cannot read rooms: {exc}") from None
    finally:
        store.close()
