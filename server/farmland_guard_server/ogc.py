"""``/ogc``: OGC API Features, Part 1 (Core, GeoJSON) and Part 2 (CRS by reference), read-only
(DESIGN.md §6.2). Collections ``patches``, ``results`` and ``problems`` (the rectification
ledger's, issue 17), scoped to the caller's region; a result carries what the ledgers (issue
16) read of it: its patch's county and year, its rectification and the grade of the land it
occupies.

Every read runs inside ``Caller.transaction()``, so the session hook of ``scope`` filters each
query (and row-level security does again on PostgreSQL). Pages follow a keyset (the row's key),
never OFFSET; a page is built in bulk, without ORM objects: geometries fetched as WKB, decoded
and written as GeoJSON by shapely over the whole page; a patch's properties written as JSON by
SQLite itself, or dumped from the row in Python."""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from urllib.parse import urlencode

import numpy as np
import shapely
from fastapi import APIRouter, Depends, Request, Response
from sqlalchemy import LargeBinary, Text, and_, cast, func, literal, or_, select, type_coerce
from sqlalchemy.orm import Session

from farmland_guard.core.batch import NATIONAL, NUMBER_FIELDS
from farmland_guard.core.language import say
from farmland_guard.core.ledger import DONE_STATES

from .deps import Caller, caller
from .errors import HttpError, NotFound, problems
from .geometry import touches_bbox
from .models import Parcel, Patch, Problem, Result
from .problems import FIELDS as PROBLEM_DATA
from .results import GRADES

router = APIRouter(prefix="/ogc", tags=["ogc"], responses=problems(400, 401, 404, 422))

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
EPSG4490 = "http://www.opengis.net/def/crs/EPSG/0/4490"
STORAGE_CRS = EPSG4490
CRS_NAMES = {  # the spellings clients send, to the URI answered in Content-Crs
    CRS84: CRS84, "urn:ogc:def:crs:OGC:1.3:CRS84": CRS84, "OGC:CRS84": CRS84,
    "https://www.opengis.net/def/crs/OGC/1.3/CRS84": CRS84,
    EPSG4490: EPSG4490, "urn:ogc:def:crs:EPSG::4490": EPSG4490, "EPSG:4490": EPSG4490,
    "https://www.opengis.net/def/crs/EPSG/0/4490": EPSG4490,
}
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
]
JSON = "application/json"
GEOJSON = "application/geo+json"
OPENAPI = "application/vnd.oai.openapi+json;version=3.1"  # what FastAPI writes
PATCH_FIELDS = (*NATIONAL, "TBMJ_MU", "MJYC")  # from Patch.fields, as delivered and measured
PATCH_NUMBERS = (*NUMBER_FIELDS, "TBMJ_MU", "MJYC")
PATCH_STATE = ("HCZT", "PDLX")  # the verdict mirrored on the patch (results.mirror)
RESULT_FIELDS = ("JCBH", "DKBH", "XZQDM", "ND", "PDLX", "HCHLX", "WFLX", "HCZT", "WFMJ", "WFGDMJ",
                 "WFSTMJ", "WFJBNTMJ", "SFNRWFJS", "SFZDGC", "ZGCS", "ZGZT", "ZGRQ", "ZLDB",
                 "SJYSYJ", "version", "updated_by", "updated_at")
RESULT_PATCH = ("ND", "HSX")  # read from the patch's fields: its year, else its after-image's
RESULT_DATA = ("SFZDGC", "ZGCS", "ZGZT", *GRADES)  # read from the result's data
PROBLEM_FIELDS = (*PROBLEM_DATA, "version", "updated_by", "updated_at")
CHINA = dt.timedelta(hours=8)  # a rectification's date is the day in China it was recorded
# what one user may read is not what the next may: no shared or disk cache keeps it
PRIVATE = {"Cache-Control": "private, no-store", "Vary": "Authorization"}
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode


