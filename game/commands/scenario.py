"""``sixparty scenario``: tools for scenario authors.

``new`` (a commented starting file), ``validate`` (errors with file:line:column),
``lint`` (warnings), ``balance`` (bots play it many times) and ``schema`` (the JSON Schema
editors use).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from game.errors import ScenarioError, SixPartyError
from game.resources import data_dir

TEMPLATES = Path(__file__).resolve().parents[1] / "scenario" / "templates"
SCHEMAS = data_dir("schemas")
SCHEMA_FILE = SCHEMAS / "scenario.schema.json"
VARIANT_SCHEMA_FILE = SCHEMAS / "scenario-variant.schema.json"
#: The repository (or installed package) the data files belong to: files written inside it
#: refer to them by relative paths.
PROJECT = SCHEMAS.parent
_NAME = re.compile(r"^[a-z][a-z0-9_-]*$")


def register(sub: Any) -> None:
    """Add the ``scenario`` subcommand group."""
    p = sub.add_parser(
        "scenario",
        help="tools for scenario authors: new, validate, lint, balance, schema",
        description="Tools for scenario authors. The guide is docs/authoring.md.",
    )
    ssub = p.add_subparsers(
        dest="scenario_command",
        metavar="ACTION",
        help="what to do; sixparty scenario ACTION --help for its options",
    )

    n = ssub.add_parser(
        "new",
        help="write a commented starting file",
        description="Write a commented scenario file that validates as it stands.",
    )
    n.add_argument("name", metavar="NAME", help="file name and id, e.g. border-crisis")
    n.add_argument(
        "--from",
        dest="parent",
        metavar="SCENARIO",
        help="write a short variant that 'extends' this scenario (a name or a path)",
    )
    n.add_argument("--out", metavar="PATH", help="where to write (default NAME.yaml here)")
    n.add_argument("--force", action="store_true", help="overwrite an existing file")
    n.set_defaults(func=new)

    v = ssub.add_parser(
        "validate",
        help="check scenarios (a name or a path); print every error with file:line:column",
        description="Check each scenario, given by name (korea-2019: looked up among the "
        "installed scenarios, never in the current folder) or by path (a YAML file). Exit 0 "
        "if all are valid, 1 with every error as file:line:column otherwise.",
    )
    v.add_argument(
        "paths",
        nargs="+",
        metavar="SCENARIO",
        help="a scenario name (korea-2019) or a path to a YAML file; several are allowed",
    )
    v.set_defaults(func=validate)

    lt = ssub.add_parser(
        "lint",
        help="warnings: unused variables and options, events that never fire, ...",
        description="Print warnings with file:line:column. Exit 0 unless --strict and warnings.",
    )
    lt.add_argument(
        "paths",
        nargs="+",
        metavar="SCENARIO",
        help="a scenario name (korea-2019) or a path to a YAML file; several are allowed",
    )
    lt.add_argument("--strict", action="store_true", help="exit 1 if there is any warning")
    lt.set_defaults(func=lint)

    b = ssub.add_parser(
        "balance",
        help="play the scenario many times with bots; report scores, wars, deadlines",
        description="Play the scenario many times with bots (seats rotate), report each "
        "role's score spread, how often war breaks out, which deadlines are met and which "
        "levers the bots never use, and judge it against the scenario's balance targets "
        "(its 'balance:' section, with defaults): for each target missed, the knobs of the "
        "file that move it most, found by trying them. Ctrl-C stops early and reports the "
        "games played so far.",
    )
    b.add_argument(
        "path", metavar="SCENARIO", help="a scenario name (korea-2019) or a path to a YAML file"
    )
    b.add_argument(
        "--games",
        type=int,
        default=None,
        help="games to play (default 20; with --probes, 60 persona and random games, and a "
        "fifth of that per escalation and deal-spam probe)",
    )
    b.add_argument(
        "--probes",
        action="store_true",
        help="print the measured targets instead: role balance (personas, personas with the "
        "planner) with 95%% intervals and win rates, escalation probes, the deal-spam probe, "
        "deadline and war rates, and a verdict (docs/balance.md)",
    )
    b.add_argument(
        "--planner-games",
        type=int,
        default=2,
        metavar="N",
        help="with --probes: planner games per probe (slow, seconds each; default 2: 2 with "
        "the planner in every seat, 2 per escalation cell against it, 8 in the mixed rotation)",
    )
    b.add_argument(
        "--markdown",
        action="store_true",
        help="with --probes: print the tables and the verdict as Markdown",
    )
    b.add_argument(
        "--bots",
        default="",
        help="comma-separated bot names, seats rotate (default: planner if installed, else the personas and random)",
    )
    b.add_argument("--seed", type=int, default=0, help="seed of the first game (default 0)")
    b.add_argument("--json", action="store_true", help="print the report as JSON")
    b.add_argument(
        "--probe-games",
        type=int,
        default=4,
        metavar="N",
        help="games per single-lever policy probed for dominance (default 4; 0 skips)",
    )
    b.add_argument(
        "--knobs",
        type=int,
        default=12,
        metavar="N",
        help="knobs of the file tried for each failing target (default 12; 0 skips)",
    )
    b.add_argument(
        "--knob-games",
        type=int,
        default=4,
        metavar="N",
        help="games per knob tried (default 4)",
    )
    b.add_argument("--strict", action="store_true", help="exit 1 if any target is missed")
    b.set_defaults(func=balance)

    pa = ssub.add_parser(
        "par",
        help="measure each role's par (the score history reached) and write it on request",
        description="Measure each role's par: the mean raw score over seeded games played "
        "by the historical bot on every seat where the scenario says what each actor really "
        "did, else by the built-in bots (seats rotate). With --write, store it in the file "
        "as scoring.par; scores are then also reported on a scale where par is 50.",
    )
    pa.add_argument(
        "path", metavar="SCENARIO", help="a scenario name (korea-2019) or a path to a YAML file"
    )
    pa.add_argument("--games", type=int, default=20, help="games to play (default 20)")
    pa.add_argument("--seed", type=int, default=0, help="seed of the first game (default 0)")
    pa.add_argument(
        "--write", action="store_true", help="write the measured par into the scenario file"
    )
    pa.set_defaults(func=par)

    s = ssub.add_parser(
        "schema",
        help="print the JSON Schema of scenario files",
        description="Print the JSON Schema of scenario files, for editors that complete and "
        "check YAML (committed as docs/scenario.schema.json).",
    )
    s.add_argument(
        "--variant",
        action="store_true",
        help="the relaxed schema for files that 'extends' another (nothing required)",
    )
    s.set_defaults(func=schema)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


# ---- validate ----------------------------------------------------------------------------
def check(path: str) -> tuple[Any, Any, list[str]]:
    """Load and compile a scenario; return (rules, locator, errors).

    Errors include duplicate ids, which the compiler alone does not reject.
    """
    from game.scenario.checks import errors as model_errors
    from game.scenario.compile import compile_scenario
    from game.scenario.lint import lint as run_lint
    from game.scenario.loader import load_model

    try:
        model, where = load_model(path)
        rules = compile_scenario(model, where)
    except ScenarioError as exc:
        return None, None, exc.problems
    more = model_errors(model, where)
    if more:
        return None, None, more
    dupes = [
        f"{w.where}: {w.path}: {w.message}"
        for w in run_lint(rules, where)
        if w.code == "duplicate-id"
    ]
    return rules, where, dupes


def validate(args: argparse.Namespace) -> int:
    """Validate each file; exit 0 with a summary, or 1 with every error."""
    failed = 0
    for path in args.paths:
        rules, _where, problems = check(path)
        if problems:
            failed += 1
            for problem in problems:
                print(problem, file=sys.stderr)
            print(f"{path}: {len(problems)} error(s)", file=sys.stderr)
            continue
        n_opts = sum(len(lv.options) for lv in rules.levers)
        print(
            f"{path}: ok - '{rules.name}': {len(rules.actor_ids)} actors, {rules.turns} turns, "
            f"{len(rules.keys)} variables, {len(rules.levers)} levers ({n_opts} options), "
            f"{len(rules.signals)} signals, {len(rules.events)} events, {len(rules.deadlines)} deadlines"
        )
    return 1 if failed else 0


# ---- lint -------------------------------------------------------------------------------
def lint(args: argparse.Namespace) -> int:
    """Print errors (exit 1) or warnings (exit 0, or 1 with --strict)."""
    from game.scenario.lint import lint as run_lint

    status = 0
    for path in args.paths:
        rules, where, problems = check(path)
        if problems:
            for problem in problems:
                print(problem, file=sys.stderr)
            print(f"{path}: {len(problems)} error(s); fix them before linting", file=sys.stderr)
            status = 1
            continue
        warnings = [w for w in run_lint(rules, where) if w.code != "duplicate-id"]
        for w in warnings:
            print(w)
        print(f"{path}: {len(warnings)} warning(s)")
        if warnings and args.strict:
            status = 1
    return status


# ---- new --------------------------------------------------------------------------------
def _schema_ref(out: Path, schema_file: Path) -> str:
    """A relative path inside the project, else an absolute one."""
    project = PROJECT.resolve()
    if out.resolve().is_relative_to(project):
        return Path(os.path.relpath(schema_file, out.resolve().parent)).as_posix()
    return schema_file.resolve().as_posix()


def _render(template: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        template = template.replace("{{" + key + "}}", value)
    return template


def _examples(rules: Any) -> str:
    """Commented override examples that use the parent's real ids."""
    sc = rules.model
    lines: list[str] = []
    lines.append("# months: [" + ", ".join(sc.months[:3]) + "]   # fewer turns: replaces the list")
    if sc.actors:
        a = sc.actors[0]
        lines += [
            "# actors:",
            f"#   - id: {a.id}    # same id: change only the fields you write",
            f"#     intelligence: {min(1.0, a.intelligence + 0.2):.1f}",
            "#     briefing:",
            "#       secret: A different secret briefing for this variant.",
        ]
    if sc.levers:
        lv = sc.levers[0]
        opt = lv.options[-1]
        lines += [
            "# levers:",
            f"#   - id: {lv.id}",
            f"#     default: {opt.id}    # start from another option",
            "#     options:",
            f"#       - id: {opt.id}",
            f"#         effects: {{{sc.tension.variable}: 2}}    # effects merge key by key",
        ]
        if len(sc.levers) > 1:
            lines += [f"#   - id: {sc.levers[1].id}", "#     remove: true    # delete it"]
    lines += [
        "# events:",
        "#   - id: new_event    # a new id is added",
        "#     name: Something new",
        f"#     month: {min(2, len(sc.months))}",
        "#     news: What the players read in the news.",
        f"#     effects: {{{sc.tension.variable}: 5}}",
    ]
    if sc.events:
        lines += [f"#   - id: {sc.events[0].id}", "#     remove: true"]
    if sc.deadlines:
        d = sc.deadlines[0]
        lines += ["# deadlines:", f"#   - id: {d.id}", f"#     month: {d.month}"]
    if sc.objectives:
        actor, objs = next(iter(sc.objectives.items()))
        if objs:
            lines += [
                "# objectives:",
                f"#   {actor}:",
                f"#     - id: {objs[0].id}",
                f"#       weight: {objs[0].weight * 2:g}    # counts twice as much",
            ]
    lines.append("# replace: [history]    # take these fields whole from this file")
    return "\n".join(lines) + "\n"


