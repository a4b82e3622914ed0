"""Tokens and join codes.

A token is 32 random URL-safe characters (never starting with "-"); the server keeps only
its SHA-256. A join code is six characters from an alphabet without look-alikes (no 0/O,
1/I/L).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Container

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6


def new_token() -> str:
    """A fresh bearer token. Never one that starts with '-': a person types it after
    ``--facilitator`` or ``--token``, where the command line would read it as an option
    (``token_urlsafe`` starts one token in 64 that way)."""
    while True:
        token = secrets.token_urlsafe(24)
        if not token.startswith("-"):
            return token


def token_hash(token: str) -> str:
    """The SHA-256 (hex) under which a token is stored."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def new_code(taken: Container[str]) -> str:
    """A join code not in ``taken``."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code not in taken:
            return code


def normalise_code(code: str) -> str:
    """Join codes are case-insensitive and ignore spaces and dashes."""
    return code.strip().upper().replace("-", "").replace(" ", "")
