"""Who plays which role in which game: the seatings of a tournament.

Games come in *blocks* that share one seed, so comparisons within a block are paired
(same events, same dice):

* ``rotation``: a cyclic Latin square over the bots: game ``j`` of a block gives role
  ``i`` to bot ``(i + j) mod k`` of the block's bot order, which is shuffled per block so
  that who sits next to whom varies. Over a block every bot plays every role exactly
  once.
* ``roundrobin``: each block samples a seating (bots drawn without replacement while
  there are enough, the rest at random) and plays it in every cyclic rotation of the
  roles, so each sampled bot plays every role with the same seed.
* ``candidate``: one candidate and copies of a baseline in the other roles; over a
  block the candidate is rotated over every role (the CICERO design).

>>> specs = schedule(["a", "b"], ("x", "y", "z"), games=4, seed=1, mode="rotation")
>>> sorted(s["seating"]["x"] for s in specs[:2])
['a', 'b']
>>> specs[0]["seed"] == specs[1]["seed"]
True
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from game.errors import SixPartyError

MODES = ("rotation", "roundrobin", "candidate")


def block_seed(seed: int, block: int) -> int:
    """The game seed shared by every game of ``block``."""
    return random.Random(f"sixparty-tournament|{seed}|{block}").randrange(2**31)


def _block(
    mode: str,
    bots: Sequence[str],
    roles: Sequence[str],
    rng: random.Random,
    candidate: str | None,
    baseline: str | None,
) -> list[dict[str, str]]:
    n, k = len(roles), len(bots)
    if mode == "rotation":
        order = list(bots)
        rng.shuffle(order)
        return [{r: order[(i + j) % k] for i, r in enumerate(roles)} for j in range(k)]
    if mode == "roundrobin":
        picked = rng.sample(list(bots), min(k, n))
        picked += [rng.choice(list(bots)) for _ in range(n - len(picked))]
        rng.shuffle(picked)
        return [{r: picked[(i + j) % n] for i, r in enumerate(roles)} for j in range(n)]
    assert candidate is not None and baseline is not None
    return [{r: candidate if i == j else baseline for i, r in enumerate(roles)} for j in range(n)]


def block_size(mode: str, n_bots: int, n_roles: int) -> int:
    """Games per block: ``k`` for rotation, the number of roles otherwise."""
    return n_bots if mode == "rotation" else n_roles


def schedule(
    bots: Sequence[str],
    roles: Sequence[str],
    games: int,
    seed: int = 0,
    mode: str = "rotation",
    candidate: str | None = None,
    baseline: str | None = None,
) -> list[dict[str, Any]]:
    """The games of a tournament, in order: ``games`` rounded up to whole blocks.

    Each entry has ``id`` (stable: ``b<block>-g<index>``), ``block``, ``seed`` and
    ``seating`` (role -> bot name).
    """
    if mode not in MODES:
        raise SixPartyError(f"--mode: unknown mode '{mode}'; expected one of {', '.join(MODES)}")
    if games < 1:
        raise SixPartyError("--games must be at least 1")
    if mode == "candidate":
        if not candidate or not baseline:
            raise SixPartyError("--mode candidate needs --candidate BOT and --baseline BOT")
        bots = [candidate, baseline]
    elif not bots:
        raise SixPartyError("--bots: give at least one bot")
    size = block_size(mode, len(bots), len(roles))
    blocks = -(-games // size)
    out: list[dict[str, Any]] = []
    for b in range(blocks):
        rng = random.Random(f"sixparty-seating|{seed}|{b}")
        s = block_seed(seed, b)
        for j, seating in enumerate(_block(mode, bots, roles, rng, candidate, baseline)):
            out.append({"id": f"b{b:05d}-g{j:02d}", "block": b, "seed": s, "seating": seating})
    return out
