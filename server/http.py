"""Plain HTTP on the websocket's host and port: the browser seat's own files, nothing else.

``sixparty serve`` answers a plain ``GET`` (one that is not a websocket upgrade) through
websockets' ``process_request`` hook: the student page at ``/`` and ``/join/CODE``, the
projector page at ``/projector`` and ``/projector/CODE``, the page's modules and style
under ``/web/``, and the map asset at ``/web/map.json``. Every file is read into memory
when the server starts, from a fixed list (the files in ``server/web/`` with a known
suffix, and the map), so a path can only ever name one of them: there is no file-system
lookup per request and no path traversal. Every answer carries a content security policy
that lets the page load only its own files and open a websocket to this server.

This module holds no rules and no game state: the page speaks the documented protocol
over the websocket like any other client (docs/protocol.md, docs/browser.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path

from websockets.datastructures import Headers
from websockets.http11 import Request, Response

from game.resources import data_dir

WEB_DIR = Path(__file__).resolve().parent / "web"
MAP_ASSET = data_dir("assets") / "map_northeast_asia.json"
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
}
PAGES = {"student": "index.html", "projector": "projector.html"}
_CODE = r"[A-Za-z0-9]{4,12}"
ROUTES = (
    (re.compile(rf"^/(?:join/{_CODE}/?)?$"), PAGES["student"]),
    (re.compile(rf"^/projector(?:/{_CODE})?/?$"), PAGES["projector"]),
)
_HOST = re.compile(r"^[A-Za-z0-9.\-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$")


def csp(host: str | None) -> str:
    """The content security policy: own files only; websockets to this host.

    ``host`` is the request's Host header, used (when it is a plain host[:port]) to
    name the websocket address explicitly besides ``'self'``.

    >>> "script-src 'self'" in csp("10.0.0.5:8765"), "ws://10.0.0.5:8765" in csp("10.0.0.5:8765")
    (True, True)
    >>> "evil" in csp("x' evil")
    False
    """
    ws = f" ws://{host} wss://{host}" if host and _HOST.match(host) else ""
    return (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        f"connect-src 'self'{ws}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


@dataclass(frozen=True)
class WebFile:
    """One file the server answers with: its bytes and content type."""

    body: bytes
    content_type: str


def load_files(web_dir: Path = WEB_DIR, map_asset: Path = MAP_ASSET) -> dict[str, WebFile]:
    """URL path -> file, for every file of the page (read once, at start)."""
    files: dict[str, WebFile] = {}
    if web_dir.is_dir():
        for path in sorted(web_dir.iterdir()):
            kind = TYPES.get(path.suffix)
            if kind and path.is_file() and re.match(r"^[a-z0-9_-]+\.[a-z]+$", path.name):
                files[f"/web/{path.name}"] = WebFile(path.read_bytes(), kind)
    if map_asset.is_file():
        files["/web/map.json"] = WebFile(map_asset.read_bytes(), TYPES[".json"])
    return files


class WebPages:
    """Answers plain HTTP GETs on the game server (see the module docstring)."""

    def __init__(self, files: dict[str, WebFile] | None = None) -> None:
        self.files = load_files() if files is None else files

    def route(self, path: str) -> WebFile | None:
        """The file a request path names, or None."""
        path = path.split("?", 1)[0].split("#", 1)[0]
        for pattern, page in ROUTES:
            if pattern.match(path):
                return self.files.get(f"/web/{page}")
        return self.files.get(path)

    def respond(self, request: Request) -> Response:
        """The HTTP answer to a request that is not a websocket upgrade."""
        found = self.route(request.path)
        headers = Headers()
        hosts = request.headers.get_all("Host")
        headers["Content-Security-Policy"] = csp(hosts[0] if len(hosts) == 1 else None)
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = "no-referrer"
        headers["X-Frame-Options"] = "DENY"
        headers["Cache-Control"] = "no-cache"
        headers["Connection"] = "close"
        if found is None:
            status = HTTPStatus.NOT_FOUND
            body = b"Not found. The student page is at / and /join/CODE.\n"
            headers["Content-Type"] = "text/plain; charset=utf-8"
        else:
            status, body = HTTPStatus.OK, found.body
            headers["Content-Type"] = found.content_type
        headers["Content-Length"] = str(len(body))
        return Response(status.value, status.phrase, headers, body)

    def process_request(self, connection: object, request: Request) -> Response | None:
        """websockets' hook: None lets a websocket upgrade through; a plain GET is served."""
        upgrades = request.headers.get_all("Upgrade")
        if any(u.lower() == "websocket" for u in upgrades):
            return None
        return self.respond(request)
