"""``/auth``: sign in with a form body, refresh (the old refresh token is spent), sign out."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Response
from pydantic import BaseModel

from .auth import access_token, authenticate, issue_refresh, revoke_refresh, use_refresh
from .config import Settings
from .db import transaction
from .deps import settings_of
from .errors import problems

router = APIRouter(prefix="/auth", tags=["auth"])


class Tokens(BaseModel):
    access_token: str
    refresh_token: str
    token_type: str = "bearer"
    expires_in: int


def _tokens(session, user, settings: Settings) -> Tokens:
    return Tokens(access_token=access_token(user, settings.secret, settings.access_ttl),
                  refresh_token=issue_refresh(session, user, settings.refresh_ttl),
                  expires_in=settings.access_ttl)


@router.post("/token", response_model=Tokens, responses=problems(401, 413, 422))
def token(username: str = Form(max_length=100), password: str = Form(max_length=200),
          settings: Settings = Depends(settings_of)) -> Tokens:
    with transaction(settings.db_url, None, write=True) as session:
        return _tokens(session, authenticate(session, username, password), settings)


@router.post("/refresh", response_model=Tokens, responses=problems(401, 413, 422))
def refresh(refresh_token: str = Form(max_length=200),
            settings: Settings = Depends(settings_of)) -> Tokens:
    with transaction(settings.db_url, None, write=True) as session:
        return _tokens(session, use_refresh(session, refresh_token), settings)


@router.post("/logout", status_code=204, response_class=Response,
             responses=problems(413, 422))
def logout(refresh_token: str = Form(max_length=200),
           settings: Settings = Depends(settings_of)) -> Response:
    with transaction(settings.db_url, None, write=True) as session:
        revoke_refresh(session, refresh_token)
    return Response(status_code=204)
