"""Generate the JSON Schemas of the protocol (committed under docs/protocol/).

    python -m game.protocol.schema docs/protocol

writes ``client.schema.json`` (any client message), ``server.schema.json`` (any server
message) and one ``<direction>.<type>.schema.json`` per message.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from game.protocol import messages as m

CLIENT_MODELS: tuple[type[BaseModel], ...] = (
    m.CreateRoom,
    m.Join,
    m.Auth,
    m.ActionMessage,
    m.Sync,
    m.Ping,
    m.Replay,
    m.Report,
    m.Archive,
    m.RoomRequest,
)
SERVER_MODELS: tuple[type[BaseModel], ...] = (
    m.Welcome,
    m.View,
    m.ViewDelta,
    m.Ack,
    m.Error,
    m.Pong,
    m.ReplayView,
    m.ReportPage,
    m.ArchiveState,
    m.RoomPage,
)


def _tag(model: type[BaseModel]) -> str:
    """The ``type`` literal of a message model."""
    return str(model.model_json_schema()["properties"]["type"]["const"])


def schemas() -> dict[str, dict[str, Any]]:
    """File name -> schema, for every file :func:`write` produces."""
    out: dict[str, dict[str, Any]] = {}
    union = m.client_schema()
    union["title"] = f"Six-Party client message (protocol {m.PROTOCOL_VERSION})"
    out["client.schema.json"] = union
    union = m.server_schema()
    union["title"] = f"Six-Party server message (protocol {m.PROTOCOL_VERSION})"
    out["server.schema.json"] = union
    for direction, models in (("client", CLIENT_MODELS), ("server", SERVER_MODELS)):
        for model in models:
            schema = model.model_json_schema()
            out[f"{direction}.{_tag(model)}.schema.json"] = schema
    for schema in out.values():
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return out


def render(schema: dict[str, Any]) -> str:
    """The committed text of one schema."""
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def write(folder: str | Path) -> list[Path]:
    """Write every schema into ``folder``; return the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, schema in schemas().items():
        path = folder / name
        path.write_text(render(schema), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    for p in write(sys.argv[1] if len(sys.argv) > 1 else "docs/protocol"):
        print(p)
