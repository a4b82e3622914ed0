"""Views as encoded JSON fragments, re-encoded only where they changed, and the deltas
between two of them.

A room renders each watched viewer's view (``view_for`` plus the legal action space and
the timer fields) into a :class:`Rendered`: one :class:`Part` per top-level key of the
view, holding its JSON text. The next render of the same viewer compares each fresh
value with the previous render's part by a fingerprint (a hash of its ``marshal``
bytes, cheap next to ``json.dumps``) and keeps the part, text and all, when it is equal:
only what changed is encoded again. Lists are fingerprinted item by item, so a list that
only grew (messages, news) encodes only its new items, and a delta carries only those.
Cheaper still: single strings and numbers are compared as they are, keys that change
only between phases are not looked at within a phase (:data:`PHASE_STABLE`), and keys
whose items the engine hands out again as the same objects are checked by identity
(:data:`SAME_OBJECTS`).

Nothing here knows the rules: a key is whatever the engine's view has, compared by
value. ``Rendered`` objects are never changed once made, so a connection may keep the
one it last sent and diff against it later (:func:`delta_text`).
"""

from __future__ import annotations

import json
import marshal
import operator
import time
from collections.abc import Container, Iterable
from functools import lru_cache
from json.encoder import encode_basestring
from typing import Any

Message = dict[str, Any]

_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, check_circular=False)
_c_make_encoder = getattr(json.encoder, "c_make_encoder", None)  # CPython's C accelerator
_C_ENCODE = (
    None
    if _c_make_encoder is None
    else _c_make_encoder(
        None, _ENCODER.default, encode_basestring, None, ":", ",", False, False, True
    )
)


def dumps(data: Any) -> str:
    """Compact JSON, as the server sends it (``json.dumps`` with ``separators=(",", ":")``
    and ``ensure_ascii=False``, through one C encoder made once: several times cheaper
    for the small values a view is made of)."""
    if _C_ENCODE is None:
        return _ENCODER.encode(data)
    return "".join(_C_ENCODE(data, 0))


@lru_cache(maxsize=1024)
def _name(key: str) -> str:
    """A view key, room code or viewer as a JSON string (a few hundred distinct ones)."""
    return dumps(key)


def _scalar(x: float | str | bool | None) -> str:
    """A head field (a number, a string, a flag or ``None``) as JSON."""
    if x is None:
        return "null"
    if x is True:
        return "true"
    if x is False:
        return "false"
    return dumps(x)


_SCALARS = (str, int, float, bool, type(None))


def _fingerprint(value: Any) -> int:
    """A hash of ``value``'s content: equal values give equal fingerprints.

    ``marshal`` (format 2: no back-references, so the bytes depend only on the content)
    is several times faster than JSON; values it cannot pack are fingerprinted by JSON.
    """
    try:
        return hash(marshal.dumps(value, 2))
    except ValueError:
        return hash(dumps(value))


class Part:
    """One top-level key of a view, encoded: its fingerprint and JSON text.

    For a list, ``items`` holds each item's fingerprint and ``texts`` each item's JSON,
    so that a list that only grew is recognised and its old items are not encoded
    again; for anything else ``items`` is ``None`` and ``texts`` is the one JSON text.
    For a key of :data:`SAME_OBJECTS`, ``refs`` holds the list's items (or the dict's
    keys and values, as two tuples) as the engine returned them: the next render recognises them
    by identity, without fingerprinting them again.
    """

    __slots__ = ("sig", "items", "texts", "refs")

    def __init__(
        self,
        sig: int,
        items: tuple[int, ...] | None,
        texts: tuple[str, ...],
        refs: tuple[Any, ...] | None = None,
    ) -> None:
        self.sig = sig
        self.items = items
        self.texts = texts
        self.refs = refs

    @property
    def json(self) -> str:
        """The whole value as JSON text (joined on demand: not kept twice in memory)."""
        if self.items is None:
            return self.texts[0]
        return "[" + ",".join(self.texts) + "]"

    def same(self, other: Part | None) -> bool:
        """True when ``other`` is this part or one with the same content (the same
        fingerprint, both lists or both not: how :func:`delta_text` tells, too)."""
        return other is self or (
            other is not None
            and other.sig == self.sig
            and (other.items is None) == (self.items is None)
        )

    def grown_from(self, old: Part) -> int | None:
        """How many leading items this list shares with ``old`` when it only grew from
        it (``None`` when it changed otherwise, or is not a list)."""
        if self.items is None or old.items is None:
            return None
        n = len(old.items)
        if n < len(self.items) and self.items[:n] == old.items:
            return n
        return None


