"""What can go wrong talking to the server, as errors a person can act on (one base in core)."""

from __future__ import annotations

from ..core.errors import FarmlandGuardError
from ..core.language import say


class SyncError(FarmlandGuardError):
    code = "sync"


class Offline(SyncError):
    """The server could not be reached (after the retries); nothing was lost: try again."""

    code = "offline"


class SignInNeeded(SyncError):
    """The server asks for credentials, or refused the ones given."""

    code = "sign_in"


class Refused(SyncError):
    """The server refused the request with an RFC 9457 problem."""

    code = "refused"

    def __init__(self, status: int, problem: dict):
        self.status, self.problem = status, problem
        super().__init__(say("the server refused ({status}): {detail}", "服务器拒绝（{status}）：{detail}",
                             status=status, detail=problem.get("detail") or problem.get("title")),
                         problem.get("rule") or "refused")


class ServerFailed(SyncError):
    """The server failed (5xx) every time it was asked."""

    code = "server_failed"