class BadRequest(HttpError):
    """A query parameter the standard says is answered with 400."""

    code, status = "bad_request", 400


def _json(body: dict, status: int = 200, headers: dict | None = None,
          media_type: str = JSON) -> Response:
    return Response(_dumps(body).encode(), status, headers, media_type)


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/") + router.prefix


# --- landing page and conformance (public) ------------------------------------------------

@router.get("", summary="landing page")
def landing(request: Request) -> Response:
    base, root = _base(request), str(request.base_url).rstrip("/")
    return _json({
        "title": "farmland_guard",
        "description": "卫片执法变化图斑与核查结果 (change patches and verdicts), OGC API Features",
        "links": [
            {"rel": "self", "type": JSON, "title": "this document", "href": base},
            {"rel": "service-desc", "type": OPENAPI, "title": "the API definition",
             "href": root + "/openapi.json"},
            {"rel": "service-doc", "type": "text/html", "title": "the API documentation",
             "href": root + "/docs"},
            {"rel": "conformance", "type": JSON, "title": "conformance classes",
             "href": base + "/conformance"},
            {"rel": "data", "type": JSON, "title": "collections",
             "href": base + "/collections"},
        ]})


@router.get("/conformance", summary="conformance classes")
def conformance(request: Request) -> Response:
    return _json({"conformsTo": CONFORMANCE,
                  "links": [{"rel": "self", "type": JSON,
                             "href": _base(request) + "/conformance"}]})


# --- the two collections --------------------------------------------------------------------

@dataclass(frozen=True)
class Page:
    keys: list  # each row's key (the keyset)
    ids: list  # each feature's id
    properties: list  # each feature's properties, dumped
    wkb: list  # each feature's geometry, WKB


def _wkb(model, dialect: str):
    """The geometry column as plain WKB bytes, skipping the per-row decoding of ``Geom``."""
    if dialect == "postgresql":
        return func.ST_AsBinary(model.geom, type_=LargeBinary)
    return type_coerce(model.geom, LargeBinary)


def _picked(document, names, dialect: str):
    """Some values of a JSON column, as JSON text for ``_values``: on SQLite an array of them,
    the document read once for all its paths. On PostgreSQL the document itself: row-level
    security's estimates make it sort the whole table for a page, and what is computed below
    the sort is computed for every row; a plain column costs nothing there."""
    if dialect == "postgresql":
        return cast(document, Text)
    return func.json_extract(document, *(literal(f"$.{name}") for name in names), type_=Text)


def _values(text: str, names) -> list:
    """The values ``_picked`` read, in the order of ``names``."""
    found = json.loads(text)
    return found if isinstance(found, list) else [found.get(name) for name in names]


def _inside(model, bbox):
    """Rows whose bounding box lies within ``bbox``: they meet it for sure."""
    minx, miny, maxx, maxy = bbox
    return and_(model.minx >= minx, model.maxx <= maxx, model.miny >= miny, model.maxy <= maxy)