def encode_part(value: Any, old: Part | None) -> Part:
    """``value`` as a :class:`Part`; ``old`` itself when the value has not changed.

    A single string, number, flag or ``None`` is compared with the one ``old`` holds.
    A list is fingerprinted item by item, so that one that only grew encodes only its
    new items.
    """
    kind = type(value)
    if kind in _SCALARS:
        if (
            old is not None
            and old.items is None
            and old.refs is not None
            and len(old.refs) == 1
            and type(old.refs[0]) is kind
            and old.refs[0] == value
        ):
            return old
        return Part(_fingerprint(value), None, (dumps(value),), (value,))
    if type(value) is not list:
        sig = _fingerprint(value)
        if old is not None and old.sig == sig and old.items is None:
            return old
        return Part(sig, None, (dumps(value),))
    # A list is fingerprinted item by item (its fingerprint: the hash of theirs), so
    # that a list that only grew is recognised without packing it twice.
    sigs = tuple(_fingerprint(x) for x in value)
    sig = hash(sigs)
    if old is not None and old.sig == sig and old.items is not None:
        return old
    return Part(sig, sigs, _item_texts(value, sigs, old))


def _item_texts(value: list[Any], sigs: tuple[int, ...], old: Part | None) -> tuple[str, ...]:
    """Each item of ``value`` as JSON, reusing ``old``'s texts when the list only grew
    from it (only the new items are encoded)."""
    if old is not None and old.items is not None:
        n = len(old.items)
        if n < len(sigs) and sigs[:n] == old.items:
            return old.texts + tuple(dumps(x) for x in value[n:])
    return tuple(dumps(x) for x in value)


class SharedTexts:
    """Items encoded once for every viewer of a room.

    The engine hands the same message, news item or past month to every viewer who sees
    it; this keeps each one's fingerprint and JSON text by identity (holding the item,
    so its identity stays its own), and every viewer's render shares them.
    """

    __slots__ = ("_by_id",)

    def __init__(self) -> None:
        self._by_id: dict[int, tuple[Any, int, str]] = {}

    def encoded(self, item: Any) -> tuple[int, str]:
        """``item``'s fingerprint and JSON text."""
        hit = self._by_id.get(id(item))
        if hit is None or hit[0] is not item:
            hit = self._by_id[id(item)] = (item, _fingerprint(item), dumps(item))
        return hit[1], hit[2]

    def __len__(self) -> int:
        return len(self._by_id)


def _encoded_items(
    items: list[Any], shared: SharedTexts | None
) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """The fingerprints and texts of ``items`` (through ``shared`` when given)."""
    if shared is None:
        return tuple(_fingerprint(x) for x in items), tuple(dumps(x) for x in items)
    pairs = [shared.encoded(x) for x in items]
    return tuple(p[0] for p in pairs), tuple(p[1] for p in pairs)


def _grown(
    old: Part, new: list[Any], shared: SharedTexts | None, refs: tuple[Any, ...] | None
) -> Part:
    """``old`` (a list's part) with the items ``new`` appended: only they are
    fingerprinted and encoded (through ``shared`` when given)."""
    assert old.items is not None  # a list's part: its callers checked
    sigs, texts = _encoded_items(new, shared)
    sigs = old.items + sigs
    return Part(hash(sigs), sigs, old.texts + texts, refs)


