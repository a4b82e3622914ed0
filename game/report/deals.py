"""The deals: every proposal and its answers, the agreements and their monthly compliance,
and the Security Council's drafts and votes."""

from __future__ import annotations

from typing import Any

from game.report.labels import actor_name, commitment_text, deal_name, month_label
from game.report.replay import Replayed


def _commitments(run: Replayed, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rules = run.game.rules
    return [{**c, "text": commitment_text(rules, c)} for c in items]


def _answers(run: Replayed) -> dict[int, list[dict[str, Any]]]:
    """Proposal id -> every answer in the order given, with its month and phase."""
    rules = run.game.rules
    out: dict[int, list[dict[str, Any]]] = {}
    for step in run.steps:
        a = step.action
        if a.get("type") == "respond" and isinstance(a.get("proposal"), int):
            out.setdefault(a["proposal"], []).append(
                {
                    "actor": a["actor"],
                    "name": actor_name(rules, a["actor"]),
                    "accept": bool(a.get("accept")),
                    "month": step.month,
                    "label": month_label(rules, step.month),
                }
            )
    return out


def compliance(run: Replayed, agreement: dict[str, Any]) -> list[dict[str, Any]]:
    """Each month the agreement was checked: kept, breached unseen, or broken (observed).

    A month is checked while the agreement is in force at its resolution; the engine
    stops checking once it is broken (an observed breach) or has expired.
    """
    rules = run.game.rules
    status_after = {m.month: m.agreements for m in run.months if not m.partial}
    out = []
    status = "active"
    for month in range(agreement["month"], run.game.month + 1):
        if month not in status_after or status != "active":
            break
        breaches = [b for b in agreement["breaches"] if b["month"] == month]
        if any(b["observed"] for b in breaches):
            state = "broken"
        elif breaches:
            state = "breached unseen"
        else:
            state = "kept"
        out.append(
            {
                "month": month,
                "label": month_label(rules, month),
                "state": state,
                "breakers": sorted({b["actor"] for b in breaches}),
            }
        )
        status = status_after[month].get(agreement["id"], "active")
    return out


def deals(run: Replayed) -> dict[str, Any]:
    """``{"proposals": [...], "agreements": [...], "unsc": [...], "summary": {...}}``."""
    game = run.game
    rules = game.rules
    answers = _answers(run)
    proposals = []
    for pid in game.proposals:  # oldest first
        p = game.proposals[pid]
        accepted = [a for a, r in p["responses"].items() if r == "accept"]
        proposals.append(
            {
                "id": pid,
                "name": deal_name(rules, p),
                "month": p["month"],
                "label": month_label(rules, p["month"]),
                "proposer": p["proposer"],
                "proposer_name": actor_name(rules, p["proposer"]),
                "parties": list(p["parties"]),
                "commitments": _commitments(run, p["commitments"]),
                "inspections": p["inspections"],
                "summit": p["summit"],
                "talks": p["talks"],
                "text": p["text"],
                "counter_to": p["counter_to"],
                "accepted_by": [a for a in p["parties"] if a in accepted],
                "rejected_by": [a for a, r in p["responses"].items() if r == "reject"],
                "answers": answers.get(pid, []),
                "status": p["status"],
            }
        )
    agreements = []
    for ag in game.agreements:
        agreements.append(
            {
                "id": ag["id"],
                "name": deal_name(rules, ag),
                "month": ag["month"],
                "label": month_label(rules, ag["month"]),
                "parties": list(ag["parties"]),
                "commitments": _commitments(run, ag["commitments"]),
                "inspections": ag["inspections"],
                "summit": ag["summit"],
                "talks": ag["talks"],
                "text": ag["text"],
                "end": ag["end"],
                "status": ag["status"],
                "breaches": [
                    {**b, "label": month_label(rules, b["month"])} for b in ag["breaches"]
                ],
                "compliance": compliance(run, ag),
            }
        )
    unsc = []
    for d in game.unsc_drafts:
        sector = next((s for s in rules.sectors if s.id == d["sector"]), None)
        unsc.append(
            {
                "id": d["id"],
                "month": d["month"],
                "label": month_label(rules, d["month"]),
                "drafter": d["drafter"],
                "sector": d["sector"],
                "sector_name": sector.name if sector is not None else d["sector"],
                "direction": d["direction"],
                "votes": dict(d["votes"]),
                "status": d["status"],
            }
        )
    return {
        "proposals": proposals,
        "agreements": agreements,
        "unsc": unsc,
        "summary": {
            "proposals": len(proposals),
            "agreements": len(agreements),
            "broken": sum(1 for a in agreements if a["status"] == "broken"),
            "breached_unseen": sum(
                1 for a in agreements if any(not b["observed"] for b in a["breaches"])
            ),
        },
    }