class Collection:
    """What differs between the collections: the key, the columns, the joins."""

    id: str
    title: str
    description: str
    fields: tuple

    def __init__(self):
        self._columns: dict = {}

    def key(self):
        """The keyset column."""
        raise NotImplementedError

    def parse_key(self, text: str):
        raise NotImplementedError

    def columns(self, dialect: str) -> list:
        """key, feature id, the property values…, WKB: built once per dialect (a statement is
        immutable, and building this one costs more than running it)."""
        if dialect not in self._columns:
            self._columns[dialect] = self._build(dialect)
        return self._columns[dialect]

    def _build(self, dialect: str) -> list:
        raise NotImplementedError

    def joined(self, statement):
        return statement

    def touches(self, bbox, dialect: str):
        raise NotImplementedError

    def inside(self, bbox):
        raise NotImplementedError

    def by_id(self, feature_id: str):
        raise NotImplementedError

    def when(self, start: dt.datetime | None, end: dt.datetime | None) -> list:
        """The ``datetime`` filter: features whose time meets [start, end]."""
        raise NotImplementedError

    def temporal(self, session: Session) -> list:
        """The first and last time of the features, ISO 8601."""
        raise NotImplementedError

    def select(self, dialect: str, bbox):
        """The features' columns, then (with ``bbox``) whether their bounding box lies
        inside it, of the rows whose bounding box meets it."""
        if bbox is None:
            return self.joined(select(*self.columns(dialect)))
        return self.joined(select(*self.columns(dialect), self.inside(bbox))).where(
            self.touches(bbox, dialect))

    def page(self, rows, dialect: str) -> Page:
        """The rows of ``columns``: key, feature id, the properties (JSON text, or their
        values), WKB, and perhaps the bbox test after."""
        keys, ids, props, wkb = [], [], [], []
        last = len(self.columns(dialect)) - 1
        for row in rows:
            keys.append(row[0])
            ids.append(row[1])
            props.append(self.properties(row[2:last]))
            wkb.append(row[last])
        return Page(keys, ids, props, wkb)

    def properties(self, values) -> str:
        return _properties(self.fields, values)

    def extent(self, session: Session):
        raise NotImplementedError


class Patches(Collection):
    id = "patches"
    title = "变化图斑 (change patches)"
    description = ("卫片执法变化图斑：国家字段（JCBH、XZQDM、XMC、TBLX、QSX、HSX、MJ、TBMJ_MU…）"
                   "与核查状态（HCZT、PDLX）")
    fields = (*PATCH_FIELDS, *PATCH_STATE)

    def key(self):
        return Patch.id

    def parse_key(self, text: str):
        if not text.isdigit() or len(text) > 18:
            raise BadRequest(say("after: not a key of this collection",
                                 "after：不是本集合的键"), "after")
        return int(text)

    def _build(self, dialect: str) -> list:
        """key, JCBH, the properties, WKB. On SQLite the properties are written as JSON by
        the database from the stored fields (``json_object``: no decoding and encoding again
        in Python); PostgreSQL parses a ``json`` value again for each ``->``, so there the
        fields come as text, decoded once and the properties dumped in Python."""
        if dialect == "postgresql":
            return [Patch.id, Patch.jcbh, cast(Patch.fields, Text), Patch.hczt, Patch.pdlx,
                    _wkb(Patch, dialect)]
        pairs = []
        for name in PATCH_FIELDS:  # texts decoded (->>) to be written as UTF-8, numbers as sent
            operator = "->" if name in PATCH_NUMBERS else "->>"
            pairs += [literal(name), Patch.fields.op(operator)(literal(f"$.{name}"))]
        pairs += [literal("HCZT"), Patch.hczt, literal("PDLX"), Patch.pdlx]
        return [Patch.id, Patch.jcbh, func.json_object(*pairs, type_=Text),
                _wkb(Patch, dialect)]

    def properties(self, values) -> str:
        return values[0]  # written by SQLite

    def page(self, rows, dialect: str) -> Page:
        if dialect != "postgresql":
            return super().page(rows, dialect)
        keys, ids, props, wkb = [], [], [], []
        loads, names = json.loads, PATCH_FIELDS
        for key, jcbh, text, hczt, pdlx, geom, *_ in rows:
            keys.append(key)
            ids.append(jcbh)
            fields = loads(text)
            values = {name: fields.get(name) for name in names}
            values["HCZT"], values["PDLX"] = hczt, pdlx
            props.append(_dumps(values))
            wkb.append(geom)
        return Page(keys, ids, props, wkb)

    def touches(self, bbox, dialect: str):
        return touches_bbox(Patch, bbox, dialect)

    def inside(self, bbox):
        return _inside(Patch, bbox)

    def by_id(self, feature_id: str):
        return Patch.jcbh == feature_id

    def when(self, start, end) -> list:
        """A patch's time is its after-image date (HSX), a whole day."""
        hsx = Patch.fields["HSX"].as_string()
        return [hsx.is_not(None)] + ([hsx >= start.date().isoformat()] if start else []) + (
            [hsx <= end.date().isoformat()] if end else [])

    def temporal(self, session: Session) -> list:
        hsx = Patch.fields["HSX"].as_string()
        first, last = session.execute(select(func.min(hsx), func.max(hsx))).one()
        return [f"{first}T00:00:00Z" if first else None,
                f"{last}T23:59:59Z" if last else None]

    def extent(self, session: Session):
        return session.execute(select(func.min(Patch.minx), func.min(Patch.miny),
                                      func.max(Patch.maxx), func.max(Patch.maxy))).one()


