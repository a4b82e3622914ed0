"""Small helpers shared by the server tests."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from game.scenario.loader import SCENARIO_DIR

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
