"""The plain HTTP side of ``sixparty serve``: its own files only, with a content security
policy, on the same port as the websocket (which keeps working beside it)."""

from __future__ import annotations

import http.client
from collections.abc import Iterator

import pytest

from game.netclient import Client
from server.embed import ServerHandle, serve_in_thread
from server.http import WEB_DIR


@pytest.fixture
def handle() -> Iterator[ServerHandle]:
    h = serve_in_thread(db=":memory:")
    try:
        yield h
    finally:
        h.stop()


def get(port: int, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    """A GET with the path sent exactly as written (no client-side normalising)."""
    con = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    con.putrequest("GET", path, skip_host="Host" in (headers or {}), skip_accept_encoding=True)
    for k, v in (headers or {}).items():
        con.putheader(k, v)
    con.endheaders()
    resp = con.getresponse()
    resp.body = resp.read()  # type: ignore[attr-defined]
    con.close()
    return resp


def test_the_student_and_projector_pages_are_served_with_a_csp(handle: ServerHandle) -> None:
    index = (WEB_DIR / "index.html").read_bytes()
    for path in ("/", "/join/K7QX2M", "/join/k7qx2m/", "/join/K7QX2M?x=1"):
        resp = get(handle.port, path)
        assert resp.status == 200, path
        assert resp.body == index  # type: ignore[attr-defined]
        assert resp.getheader("Content-Type") == "text/html; charset=utf-8"
        policy = resp.getheader("Content-Security-Policy") or ""
        assert "default-src 'none'" in policy and "script-src 'self'" in policy
        assert f"ws://127.0.0.1:{handle.port}" in policy
        assert resp.getheader("X-Content-Type-Options") == "nosniff"
    projector = get(handle.port, "/projector/K7QX2M")
    assert projector.status == 200 and b"projector.js" in projector.body  # type: ignore[attr-defined]
    js = get(handle.port, "/web/student.js")
    assert js.status == 200 and js.getheader("Content-Type") == "text/javascript; charset=utf-8"
    assert get(handle.port, "/web/map.json").getheader("Content-Type") == "application/json"


@pytest.mark.parametrize(
    "path",
    [
        "/web/../server/app.py",
        "/web/%2e%2e/app.py",
        "/../../etc/passwd",
        "/web/..%2Fhttp.py",
        "/web//etc/passwd",
        "/web/student.js/../../app.py",
        "/web/.hidden.js",
        "/web/http.py",
        "/join/../../etc/passwd",
        "/server/app.py",
        "/web/",
    ],
)
def test_nothing_outside_the_pages_own_files(handle: ServerHandle, path: str) -> None:
    resp = get(handle.port, path)
    assert resp.status == 404, path
    assert b"import" not in resp.body  # type: ignore[attr-defined]
    assert "default-src 'none'" in (resp.getheader("Content-Security-Policy") or "")


def test_a_forged_host_header_cannot_widen_the_policy(handle: ServerHandle) -> None:
    resp = get(handle.port, "/", {"Host": "x; script-src *"})
    policy = resp.getheader("Content-Security-Policy") or ""
    assert resp.status == 200
    assert "script-src *" not in policy and "script-src 'self';" in policy
    twice = http.client.HTTPConnection("127.0.0.1", handle.port, timeout=10)
    twice.putrequest("GET", "/")
    twice.putheader("Host", "evil.example")
    twice.endheaders()
    resp = twice.getresponse()
    assert resp.status == 200 and "evil" not in (resp.getheader("Content-Security-Policy") or "")
    twice.close()


async def test_the_websocket_still_answers_on_the_same_port(handle: ServerHandle) -> None:
    room = handle.create_room(scenario="tutorial", bots={"south": "random", "mediator": "random"})
    async with await Client.connect(handle.url) as client:
        welcome = await client.join(room.code, seat="north", name="Ann")
        assert welcome["seat"] == "north"
        reply = await client.request({"type": "room"})
        assert reply["scenario"]["levers"]["fishing"]["name"] == "Fishing fleet"