class LastChange:
    """A collection whose feature's time is its last change (``changed``: updated_at, UTC)."""

    changed: object  # the column, given by each collection

    def when(self, start, end) -> list:
        return ([self.changed >= start] if start else []) + (
            [self.changed <= end] if end else [])

    def temporal(self, session: Session) -> list:
        first, last = session.execute(select(func.min(self.changed),
                                             func.max(self.changed))).one()
        return [v.isoformat() + "Z" if v else None for v in (first, last)]


class Results(LastChange, Collection):
    id = "results"
    title = "核查结果 (verdicts)"
    description = ("每条核查结果一个要素：判定与面积字段（PDLX、HCHLX、WFLX、HCZT、WFMJ…）、"
                   "图斑的 XZQDM 与年度 ND、是否重点工程 SFZDGC、整改（ZGCS、ZGZT、ZGRQ）、"
                   "所占耕地质量等别 ZLDB、版本与修改人；几何为其图斑（或 DKBH 所指地块）的几何")
    fields = RESULT_FIELDS

    @property
    def changed(self):
        return Result.updated_at

    def key(self):
        return Result.id

    def parse_key(self, text: str):
        if not text or len(text) > 36:
            raise BadRequest(say("after: not a key of this collection",
                                 "after：不是本集合的键"), "after")
        return text

    def _build(self, dialect: str) -> list:
        """key, id, JCBH, DKBH, the patch's XZQDM and its ND and HSX (``_picked``), the
        verdict's columns, SFZDGC, ZGCS, ZGZT, ZLDB and GDDB of its data (``_picked``), the
        review note, version and last change, WKB."""
        geom = func.coalesce(_wkb(Parcel, dialect), _wkb(Patch, dialect), type_=LargeBinary)
        return [Result.id, Result.id, Result.jcbh, Result.dkbh, Patch.xzqdm,
                _picked(Patch.fields, RESULT_PATCH, dialect), Result.pdlx, Result.hchlx,
                Result.wflx, Result.hczt, Result.wfmj, Result.wfgdmj, Result.wfstmj,
                Result.wfjbntmj, Result.sfnrwfjs, _picked(Result.data, RESULT_DATA, dialect),
                Result.sjysyj, Result.version, Result.updated_by, Result.updated_at, geom]

    def properties(self, values) -> str:
        (jcbh, dkbh, xzqdm, patch, pdlx, hchlx, wflx, hczt, wfmj, wfgdmj, wfstmj, wfjbntmj,
         sfnrwfjs, data, sjysyj, version, updated_by, updated_at) = values
        nd, hsx = _values(patch, RESULT_PATCH)
        sfzdgc, zgcs, zgzt, zldb, gddb = _values(data, RESULT_DATA)
        grade = zldb if zldb not in (None, "") else gddb
        done = zgzt in DONE_STATES and updated_at is not None
        return _properties(self.fields, (
            jcbh, dkbh, xzqdm, nd if nd not in (None, "") else (hsx or "")[:4] or None, pdlx,
            hchlx, wflx, hczt, wfmj, wfgdmj, wfstmj, wfjbntmj, sfnrwfjs, sfzdgc, zgcs, zgzt,
            (updated_at + CHINA).date().isoformat() if done else None,
            None if grade in (None, "") else str(grade), sjysyj, version, updated_by,
            updated_at.isoformat() + "Z" if updated_at is not None else None))

    def joined(self, statement):
        return (statement.select_from(Result).join(Patch, Patch.jcbh == Result.jcbh)
                .outerjoin(Parcel, Parcel.dkbh == Result.dkbh))

    def touches(self, bbox, dialect: str):
        return or_(and_(Parcel.id.is_not(None), touches_bbox(Parcel, bbox, dialect)),
                   and_(Parcel.id.is_(None), touches_bbox(Patch, bbox, dialect)))

    def inside(self, bbox):
        return or_(and_(Parcel.id.is_not(None), _inside(Parcel, bbox)),
                   and_(Parcel.id.is_(None), _inside(Patch, bbox)))

    def by_id(self, feature_id: str):
        return Result.id == feature_id


    def extent(self, session: Session):
        return session.execute(self.joined(select(
            func.min(func.coalesce(Parcel.minx, Patch.minx)),
            func.min(func.coalesce(Parcel.miny, Patch.miny)),
            func.max(func.coalesce(Parcel.maxx, Patch.maxx)),
            func.max(func.coalesce(Parcel.maxy, Patch.maxy))))).one()


