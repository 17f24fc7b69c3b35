"""The tables (DESIGN.md §6.2). Every row a user may or may not see carries ``xzqdm``, the
code of the region it belongs to, which the region scope (``scope``) filters on."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from .geometry import AnyGeom, Geom


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)  # naive UTC


class Base(DeclarativeBase):
    pass


class Scoped:
    """A row of one region: seen and written only by users whose region contains it."""

    xzqdm: Mapped[str] = mapped_column(String(12), index=True)


class Bbox:
    minx: Mapped[float] = mapped_column(Float)
    miny: Mapped[float] = mapped_column(Float)
    maxx: Mapped[float] = mapped_column(Float)
    maxy: Mapped[float] = mapped_column(Float)


class Region(Base):
    __tablename__ = "regions"
    code: Mapped[str] = mapped_column(String(12), primary_key=True)  # 2, 4 or 6 digits
    name: Mapped[str | None] = mapped_column(String(100))


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))  # technician | reviewer | admin
    region: Mapped[str] = mapped_column(ForeignKey("regions.code"))
    full_name: Mapped[str | None] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class RefreshToken(Base):
    __tablename__ = "refresh_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256, never the token
    expires_at: Mapped[dt.datetime]
    revoked_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Batch(Scoped, Base):
    __tablename__ = "batches"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    source_sha256: Mapped[str] = mapped_column(String(64))
    patches: Mapped[int] = mapped_column(Integer, default=0)
    loaded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    loaded_by: Mapped[str] = mapped_column(String(100))
    report: Mapped[list] = mapped_column(JSON, default=list)  # repaired and rejected records


class Patch(Scoped, Bbox, Base):
    __tablename__ = "patches"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id", ondelete="CASCADE"), index=True)
    jcbh: Mapped[str] = mapped_column(String(40), unique=True)
    tblx: Mapped[str | None] = mapped_column(String(10))
    tbmj_mu: Mapped[float] = mapped_column(Float)  # recomputed here, ellipsoidal
    hczt: Mapped[str | None] = mapped_column(String(20))
    pdlx: Mapped[str | None] = mapped_column(String(20))
    fields: Mapped[dict] = mapped_column(JSON)  # the national fields and the extras as delivered
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # of its split
    geom = mapped_column(Geom)


class Parcel(Scoped, Bbox, Base):
    __tablename__ = "parcels"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dkbh: Mapped[str] = mapped_column(String(60), unique=True)
    jcbh: Mapped[str] = mapped_column(ForeignKey("patches.jcbh", ondelete="CASCADE"), index=True)
    tbmj_mu: Mapped[float] = mapped_column(Float)
    dlbm: Mapped[str | None] = mapped_column(String(10))
    geom = mapped_column(Geom)


class Result(Scoped, Base):
    __tablename__ = "results"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the client's UUID
    jcbh: Mapped[str] = mapped_column(ForeignKey("patches.jcbh"), index=True)
    dkbh: Mapped[str | None] = mapped_column(String(60))
    pdlx: Mapped[str | None] = mapped_column(String(20))
    hchlx: Mapped[str | None] = mapped_column(String(40))
    wflx: Mapped[str | None] = mapped_column(String(40))
    hczt: Mapped[str | None] = mapped_column(String(20))
    tbmj_mu: Mapped[float | None] = mapped_column(Float)  # recomputed here
    wfmj: Mapped[float | None] = mapped_column(Float)
    wfgdmj: Mapped[float | None] = mapped_column(Float)
    wfstmj: Mapped[float | None] = mapped_column(Float)
    wfjbntmj: Mapped[float | None] = mapped_column(Float)
    sfnrwfjs: Mapped[str | None] = mapped_column(String(2))
    sjysyj: Mapped[str | None] = mapped_column(Text)  # the reviewer's last comment (预审意见)
    data: Mapped[dict] = mapped_column(JSON)  # every verdict field as the client sent it
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    __table_args__ = (UniqueConstraint("jcbh", "dkbh", name="results_one_per_patch"),)


class Problem(Scoped, Base):
    """A problem of the rectification ledger (整改台账, issue 17): every field of the plugin's
    record in ``data``, those a query filters on as columns too; its point or polygon, if any."""

    __tablename__ = "problems"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    wtbh: Mapped[str] = mapped_column(String(60))
    ly: Mapped[str | None] = mapped_column(String(20), index=True)
    zgzt: Mapped[str | None] = mapped_column(String(20), index=True)
    data: Mapped[dict] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    minx: Mapped[float | None] = mapped_column(Float)  # the bbox, for SQLite (none: no place)
    miny: Mapped[float | None] = mapped_column(Float)
    maxx: Mapped[float | None] = mapped_column(Float)
    maxy: Mapped[float | None] = mapped_column(Float)
    geom = mapped_column(AnyGeom)
    __table_args__ = (UniqueConstraint("xzqdm", "wtbh", name="problems_one_per_region"),)


class Attachment(Scoped, Base):
    """A file a region holds, by SHA-256; the bytes live once on disk, whoever sent them."""

    __tablename__ = "attachments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    mime: Mapped[str] = mapped_column(String(100))
    added_by: Mapped[str] = mapped_column(String(100))
    added_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    __table_args__ = (UniqueConstraint("sha256", "xzqdm", name="attachments_once_per_region"),)


class Review(Scoped, Base):
    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    result_id: Mapped[str] = mapped_column(ForeignKey("results.id"), index=True)
    jcbh: Mapped[str] = mapped_column(String(40))
    decision: Mapped[str] = mapped_column(String(10))  # approve | return
    from_state: Mapped[str] = mapped_column(String(20))
    to_state: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str | None] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(100))
    reviewer_region: Mapped[str] = mapped_column(String(12))
    version: Mapped[int] = mapped_column(Integer)  # the result's version after the decision
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Audit(Scoped, Base):
    """Append-only: one row per change, written in the change's own transaction."""

    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    who: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    region: Mapped[str] = mapped_column(String(12))  # the user's; xzqdm is the entity's
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[str] = mapped_column(String(100))
    old_version: Mapped[int | None] = mapped_column(Integer)
    new_version: Mapped[int | None] = mapped_column(Integer)
    request_id: Mapped[str | None] = mapped_column(String(64))
    client_version: Mapped[str | None] = mapped_column(String(40))
    detail: Mapped[dict | None] = mapped_column(JSON)


class Change(Scoped, Base):
    """The change feed: ``seq`` is taken from ``Counter`` inside the writing transaction, so
    sequence numbers commit in order and a reader never skips a late commit."""

    __tablename__ = "changes"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[str] = mapped_column(String(100))
    version: Mapped[int | None] = mapped_column(Integer)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Counter(Base):
    __tablename__ = "counters"
    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class Idempotency(Base):
    """A push's reply kept by its ``Idempotency-Key`` (per user), to answer a retry alike."""

    __tablename__ = "idempotency"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    body_sha256: Mapped[str] = mapped_column(String(64))
    reply: Mapped[dict] = mapped_column(JSON)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class AppliedOp(Scoped, Base):
    """Every op id applied, so the same op sent again is a ``duplicate``."""

    __tablename__ = "applied_ops"
    op_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    xzqdm: Mapped[str] = mapped_column(String(12), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer)


SCOPED_TABLES = sorted(m.local_table.name for m in Base.registry.mappers
                       if issubclass(m.class_, Scoped))
Index("patches_bbox", Patch.minx, Patch.maxx, Patch.miny, Patch.maxy)
Index("problems_bbox", Problem.minx, Problem.maxx, Problem.miny, Problem.maxy)
