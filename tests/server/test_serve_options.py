"""``sixparty serve`` options for who may create rooms, through the installed console
script: ``--rooms-need-token`` prints an admin token and refuses rooms without it;
``sixparty room create`` passes ``$SIXPARTY_ADMIN_TOKEN``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

SIXPARTY = str(Path(sys.executable).with_name("sixparty"))


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "SIXPARTY_ADMIN_TOKEN"}
    return {**env, **extra}


def test_rooms_need_the_printed_admin_token(tmp_path: Path) -> None:
    port_file = tmp_path / "port"
    proc = subprocess.Popen(
        [SIXPARTY, "serve", "--port", "0", "--port-file", str(port_file), "--quiet",
         "--db", str(tmp_path / "db.sqlite3"), "--rooms-need-token"],
        cwd=tmp_path, env=_env(), stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        assert line.startswith("admin token (create rooms with it): "), line
        token = line.split(": ", 1)[1].strip()
        deadline = time.monotonic() + 30
        while not (port_file.is_file() and port_file.read_text().strip()):
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        url = f"ws://127.0.0.1:{port_file.read_text().strip()}"
        create = [SIXPARTY, "room", "create", "--server", url, "--scenario", "korea-2019", "--json"]
        refused = subprocess.run(create, cwd=tmp_path, env=_env(), capture_output=True, text=True)
        assert refused.returncode != 0
        assert "admin token" in refused.stderr and "Traceback" not in refused.stderr
        made = subprocess.run(
            create,
            cwd=tmp_path,
            env=_env(SIXPARTY_ADMIN_TOKEN=token),
            capture_output=True,
            text=True,
        )
        assert made.returncode == 0, made.stderr
        assert json.loads(made.stdout)["facilitator_token"]
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_a_negative_room_quota_is_refused_with_a_sentence(tmp_path: Path) -> None:
    done = subprocess.run(
        [SIXPARTY, "serve", "--port", "0", "--rooms-per-address", "-1", "--db", ":memory:"],
        cwd=tmp_path, env=_env(), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode != 0
    assert "--rooms-per-address -1" in done.stderr and "Traceback" not in done.stderr
