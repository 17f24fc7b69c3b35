"""One base for every error a person can act on (DESIGN.md §5): a stable ``code`` — the RFC 9457
problem ``type`` the server answers with —, the rule it broke and the rule's parameters. The
message is kept in both languages and rendered for the reader at the edge (the GUI, the CLI, the
server per request): ``error.message(locale)``, or ``str(error)`` in the language in force."""

from __future__ import annotations

from .language import render

PROBLEM_BASE = "urn:farmland-guard:problem:"


class FarmlandGuardError(Exception):
    code = "error"

    def __init__(self, text, rule: str | None = None, **params):
        self.text = text
        self.rule = rule or self.code
        self.params = params
        super().__init__(text)

    def __str__(self) -> str:
        return self.message()

    def message(self, locale=None) -> str:
        return render(self.text, locale)

    def problem(self, locale=None) -> dict:
        """The error as an RFC 9457 problem object (without its HTTP status)."""
        return {"type": PROBLEM_BASE + self.code, "title": self.code, "detail": self.message(locale),
                "rule": self.rule, "params": {k: render(v, locale) for k, v in self.params.items()}}


class Cancelled(Exception):
    """The user cancelled long work; nothing was written."""


def never() -> bool:
    """A ``cancelled`` callback for work nobody can cancel."""
    return False