class Problems(LastChange, Collection):
    id = "problems"
    title = "整改台账问题 (problems of the rectification ledger)"
    description = ("整改台账中每个问题一个要素：问题编号 WTBH、来源 LY、描述 WTMS、关联图斑 GLTB、"
                   "行政区与乡镇、整改措施与期限、责任单位与责任人、整改状态 ZGZT、判定日期、"
                   "销号与复核、案件（立案、挂牌督办、约谈、移送、结案）、版本与修改人；"
                   "几何为其点或面（没有位置的问题几何为空）")
    fields = PROBLEM_FIELDS

    @property
    def changed(self):
        return Problem.updated_at

    def key(self):
        return Problem.id

    def parse_key(self, text: str):
        if not text.isdigit() or len(text) > 18:
            raise BadRequest(say("after: not a key of this collection",
                                 "after：不是本集合的键"), "after")
        return int(text)

    def _build(self, dialect: str) -> list:
        """key, WTBH, the record's fields (``_picked``), version and last change, WKB."""
        return [Problem.id, Problem.wtbh, _picked(Problem.data, PROBLEM_DATA, dialect),
                Problem.version, Problem.updated_by, Problem.updated_at, _wkb(Problem, dialect)]

    def properties(self, values) -> str:
        data, version, updated_by, updated_at = values
        return _properties(self.fields, (*_values(data, PROBLEM_DATA), version, updated_by,
                                         updated_at.isoformat() + "Z"))

    def touches(self, bbox, dialect: str):
        return touches_bbox(Problem, bbox, dialect)

    def inside(self, bbox):
        return _inside(Problem, bbox)

    def by_id(self, feature_id: str):
        return Problem.wtbh == feature_id


    def extent(self, session: Session):
        return session.execute(select(func.min(Problem.minx), func.min(Problem.miny),
                                      func.max(Problem.maxx), func.max(Problem.maxy))).one()


COLLECTIONS = {c.id: c for c in (Patches(), Results(), Problems())}


def _properties(names, values) -> str:
    clean = [None if isinstance(v, float) and not math.isfinite(v) else v for v in values]
    return _dumps(dict(zip(names, clean)))


def _collection(name: str) -> Collection:
    found = COLLECTIONS.get(name)
    if found is None:
        raise NotFound(say("there is no collection {name}", "没有集合 {name}", name=name),
                       "collection")
    return found