def new(args: argparse.Namespace) -> int:
    """Write a starting file (or a variant with ``--from``) and check that it validates."""
    name = args.name
    if not _NAME.match(name):
        raise SixPartyError(
            f"scenario name '{name}': use lower-case letters, digits, '-' and '_', "
            "starting with a letter (e.g. border-crisis)"
        )
    out = Path(args.out) if args.out else Path(f"{name}.yaml")
    if out.is_dir():
        out = out / f"{name}.yaml"
    if out.exists() and not args.force:
        raise SixPartyError(f"{out} already exists (use --force to overwrite)")
    ident = name.replace("-", "_")
    title = name.replace("-", " ").replace("_", " ").capitalize()
    if args.parent:
        from game.scenario.loader import SCENARIO_DIR, find_scenario, load_scenario

        parent_file = find_scenario(args.parent)
        rules = load_scenario(parent_file)
        in_library = parent_file.resolve().parent == SCENARIO_DIR.resolve()
        same_dir = out.resolve().parent == SCENARIO_DIR.resolve()
        if in_library and same_dir:
            extends = parent_file.stem
        elif out.resolve().is_relative_to(PROJECT.resolve()):
            extends = Path(os.path.relpath(parent_file.resolve(), out.resolve().parent)).as_posix()
        else:
            extends = parent_file.resolve().as_posix()
        text = _render(
            (TEMPLATES / "variant.yaml").read_text(encoding="utf-8"),
            {
                "schema": _schema_ref(out, VARIANT_SCHEMA_FILE),
                "parent": str(args.parent),
                "parent_name": rules.name,
                "extends": extends,
                "id": ident,
                "name": json.dumps(f"{rules.name}: {title}"),
                "file": str(out),
                "examples": _examples(rules),
            },
        )
    else:
        text = _render(
            (TEMPLATES / "new.yaml").read_text(encoding="utf-8"),
            {
                "schema": _schema_ref(out, SCHEMA_FILE),
                "id": ident,
                "name": json.dumps(title),
                "file": str(out),
            },
        )
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise SixPartyError(f"--out {out}: cannot write: {exc.strerror or exc}") from None
    _rules, _where, problems = check(str(out))
    if problems:  # the templates are tested; this guards against a broken parent
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1
    print(f"wrote {out}; next: sixparty scenario validate {out}")
    return 0


