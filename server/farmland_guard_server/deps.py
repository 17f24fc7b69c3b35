"""Who is calling: a bearer access token or HTTP basic credentials, checked against the
database in a short transaction of its own; the caller's transaction is then opened under
their region scope (``scope``)."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from farmland_guard.core.language import say

from .auth import scope_of, user_of_basic, user_of_token
from .config import Settings
from .context import Context
from .db import transaction
from .errors import Unauthorized
from .scope import Scope

BEARER = HTTPBearer(auto_error=False, description="an access token from /auth/token")


@dataclass(frozen=True)
class Caller:
    id: int
    name: str
    full_name: str | None
    scope: Scope
    settings: Settings

    @contextmanager
    def transaction(self, write: bool = False):
        with transaction(self.settings.db_url, self.scope, write) as session:
            yield Context(session, self.scope, self.settings)


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


def caller(request: Request, bearer: HTTPAuthorizationCredentials | None = Depends(BEARER),
           settings: Settings = Depends(settings_of)) -> Caller:
    header = request.headers.get("authorization", "")
    with transaction(settings.db_url, None) as session:
        if bearer is not None:
            user = user_of_token(session, bearer.credentials, settings.secret)
        elif header[:6].lower() == "basic ":
            user = user_of_basic(session, header[6:].strip())
        else:
            raise Unauthorized(say("sign in first: a bearer token or basic credentials",
                                   "请先登录：需要 Bearer 令牌或基本认证凭据"), "credentials")
        return Caller(user.id, user.name, user.full_name, scope_of(user), settings)
