"""Fixtures for the browser seat: a real ``sixparty serve`` on port 0, rooms made with
``sixparty room create``, and Debian's Chromium driven by Playwright.

Chromium is never downloaded (no ``playwright install``): the tests use /usr/bin/chromium
and are skipped, saying so, when it is missing, unless ``SIXPARTY_REQUIRE_CHROMIUM=1``
(CI sets it) makes that a failure.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SIZES = {"chromebook": (1366, 768), "laptop": (1280, 800), "phone": (390, 844)}


def screens_dir() -> Path:
    """Where the tests save screenshots: $SIXPARTY_SCREENS_DIR, else tests/web/screens/."""
    return Path(os.environ.get("SIXPARTY_SCREENS_DIR") or Path(__file__).parent / "screens")


def sixparty(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run the installed console script."""
    exe = Path(sys.executable).with_name("sixparty")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "game.cli"]
    return subprocess.run(
        [*cmd, *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT, check=False
    )


# Elements whose text must fit their own box, and the check that nothing leaves the page.
OVERFLOW = """() => {
  const W = document.documentElement.clientWidth, bad = [];
  const text = new Set(['BUTTON', 'SELECT', 'INPUT', 'LABEL', 'H1', 'H2', 'H3', 'H4', 'TD', 'TH',
    'LI', 'P', 'DT', 'DD', 'LEGEND', 'B', 'SPAN', 'A']);
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('.visually-hidden, .skip, svg, dialog:not([open])')) continue;
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.visibility === 'hidden') continue;
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || el.closest('[hidden]')) continue;
    const name = el.tagName + (el.id ? '#' + el.id : '') + ' ' + (el.textContent || '').slice(0, 40);
    if (r.right > W + 1 || r.left < -1) bad.push('off the page: ' + name);
    if (text.has(el.tagName) && cs.overflowX !== 'auto' && el.scrollWidth > el.clientWidth + 1
        && cs.display !== 'inline') bad.push('text cut: ' + name);
  }
  if (document.documentElement.scrollWidth > W) bad.push('the page scrolls sideways');
  return bad;
}"""

# Every control has an accessible name (its text, a label, or aria-label).
UNNAMED = """() => [...document.querySelectorAll('button, select, input, textarea, [role=meter]')]
  .filter(el => !el.closest('[hidden]') && getComputedStyle(el).display !== 'none')
  .filter(el => !((el.getAttribute('aria-label') || '').trim() || (el.textContent || '').trim()
    || (el.labels && el.labels.length) || el.getAttribute('aria-labelledby')))
  .map(el => el.outerHTML.slice(0, 80))"""


def fits(page: Any, where: str) -> None:
    """Nothing on ``page`` is cut off or off the page, and every control has a name."""
    bad = page.evaluate(OVERFLOW)
    assert bad == [], f"{where}: {bad}"
    unnamed = page.evaluate(UNNAMED)
    assert unnamed == [], f"{where}: controls without a name: {unnamed}"


@dataclass
class Server:
    """A ``sixparty serve`` subprocess."""

    proc: subprocess.Popen[bytes]
    port: int

    @property
    def ws(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    @property
    def http(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def room(self, *args: str) -> dict[str, Any]:
        """``sixparty room create --json ARGS``: the room's code, token and addresses."""
        done = sixparty("room", "create", "--server", self.ws, "--json", *args)
        assert done.returncode == 0, done.stderr
        out: dict[str, Any] = json.loads(done.stdout)
        return out


def start_server(folder: Path, port: int = 0) -> Server:
    """``sixparty serve --port PORT`` with its database in ``folder`` (port 0: a free one)."""
    port_file = folder / "port"
    port_file.unlink(missing_ok=True)
    exe = Path(sys.executable).with_name("sixparty")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "game.cli"]
    proc = subprocess.Popen(
        [*cmd, "serve", "--port", str(port), "--quiet", "--port-file", str(port_file)]
        + ["--db", str(folder / "db.sqlite3")],
        cwd=ROOT,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while not port_file.exists() or not port_file.read_text().strip():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise AssertionError(f"server did not start: {proc.stderr.read().decode()}")  # type: ignore[union-attr]
        time.sleep(0.02)
    return Server(proc, int(port_file.read_text().strip()))


def stop_server(server: Server) -> None:
    """Stop it (SIGTERM: a graceful shutdown), killing it if it hangs."""
    server.proc.terminate()
    try:
        server.proc.wait(10)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        server.proc.wait(5)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """``sixparty serve --port 0`` with its database in a temporary folder."""
    running = start_server(tmp_path)
    try:
        yield running
    finally:
        stop_server(running)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium through Playwright (skipped when absent, see the module doc)."""
    required = os.environ.get("SIXPARTY_REQUIRE_CHROMIUM") == "1"
    if not os.access(CHROMIUM, os.X_OK):
        if required:
            pytest.fail(f"{CHROMIUM} is not installed but SIXPARTY_REQUIRE_CHROMIUM=1")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if required:
            pytest.fail("playwright is not installed but SIXPARTY_REQUIRE_CHROMIUM=1")
        pytest.skip("playwright (the dev extra) is not installed")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield b
        finally:
            b.close()


class Student:
    """One browser tab (its own storage, like another student's machine)."""

    def __init__(self, browser: Any, size: tuple[int, int] = SIZES["chromebook"]) -> None:
        self.context = browser.new_context(viewport={"width": size[0], "height": size[1]})
        self.context.set_default_timeout(20_000)
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on(
            "console",
            lambda m: self.problems.append(m.text) if m.type in ("error", "warning") else None,
        )
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))

    def join(self, base: str, code: str, name: str, seat: str) -> None:
        """Open /join/CODE, type a name, pick the team."""
        page = self.page
        page.goto(f"{base}/join/{code}")
        page.fill("#name", name)
        page.click(f"#seat-{seat}")
        page.wait_for_selector("body[data-ready='1']")

    def shot(self, name: str) -> Path:
        """A screenshot in screens_dir()."""
        out = screens_dir()
        out.mkdir(parents=True, exist_ok=True)
        path = out / f"web-{name}.png"
        self.page.screenshot(path=str(path))
        return path

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def students(browser: Any) -> Iterator[Callable[..., Student]]:
    """``students(size)`` opens a browser tab; all are closed afterwards."""
    made: list[Student] = []

    def make(size: tuple[int, int] = SIZES["chromebook"]) -> Student:
        s = Student(browser, size)
        made.append(s)
        return s

    yield make
    for s in made:
        s.close()