def encode_same_objects(value: Any, old: Part | None, shared: SharedTexts | None = None) -> Part:
    """Like :func:`encode_part`, for a value whose items (list items, or dict values)
    are never changed in place once the engine made them (:data:`SAME_OBJECTS`).

    Items that are the very objects of ``old``'s render are not looked at again: an
    unchanged list or dict costs one identity check per item, a list that grew
    fingerprints and encodes only its new items. When the objects differ (a replayed
    game, a new month's values) the value is compared by content as usual. A list's
    fingerprint here is the hash of its items' fingerprints. With ``shared``, list items
    are encoded through it (once per room, whoever sees them).
    """
    kind = type(value)
    if kind is list:
        if old is not None and old.refs is not None and old.items is not None:
            refs = old.refs
            n = len(refs)
            if len(value) >= n and all(map(operator.is_, value, refs)):
                if len(value) == n:
                    return old
                return _grown(old, value[n:], shared, tuple(value))
        if shared is None:  # by content, as encode_part does; then keep the objects
            part = encode_part(value, old)
            return Part(part.sig, part.items, part.texts, tuple(value))
        sigs, texts = _encoded_items(value, shared)
        if old is not None and old.items is not None and hash(sigs) == old.sig:
            return Part(old.sig, old.items, old.texts, tuple(value))
        return Part(hash(sigs), sigs, texts, tuple(value))
    if kind is dict:
        if old is not None and old.refs is not None and old.items is None and len(old.refs) == 2:
            keys, values = old.refs
            if (
                len(value) == len(values)
                and all(map(operator.is_, value.values(), values))
                and all(map(operator.eq, value, keys))
            ):
                return old
        part = encode_part(value, old)
        keys = tuple(value)
        if old is not None and old.refs is not None and len(old.refs) == 2 and old.refs[0] == keys:
            keys = old.refs[0]  # shared between renders, not kept twice
        return Part(part.sig, None, part.texts, (keys, tuple(value.values())))
    return encode_part(value, old)


SAME_OBJECTS = frozenset({"messages", "news", "variables", "orders"})
"""View keys whose items the engine never changes once made, and hands out again as the
same objects while they are unchanged: messages and news are appended, never edited;
past months' orders are memoised rows, one appended per month; the current values are
a fresh dict of memoised entries. (``history`` would qualify too, but keeping references
to its rows raised the server's memory by 0.7 MB per room in ``bench/server.py``: the
engine gives its new rows alone instead, see :func:`encode_tail`.) A render recognises
unchanged items by identity (see :func:`encode_same_objects`), and keeps references to
them (to the engine's own objects: a few tuples per viewer). This is the one assumption
the server makes about the engine's views beyond its stamps and the engine's
``GROWS_ONLY`` (checked by
tests/server/test_views.py over whole games: an item changed in place would leave a
delta-fed client behind)."""


SHARED_ITEMS = frozenset({"messages", "news", "orders"})
""":data:`SAME_OBJECTS` keys whose items are the same objects for every viewer who
sees them (encoded once per room through :class:`SharedTexts`)."""


def encode_tail(new: list[Any], old: Part) -> Part:
    """``old`` (a list's part) grown by the items ``new`` (a ``GROWS_ONLY`` key, whose
    new items alone the engine gave: see ``Game.view_for``'s ``held``); only they are
    fingerprinted and encoded."""
    if not new or old.items is None:
        return old
    return _grown(old, new, None, None)


def encode_view(
    keys: Iterable[str],
    fresh: dict[str, Any],
    old: dict[str, Part],
    shared: SharedTexts | None = None,
    tails: Container[str] = (),
) -> dict[str, Part]:
    """Each of a view's ``keys`` (in order) as a :class:`Part`: keys in ``fresh``
    (rebuilt because the part of the game they show moved) are encoded again where their
    value changed; the others keep ``old``'s part as it is. Keys in ``tails`` hold only
    the new items of ``old``'s list (see :func:`encode_tail`). Items of
    :data:`SHARED_ITEMS` keys go through ``shared``."""
    parts: dict[str, Part] = {}
    for key in keys:
        before = old.get(key)
        if key not in fresh and before is not None:
            parts[key] = before
        elif key in tails and before is not None:
            parts[key] = encode_tail(fresh[key], before)
        elif key in SAME_OBJECTS:
            parts[key] = encode_same_objects(
                fresh[key], before, shared if key in SHARED_ITEMS else None
            )
        else:
            parts[key] = encode_part(fresh[key], before)
    return parts


def same_parts(parts: dict[str, Part], before: dict[str, Part]) -> bool:
    """True when two encodings of a view hold the same keys with the same content.

    An unchanged key usually keeps its very part (see :func:`encode_view`), but a key
    rebuilt without changing may get an equal part anew (a list of the same items,
    a part shared from another viewer's render): content, not identity, decides."""
    if parts is before:
        return True
    if len(parts) != len(before):
        return False
    for key, part in parts.items():
        if not part.same(before.get(key)):
            return False
    return True


