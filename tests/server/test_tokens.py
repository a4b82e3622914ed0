"""Tokens a person can type: ``sixparty join URL --facilitator TOKEN`` reads a token that
starts with '-' as an option and stops with a usage error, so no token starts with one."""

from __future__ import annotations

import secrets

import pytest

from server.auth import new_token


def test_a_token_never_starts_with_a_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    drawn = iter(["-CjNDrwIIHs9FrTkjt9I-MDJxCXFqHq-", "CjNDrwIIHs9FrTkjt9I-MDJxCXFqHq-"])
    monkeypatch.setattr(secrets, "token_urlsafe", lambda n: next(drawn))
    assert new_token() == "CjNDrwIIHs9FrTkjt9I-MDJxCXFqHq-"


def test_tokens_are_long_and_url_safe() -> None:
    tokens = {new_token() for _ in range(2000)}
    assert len(tokens) == 2000
    for t in tokens:
        assert len(t) == 32 and not t.startswith("-")
        assert set(t) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
