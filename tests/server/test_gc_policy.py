"""The quiet-time garbage collection policy: freeze while busy, collect when quiet."""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from server import gc_policy
from server.app import GameServer, ServerConfig
from server.gc_policy import QuietCollector


class Node:
    """A container that can sit in a reference cycle."""

    def __init__(self) -> None:
        self.other: object = None


def make_cycle() -> weakref.ref[Node]:
    """Cyclic garbage: two nodes that only refer to each other."""
    a, b = Node(), Node()
    a.other, b.other = b, a
    return weakref.ref(a)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[float]]:
    now = [1000.0]
    monkeypatch.setattr(gc_policy.time, "monotonic", lambda: now[0])
    yield now
    gc.unfreeze()


@contextmanager
def running(longest: float) -> Iterator[QuietCollector]:
    """A policy started on the running loop (its own timer far off: the tests tick it),
    released afterwards."""
    policy = QuietCollector(interval=60, quiet=1.0, longest=longest)
    policy.acquire()
    try:
        yield policy
    finally:
        policy.release()


def busy_tick(policy: QuietCollector, clock: list[float]) -> None:
    """Half a second passes with a message in it, then the policy ticks."""
    clock[0] += 0.5
    policy.note_activity()
    policy.tick()


async def test_busy_ticks_freeze_and_cyclic_garbage_waits_for_a_quiet_one(
    clock: list[float],
) -> None:
    with running(longest=600) as policy:
        cycle = make_cycle()
        busy_tick(policy, clock)  # busy: a freeze only
        assert policy.freezes == 1 and policy.full_passes == 0
        assert gc.get_freeze_count() > 0
        gc.collect()  # what an automatic pass would do: frozen objects are not looked at
        assert cycle() is not None
        clock[0] += 2.0  # no message for 2 s
        policy.tick()
        assert policy.full_passes == 1 and cycle() is None
        clock[0] += 5.0  # still idle: nothing new to collect, so no second pass
        policy.tick()
        assert policy.full_passes == 1
    assert gc.get_freeze_count() == 0


async def test_a_server_that_is_never_quiet_is_still_collected_in_time(
    clock: list[float],
) -> None:
    with running(longest=30) as policy:
        cycle = make_cycle()
        for _ in range(20):
            busy_tick(policy, clock)
        assert policy.full_passes == 0 and cycle() is not None
        for _ in range(50):
            busy_tick(policy, clock)
        assert policy.full_passes == 1 and cycle() is None


async def test_servers_share_the_policy_and_the_last_one_to_stop_ends_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    policy = gc_policy.COLLECTOR
    monkeypatch.setattr(policy, "interval", 0.01)  # tick often, to watch it tick
    first = GameServer(ServerConfig(port=0))
    second = GameServer(ServerConfig(port=0))
    await first.start()
    await second.start()
    assert gc.get_freeze_count() > 0  # started: everything alive was frozen
    await first.stop()
    # Still running for the second server: the policy keeps ticking.
    ticks = policy.freezes + policy.full_passes
    await asyncio.sleep(0.2)
    assert policy.freezes + policy.full_passes > ticks
    assert gc.get_freeze_count() > 0
    await second.stop()
    assert gc.get_freeze_count() == 0
    # Ended with the last server: no more ticks, nothing frozen again.
    ticks = policy.freezes + policy.full_passes
    await asyncio.sleep(0.2)
    assert policy.freezes + policy.full_passes == ticks
    assert gc.get_freeze_count() == 0