# ---- balance ----------------------------------------------------------------------------
class _Progress:
    """Progress on stderr: a rich bar on a terminal, plain lines otherwise."""

    def __init__(self, total: int, title: str) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.console = Console(stderr=True)
        self.live = self.console.is_terminal
        self.total = total
        self.title = title
        self.bar: Any = None
        if self.live:
            self.bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("(Ctrl-C: stop and report)"),
                console=self.console,
                transient=True,
            )
            self.task = self.bar.add_task(title, total=total)

    def __enter__(self) -> _Progress:
        if self.bar is not None:
            self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)

    def game(self, g: int) -> None:
        """Game ``g`` (0-based) is done."""
        if self.bar is not None:
            self.bar.update(self.task, completed=g + 1)
        else:
            print(f"balance: played {g + 1}/{self.total} games", file=sys.stderr, flush=True)

    def step(self, text: str) -> None:
        """A later step (probes, knobs)."""
        if self.bar is not None:
            self.bar.update(self.task, description=text)
        else:
            print(f"balance: {text}", file=sys.stderr, flush=True)


def balance(args: argparse.Namespace) -> int:
    """Play the scenario with bots, print score spreads, wars, deadlines, unused levers and
    the verdict against the scenario's targets, with the knobs that move what is off."""
    from rich.console import Console

    from game.balance import default_bots, run_balance
    from game.verdict import judge, probe_policies, search_knobs

    for flag in ("probe_games", "knobs", "knob_games", "planner_games"):
        if getattr(args, flag, 0) < 0:
            print(f"sixparty: error: --{flag.replace('_', '-')} must be 0 or more", file=sys.stderr)
            return 2
    if args.games is not None and args.games < 1:
        print("sixparty: error: --games must be at least 1", file=sys.stderr)
        return 2
    rules, where, problems = check(args.path)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1
    if args.probes:
        return probes(rules, args)
    if args.games is None:
        args.games = 20
    bots = [b.strip() for b in args.bots.split(",") if b.strip()] or default_bots()
    stopped = False
    with _Progress(args.games, f"playing {args.games} games of {rules.name}") as progress:
        report = run_balance(
            rules,
            args.games,
            bots,
            seed=args.seed,
            on_game=progress.game,
            stop_on_interrupt=True,
        )
        stopped = report.interrupted
        findings = judge(rules, report) if report.games else []
        turns: list[Any] = []
        if not stopped and report.games:
            try:
                findings += probe_policies(
                    rules, report, args.probe_games, args.seed, progress=progress.step
                )
                turns = search_knobs(
                    rules,
                    where,
                    findings,
                    bots,
                    games=args.knob_games,
                    budget=args.knobs,
                    seed=args.seed,
                    progress=progress.step,
                )
            except KeyboardInterrupt:
                stopped = True
    missed = [f for f in findings if not f.ok]
    if args.json:
        from game.verdict import verdict_json

        data = report_json(report)
        data["interrupted"] = stopped
        data["verdict"] = verdict_json(findings)
        data["one_knob"] = [
            {"path": t.knob.path, "where": t.knob.where, "from": t.knob.value, "to": t.value}
            | {"fixed": t.fixed, "broken": t.broken}
            for t in turns
        ]
        print(json.dumps(data, indent=2, sort_keys=True))
        return 1 if args.strict and missed else 0
    console = Console()
    if stopped:
        console.print(
            f"Stopped early (Ctrl-C): the figures below cover {report.games} of {args.games} games."
        )
    if not report.games:
        return 130
    print_report(report, console)
    print_verdict(findings, console, turns)
    return 1 if args.strict and missed else 0