class Rendered:
    """One viewer's view at one moment, encoded (never changed once made).

    ``seq`` is the number of actions in the room's log when rendered; ``stamps`` the
    engine's ``part_stamps`` for this viewer then (a later render rebuilds only the keys
    that show a part whose stamp moved); ``version`` grows with every render that
    changed something (per room); ``head``
    holds the small fields sent with every view: deadline, state_hash, started,
    paused_remaining (``remaining`` is computed from the deadline when sent).
    """

    __slots__ = ("viewer", "seq", "stamps", "version", "parts", "legal", "legal_key", "head")

    def __init__(
        self,
        viewer: str,
        seq: int,
        stamps: dict[str, int],
        version: int,
        parts: dict[str, Part],
        legal: Part,
        legal_key: Any,
        head: tuple[float | None, str | None, bool, float | None],
    ) -> None:
        self.viewer = viewer
        self.seq = seq
        self.stamps = stamps
        self.version = version
        self.parts = parts
        self.legal = legal
        self.legal_key = legal_key
        """What ``legal`` was computed from (see ``Room.render``): equal keys, equal
        legal actions; ``None``: not known (always computed again)."""
        self.head = head

    def same_as(
        self,
        parts: dict[str, Part],
        legal: Part,
        head: tuple[float | None, str | None, bool, float | None],
    ) -> bool:
        """True when a fresh render found these parts, legal actions and head (nothing
        changed: the same content, see :func:`same_parts`)."""
        if head != self.head or not legal.same(self.legal):
            return False
        return same_parts(parts, self.parts)

    def forget_refs(self) -> None:
        """Drop the engine objects the parts keep for identity checks (see
        :data:`SAME_OBJECTS`): what a part says stays as it is. For a finished game,
        whose views no longer change, so that they do not outlive the game's own copies."""
        for part in self.parts.values():
            part.refs = None
        self.legal.refs = None

    def view_json(self) -> str:
        """The view object as JSON text."""
        return "{" + ",".join(f"{_name(k)}:{p.json}" for k, p in self.parts.items()) + "}"

    def _tail(self) -> str:
        deadline, state_hash, started, paused = self.head
        remaining = None if deadline is None else max(0.0, deadline - time.time())
        return (
            f',"deadline":{_scalar(deadline)},"remaining":{_scalar(remaining)}'
            f',"state_hash":{_scalar(state_hash)},"started":{_scalar(started)}'
            f',"paused_remaining":{_scalar(paused)}}}'
        )

    def full_text(self, room: str, request_id: str | int | None = None) -> str:
        """The whole ``view`` message as a JSON text frame."""
        return (
            f'{{"type":"view","request_id":{dumps(request_id)},"room":{dumps(room)}'
            f',"seq":{self.seq},"version":{self.version},"viewer":{dumps(self.viewer)}'
            f',"view":{self.view_json()},"legal":{self.legal.json}' + self._tail()
        )

    def full_message(self, room: str, request_id: str | int | None = None) -> Message:
        """The whole ``view`` message as data (decoded from :meth:`full_text`)."""
        data: Message = json.loads(self.full_text(room, request_id))
        return data


def delta_text(room: str, base: Rendered, new: Rendered) -> str:
    """The ``view_delta`` message taking a client from ``base`` to ``new`` (same viewer).

    Keys whose part is the same object are left out; lists that only grew send their
    new items under ``append``; keys that disappeared are listed under ``removed``.
    """
    changed: list[str] = []
    appended: list[str] = []
    old_parts = base.parts
    for key, part in new.parts.items():
        old = old_parts.get(key)
        if part.same(old):
            continue  # the same part, or equal content encoded anew
        n = part.grown_from(old) if old is not None else None
        if n is not None:
            appended.append(f"{_name(key)}:[{','.join(part.texts[n:])}]")
        else:
            changed.append(f"{_name(key)}:{part.json}")
    removed = [k for k in old_parts if k not in new.parts]
    legal = "null" if new.legal.same(base.legal) else new.legal.json
    return (
        f'{{"type":"view_delta","request_id":null,"room":{_name(room)},"seq":{new.seq}'
        f',"version":{new.version},"base_version":{base.version}'
        f',"viewer":{_name(new.viewer)},"view":{{{",".join(changed)}}}'
        f',"append":{{{",".join(appended)}}},"removed":{dumps(removed)}'
        f',"legal":{legal}' + new._tail()
    )