def _describe(request: Request, collection: Collection, session: Session) -> dict:
    base = f"{_base(request)}/collections/{collection.id}"
    extent = collection.extent(session)
    body = {
        "id": collection.id, "title": collection.title, "description": collection.description,
        "itemType": "feature",
        "links": [
            {"rel": "self", "type": JSON, "title": "this collection", "href": base},
            {"rel": "items", "type": GEOJSON, "title": "its features", "href": base + "/items"},
        ],
        "crs": [CRS84, EPSG4490], "storageCrs": STORAGE_CRS,
    }
    if extent[0] is not None:
        body["extent"] = {"spatial": {"bbox": [[round(v, 7) for v in extent]], "crs": CRS84}}
        times = collection.temporal(session)
        if times[0] is not None:
            body["extent"]["temporal"] = {
                "interval": [times], "trs": "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"}
    return body


@router.get("/collections", summary="the collections")
def collections(request: Request, who: Caller = Depends(caller)) -> Response:
    base = _base(request) + "/collections"
    with who.transaction() as ctx:
        described = [_describe(request, c, ctx.session) for c in COLLECTIONS.values()]
    return _json({"links": [{"rel": "self", "type": JSON, "href": base}],
                  "collections": described, "crs": [CRS84, EPSG4490]}, headers=PRIVATE)


@router.get("/collections/{collection_id}", summary="one collection")
def collection(collection_id: str, request: Request, who: Caller = Depends(caller)) -> Response:
    chosen = _collection(collection_id)
    with who.transaction() as ctx:
        return _json(_describe(request, chosen, ctx.session), headers=PRIVATE)


# --- items ------------------------------------------------------------------------------------

def _crs(value: str | None, parameter: str) -> str:
    if value is None:
        return CRS84
    found = CRS_NAMES.get(value.strip().strip("<>[]"))
    if found is None:
        raise BadRequest(say("{parameter}: {value} is not offered; use {crs84} or {epsg}",
                             "{parameter}：不提供 {value}；请用 {crs84} 或 {epsg}",
                             parameter=parameter, value=value, crs84=CRS84, epsg=EPSG4490),
                         parameter)
    return found


def _bbox(value: str | None, crs: str):
    """``bbox`` as lon/lat (minx, miny, maxx, maxy); EPSG:4490 sends lat first."""
    if value is None:
        return None
    try:
        numbers = [float(v) for v in value.split(",")]
    except ValueError:
        numbers = []
    if len(numbers) == 6:  # with heights: lower corner, upper corner
        numbers = numbers[0:2] + numbers[3:5]
    if len(numbers) != 4 or not all(math.isfinite(v) for v in numbers):
        raise BadRequest(say("bbox: four numbers, minimum then maximum", "bbox：需要四个数，先最小后最大"),
                         "bbox")
    if crs == EPSG4490:
        numbers = [numbers[1], numbers[0], numbers[3], numbers[2]]
    if numbers[0] > numbers[2] or numbers[1] > numbers[3]:
        raise BadRequest(say("bbox: the minimum is above the maximum", "bbox：最小值大于最大值"),
                         "bbox")
    return tuple(numbers)


def _moment(text: str, end: bool) -> dt.datetime | None:
    """One end of a ``datetime`` interval, naive UTC; a date alone is its whole day."""
    text = text.strip()
    if text in ("", ".."):
        return None
    try:
        if len(text) == 10:
            day = dt.datetime.fromisoformat(text)
            return day + dt.timedelta(days=1, microseconds=-1) if end else day
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise BadRequest(say("datetime: {text} is not an RFC 3339 date or time",
                             "datetime：{text} 不是 RFC 3339 日期或时间", text=text),
                         "datetime") from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return moment


def _interval(value: str | None):
    """``datetime``: an instant, or ``start/end`` with ``..`` (or nothing) for an open end."""
    if value is None:
        return None
    parts = value.split("/")
    if len(parts) == 1:
        if parts[0].strip() in ("", ".."):
            raise BadRequest(say("datetime: an instant or an interval", "datetime：需为时刻或区间"),
                             "datetime")
        return _moment(parts[0], False), _moment(parts[0], True)
    if len(parts) != 2:
        raise BadRequest(say("datetime: an instant or an interval", "datetime：需为时刻或区间"),
                         "datetime")
    start, end = _moment(parts[0], False), _moment(parts[1], True)
    if start and end and start > end:
        raise BadRequest(say("datetime: the start is after the end", "datetime：起点晚于终点"),
                         "datetime")
    return start, end


