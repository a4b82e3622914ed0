"""The installed ``sixparty`` console script, run as a user runs it: a subprocess whose
working folder is an empty temporary folder (never the repository).

``sixparty(*args)`` runs a command to its end; ``one_error(result)`` checks the way every
bad input must end: a non-zero exit, no traceback, and one line on stderr.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini.yaml"

Run = Callable[..., subprocess.CompletedProcess[str]]


def console_script() -> str:
    """The ``sixparty`` that ``pip install`` put beside this Python (the venv's)."""
    beside = Path(sys.executable).parent / "sixparty"
    found = str(beside) if beside.exists() else shutil.which("sixparty")
    if found is None:
        pytest.fail("the sixparty console script is not installed: pip install -e .")
    return found


def user_env() -> dict[str, str]:
    """The environment of a user's terminal, headless (dummy video and audio)."""
    env = dict(os.environ)
    env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", MPLBACKEND="Agg")
    env.pop("PYTHONPATH", None)  # what a user has: only the installed package
    return env


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """An empty folder to run commands from (the repository is elsewhere)."""
    folder = tmp_path / "here"
    folder.mkdir()
    return folder


@pytest.fixture
def sixparty(workdir: Path) -> Run:
    """Run ``sixparty ARGS`` from ``workdir`` (or ``cwd=``), with extra environment
    variables given as keywords; returns the finished process."""

    def run(
        *args: str, timeout: float = 120, cwd: Path | None = None, **env: str
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [console_script(), *args],
            cwd=cwd or workdir,
            env={**user_env(), **env},
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )

    return run


def one_error(result: subprocess.CompletedProcess[str], *needles: str) -> str:
    """Assert the command failed with one clear line on stderr; return that line."""
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert result.returncode != 0, (result.stdout, result.stderr)
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("sixparty: error: "), line
    for needle in needles:
        assert needle in line, line
    return line


def free_port() -> int:
    """A port nothing listens on (bound, read, released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """A ``sixparty serve`` subprocess on a free port, with its URL."""

    def __init__(self, proc: subprocess.Popen[str], url: str) -> None:
        self.proc = proc
        self.url = url


@pytest.fixture
def serve(workdir: Path) -> Iterator[Callable[..., Server]]:
    """Start ``sixparty serve --port 0 EXTRA...`` from ``workdir``; stopped afterwards."""
    started: list[subprocess.Popen[str]] = []

    def start(*extra: str) -> Server:
        port_file = workdir / f"port-{len(started)}"
        proc = subprocess.Popen(
            [console_script(), "serve", "--port", "0", "--quiet", "--db", ":memory:"]
            + ["--port-file", str(port_file), *extra],
            cwd=workdir,
            env=user_env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        started.append(proc)
        deadline = time.monotonic() + 60
        while not port_file.exists():
            if proc.poll() is not None:
                pytest.fail(f"sixparty serve exited: {proc.stderr.read() if proc.stderr else ''}")
            if time.monotonic() > deadline:
                pytest.fail("sixparty serve did not start within 60 s")
            time.sleep(0.05)
        port = int(port_file.read_text(encoding="utf-8"))
        return Server(proc, f"ws://127.0.0.1:{port}")

    yield start
    for proc in started:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
