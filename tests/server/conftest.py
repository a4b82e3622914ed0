"""Fixtures for server tests: a real server on port 0 (in a thread) and clients."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from game.netclient import Client
from server.embed import ServerHandle, serve_in_thread

ROOT = Path(__file__).resolve().parents[2]
MINI = str(ROOT / "tests" / "fixtures" / "mini.yaml")
SCENARIOS = {"mini": MINI}
FAST = {"negotiation": 0.3, "orders": 0.3}


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ServerHandle]:
    """A server on a free port with its database in a temporary folder."""
    handle = serve_in_thread(db=tmp_path / "server.sqlite3", scenarios=SCENARIOS, view_delay=0.005)
    try:
        yield handle
    finally:
        handle.stop()


@pytest.fixture
async def connect(server: ServerHandle) -> AsyncIterator[object]:
    """``await connect()`` opens a client to the server; all are closed afterwards."""
    clients: list[Client] = []

    async def open_client() -> Client:
        client = await Client.connect(server.url)
        clients.append(client)
        return client

    yield open_client
    for client in clients:
        await client.close()
