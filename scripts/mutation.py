"""Mutation testing with mutmut: print the mutation score per area of the code.

Usage::

    python scripts/mutation.py                 # every area, every mutant
    python scripts/mutation.py rules           # one area (rules, tournament, server)
    python scripts/mutation.py rules --sample 300 --seed 1
    python scripts/mutation.py tournament --survivors   # also list surviving mutants

Each area names the code it mutates and the tests that must kill the mutants (a test
selection small enough for two cores). The run happens in a scratch copy of the
repository (``--workdir``, default a folder under the system's temporary directory), so
the working tree is never touched; keep the same ``--workdir`` to resume a run, since
mutmut remembers every verdict it has reached.

``--sample N`` checks N mutants drawn with a fixed seed instead of all of them (say so
when you quote the figure). Mutants no test reaches count as survivors. The score is
killed / (killed + survived + timeout-free others), with timeouts counted as killed (a
mutant that makes the tests hang is caught), as mutmut itself does.

This is a developer's tool, CPU heavy, and not part of CI; docs/testing.md gives the
figures and the survivors judged equivalent.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Area:
    """One part of the code: the files mutmut mutates and the tests that judge them."""

    name: str
    mutate: tuple[str, ...]
    tests: tuple[str, ...]
    target: float


AREAS: dict[str, Area] = {
    "rules": Area(
        "rules",
        ("game/engine/*", "game/scenario/expr.py"),
        (
            "tests/engine",
            "tests/scenario/test_expr.py",
            "tests/scenario/test_expr_paths.py",
            # Tests that read the engine's source or its modules' functions (mutmut's
            # copy adds trampolines to both, so they fail for any mutant): not judges.
            "--ignore=tests/engine/test_imports.py",
            "--ignore=tests/engine/test_purity.py",
            # Whole random Korea games (a minute or more each under mutmut, for every
            # surviving mutant): left to CI; the small exact scenarios judge the rules.
            "-k",
            "not test_scores_are_always_between_0_and_100"
            " and not test_bounds_hold_and_replay_is_deterministic_korea"
            " and not test_a_key_whose_stamp_did_not_move_has_not_changed"
            " and not test_every_handler_in_the_engine_is_registered_once",
        ),
        0.85,
    ),
    "tournament": Area(
        "tournament",
        ("game/tournament/stats.py", "game/tournament/run.py", "game/tournament/schedule.py"),
        ("tests/tournament", "-k", "not dask"),
        0.85,
    ),
    "server": Area(
        "server",
        ("server/room.py", "server/store.py"),
        (
            "tests/server/test_persistence.py",
            "tests/server/test_turns.py",
            "tests/server/test_game.py",
            "tests/server/test_bot_turns.py",
            "tests/server/test_store.py",
            "tests/server/test_refused_inputs.py",
            "tests/server/test_facilitation.py",
            "tests/server/test_roles.py",
            "tests/server/test_views.py",
            "tests/privacy/test_wire.py",
            "tests/privacy/test_property.py::"
            "test_nothing_private_to_others_changes_what_a_seat_is_numbered",
            "tests/report/test_cli.py",
        ),
        0.75,
    ),
}

# mutmut's exit codes, grouped (see mutmut.stats.status_by_exit_code).
KILLED_BY_TEST = {1, 3, 37}
TIMEOUT = {36, 24, -24, 152, 255}
KILLED = KILLED_BY_TEST | TIMEOUT
SURVIVED = {0}
NO_TESTS = {5, 33}
NOT_RUN = {None, 2, 34}


def _copy_repository(dest: Path) -> None:
    """Copy the tracked and new (unignored) files of the repository into ``dest``."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.decode()
    for rel in filter(None, listed.split("\0")):
        src = ROOT / rel
        if not src.is_file():
            continue
        target = dest / rel
        if target.exists() and target.read_bytes() == src.read_bytes():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target)


def _configure(dest: Path, area: Area) -> None:
    """Write the area's ``[tool.mutmut]`` section into the copy's pyproject.toml."""
    pyproject = dest / "pyproject.toml"
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    start = text.find("[tool.mutmut]")
    if start >= 0:
        end = text.find("\n[", start + 1)
        text = text[:start] + (text[end + 1 :] if end >= 0 else "")

    def toml_list(items: tuple[str, ...] | list[str]) -> str:
        return "[" + ", ".join(json.dumps(i) for i in items) + "]"

    section = "\n".join(
        [
            "[tool.mutmut]",
            'source_paths = ["game", "server"]',
            f"only_mutate = {toml_list(area.mutate)}",
            f"pytest_add_cli_args_test_selection = {toml_list(area.tests)}",
            'pytest_add_cli_args = ["-p", "no:cacheprovider", "-x", "-q"]',
            'also_copy = ["scenarios", "assets", "docs", "README.md", "bench", "scripts"]',
            "use_git_change_detection = false",
            "timeout_multiplier = 20.0",
            "",
        ]
    )
    pyproject.write_text(text.rstrip() + "\n\n" + section, encoding="utf-8")


