"""Tournament outputs beside ``games.jsonl``: ``seats.csv``, ``report.md``,
``report.html`` and the charts (``scores.png``, ``roles.png``; matplotlib, Agg backend)."""

from __future__ import annotations

import base64
import csv
import html
import math
from pathlib import Path
from typing import Any

from game.tournament.stats import (
    BotStats,
    Summary,
    bot_stats,
    finished,
    overall,
    paired_difference,
    summarise,
)


def _f(x: float, digits: int = 2) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if isinstance(x, float) and math.isinf(x):
        return "∞" if x > 0 else "-∞"
    return f"{x:.{digits}f}"


def _pct(x: float) -> str:
    return "–" if math.isnan(x) else f"{100 * x:.1f}%"


def write_csv(path: Path, records: list[dict[str, Any]]) -> None:
    """One row per seat of every finished game."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["game", "block", "seed", "role", "bot", "score", "war", "deals", "faults"])
        for g in finished(records):
            for role, bot in sorted(g["seating"].items()):
                nf = sum(1 for f in g.get("faults", []) if f.get("actor") == role)
                w.writerow(
                    [
                        g["id"],
                        g["block"],
                        g["seed"],
                        role,
                        bot,
                        g["scores"][role],
                        int(bool(g.get("war"))),
                        g.get("deals", {}).get(role, 0),
                        nf,
                    ]
                )


def _charts(out: Path, stats: dict[str, BotStats], records: list[dict[str, Any]]) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    games = finished(records)
    bots = sorted(stats, key=lambda b: -stats[b].score.mean)
    if not bots:
        return []
    data: dict[str, list[float]] = {b: [] for b in bots}
    for g in games:
        for role, bot in g["seating"].items():
            data[bot].append(g["scores"][role])
    files = []
    fig, ax = plt.subplots(figsize=(max(5, 1.3 * len(bots)), 4))
    ax.boxplot([data[b] for b in bots], showmeans=True)
    ax.set_xticks(range(1, len(bots) + 1), bots)
    ax.set_ylabel("score (0-100)")
    ax.set_title("Score distribution per bot")
    fig.tight_layout()
    fig.savefig(out / "scores.png", dpi=90)
    plt.close(fig)
    files.append("scores.png")

    roles = sorted({r for s in stats.values() for r in s.by_role})
    fig, ax = plt.subplots(figsize=(max(5, 1.1 * len(roles) + 2), max(3, 0.6 * len(bots) + 1.5)))
    grid = [
        [stats[b].by_role[r].mean if r in stats[b].by_role else math.nan for r in roles]
        for b in bots
    ]
    im = ax.imshow(grid, cmap="viridis", aspect="auto", vmin=0, vmax=100)
    ax.set_xticks(range(len(roles)), roles)
    ax.set_yticks(range(len(bots)), bots)
    for i, row in enumerate(grid):
        for j, v in enumerate(row):
            if not math.isnan(v):
                ax.text(j, i, f"{v:.0f}", ha="center", va="center", color="white", fontsize=8)
    fig.colorbar(im, ax=ax, label="mean score")
    ax.set_title("Mean score per bot and role")
    fig.tight_layout()
    fig.savefig(out / "roles.png", dpi=90)
    plt.close(fig)
    files.append("roles.png")
    return files


WITHIN_ROLES = (
    "The headline interval is the CI within roles, the role-stratified one "
    "(game.tournament.stats.stratified): every bot sits in every role equally often, so "
    "the spread between roles (a role is easier or harder for everyone) is the design "
    "rather than chance and is left out; the plain CI beside it keeps it. The ladder "
    "steps (each bot against the next) are the paired differences below."
)

PAIRED = (
    "The headline test of the ladder: per block of games sharing a seed, where both bots "
    "sat in the same roles, the difference of their mean scores; mean and t-based 95% CI "
    "over the blocks. A step holds when its interval excludes 0."
)

EXPLOIT = (
    "Each exploit probe (docs/bots.md) against the bots in the other seats, per role, on "
    "the par scale (the scenario's par, history, is 50 in every role): the probe's mean, "
    "its gain over par (mean − 50), the mean of the other bots when they held the same "
    "role in the same blocks (the seat's par in this company), and the probe's gain over "
    "that seat. The target: no probe beats a seat by more than 5 par points."
)


def _ci(s: Summary | None) -> str:
    return "" if s is None else f"[{_f(s.low)}, {_f(s.high)}]"


def against_history(records: list[dict[str, Any]], bot: str) -> tuple[float, float]:
    """(share of the bot's seats that beat history, its mean on the scale where par is
    50), over the seats whose role has a par; NaN without any."""
    scaled, beat = [], 0
    for g in finished(records):
        for role, who in g["seating"].items():
            p = g.get("par", {}).get(role)
            if who == bot and p:
                scaled.append(float(p["scaled"]))
                beat += p["history"] == "beat history"
    if not scaled:
        return math.nan, math.nan
    return beat / len(scaled), sum(scaled) / len(scaled)


def _tables(
    stats: dict[str, BotStats],
    records: list[dict[str, Any]] | None = None,
) -> tuple[list[str], list[list[str]], list[str], list[list[str]]]:
    bots = sorted(stats, key=lambda b: -stats[b].score.mean)
    head = [
        "bot",
        "seats",
        "mean",
        "± SE",
        "95% CI within roles (headline)",
        "plain 95% CI",
        "win rate",
        "deal rate",
        "war rate",
        "deadlines met",
        "rating μ ± 1.96σ",
        "ordinal",
        "faults",
    ]
    history = {b: against_history(records or [], b) for b in bots}
    with_par = any(not math.isnan(h[0]) for h in history.values())
    if with_par:  # the scenario states a par: a score that means the same for every role
        head += ["beat history", "mean on par scale (par = 50)"]
    rows = []
    for b in bots:
        s = stats[b]
        rating = s.rating
        rows.append(
            [
                b,
                str(s.seats),
                _f(s.score.mean),
                _f(s.score.se),
                _ci(s.within_roles),
                f"[{_f(s.score.low)}, {_f(s.score.high)}]",
                _pct(s.win_rate),
                _pct(s.deal_rate),
                _pct(s.war_rate),
                _pct(s.deadline_rate),
                f"{_f(rating.get('mu', math.nan))} ± {_f(1.96 * rating.get('sigma', math.nan))}",
                _f(rating.get("ordinal", math.nan)),
                str(s.faults),
                *([_pct(history[b][0]), _f(history[b][1], 1)] if with_par else []),
            ]
        )
    roles = sorted({r for s in stats.values() for r in s.by_role})
    role_head = ["bot", *roles]
    role_rows = []
    for b in bots:
        row = [b]
        for role in roles:
            x = stats[b].by_role.get(role)
            row.append("–" if x is None else f"{_f(x.mean, 1)} ± {_f(x.se, 1)} (n={x.n})")
        role_rows.append(row)
    return head, rows, role_head, role_rows


def _paired_table(
    stats: dict[str, BotStats], records: list[dict[str, Any]]
) -> tuple[list[str], list[list[str]]]:
    """Rows of the paired-difference table: each bot against the next one down."""
    bots = sorted(stats, key=lambda b: -stats[b].score.mean)
    head = ["ladder step (paired)", "blocks", "mean difference", "95% CI", "CI excludes 0"]
    rows = []
    for a, b in zip(bots, bots[1:], strict=False):
        d = paired_difference(records, a, b)
        rows.append(
            [
                f"{a} − {b}",
                str(d.n),
                _f(d.mean),
                f"[{_f(d.low)}, {_f(d.high)}]",
                "yes" if d.low > 0 or d.high < 0 else "no",
            ]
        )
    return head, rows


def _probes() -> set[str]:
    from game.bots import BOTS

    return {name for name, cls in BOTS.items() if getattr(cls, "probe", False)}


def exploit_gains(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The exploit probes' gains over par, per probe and role, from finished games with
    a par: ``probe``, ``against`` (the other bots that sat in those games), ``role``,
    ``games``, ``probe`` mean on the par scale (``mean``), ``gain`` over par (mean - 50),
    ``seat``: the other bots' mean on the par scale in that role in the same blocks,
    ``over_seat`` (mean - seat), and ``low``/``high``: the 95% interval of the gain over
    the seat paired by block (in each block, the probe's score in the role minus the
    others' mean there; a t interval over the blocks, NaN with fewer than two). Empty
    when no probe played."""
    probes = _probes()
    by_probe: dict[tuple[str, str], list[float]] = {}
    by_block: dict[tuple[str, str], dict[Any, list[float]]] = {}
    blocks: dict[tuple[str, str], set[Any]] = {}
    against: dict[str, set[str]] = {}
    seat_by_block: dict[tuple[Any, str], list[float]] = {}
    games = [g for g in finished(records) if g.get("par")]
    for g in games:
        block = g.get("block", g.get("seed"))
        for role, bot in g["seating"].items():
            p = g["par"].get(role)
            if p is None:
                continue
            if bot in probes:
                by_probe.setdefault((bot, role), []).append(float(p["scaled"]))
                by_block.setdefault((bot, role), {}).setdefault(block, []).append(
                    float(p["scaled"])
                )
                blocks.setdefault((bot, role), set()).add(block)
                against.setdefault(bot, set()).update(
                    b for r, b in g["seating"].items() if r != role
                )
            else:
                seat_by_block.setdefault((block, role), []).append(float(p["scaled"]))
    rows = []
    for (probe, role), xs in sorted(by_probe.items()):
        mean = sum(xs) / len(xs)
        seat_xs = [
            x
            for b in sorted(blocks[(probe, role)], key=str)
            for x in seat_by_block.get((b, role), [])
        ]
        seat = sum(seat_xs) / len(seat_xs) if seat_xs else math.nan
        diffs = []
        for b, ys in by_block[(probe, role)].items():
            zs = seat_by_block.get((b, role))
            if zs:
                diffs.append(sum(ys) / len(ys) - sum(zs) / len(zs))
        paired = summarise(diffs)
        rows.append(
            {
                "probe": probe,
                "against": ",".join(sorted(against[probe])),
                "role": role,
                "games": len(xs),
                "mean": mean,
                "gain": mean - 50.0,
                "seat": seat,
                "over_seat": mean - seat,
                "low": paired.low if len(diffs) > 1 else math.nan,
                "high": paired.high if len(diffs) > 1 else math.nan,
            }
        )
    return rows


