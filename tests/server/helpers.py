"""Small helpers shared by the server tests."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from game.scenario.loader import SCENARIO_DIR
from tests.server.conftest import MINI, ROOT

KOREA = "korea-2019" if (SCENARIO_DIR / "korea-2019.yaml").exists() else None


def stored_log(db: Path, code: str) -> list[dict[str, Any]]:
    """The actions the server wrote for room ``code``, in order."""
    con = sqlite3.connect(db)
    try:
        rows = con.execute(
            "SELECT action FROM actions WHERE room = ? ORDER BY seq", (code,)
        ).fetchall()
    finally:
        con.close()
    return [json.loads(r[0]) for r in rows]


def start_server(tmp: Path) -> tuple[subprocess.Popen[bytes], str]:
    """``sixparty serve`` in a subprocess on a free port; returns it and its URL."""
    port_file = tmp / "port"
    port_file.unlink(missing_ok=True)
    proc = subprocess.Popen(
        [sys.executable, "-m", "game.cli", "serve", "--port", "0", "--quiet"]
        + ["--port-file", str(port_file), "--db", str(tmp / "db.sqlite3")]
        + ["--scenario", f"mini={MINI}"],
        cwd=ROOT,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 20
    while not port_file.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise AssertionError(f"server did not start: {proc.stderr.read().decode()}")  # type: ignore[union-attr]
        time.sleep(0.02)
    return proc, f"ws://127.0.0.1:{port_file.read_text().strip()}/"