def _verdicts(dest: Path) -> dict[str, int | None]:
    """Every mutant mutmut generated in ``dest``, with its exit code (None: not run)."""
    out: dict[str, int | None] = {}
    for meta in sorted((dest / "mutants").rglob("*.py.meta")):
        data = json.loads(meta.read_text(encoding="utf-8"))
        out.update(data.get("exit_code_by_key", {}))
    return out


def _mutmut(dest: Path, args: list[str]) -> int:
    """Run mutmut in ``dest``, its progress output going to ``dest/mutmut.log``."""
    env = dict(os.environ)
    env.setdefault("SDL_VIDEODRIVER", "dummy")
    env.setdefault("SDL_AUDIODRIVER", "dummy")
    env.setdefault("MPLBACKEND", "Agg")
    exe = Path(sys.executable).with_name("mutmut")
    cmd = [str(exe) if exe.exists() else "mutmut", *args]
    with open(dest / "mutmut.log", "a", encoding="utf-8") as log:
        return subprocess.run(
            cmd, cwd=dest, env=env, check=False, stdout=log, stderr=subprocess.STDOUT
        ).returncode


def wilson_interval(hits: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of a proportion ``hits / n`` (a sampled score's
    margin of error: the whole area's score lies in it 95 times out of 100).

    >>> low, high = wilson_interval(170, 200)
    >>> round(low, 3), round(high, 3)
    (0.794, 0.893)
    """
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def run_area(area: Area, workdir: Path, sample: int | None, seed: int, survivors: bool) -> float:
    """Run mutmut on one area and print its score; returns the score (0..1)."""
    dest = workdir / area.name
    dest.mkdir(parents=True, exist_ok=True)
    _copy_repository(dest)
    _configure(dest, area)
    # Generate the mutants (again for files changed since the last run, whose mutants
    # then start afresh) and collect which tests reach which function, running none of
    # them yet (the pattern matches no mutant); only then draw the sample.
    _mutmut(dest, ["run", "--max-children", "2", "no-such-mutant-*"])
    verdicts = _verdicts(dest)
    chosen = sorted(verdicts)
    if sample is not None and sample < len(chosen):
        chosen = sorted(random.Random(seed).sample(chosen, sample))
    # Not yet run, not killed last time (the tests may have grown since), or timed out
    # (on a loaded machine a slow run is not a kill): run them again.
    todo = [name for name in chosen if verdicts[name] not in KILLED_BY_TEST]
    for i in range(0, len(todo), 200):
        _mutmut(dest, ["run", "--max-children", "2", *todo[i : i + 200]])
    verdicts = _verdicts(dest)
    picked = {name: verdicts[name] for name in chosen}
    killed = sum(1 for code in picked.values() if code in KILLED_BY_TEST)
    timeouts = sum(1 for code in picked.values() if code in TIMEOUT)
    not_run = sum(1 for code in picked.values() if code in NOT_RUN)
    judged = len(picked) - not_run
    alive = sorted(name for name, code in picked.items() if code not in KILLED | NOT_RUN)
    # A timeout counts as killed (a mutant that hangs the tests is caught), as in mutmut.
    score = (killed + timeouts) / judged if judged else 0.0
    scope = f"sample of {len(chosen)} of {len(verdicts)}" if sample else f"all {len(verdicts)}"
    status = "meets" if score >= area.target else "BELOW"
    margin = ""
    if sample and judged and judged < len(verdicts):
        low, high = wilson_interval(killed + timeouts, judged)
        margin = f"; 95% interval {low:.1%}..{high:.1%}"
    print(
        f"{area.name:<11} {score:6.1%} killed  ({killed} by a failing test + {timeouts} timed"
        f" out, of {judged} judged; {scope} mutants; {not_run} not run{margin})"
        f"  target {area.target:.0%}: {status}",
        flush=True,
    )
    if survivors:
        for name in sorted(n for n, code in picked.items() if code in TIMEOUT):
            print(f"    timed out: {name}")
    if survivors:
        for name in alive:
            print(f"    survived: {name}  (exit {picked[name]})")
    return score


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, run the chosen areas, print one score line each."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("areas", nargs="*", help=f"areas, among {', '.join(AREAS)} (default: all)")
    parser.add_argument("--sample", type=int, help="check this many mutants per area")
    parser.add_argument("--seed", type=int, default=1, help="seed of the sample (default 1)")
    parser.add_argument(
        "--workdir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "sixparty-mutation",
        help="scratch folder for the copies (kept, to resume)",
    )
    parser.add_argument("--survivors", action="store_true", help="list the surviving mutants")
    args = parser.parse_args(argv)
    if shutil.which("mutmut") is None and not Path(sys.executable).with_name("mutmut").exists():
        print("mutmut is not installed: pip install 'mutmut>=3.3'", file=sys.stderr)
        return 2
    names = args.areas or list(AREAS)
    unknown = [n for n in names if n not in AREAS]
    if unknown:
        parser.error(f"unknown area {unknown[0]!r}; areas: {', '.join(AREAS)}")
    for name in names:
        run_area(AREAS[name], args.workdir, args.sample, args.seed, args.survivors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