def _first_game(progress: _Progress, text: str) -> None:
    """Show a probe's progress when it starts (not every game)."""
    if "game 1/" in text:
        progress.step(text)


def probes(rules: Any, args: argparse.Namespace) -> int:
    """``balance --probes``: play the probes and print their tables and verdict."""
    from rich.console import Console
    from rich.table import Table

    from game.balance_probes import ProbeConfig, markdown, run_probes, tables, verdict

    n = args.games if args.games is not None else 60
    cfg = ProbeConfig.from_counts(n, args.planner_games, args.seed)
    with _Progress(0, f"probing {rules.name}") as progress:
        try:
            rep = run_probes(rules, cfg, on_step=lambda t: _first_game(progress, t))
        except KeyboardInterrupt:
            print("Stopped (Ctrl-C): the probes print nothing partial.", file=sys.stderr)
            return 130
    checks = verdict(rules, rep)
    missed = [c for c in checks if not c.ok]
    if args.json:
        import dataclasses

        data = {
            "scenario": rep.scenario,
            "config": dataclasses.asdict(cfg),
            "tables": [{"title": t, "headers": h, "rows": r} for t, h, r in tables(rep)],
            "verdict": [dataclasses.asdict(c) for c in checks],
        }
        print(json.dumps(data, indent=2))
        return 1 if args.strict and missed else 0
    if args.markdown:
        print(markdown(rep, checks), end="")
        return 1 if args.strict and missed else 0
    console = Console()
    for title, headers, rows in tables(rep):
        table = Table(title=title, title_justify="left")
        for h in headers:
            table.add_column(h)
        for r in rows:
            table.add_row(*r)
        console.print(table)
    console.print("[bold]Verdict against the measured targets[/bold]")
    for c in checks:
        console.print(f"  {c.mark:<6} {c.name}: {c.measured} (target {c.target})", markup=False)
    console.print(f"{len(missed)} target(s) missed.")
    return 1 if args.strict and missed else 0


