"""Running a server process until SIGTERM or SIGINT (what ``sixparty serve`` does)."""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path

from game.errors import SixPartyError
from server.app import GameServer, ServerConfig


def serve_until_signalled(config: ServerConfig, port_file: str | None = None) -> None:
    """Start a server, write the port to ``port_file`` once listening, stop gracefully."""
    server = GameServer(config)

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        try:
            await server.start()
        except OSError as exc:
            raise SixPartyError(f"cannot listen on {config.host}:{config.port}: {exc}") from None
        print(
            f"sixparty server on {server.url} - {len(server.rooms)} room(s) resumed, "
            f"database {config.db}",
            file=sys.stderr,
            flush=True,
        )
        if port_file:
            tmp = Path(port_file + ".tmp")
            tmp.write_text(f"{server.port}\n", encoding="utf-8")
            tmp.replace(port_file)
        try:
            await stop.wait()
        finally:
            print("sixparty server: shutting down", file=sys.stderr, flush=True)
            await server.stop()

    asyncio.run(main())
