"""Print one month's chat between a person's seat (scripted) and two bots.

    .venv/bin/python scripts/negotiation_transcript.py [--seed 2] [--us reciprocator] [--china dove]

North Korea is played by a script standing in for a student: in April 2019 it offers the
United States an uninspected freeze for step by step and a summit, and asks China for
fuel beyond the UN cap; then it reads the answers and replies. The United States and China
are built-in bots (personas); the other seats are bots too, so the game is a normal one.
Everything goes through ``Game.apply`` in the runner's order (negotiation rounds, actors in
scenario order), with one extra round for answers as a server gives bots. Printed: every
message and proposal between North Korea and the two bots, with the intent each message
carries. Same seed, same transcript.
"""

from __future__ import annotations

import argparse
from typing import Any

from game import Game, load_scenario
from game.bots import make_bot
from game.bots.base import Context, pending_intents
from game.bots.runner import bot_rng
from game.bots.words import term_words
from game.scenario.compile import Rules

ME = "dprk"


def _freeze(compare: str = "at_most") -> dict[str, Any]:
    return {"actor": "dprk", "lever": "nuclear_programme", "option": "freeze", "compare": compare}


STEP = {"actor": "us", "lever": "us_stance", "option": "step_by_step"}
NO_LONG_RANGE = {"kind": "signals", "actor": "dprk", "rung": 5}
FUEL = {"actor": "china", "lever": "aid", "option": "fuel_beyond_cap"}


def human_round(game: Game, round_no: int) -> list[dict[str, Any]]:
    """What the scripted student at North Korea does in each round: opens with an
    uninspected offer to the US and a request to China; then takes any proposal tabled
    to it, says yes to offers that come back, and warns China once."""
    if round_no == 0:
        return [
            {
                "type": "message",
                "to": ["us"],
                "text": "We will freeze Yongbyon and stop long-range tests if you drop "
                "maximum pressure and go step by step. Let's meet. No inspectors.",
                "intent": {"kind": "offer", "terms": [_freeze(), NO_LONG_RANGE, STEP],
                           "summit": True},
            },
            {
                "type": "message",
                "to": ["china"],
                "text": "Comrades, our people need fuel. Send more than the UN cap, quietly.",
                "intent": {"kind": "request", "terms": [FUEL]},
            },
        ]  # fmt: skip
    out: list[dict[str, Any]] = []
    for p in game.proposals.values():
        if p["status"] == "open" and ME in p["parties"] and ME not in p["responses"]:
            out.append({"type": "respond", "proposal": p["id"], "accept": True})
            out.append(
                {
                    "type": "message",
                    "to": [p["proposer"]],
                    "text": REPLIES.get(p["proposer"], "Agreed."),
                    "intent": {"kind": "accept", "proposal": p["id"]},
                }
            )
    for m in pending_intents(game, ME):
        if m["intent"]["kind"] == "offer":
            terms = [
                {k: v for k, v in c.items() if k not in ("text", "counts_as", "start")}
                for c in m["intent"]["terms"]
            ]
            out.append(
                {
                    "type": "message",
                    "to": [m["from"]],
                    "text": "All right, if that is the best you can do. Put it on the table.",
                    "intent": {"kind": "accept", "terms": terms,
                               "inspections": m["intent"]["inspections"],
                               "summit": m["intent"]["summit"]},
                }
            )  # fmt: skip
    if round_no == 1:
        out.append(
            {
                "type": "message",
                "to": ["china"],
                "text": "And do not squeeze our coal exports any harder.",
                "intent": {
                    "kind": "warn",
                    "terms": [
                        {"actor": "china", "lever": "sanctions_coal_minerals",
                         "option": "maximum"}
                    ],
                },
            }
        )  # fmt: skip
    return out


REPLIES = {
    "us": "Fine. Inspectors can come, but we expect the relief on time.",
    "china": "Thank you, comrades. Every barrel counts.",
}


def _intent_line(rules: Rules, m: dict[str, Any]) -> str:
    it = m.get("intent")
    if not it:
        return ""
    parts = [it["kind"]]
    if it.get("proposal") is not None:
        parts.append(f"proposal #{it['proposal'] % 1000}")
    if it.get("terms"):
        you = m["to"][0] if len(m["to"]) == 1 else None
        parts.append("; ".join(term_words(rules, c, m["from"], you) for c in it["terms"]))
    if it.get("inspections"):
        parts.append("with inspections")
    if it.get("summit"):
        parts.append("with a summit")
    return "   [intent: " + " | ".join(parts) + "]"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--us", default="reciprocator", help="the US bot (default reciprocator)")
    parser.add_argument("--china", default="dove", help="China's bot (default dove)")
    args = parser.parse_args()
    rules = load_scenario("korea-2019")
    game = Game(rules, args.seed)
    names = {a: rules.actors[a].name for a in rules.actor_ids}
    kinds = {"us": args.us, "china": args.china}
    bots = {
        a: make_bot(kinds.get(a, "reciprocator"), a, args.seed) for a in rules.actor_ids if a != ME
    }
    rngs = {a: bot_rng(args.seed, i) for i, a in enumerate(rules.actor_ids)}
    watched = {"us", "china"}
    shown_msgs = 0
    shown_props: set[int] = set()
    month = rules.months[game.month - 1]
    print(f"# {month}: North Korea (a person, scripted) with the United States "
          f"({args.us}) and China ({args.china}); seed {args.seed}\n")  # fmt: skip

    def show(round_no: int) -> None:
        nonlocal shown_msgs
        for m in game.messages[shown_msgs:]:
            pair = {m["from"], *m["to"]}
            if ME in pair and pair & watched and len(pair) == 2:
                who = f"{names[m['from']]} -> {', '.join(names[t] for t in m['to'])}"
                print(f"[round {round_no + 1}] {who}:{_intent_line(rules, m)}")
                print(f"    {m['text']}\n")
        shown_msgs = len(game.messages)
        for p in game.proposals.values():
            if set(p["parties"]) & watched and ME in p["parties"]:
                key = (p["id"], p["status"])
                if hash(key) in shown_props:
                    continue
                shown_props.add(hash(key))
                you = next(x for x in p["parties"] if x != p["proposer"])
                terms = "; ".join(
                    term_words(rules, c, p["proposer"], you) for c in p["commitments"]
                )
                extra = " (with inspections)" if p["inspections"] else ""
                extra += " (with a summit)" if p["summit"] else ""
                print(f"[round {round_no + 1}] proposal #{p['id'] % 1000} by "
                      f"{names[p['proposer']]}: {terms}{extra} -> {p['status']}\n")  # fmt: skip

    for r in range(rules.negotiation.rounds + 2):  # the server's extra answers
        for actor in rules.actor_ids:
            if actor == ME:
                moves = human_round(game, r)
            else:
                moves = bots[actor].negotiate(Context(game, actor, r, rngs[actor]))
            for move in moves:
                game.apply({**move, "actor": actor})
        show(r)
    agreed = [a for a in game.agreements if ME in a["parties"] and set(a["parties"]) & watched]
    print(f"Agreements North Korea made with them in {month}: {len(agreed)}")
    for a in agreed:
        terms = "; ".join(term_words(rules, c, me="dprk") for c in a["commitments"])
        print(f"  with {', '.join(names[p] for p in a['parties'] if p != ME)}: {terms}"
              f"{' (inspected)' if a['inspections'] else ''}")  # fmt: skip


if __name__ == "__main__":
    main()