def print_verdict(findings: list[Any], console: Any, turns: Sequence[Any] = ()) -> None:
    """The verdict, one line per figure judged, and, for each target missed, the knobs
    that move it (and the one knob that brings the most missed figures inside at once)."""
    console.print("[bold]Verdict against the balance targets[/bold]")
    for f in findings:
        value = "-" if f.value is None else _fmt(f)
        mark = "ok    " if f.ok else "MISSED"
        console.print(
            f"  {mark} {f.check} {f.subject}: {f.figure} {value} (target {f.target})",
            highlight=False,
            soft_wrap=True,
        )
    missed = [f for f in findings if not f.ok]
    if not missed:
        console.print("Every target is met.")
        return
    console.print(f"{len(missed)} target(s) missed.")
    for f in missed:
        if f.measure is None:
            continue
        if f.knobs:
            console.print(
                f"Where to turn for {f.check} {f.subject} ({f.measured or f.figure}):",
                highlight=False,
                soft_wrap=True,
            )
            for trial in f.knobs:
                console.print(f"  - {trial}", highlight=False, soft_wrap=True)
        elif f.tried:
            console.print(
                f"Where to turn for {f.check} {f.subject}: none of the {f.tried} knobs tried "
                "(at half and double) moved it towards its target",
                highlight=False,
                soft_wrap=True,
            )
            if f.unfed:
                console.print(
                    f"  {_reads_what(f)} {', '.join(sorted(f.unfed))}, which no number of the file "
                    "sets or compares against: the fix is in the structure, not a number",
                    highlight=False,
                    soft_wrap=True,
                )
    for turn in turns:
        console.print(f"One knob for the most at once: {turn}", highlight=False, soft_wrap=True)


def _reads_what(f: Any) -> str:
    """``it reads`` or, for a deadline, ``its condition (deal.checks and deal.open) reads``."""
    return f"its condition ({f.condition}) reads" if f.condition else "it reads"


def _fmt(f: Any) -> str:
    if "share" in f.figure:
        return f"{100 * f.value:.0f}%"
    return f"{f.value:.1f}"


