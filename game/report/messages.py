"""The full message archive: every channel, private ones included, in time order."""

from __future__ import annotations

from typing import Any

from game.report.labels import actor_name, month_label
from game.report.replay import Replayed


def channel_of(to: list[str]) -> str:
    """``public`` (to everyone), ``private`` (one addressee) or ``group``."""
    return "public" if not to else "private" if len(to) == 1 else "group"


def archive(run: Replayed) -> list[dict[str, Any]]:
    """Every message with its month, phase, sender, addressees and channel."""
    rules = run.game.rules
    phases = [s.phase for s in run.steps if s.action.get("type") == "message"]
    out = []
    for i, m in enumerate(run.game.messages):
        to = list(m["to"])
        out.append(
            {
                "id": m["id"],
                "month": m["month"],
                "label": month_label(rules, m["month"]),
                "phase": phases[i] if i < len(phases) else "",
                "from": m["from"],
                "from_name": actor_name(rules, m["from"]),
                "to": to,
                "to_names": [actor_name(rules, a) for a in to],
                "channel": channel_of(to),
                "text": m["text"],
            }
        )
    return out
