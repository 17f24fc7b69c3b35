"""Accounts: argon2 passwords, short-lived signed access tokens, refresh tokens kept only as
their SHA-256 and revocable. The caller's scope comes from the database on every request, so
a changed role or region applies at once."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import re
import secrets

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from farmland_guard.core.language import say

from .errors import Invalid, Unauthorized
from .models import RefreshToken, Region, User, utcnow
from .scope import Scope

ROLES = ("technician", "reviewer", "admin")
REGION = re.compile(r"^\d{2}(\d{2}(\d{2}(\d{3}(\d{3})?)?)?)?$")  # province … village
HASHER = PasswordHasher()
ALGORITHM = "HS256"


def check_region(code: str) -> str:
    if not REGION.match(code or ""):
        raise Invalid(say("region {code} is not an XZQDM code of 2, 4, 6, 9 or 12 digits",
                          "辖区 {code} 不是 2、4、6、9 或 12 位行政区代码", code=code), "region")
    return code


def add_user(session: Session, name: str, password: str, role: str, region: str,
             full_name: str | None = None) -> User:
    if role not in ROLES:
        raise Invalid(say("role {role} is not one of {roles}", "角色 {role} 不在 {roles} 之中",
                          role=role, roles=", ".join(ROLES)), "role")
    if len(password) < 8:
        raise Invalid(say("a password needs at least 8 characters", "密码至少需要 8 个字符"),
                      "password")
    check_region(region)
    if session.get(Region, region) is None:
        session.add(Region(code=region))
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        user = User(name=name)
        session.add(user)
    user.password_hash, user.role, user.region = HASHER.hash(password), role, region
    user.full_name, user.active = full_name or user.full_name, True
    session.flush()
    return user


_VERIFIED: dict[tuple[str, str], bool] = {}  # (stored hash, SHA-256 of the password sent)


def _verified(password_hash: str, password: str) -> bool:
    """argon2 costs tens of ms by design, and HTTP basic sends the password with every
    request: a success is remembered by digest (never the password) for this process."""
    key = (password_hash, hashlib.sha256(password.encode()).hexdigest())
    if key in _VERIFIED:
        return True
    try:
        HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
    if len(_VERIFIED) > 4096:
        _VERIFIED.clear()
    _VERIFIED[key] = True
    return True


def authenticate(session: Session, name: str, password: str) -> User:
    # a NUL cannot be in a name, and PostgreSQL refuses one in a query (an internal error)
    user = session.scalar(select(User).where(User.name == name)) if "\x00" not in name else None
    if user is None or not user.active or not _verified(user.password_hash, password):
        raise Unauthorized(say("wrong user name or password", "用户名或密码错误"), "credentials")
    return user


def scope_of(user: User) -> Scope:
    return Scope(user.name, user.role, user.region)


def access_token(user: User, secret: str, ttl: int) -> str:
    now = dt.datetime.now(dt.timezone.utc)
    return jwt.encode({"sub": str(user.id), "typ": "access", "iat": now,
                       "exp": now + dt.timedelta(seconds=ttl)}, secret, algorithm=ALGORITHM)


def user_of_token(session: Session, token: str, secret: str) -> User:
    try:
        claims = jwt.decode(token, secret, algorithms=[ALGORITHM],
                            options={"require": ["exp", "sub", "typ"]})
    except jwt.ExpiredSignatureError:
        raise Unauthorized(say("the access token has expired; sign in again or refresh it",
                               "访问令牌已过期；请重新登录或刷新令牌"), "token_expired") from None
    except jwt.PyJWTError:
        raise Unauthorized(say("the access token is not valid", "访问令牌无效"),
                           "token_invalid") from None
    user = session.get(User, int(claims["sub"])) if str(claims.get("sub")).isdigit() else None
    if claims.get("typ") != "access" or user is None or not user.active:
        raise Unauthorized(say("the access token is not valid", "访问令牌无效"), "token_invalid")
    return user


def user_of_basic(session: Session, credentials: str) -> User:
    try:
        name, _, password = base64.b64decode(credentials, validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        raise Unauthorized(say("the basic credentials are not valid", "基本认证凭据无效"),
                           "credentials") from None
    return authenticate(session, name, password)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_refresh(session: Session, user: User, ttl: int) -> str:
    token = secrets.token_urlsafe(32)
    session.add(RefreshToken(user_id=user.id, token_hash=_digest(token),
                             expires_at=utcnow() + dt.timedelta(seconds=ttl)))
    return token


def use_refresh(session: Session, token: str) -> User:
    """The user of a live refresh token, which is spent (revoked) by its use."""
    row = session.scalar(select(RefreshToken).where(RefreshToken.token_hash == _digest(token))
                         .with_for_update())
    if row is None or row.revoked_at is not None or row.expires_at < utcnow():
        raise Unauthorized(say("the refresh token is expired or revoked; sign in again",
                               "刷新令牌已过期或已撤销；请重新登录"), "refresh_revoked")
    row.revoked_at = utcnow()
    user = session.get(User, row.user_id)
    if user is None or not user.active:
        raise Unauthorized(say("the account is disabled", "账户已停用"), "credentials")
    return user


def revoke_refresh(session: Session, token: str) -> None:
    session.execute(update(RefreshToken).where(RefreshToken.token_hash == _digest(token),
                                               RefreshToken.revoked_at.is_(None))
                    .values(revoked_at=utcnow()))