def report_json(report: Any) -> dict[str, Any]:
    """A balance report as JSON-able data."""
    return {
        "scenario": report.scenario,
        "games": report.games,
        "bots": report.bots,
        "scores": {a: vars(report.spread(a)) for a in report.actors},
        "par": {
            a: {
                "par": report.par[a],
                "mean_on_par_scale": report.par_scale_mean(a),
                "beat_history": report.beat_history(a),
            }
            for a in report.actors
            if a in report.par
        },
        "war_rate": report.war_rate,
        "deadlines": {d: dict(c) for d, c in report.deadlines.items()},
        "unused_levers": {
            bot: [
                {
                    "actor": u.actor,
                    "lever": u.lever,
                    "never_moved": u.never_moved,
                    "never_chosen": u.never_chosen,
                }
                for u in report.unused(bot)
            ]
            for bot in report.bots
        },
        "faults": dict(report.faults),
    }


def print_report(report: Any, console: Any) -> None:
    """Print a balance report as rich tables."""
    from rich.table import Table

    multi = len(report.bots) > 1
    t = Table(title=f"Scores over {report.games} games ({', '.join(report.bots)})")
    t.add_column("actor")
    for col in ("mean", "sd", "min", "max"):
        t.add_column(col, justify="right")
    if multi:
        for bot in report.bots:
            t.add_column(f"mean as {bot}", justify="right")
    if report.par:
        for col in ("par", "on par scale", "beat history"):
            t.add_column(col, justify="right")
    for a in report.actors:
        s = report.spread(a)
        row = [a, f"{s.mean:.1f}", f"{s.sd:.1f}", f"{s.min:.1f}", f"{s.max:.1f}"]
        if multi:
            for bot in report.bots:
                b = report.spread(a, bot)
                row.append(f"{b.mean:.1f}" if b.n else "-")
        if report.par:
            scaled = report.par_scale_mean(a)
            row += (
                [
                    f"{report.par[a]:.1f}",
                    f"{scaled:.1f}",
                    f"{100 * report.beat_history(a):.0f}% of games",
                ]
                if scaled is not None
                else ["-", "-", "-"]
            )
        t.add_row(*row)
    console.print(t)
    months = ""
    if report.war_months:
        months = f" (in months {', '.join(str(m) for m in sorted(set(report.war_months)))})"
    console.print(
        f"War: {report.wars} of {report.games} games ({100 * report.war_rate:.0f}%){months}"
    )
    if report.deadlines:
        d = Table(title="Deadlines")
        d.add_column("deadline")
        for col in ("met", "missed", "not reached"):
            d.add_column(col, justify="right")
        for d_id, counts in report.deadlines.items():
            d.add_row(
                f"{report.deadline_names[d_id]} ({d_id})",
                *(
                    f"{100 * counts[k] / report.games:.0f}%"
                    for k in ("met", "missed", "not reached")
                ),
            )
        console.print(d)
    focus = ["planner"] if "planner" in report.bots else report.bots
    for bot in focus:
        unused = report.unused(bot)
        u = Table(title=f"Levers the {bot} bot never uses")
        u.add_column("actor")
        u.add_column("lever")
        u.add_column("never chosen")
        for use in unused:
            label = "never moved from default" if use.never_moved else ", ".join(use.never_chosen)
            u.add_row(use.actor, use.lever, label)
        if unused:
            console.print(u)
        else:
            console.print(f"The {bot} bot chose every option of every lever at least once.")
    if report.faults:
        console.print(
            "Bot faults: " + ", ".join(f"{k} x{n}" for k, n in sorted(report.faults.items()))
        )


# ---- par --------------------------------------------------------------------------------
def par_bots(rules: Any) -> list[str]:
    """The historical bot where the scenario says what every actor did, else the
    built-in bots (as ``scenario balance`` plays them)."""
    from game.balance import default_bots

    if rules.historical and all(rules.historical.get(a) for a in rules.actor_ids):
        return ["historical"]
    return default_bots()