def _limit(value: str | None, settings) -> int:
    if value is None:
        return settings.page_default
    try:
        limit = int(value)
    except ValueError:
        limit = 0
    if limit < 1:
        raise BadRequest(say("limit: a whole number from 1", "limit：需为不小于 1 的整数"), "limit")
    return min(limit, settings.page_max)


def _geometries(wkb: list, crs: str) -> list[str]:
    """The page's geometries as GeoJSON text, in bulk; EPSG:4490 puts latitude first."""
    if not wkb:
        return []
    geoms = shapely.from_wkb(np.array(wkb, dtype=object))
    if crs == EPSG4490:
        geoms = shapely.transform(geoms, lambda xy: xy[:, ::-1])
    return [g if g is not None else "null" for g in shapely.to_geojson(geoms).tolist()]


def _feature(fid, geometry: str, properties: str, links: str = "") -> str:
    return (f'{{"type":"Feature","id":{_dumps(fid)},"geometry":{geometry},'
            f'"properties":{properties}{links}}}')


def _fetch(session: Session, collection: Collection, dialect: str, bbox, after, limit: int,
           where: list):
    """Up to ``limit`` + 1 features after key ``after`` (exactly meeting ``bbox``)."""
    key = collection.key()
    statement = collection.select(dialect, bbox).where(*where).order_by(key)
    rows: list = []
    wanted = limit + 1
    box = shapely.box(*bbox) if bbox is not None else None
    while len(rows) < wanted:
        step = statement if after is None else statement.where(key > after)
        asked = wanted - len(rows)
        batch = session.execute(step.limit(asked)).all()
        if not batch:
            break
        after = batch[-1][0]
        if box is None:
            rows.extend(batch)
        else:
            rows.extend(_exact(batch, box))
        if len(batch) < asked:
            break
    return rows


def _exact(batch, box) -> list:
    """Of the rows whose bounding box meets ``box``, those whose geometry does (the last
    column says the bounding box lies inside: no need to look)."""
    unsure = [i for i, row in enumerate(batch) if not row[-1]]
    if not unsure:
        return batch
    geoms = shapely.from_wkb(np.array([batch[i][-2] for i in unsure], dtype=object))
    missing = {unsure[i] for i in np.flatnonzero(~shapely.intersects(geoms, box))}
    return [row for i, row in enumerate(batch) if i not in missing]


def _matched(session: Session, collection: Collection, dialect: str, bbox,
             where: list) -> int:
    """numberMatched: with ``bbox``, the rows whose bounding box lies inside it are counted
    in the database; only those crossing its edge are looked at."""
    count = collection.joined(select(func.count()).select_from(collection.key().class_))
    if bbox is None:
        return session.scalar(count.where(*where))
    meets = collection.touches(bbox, dialect)
    inside = collection.inside(bbox)
    total = session.scalar(count.where(meets, inside, *where))
    edge = session.scalars(collection.joined(select(collection.columns(dialect)[-1]))
                          .where(meets, ~inside, *where)).all()
    if edge:
        geoms = shapely.from_wkb(np.array(edge, dtype=object))
        total += int(shapely.intersects(geoms, shapely.box(*bbox)).sum())
    return total


@router.get("/collections/{collection_id}/items", summary="features of a collection",
            openapi_extra={"parameters": [
                {"name": "limit", "in": "query", "required": False,
                 "schema": {"type": "integer", "minimum": 1, "maximum": 5000, "default": 100}},
                {"name": "bbox", "in": "query", "required": False, "style": "form",
                 "explode": False,
                 "schema": {"type": "array", "minItems": 4, "maxItems": 6,
                            "items": {"type": "number"}}},
                {"name": "bbox-crs", "in": "query", "required": False,
                 "schema": {"type": "string", "format": "uri", "enum": [CRS84, EPSG4490]}},
                {"name": "crs", "in": "query", "required": False,
                 "schema": {"type": "string", "format": "uri", "enum": [CRS84, EPSG4490]}},
                {"name": "datetime", "in": "query", "required": False,
                 "description": "an instant or an interval (start/end, .. open): patches by "
                                "their after-image date HSX, results by their last change",
                 "schema": {"type": "string"}},
                {"name": "after", "in": "query", "required": False,
                 "description": "the key of the last feature of the previous page (next link)",
                 "schema": {"type": "string"}}]})