def _exploit_table(records: list[dict[str, Any]]) -> tuple[list[str], list[list[str]]]:
    head = [
        "probe",
        "against",
        "role",
        "games",
        "probe (par scale)",
        "gain over par",
        "seat (par scale)",
        "gain over the seat",
        "95% CI (paired by block)",
    ]
    rows = [
        [
            r["probe"],
            r["against"],
            r["role"],
            str(r["games"]),
            _f(r["mean"], 1),
            f"{r['gain']:+.1f}",
            _f(r["seat"], 1),
            "–" if math.isnan(r["over_seat"]) else f"{r['over_seat']:+.1f}",
            "–" if math.isnan(r["low"]) else f"[{r['low']:+.1f}, {r['high']:+.1f}]",
        ]
        for r in exploit_gains(records)
    ]
    return head, rows


def _md_table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def _html_table(head: list[str], rows: list[list[str]]) -> str:
    th = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows
    )
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def write_report(
    out: Path, config: dict[str, Any], records: list[dict[str, Any]]
) -> dict[str, BotStats]:
    """Write the CSV, the charts and the Markdown and HTML reports; return the stats."""
    out = Path(out)
    stats = bot_stats(records)
    summary = overall(records)
    write_csv(out / "seats.csv", records)
    charts = _charts(out, stats, records)
    head, rows, role_head, role_rows = _tables(stats, records)
    pair_head, pair_rows = _paired_table(stats, records)
    ex_head, ex_rows = _exploit_table(records)
    ex_md = ["## Exploit gain over par", "", EXPLOIT, "", _md_table(ex_head, ex_rows), ""]
    ex_html = (
        f"<h2>Exploit gain over par</h2><p>{html.escape(EXPLOIT)}</p>{_html_table(ex_head, ex_rows)}"
        if ex_rows
        else ""
    )
    status = ", ".join(f"{k}: {v}" for k, v in summary["status"].items()) or "none"
    intro = [
        f"Scenario `{config.get('scenario')}`, mode `{config.get('mode')}`, seed {config.get('seed')}, "
        f"bots {', '.join(config.get('bots', []))}.",
        f"Games: {summary['games']} ({status}). War rate {_pct(summary['war_rate'])}, "
        f"games with a deal {_pct(summary['deal_rate'])}, deadlines met "
        f"{_pct(summary['deadline_rate'])}, bot faults {summary['faults']}.",
    ]
    md = [
        "# Tournament report",
        "",
        *intro,
        "",
        "## Bots",
        "",
        "Mean score per seat with its standard error and t-based 95% confidence interval; "
        f"{WITHIN_ROLES} "
        "Win rate counts a tie for the top score as a shared win; openskill "
        "Plackett–Luce ratings over the games' rankings.",
        "",
        _md_table(head, rows),
        "",
        "## Bot × role (mean ± SE)",
        "",
        _md_table(role_head, role_rows),
        "",
        "## Ladder steps: paired differences (each bot against the next in the ranking)",
        "",
        PAIRED,
        "",
        _md_table(pair_head, pair_rows),
        "",
        *(ex_md if ex_rows else []),
        "## Charts",
        "",
        *[f"![{c}]({c})" for c in charts],
        "",
    ]
    (out / "report.md").write_text("\n".join(md), encoding="utf-8")
    imgs = "".join(
        f'<img alt="{c}" src="data:image/png;base64,'
        f'{base64.b64encode((out / c).read_bytes()).decode()}">'
        for c in charts
    )
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tournament report</title>
<style>body{{font-family:sans-serif;margin:2em;max-width:80em}}
table{{border-collapse:collapse;margin:1em 0}}td,th{{border:1px solid #ccc;padding:.3em .6em;text-align:right}}
td:first-child,th:first-child{{text-align:left}}img{{max-width:100%;margin:1em 0;display:block}}</style>
</head><body><h1>Tournament report</h1>
{"".join(f"<p>{html.escape(p)}</p>" for p in intro)}
<h2>Bots</h2><p>{html.escape(WITHIN_ROLES)}</p>{_html_table(head, rows)}
<h2>Bot × role (mean ± SE)</h2>{_html_table(role_head, role_rows)}
<h2>Ladder steps: paired differences (each bot against the next in the ranking)</h2>
<p>{html.escape(PAIRED)}</p>{_html_table(pair_head, pair_rows)}
{ex_html}
<h2>Charts</h2>{imgs}
</body></html>
"""
    (out / "report.html").write_text(page, encoding="utf-8")
    return stats
