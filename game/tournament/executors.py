"""Executors: where tournament games run. Pluggable; each takes game specs and calls
``on_result`` with each game's record as it finishes (in completion order).

* :class:`LocalExecutor` (default): ``jobs`` worker processes. A game that runs past
  its timeout has its worker killed and replaced (status ``timeout``); a worker that dies
  (segfault, ``os._exit``, out of memory) is replaced and its game recorded as
  ``crashed``. Other games are unaffected.
* :class:`DaskExecutor`: the same games on a ``dask.distributed`` cluster
  (``--dask SCHEDULER_ADDRESS``; install the ``sixparty[cluster]`` extra). Timeouts are
  enforced inside the game, after each month.
* :class:`InlineExecutor`: in this process, one after another (debugging).
"""

from __future__ import annotations

import multiprocessing as mp
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable
from multiprocessing.connection import Connection, wait
from typing import Any, Protocol

from game.errors import SixPartyError
from game.tournament.play import failed_record, play_spec

OnResult = Callable[[dict[str, Any]], None]


class Executor(Protocol):
    """Runs game specs and reports each record through ``on_result``."""

    def run(self, specs: Iterable[dict[str, Any]], on_result: OnResult) -> None:
        """Play every spec; call ``on_result(record)`` once per spec."""
        ...


class InlineExecutor:
    """Plays games one after another in this process (no isolation; for debugging)."""

    def run(self, specs: Iterable[dict[str, Any]], on_result: OnResult) -> None:
        """Play each spec in turn."""
        for spec in specs:
            on_result(play_spec(spec))


def _worker_main(conn: Connection) -> None:
    """A worker process: receive specs, send back records, until told to stop (None)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            spec = conn.recv()
        except EOFError:
            return
        if spec is None:
            return
        conn.send(play_spec(spec))


class _Worker:
    def __init__(self, ctx: Any) -> None:
        parent, child = ctx.Pipe()
        self.conn: Connection = parent
        self.process = ctx.Process(target=_worker_main, args=(child,), daemon=True)
        self.process.start()
        child.close()
        self.spec: dict[str, Any] | None = None
        self.started = 0.0

    def give(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self.started = time.perf_counter()
        self.conn.send(spec)

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, BrokenPipeError):
            pass
        self.process.join(2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(2)
        self.conn.close()


class LocalExecutor:
    """A pool of ``jobs`` worker processes with per-game timeout and crash isolation.

    ``timeout``: seconds a game may take; the game is first asked to stop after a month
    (status ``timeout``), and its worker is killed at ``1.5 * timeout + 1`` seconds.
    """

    def __init__(self, jobs: int = 1, timeout: float | None = None) -> None:
        if jobs < 1:
            raise SixPartyError("--jobs must be at least 1")
        self.jobs = jobs
        self.timeout = timeout
        methods = mp.get_all_start_methods()
        self._ctx = mp.get_context("fork" if "fork" in methods else "spawn")

    def run(self, specs: Iterable[dict[str, Any]], on_result: OnResult) -> None:
        """Play every spec across the workers."""
        queue = deque(specs)
        if not queue:
            return
        hard = None if self.timeout is None else 1.5 * self.timeout + 1.0
        workers = [_Worker(self._ctx) for _ in range(min(self.jobs, len(queue)))]
        try:
            for w in workers:
                w.give(queue.popleft())
            while any(w.spec is not None for w in workers):
                busy = [w for w in workers if w.spec is not None]
                wait_for = None
                if hard is not None:
                    now = time.perf_counter()
                    wait_for = max(0.0, min(w.started + hard - now for w in busy))
                ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], wait_for)
                now = time.perf_counter()
                for i, w in enumerate(list(workers)):
                    if w.spec is None:
                        continue
                    spec = w.spec
                    record: dict[str, Any] | None = None
                    replace = False
                    if w.conn in ready or w.process.sentinel in ready:
                        try:
                            if w.conn.poll():
                                record = w.conn.recv()
                            else:
                                raise EOFError
                        except (EOFError, OSError):
                            code = w.process.exitcode
                            record = failed_record(
                                spec,
                                "crashed",
                                f"worker process died (exit code {code})",
                                now - w.started,
                            )
                            replace = True
                    elif hard is not None and now - w.started > hard:
                        record = failed_record(
                            spec,
                            "timeout",
                            f"game ran past its {self.timeout}s limit; worker killed",
                            now - w.started,
                        )
                        replace = True
                    if record is None:
                        continue
                    w.spec = None
                    if replace:
                        w.kill()
                        w = workers[i] = _Worker(self._ctx)
                    on_result(record)
                    if queue:
                        w.give(queue.popleft())
        finally:
            for w in workers:
                if w.spec is not None:
                    w.kill()
                else:
                    w.stop()


class DaskExecutor:
    """Runs games on a ``dask.distributed`` cluster: a scheduler address or a ``Client``."""

    def __init__(self, address: Any, timeout: float | None = None) -> None:
        try:
            from dask.distributed import Client
        except ImportError:  # pragma: no cover - depends on the optional extra
            raise SixPartyError(
                "--dask needs dask.distributed: pip install 'sixparty[cluster]'"
            ) from None
        self.timeout = timeout
        self._own = not isinstance(address, Client)
        try:
            self.client = Client(address, timeout=10) if self._own else address  # type: ignore[no-untyped-call]
        except OSError as exc:
            raise SixPartyError(f"--dask: cannot reach scheduler {address}: {exc}") from None

    def run(self, specs: Iterable[dict[str, Any]], on_result: OnResult) -> None:
        """Submit every spec; report records as they complete."""
        from dask.distributed import as_completed

        specs = list(specs)
        if not specs:
            return
        futures = self.client.map(play_spec, specs, pure=False)
        index = {f.key: s for f, s in zip(futures, specs, strict=True)}
        for fut in as_completed(futures):  # type: ignore[no-untyped-call]
            spec = index[fut.key]
            try:
                record = fut.result()
            except Exception as exc:  # worker lost, etc.
                record = failed_record(spec, "crashed", f"{type(exc).__name__}: {exc}", 0.0)
            on_result(record)

    def close(self) -> None:
        """Close the client if this executor opened it."""
        if self._own:
            self.client.close()
