"""Error types shared by the whole project.

Every error a user can cause subclasses :class:`SixPartyError`, itself a
:class:`ValueError`, and says what was wrong and where.
"""

from __future__ import annotations


class SixPartyError(ValueError):
    """Base class of every error a user of Six-Party can cause."""


class ScenarioError(SixPartyError):
    """A scenario file is malformed; ``problems`` lists every problem found.

    Each problem is a line like ``korea.yaml:12:5: actors.0.levers: unknown lever 'stanse'
    (did you mean 'stance'?)``.
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems) if self.problems else "invalid scenario")


class IllegalAction(SixPartyError):
    """An action was refused by the rules; the message says why.

    ``code`` is a short machine-readable reason (``wrong_phase``, ``not_your_lever``,
    ``unknown_option``, ``proposal_closed``, ...), ``field`` names the offending field.
    """

    def __init__(self, message: str, code: str = "illegal", field: str | None = None) -> None:
        self.code = code
        self.field = field
        super().__init__(message)
