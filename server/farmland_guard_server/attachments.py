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
from .errors import Conflict, Invalid, NotFound, TooLarge
from .models import Attachment

SHA256 = re.compile(r"^[0-9a-f]{64}$")
DIGEST = re.compile(r"sha-256=:([A-Za-z0-9+/=]+):")
RANGE = re.compile(r"^bytes (\d+)-(\d+)/(\d+)$")


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


def _claimed(sha256: str, content_digest: str) -> None:
    match = DIGEST.search(content_digest)
    try:
        claimed = base64.b64decode(match.group(1), validate=True).hex() if match else None
    except ValueError:
        claimed = None
    if claimed != sha256:
        raise Invalid(say("Content-Digest must be sha-256=:…: of the file, matching the URL",
                          "Content-Digest 须为文件的 sha-256=:…:，并与地址一致"),
                      "content_digest")


def partial_of(who, sha256: str) -> Path:
    """Where the parts of a resumable upload gather (one per user and file)."""
    return path_of(who.settings, sha256).parent / f".partial-{who.id}-{sha256}"


def offset(who, sha256: str) -> int:
    part = partial_of(who, _check(sha256))
    return part.stat().st_size if part.exists() else 0


async def _append(request: Request, out, limit: int, budget: int | None = None) -> int:
    """Stream the body into ``out``; its size (at most ``budget`` bytes when given)."""
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit or (budget is not None and size > budget):
            raise TooLarge(say("an attachment may have at most {limit} bytes",
                               "附件最大 {limit} 字节", limit=limit), "attachment_size")
        out.write(chunk)
    return size


def _digest_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


async def receive(who, sha256: str, request: Request, content_digest: str, mime: str,
                  content_range: str | None = None) -> dict:
    """The file whole, or one part of it (``Content-Range: bytes S-E/T``, S where the parts so
    far end): kept apart until the last part, then its digest checked against the URL and
    ``Content-Digest``, moved into place and recorded for the caller's region."""
    _check(sha256)
    _claimed(sha256, content_digest)
    limit = who.settings.max_attachment
    target = path_of(who.settings, sha256)
    target.parent.mkdir(parents=True, exist_ok=True)
    if content_range is None:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
        with os.fdopen(fd, "wb") as out:
            try:
                await _append(request, out, limit)
            except BaseException:
                os.unlink(tmp)
                raise
        return _complete(who, sha256, Path(tmp), target, mime)
    match = RANGE.match(content_range.strip())
    start, end, total = (int(g) for g in match.groups()) if match else (1, 0, 0)
    if not match or not start <= end < total:
        raise Invalid(say("Content-Range must be bytes START-END/TOTAL",
                          "Content-Range 须为 bytes 起-止/总长"), "content_range")
    if total > limit:
        raise TooLarge(say("an attachment may have at most {limit} bytes",
                           "附件最大 {limit} 字节", limit=limit), "attachment_size")
    part = partial_of(who, sha256)
    have = part.stat().st_size if part.exists() else 0
    if start != have:
        raise Conflict(say("the upload goes on from byte {offset}", "上传应从第 {offset} 字节继续",
                           offset=have), "offset", offset=have)
    with open(part, "ab") as out:
        got = await _append(request, out, limit, end - start + 1)
    if got != end - start + 1:  # cut short: keep what came, the client goes on from there
        return {"sha256": sha256, "size": start + got, "complete": False}
    if end + 1 < total:
        return {"sha256": sha256, "size": end + 1, "complete": False}
    return _complete(who, sha256, part, target, mime)


def _complete(who, sha256: str, received: Path, target: Path, mime: str) -> dict:
    try:
        got = _digest_of(received)
        if got != sha256:
            raise Invalid(say("the file's SHA-256 is {got}, not {sha}",
                              "文件的 SHA-256 为 {got}，而非 {sha}", got=got, sha=sha256),
                          "content_digest")
        size = received.stat().st_size
        os.replace(received, target)  # identical bytes whoever sent them: replacing is harmless
    finally:
        if received.exists():
            received.unlink()
    with who.transaction(write=True) as ctx:
        row = ctx.session.scalar(select(Attachment).where(Attachment.sha256 == sha256))
        if row is None:
            ctx.session.add(Attachment(sha256=sha256, size=size, mime=mime[:100],
                                       xzqdm=who.scope.region, added_by=who.name))
            ctx.journal("upload", "attachment", sha256, who.scope.region, None, 1,
                        {"size": size, "mime": mime[:100]}, feed=False)
    return {"sha256": sha256, "size": size, "complete": True}
