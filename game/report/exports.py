"""The CSV export: one file per table of the debrief, rendered from :func:`debrief_data`.

Files: ``timeline.csv`` (news, facilitator actions, orders and signals, one row each),
``series.csv`` (one row per month x variable or score), ``deals.csv`` (every proposal),
``compliance.csv`` (agreement x month checked), ``unsc.csv``, ``messages.csv``,
``objectives.csv``, ``knowledge.csv`` (month x actor x estimated variable, and the
intelligence received) and ``history.csv``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any


def _csv(header: list[str], rows: Iterable[list[Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def _join(items: Iterable[str]) -> str:
    return " ".join(items)


def timeline_rows(data: dict[str, Any]) -> list[list[Any]]:
    """Rows of timeline.csv: month, label, kind, source, actor, to, text."""
    rows: list[list[Any]] = []
    for t in data["timeline"]:
        m, label = t["month"], t["label"]
        for n in t["news"]:
            rows.append([m, label, n["kind"], n["source"], "", _join(n["to"]), n["text"]])
        for f in t["facilitator"]:
            if f["type"] not in ("inject", "announce"):
                rows.append([m, label, f["type"], f["by"], "facilitator", "", f["text"]])
        for o in t["orders"]:
            for x in o["levers"]:
                hidden = " (covert)" if x["hidden"] else ""
                kind = "order_change" if x["changed"] else "order"
                text = f"{x['lever_name']}: {x['option_name']}{hidden}"
                rows.append([m, label, kind, "orders", o["actor"], "", text])
            for s in o["signals"]:
                rows.append(
                    [m, label, "signal", "orders", o["actor"], s["target"] or "", s["name"]]
                )
    return rows


def debrief_csv_files(data: dict[str, Any]) -> dict[str, str]:
    """File name -> CSV text for every table of the debrief."""
    months = data["series"]["months"]
    series_rows: list[list[Any]] = []
    for i, m in enumerate(months):
        for v in data["series"]["variables"]:
            series_rows.append(
                [m["month"], m["label"], v["key"], "variable", v["name"], v["values"][i]]
            )
        for s in data["series"]["scores"]:
            series_rows.append(
                [m["month"], m["label"], f"score.{s['actor']}", "score", s["name"], s["values"][i]]
            )
    deals = data["deals"]
    files = {
        "timeline.csv": _csv(
            ["month", "label", "kind", "source", "actor", "to", "text"], timeline_rows(data)
        ),
        "series.csv": _csv(["month", "label", "series", "kind", "name", "value"], series_rows),
        "deals.csv": _csv(
            [
                "proposal",
                "name",
                "month",
                "label",
                "proposer",
                "parties",
                "commitments",
                "inspections",
                "summit",
                "talks",
                "text",
                "accepted_by",
                "rejected_by",
                "status",
                "agreement_status",
            ],
            (
                [
                    p["id"],
                    p["name"],
                    p["month"],
                    p["label"],
                    p["proposer"],
                    _join(p["parties"]),
                    "; ".join(c["text"] for c in p["commitments"]),
                    int(p["inspections"]),
                    int(p["summit"]),
                    int(p["talks"]),
                    p["text"],
                    _join(p["accepted_by"]),
                    _join(p["rejected_by"]),
                    p["status"],
                    next((a["status"] for a in deals["agreements"] if a["id"] == p["id"]), ""),
                ]
                for p in deals["proposals"]
            ),
        ),
        "compliance.csv": _csv(
            ["agreement", "name", "month", "label", "state", "breakers"],
            (
                [a["id"], a["name"], c["month"], c["label"], c["state"], _join(c["breakers"])]
                for a in deals["agreements"]
                for c in a["compliance"]
            ),
        ),
        "unsc.csv": _csv(
            ["draft", "month", "label", "drafter", "direction", "sector", "votes", "status"],
            (
                [
                    u["id"],
                    u["month"],
                    u["label"],
                    u["drafter"],
                    u["direction"],
                    u["sector"],
                    _join(f"{a}={v}" for a, v in u["votes"].items()),
                    u["status"],
                ]
                for u in deals["unsc"]
            ),
        ),
        "messages.csv": _csv(
            ["id", "month", "label", "phase", "from", "to", "channel", "text"],
            (
                [
                    m["id"],
                    m["month"],
                    m["label"],
                    m["phase"],
                    m["from"],
                    _join(m["to"]),
                    m["channel"],
                    m["text"],
                ]
                for m in data["messages"]
            ),
        ),
        "objectives.csv": _csv(
            ["actor", "objective", "name", "secret", "weight", "progress", "points", "score"],
            (
                [
                    o["actor"],
                    x["id"],
                    x["name"],
                    int(x["secret"]),
                    x["weight"],
                    x["progress"],
                    x["points"],
                    o["score"],
                ]
                for o in data["objectives"]
                for x in o["objectives"]
            ),
        ),
        "knowledge.csv": _csv(
            ["month", "label", "actor", "kind", "variable", "low", "high", "true", "text"],
            [
                row
                for k in data["knowledge"]
                for row in [
                    *(
                        [
                            k["month"],
                            k["label"],
                            k["actor"],
                            "estimate",
                            x["key"],
                            x["low"],
                            x["high"],
                            x["true"],
                            "",
                        ]
                        for x in k["estimates"]
                    ),
                    *(
                        [k["month"], k["label"], k["actor"], "intel", "", "", "", "", text]
                        for text in k["intel"]
                    ),
                ]
            ],
        ),
        "history.csv": _csv(
            ["month", "label", "actor", "lever", "real_option", "class_option", "match"],
            (
                [
                    m["month"],
                    m["label"],
                    a["actor"],
                    x["lever"],
                    x["option"],
                    x["class_option"] or "",
                    "" if x["match"] is None else int(x["match"]),
                ]
                for m in data["history"]["months"]
                for a in m["actors"]
                for x in a["real_levers"]
            ),
        ),
    }
    return files


def to_json(data: dict[str, Any]) -> str:
    """The debrief's data as JSON text (the JSON export)."""
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"