def par(args: argparse.Namespace) -> int:
    """Measure each role's par; print it, and with --write store it as scoring.par."""
    from game.balance import run_balance
    from game.scenario.loader import find_scenario

    if args.games < 1:
        print("sixparty: error: --games must be 1 or more", file=sys.stderr)
        return 2
    rules, _where, problems = check(args.path)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1
    bots = par_bots(rules)
    report = run_balance(rules, args.games, bots, seed=args.seed)
    measured = {a: round(report.spread(a).mean, 1) for a in rules.actor_ids}
    print(f"Par of {rules.name} over {args.games} games ({', '.join(bots)}):")
    for a in rules.actor_ids:
        s = report.spread(a)
        old = rules.par.get(a)
        was = f"   (file: {old:g})" if old is not None else ""
        print(f"  {rules.actors[a].name:<20} {measured[a]:6.1f}  sd {s.sd:5.1f}{was}")
    if not args.write:
        print("Write it into the file with --write.")
        return 0
    path = Path(args.path) if Path(args.path).suffix in (".yaml", ".yml") else None
    if path is None:
        path = find_scenario(args.path)
    try:
        path.write_text(with_par(path.read_text(encoding="utf-8"), measured), encoding="utf-8")
    except ValueError as exc:
        print(f"sixparty: error: {path}: {exc}", file=sys.stderr)
        return 1
    _rules, _w, problems = check(str(path))
    if problems:  # cannot happen for a file that loaded; say so if it does
        print(f"sixparty: error: {path} no longer loads: {problems[0]}", file=sys.stderr)
        return 1
    print(f"Wrote scoring.par into {path}.")
    return 0


def with_par(text: str, par: dict[str, float]) -> str:
    r"""The scenario text with ``scoring.par`` set to ``par`` (one flow-mapping line under
    the top-level ``scoring:`` block, replacing any par there; the rest of the file, its
    comments included, unchanged).

    >>> print(with_par("id: x\nscoring:\n  war_cap: 10\n", {"a": 40.0}), end="")
    id: x
    scoring:
      par: {a: 40.0}
      war_cap: 10
    >>> print(with_par("id: x\n", {"a": 40.0}), end="")
    id: x
    scoring:
      par: {a: 40.0}
    """
    line = "  par: {" + ", ".join(f"{a}: {v}" for a, v in par.items()) + "}"
    lines = text.splitlines()
    top = [i for i, x in enumerate(lines) if re.match(r"^scoring\s*:", x)]
    if not top:
        body = text if text.endswith("\n") or not text else text + "\n"
        return body + "scoring:\n" + line + "\n"
    i = top[0]
    rest = lines[i].split(":", 1)[1].strip()
    if rest and not rest.startswith("#"):
        raise ValueError("'scoring' is written on one line: write its par by hand")
    end = i + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][:1] in (" ", "#")):
        end += 1
    block = lines[i + 1 : end]
    old = [j for j, x in enumerate(block) if re.match(r"^\s+par\s*:", x)]
    if old:
        j = old[0]
        k = j + 1  # a par written as a block: drop its deeper lines too
        indent = len(block[j]) - len(block[j].lstrip())
        while (
            k < len(block) and block[k].strip() and len(block[k]) - len(block[k].lstrip()) > indent
        ):
            k += 1
        block[j:k] = [line]
    else:
        block.insert(0, line)
    out = [*lines[: i + 1], *block, *lines[end:]]
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


# ---- schema -----------------------------------------------------------------------------
def schema_text() -> str:
    """The JSON Schema of scenario files, as committed in docs/scenario.schema.json."""
    from game.scenario.model import Scenario

    doc = Scenario.model_json_schema(by_alias=True)
    doc["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    doc["title"] = "Six-Party scenario"
    return json.dumps(doc, indent=2, sort_keys=True) + "\n"


def variant_schema_text() -> str:
    """The relaxed schema for variants (``extends``), in docs/scenario-variant.schema.json.

    Nothing is required (the parent supplies it) and any item with an ``id`` may say
    ``remove: true``; unknown keys are still flagged.
    """
    doc = json.loads(schema_text())

    def relax(node: Any) -> None:
        if isinstance(node, dict):
            node.pop("required", None)
            props = node.get("properties")
            if isinstance(props, dict) and "id" in props:
                props["remove"] = {
                    "type": "boolean",
                    "description": "Delete the parent's item with this id.",
                }
            if isinstance(node.get("minItems"), int):
                node.pop("minItems")
            for value in node.values():
                relax(value)
        elif isinstance(node, list):
            for value in node:
                relax(value)

    variant = copy.deepcopy(doc)
    relax(variant)
    variant["title"] = "Six-Party scenario variant (extends another)"
    variant["required"] = ["extends"]
    return json.dumps(variant, indent=2, sort_keys=True) + "\n"


def schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema."""
    print(variant_schema_text() if args.variant else schema_text(), end="")
    return 0
