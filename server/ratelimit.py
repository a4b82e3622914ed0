"""A token bucket: ``rate`` messages a second on average, bursts up to ``burst``."""

from __future__ import annotations

import time


class TokenBucket:
    """Per-connection flood control.

    >>> bucket = TokenBucket(rate=1.0, burst=2)
    >>> bucket.allow(), bucket.allow(), bucket.allow()
    (True, True, False)
    """

    def __init__(self, rate: float, burst: float) -> None:
        self.rate = float(rate)
        self.burst = float(burst)
        self.tokens = float(burst)
        self.stamp = time.monotonic()

    def allow(self) -> bool:
        """Take one token if there is one; ``False`` means the client is flooding."""
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        return False
