"""What a client pulls: a batch as a GeoPackage the plugin's importer reads like any
delivered package (national field names, CGCS2000), and the region's results by state."""

from __future__ import annotations

import os
import tempfile
from typing import Literal

import geopandas as gpd
from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import FileResponse
from sqlalchemy import select
from starlette.background import BackgroundTask

from farmland_guard.core import codelists
from farmland_guard.core.batch import NATIONAL, STORE_COLUMNS
from farmland_guard.core.language import say

from .api_sync import INT4, known_query
from .deps import Caller, caller
from .errors import NotFound, problems
from .models import Batch, Patch, Result
from .parcels import outlines
from .results import as_dict, patch_of

router = APIRouter(prefix="/sync/v1", tags=["sync"], responses=problems(401, 404, 422),
                   dependencies=[Depends(known_query)])
GPKG = "application/geopackage+sqlite3"
STATE = Literal[tuple(codelists.workflow(city_level=True))]  # the HCZT code list


@router.get("/batches/{batch_id}/package", response_class=FileResponse,
            responses={200: {"content": {GPKG: {}}}})
def package(batch_id: int = Path(ge=1, le=INT4), who: Caller = Depends(caller)) -> FileResponse:
    with who.transaction() as ctx:
        batch = ctx.session.scalar(select(Batch).where(Batch.id == batch_id))
        if batch is None:
            raise NotFound(say("batch {id} does not exist or is outside your region",
                               "批次 {id} 不存在或不在您的辖区内", id=batch_id), "region")
        rows = ctx.session.execute(select(Patch.fields, Patch.geom)
                                   .where(Patch.batch_id == batch_id).order_by(Patch.jcbh)).all()
        name = batch.name
    skip = set(STORE_COLUMNS) | {"RECORD"}
    records = [{k: v for k, v in fields.items() if k not in skip} for fields, _ in rows]
    columns = list(dict.fromkeys([*(f for f in NATIONAL if any(f in r for r in records)),
                                  *(k for r in records for k in r)]))
    frame = gpd.GeoDataFrame([{c: r.get(c) for c in columns} for r in records],
                             geometry=[g for _, g in rows], crs="EPSG:4490")
    fd, path = tempfile.mkstemp(suffix=".gpkg", prefix="fg-batch-")
    os.close(fd)
    os.unlink(path)
    frame.to_file(path, driver="GPKG", layer=name, engine="pyogrio")
    return FileResponse(path, media_type=GPKG, filename=f"{name}.gpkg",
                        background=BackgroundTask(os.unlink, path))


@router.get("/results")
def results(state: STATE | None = Query(None, description="a workflow state (HCZT), e.g. 已上报"),
            after: str = Query("", max_length=36, description="the last id of the page before"),
            limit: int = Query(500, ge=1, le=5000),
            who: Caller = Depends(caller)) -> dict:
    query = select(Result).where(Result.id > after).order_by(Result.id).limit(limit + 1)
    if state:
        query = query.where(Result.hczt == state)
    with who.transaction() as ctx:
        rows = ctx.session.scalars(query).all()
        page = [as_dict(r) for r in rows[:limit]]
    return {"results": page, "next": page[-1]["id"] if len(rows) > limit else None}


@router.get("/patches/{jcbh}/parcels")
def split_of(jcbh: str = Path(max_length=40, pattern=r"^[0-9A-Za-z_-]+$"),
             who: Caller = Depends(caller)) -> dict:
    """A patch's parcels as the server holds them, at its split version (0: never split)."""
    with who.transaction() as ctx:
        patch = patch_of(ctx, jcbh)
        return {"JCBH": patch.jcbh, "version": patch.version, "parcels": outlines(ctx, jcbh)}