def items(collection_id: str, request: Request, who: Caller = Depends(caller)) -> Response:
    chosen = _collection(collection_id)
    query = request.query_params
    crs = _crs(query.get("crs"), "crs")
    bbox = _bbox(query.get("bbox"), _crs(query.get("bbox-crs"), "bbox-crs"))
    limit = _limit(query.get("limit"), who.settings)
    after = chosen.parse_key(query["after"]) if "after" in query else None
    interval = _interval(query.get("datetime"))
    where = chosen.when(*interval) if interval else []
    with who.transaction() as ctx:
        dialect = ctx.session.get_bind().dialect.name
        matched = _matched(ctx.session, chosen, dialect, bbox, where)
        rows = _fetch(ctx.session, chosen, dialect, bbox, after, limit, where)
    more = len(rows) > limit
    page = chosen.page(rows[:limit], dialect)
    geometries = _geometries(page.wkb, crs)
    base = f"{_base(request)}/collections/{chosen.id}"
    links = [{"rel": "self", "type": GEOJSON, "title": "this page", "href": str(request.url)},
             {"rel": "collection", "type": JSON, "title": "the collection", "href": base}]
    if more:
        params = [(k, v) for k, v in query.multi_items() if k not in ("after", "limit")]
        params += [("limit", str(limit)), ("after", str(page.keys[-1]))]
        links.append({"rel": "next", "type": GEOJSON, "title": "the next page",
                      "href": f"{base}/items?{urlencode(params)}"})
    stamp = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
    head = (f'{{"type":"FeatureCollection","timeStamp":"{stamp}","numberMatched":{matched},'
            f'"numberReturned":{len(page.ids)},"links":{_dumps(links)},"features":[')
    body = ",".join(_feature(fid, geometry, props)
                    for fid, geometry, props in zip(page.ids, geometries, page.properties))
    return Response((head + body + "]}").encode(), 200, {"Content-Crs": f"<{crs}>", **PRIVATE},
                    GEOJSON)


@router.get("/collections/{collection_id}/items/{feature_id}", summary="one feature",
            openapi_extra={"parameters": [
                {"name": "crs", "in": "query", "required": False,
                 "schema": {"type": "string", "format": "uri", "enum": [CRS84, EPSG4490]}}]})
def item(collection_id: str, feature_id: str, request: Request,
         who: Caller = Depends(caller)) -> Response:
    chosen = _collection(collection_id)
    crs = _crs(request.query_params.get("crs"), "crs")
    with who.transaction() as ctx:
        dialect = ctx.session.get_bind().dialect.name
        rows = ctx.session.execute(chosen.select(dialect, None)
                                   .where(chosen.by_id(feature_id)).limit(1)).all()
    if not rows:
        raise NotFound(say("feature {id} does not exist or is outside your region",
                           "要素 {id} 不存在或不在您的辖区内", id=feature_id), "region")
    page = chosen.page(rows, dialect)
    base = f"{_base(request)}/collections/{chosen.id}"
    links = [{"rel": "self", "type": GEOJSON, "href": str(request.url)},
             {"rel": "collection", "type": JSON, "href": base}]
    body = _feature(page.ids[0], _geometries(page.wkb, crs)[0], page.properties[0],
                    ',"links":' + _dumps(links))
    return Response(body.encode(), 200, {"Content-Crs": f"<{crs}>", **PRIVATE},
                    GEOJSON)
