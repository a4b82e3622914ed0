"""The server goes away under a browser seat and comes back (same port, same database):
the page says it is reconnecting, comes back by itself with the seat token, and the seat
still plays."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from game.netclient import Client
from tests.web.conftest import Server, start_server, stop_server


def test_the_page_reconnects_after_the_server_restarts(
    server: Server, students: Any, tmp_path: Path
) -> None:
    room = server.room(
        "--scenario", "tutorial", "--bots", "south=random,mediator=random"
    )  # briefing time: the game waits, so nothing moves while the server is away
    s = students()
    s.join(server.http, room["code"], "Ada", "north")
    page = s.page
    assert "Briefing time" in (page.locator("#banner").text_content() or "")

    stop_server(server)
    page.wait_for_function(
        "() => /reconnecting/.test(document.getElementById('status').textContent)"
    )
    again = start_server(tmp_path, server.port)
    try:
        page.wait_for_function("() => document.getElementById('status').textContent === ''")
        assert (page.locator("#title").text_content() or "").startswith("Northland — Month 1")
        assert "keep fishing" in (page.locator("#briefing").text_content() or "")
        # the teacher starts the game: the page learns it from the restarted server

        async def start() -> None:
            async with await Client.connect(again.ws + "/") as teacher:
                await teacher.auth(room["facilitator_token"])
                await teacher.act({"type": "start"})

        # (in a thread: Playwright's sync API holds this thread's event loop)
        worker = threading.Thread(target=lambda: asyncio.run(start()))
        worker.start()
        worker.join(30)
        page.wait_for_selector("#banner", state="hidden")
        page.click("[data-tab=orders]")
        page.click("#option-fishing-expand")
        page.wait_for_selector("#option-fishing-expand[aria-pressed='true']")
    finally:
        stop_server(again)
    lost = [p for p in s.problems if "WebSocket" not in p and "ERR_CONNECTION_REFUSED" not in p]
    assert lost == [], lost


@pytest.mark.parametrize("reload", [True, False], ids=["after a reload", "by itself"])
def test_a_token_the_server_no_longer_knows_leads_back_to_the_lobby(
    server: Server, students: Any, tmp_path: Path, reload: bool
) -> None:
    """A new term: the server restarts with no rooms. A reloaded page, and an open game
    page that reconnects by itself with its token, both land in the lobby with the code
    filled in, the forgotten seat dropped and the reason shown."""
    room = server.room("--scenario", "tutorial", "--bots", "south=random,mediator=random")
    s = students()
    s.join(server.http, room["code"], "Ada", "north")
    page = s.page
    # Every error the page shows is also written to its console. Listen from before the
    # server goes: the open page may reconnect by itself to the new server, and be told
    # "unknown token", before any reload.
    said: list[str] = []
    page.on("console", lambda m: said.append(m.text))
    stop_server(server)
    (tmp_path / "db.sqlite3").unlink()
    again = start_server(tmp_path, server.port)
    try:
        if reload:
            page.reload()
        page.wait_for_selector("#lobby", state="visible", timeout=30_000)
        assert page.locator("#game").is_hidden()
        # The error box empties itself after 8 s; on a loaded machine the box may be read
        # after that, so the console's copy of what the student was shown decides.
        deadline = time.monotonic() + 30
        while not any("unknown token" in text for text in said):
            assert time.monotonic() < deadline, said
            page.wait_for_timeout(100)
        assert page.locator("#code").input_value() == room["code"]
        assert page.evaluate("localStorage.getItem('sixparty.seat')") is None
    finally:
        stop_server(again)
