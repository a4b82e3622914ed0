"""The ``sixparty`` command line.

Each subcommand lives in its own module in :mod:`game.commands`, which exposes
``register(subparsers)``; the module sets ``func`` on its parser. Errors a user can
cause are printed as one clear message (exit 2), never as a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Callable, Sequence

from game.errors import SixPartyError


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered."""
    import game.commands

    parser = argparse.ArgumentParser(
        prog="sixparty",
        description="Six-Party: a negotiation strategy game about the North Korean nuclear standoff.",
    )
    sub = parser.add_subparsers(
        dest="command",
        metavar="COMMAND",
        help="what to do; sixparty COMMAND --help for its options",
    )
    for info in sorted(pkgutil.iter_modules(game.commands.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"game.commands.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    return run_reporting_errors("sixparty", lambda: func(args))


def run_reporting_errors(prog: str, run: Callable[[], int | None]) -> int:
    """Call ``run`` and return its exit code; an error a user caused is one line on
    stderr (``PROG: error: ...``, exit 2), never a traceback.

    The benchmarks in ``bench/`` run their ``main`` through this too.
    """
    try:
        code = run()
    except SixPartyError as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{prog}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (``sixparty ... | head``): stop quietly, as cat does.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    return int(code or 0)


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def positive_float(text: str) -> float:
    """An argparse type: a finite number above 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not (value > 0 and value != float("inf")):
        raise argparse.ArgumentTypeError(f"must be a number above 0, got {text}")
    return value


if __name__ == "__main__":
    raise SystemExit(main())
