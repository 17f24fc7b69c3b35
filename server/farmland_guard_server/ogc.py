"""OGC API Features (placeholder router; filled in next)."""

from fastapi import APIRouter

router = APIRouter(prefix="/ogc", tags=["ogc"])
