"""Where the client saves pages (briefings, debriefs), and opening them in a browser."""

from __future__ import annotations

import os
import re
import sys
import webbrowser
from pathlib import Path


def data_dir() -> Path:
    """``$XDG_DATA_HOME/sixparty/pages`` (``~/.local/share/sixparty/pages`` by default)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "sixparty" / "pages"


def safe_name(name: str) -> str:
    """A file name made of letters, digits, dots, dashes and underscores."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.")
    return cleaned or "page"


def save_page(name: str, text: str, folder: Path | None = None) -> Path:
    """Write ``text`` to ``folder/name`` (the user's data dir, else the current directory).

    Returns the path written; raises :class:`OSError` only if neither place is writable.
    """
    places = [folder] if folder is not None else [data_dir(), Path.cwd()]
    last: OSError | None = None
    for place in places:
        try:
            place.mkdir(parents=True, exist_ok=True)
            path = place / safe_name(name)
            path.write_text(text, encoding="utf-8")
            return path.resolve()
        except OSError as exc:
            last = exc
    assert last is not None
    raise last


def has_display() -> bool:
    """Whether a person is looking at a real screen (not the dummy video driver)."""
    if os.environ.get("SDL_VIDEODRIVER", "") in ("dummy", "offscreen"):
        return False
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def open_page(path: Path) -> bool:
    """Open a saved page in the web browser when there is a real display; True if opened."""
    if not has_display():
        return False
    try:
        return webbrowser.open(path.as_uri())
    except webbrowser.Error:
        return False
