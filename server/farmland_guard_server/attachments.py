"""Attachments by SHA-256: each file stored once on disk under the data folder, whoever sent
it; a region holds a row for each file it sent, so asking what is missing tells nothing about
another region's files."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import tempfile
from pathlib import Path

from fastapi import Request
from sqlalchemy import select

from farmland_guard.core.language import say

from .config import Settings
from .context import Context
from .errors import Invalid, NotFound, TooLarge
from .models import Attachment

SHA256 = re.compile(r"^[0-9a-f]{64}$")
DIGEST = re.compile(r"sha-256=:([A-Za-z0-9+/=]+):")


def path_of(settings: Settings, sha256: str) -> Path:
    return settings.data / "attachments" / sha256[:2] / sha256


def _check(sha256: str) -> str:
    if not SHA256.match(sha256):
        raise Invalid(say("{value} is not a SHA-256 in lower-case hex",
                          "{value} 不是小写十六进制的 SHA-256", value=sha256[:80]), "sha256")
    return sha256


def missing(ctx: Context, wanted: list[str]) -> list[str]:
    wanted = sorted({_check(s) for s in wanted})
    held = set(ctx.session.scalars(select(Attachment.sha256).where(
        Attachment.sha256.in_(wanted)))) if wanted else set()
    return [s for s in wanted if s not in held]


def held(ctx: Context, sha256: str) -> Attachment:
    row = ctx.session.scalar(select(Attachment).where(Attachment.sha256 == _check(sha256)))
    if row is None:
        raise NotFound(say("attachment {sha} does not exist or is outside your region",
                           "附件 {sha} 不存在或不在您的辖区内", sha=sha256), "region")
    return row


async def receive(who, sha256: str, request: Request, content_digest: str, mime: str) -> dict:
    """Stream the body to a temporary file, check its digest against the URL and the
    ``Content-Digest`` header, move it into place, then record it for the caller's region."""
    _check(sha256)
    match = DIGEST.search(content_digest)
    try:
        claimed = base64.b64decode(match.group(1), validate=True).hex() if match else None
    except ValueError:
        claimed = None
    if claimed != sha256:
        raise Invalid(say("Content-Digest must be sha-256=:…: of the body, matching the URL",
                          "Content-Digest 须为请求体的 sha-256=:…:，并与地址一致"),
                      "content_digest")
    target = path_of(who.settings, sha256)
    target.parent.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as out:
            async for chunk in request.stream():
                size += len(chunk)
                if size > who.settings.max_attachment:
                    raise TooLarge(say("an attachment may have at most {limit} bytes",
                                       "附件最大 {limit} 字节",
                                       limit=who.settings.max_attachment), "attachment_size")
                digest.update(chunk)
                out.write(chunk)
        if digest.hexdigest() != sha256:
            raise Invalid(say("the body's SHA-256 is {got}, not {sha}",
                              "请求体的 SHA-256 为 {got}，而非 {sha}", got=digest.hexdigest(),
                              sha=sha256), "content_digest")
        os.replace(tmp, target)  # identical bytes whoever sent them: replacing is harmless
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    with who.transaction(write=True) as ctx:
        row = ctx.session.scalar(select(Attachment).where(Attachment.sha256 == sha256))
        if row is None:
            ctx.session.add(Attachment(sha256=sha256, size=size, mime=mime[:100],
                                       xzqdm=who.scope.region, added_by=who.name))
            ctx.journal("upload", "attachment", sha256, who.scope.region, None, 1,
                        {"size": size, "mime": mime[:100]}, feed=False)
    return {"sha256": sha256, "size": size}
