"""Keeping the cyclic garbage collector's long pauses off a busy server.

CPython's full (generation 2) collection walks every container the process holds. A
server with a hundred rooms in play holds a few hundred thousand (game records, encoded
views, connections), and each full pass then stops the event loop for 100-500 ms on a
small machine (measured with ``bench/server.py``): that, not the work of playing, is
what set the slowest 1% of action round trips.

:class:`QuietCollector` changes when that walk happens, not whether:

* every ``interval`` seconds it moves everything alive into the permanent generation
  (:func:`gc.freeze`), so the automatic passes only ever look at what was made since,
  and stay short;
* once the server has had no message for ``quiet`` seconds (a classroom between
  phases, a load between games) it thaws everything and runs one full collection, so
  cyclic garbage (closed connections, finished tasks) is still reclaimed (an idle
  server is not collected again until something happens);
* if it never gets quiet, the full collection runs anyway after ``longest`` seconds.

Objects without reference cycles are freed the moment their last reference goes, frozen
or not; only cyclic garbage waits for the next full pass. The policy is process-wide
(the collector is): servers in one process share it, and it ends with the last of them.
"""

from __future__ import annotations

import asyncio
import gc
import time


class QuietCollector:
    """Freezes survivors often and collects fully when the server is quiet."""

    def __init__(self, interval: float = 1.0, quiet: float = 1.0, longest: float = 600.0) -> None:
        self.interval = interval
        self.quiet = quiet
        self.longest = longest
        self.last_activity = time.monotonic()
        self.last_full = self.last_activity
        self.full_passes = 0
        self.freezes = 0
        self._handle: asyncio.TimerHandle | None = None
        self._users = 0

    def note_activity(self) -> None:
        """Record that the server is busy now (called for every message it receives)."""
        self.last_activity = time.monotonic()

    def acquire(self) -> None:
        """Start the policy on the running loop (or count one more server using it)."""
        self._users += 1
        if self._users == 1:
            gc.freeze()
            self.last_full = time.monotonic()
            self._schedule()

    def release(self) -> None:
        """One server stopped; the last one ends the policy and thaws everything."""
        self._users = max(0, self._users - 1)
        if self._users == 0:
            if self._handle is not None:
                self._handle.cancel()
                self._handle = None
            gc.unfreeze()

    def _schedule(self) -> None:
        self._handle = asyncio.get_running_loop().call_later(self.interval, self.tick)

    def tick(self) -> None:
        """One step of the policy: a full collection when quiet (or overdue), otherwise
        a freeze of what survived since the last step."""
        now = time.monotonic()
        quiet = now - self.last_activity >= self.quiet
        if (quiet and self.last_activity > self.last_full) or now - self.last_full >= self.longest:
            gc.unfreeze()
            gc.collect()
            gc.freeze()
            self.last_full = time.monotonic()
            self.full_passes += 1
        else:
            gc.freeze()
            self.freezes += 1
        if self._users:
            self._schedule()


COLLECTOR = QuietCollector()
"""The process's one policy (the garbage collector is per process)."""
