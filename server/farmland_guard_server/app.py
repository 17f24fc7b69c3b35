"""The ASGI application: request ids and structured logs, a body-size limit, RFC 9457 problems
in the caller's language, and the routers (auth, sync, OGC API Features). The process holds no
state: several workers may serve one PostgreSQL database."""

from __future__ import annotations

import json
import logging
import time
import uuid

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from farmland_guard.core.errors import FarmlandGuardError
from farmland_guard.core.language import say, using

from . import __doc__ as about
from . import api_auth, api_pull, api_sync, ogc
from .config import Settings
from .context import CLIENT_VERSION, REQUEST_ID
from .errors import HttpError, Invalid, TooLarge, locale_of, problem, status_of

LOG = logging.getLogger("farmland_guard_server")
PROBLEM = "application/problem+json"


class HttpProblem(HttpError):
    """An error Starlette raised itself (an unknown path, a wrong method)."""

    def __init__(self, status: int, detail: str):
        self.status = status
        self.code = {404: "not_found", 405: "method_not_allowed"}.get(status, "http")
        super().__init__(say("{detail}", "{detail}", detail=detail), self.code)


def _answer(request: Request, error: FarmlandGuardError) -> JSONResponse:
    locale = locale_of(request.headers.get("accept-language"))
    body = problem(error, locale, REQUEST_ID.get())
    return JSONResponse(body, status_code=status_of(error), media_type=PROBLEM,
                        headers=getattr(error, "headers", None) or None)


class Limits:
    """Pure ASGI: a request id for every request, a log line when it ends, and bodies above
    the limit refused before they are read whole."""

    def __init__(self, app, settings: Settings):
        self.app, self.settings = app, settings

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        rid = headers.get("x-request-id", "")[:64] or uuid.uuid4().hex
        REQUEST_ID.set(rid)
        CLIENT_VERSION.set(headers.get("x-client-version", "")[:40] or None)
        limit = (self.settings.max_attachment if scope["path"].startswith("/sync/v1/attachments")
                 else self.settings.max_body)
        started, status = time.perf_counter(), [500]

        async def sending(message):
            if message["type"] == "http.response.start":
                status[0] = message["status"]
                message["headers"] = [*message.get("headers", []),
                                      (b"x-request-id", rid.encode())]
            await send(message)

        seen = [0]

        async def receiving():
            message = await receive()
            seen[0] += len(message.get("body", b""))
            if seen[0] > limit:
                raise _TooLarge(limit)
            return message

        try:
            length = int(headers.get("content-length") or 0)
        except ValueError:
            length = 0
        try:
            if length > limit:
                raise _TooLarge(limit)
            with using(locale_of(headers.get("accept-language"))):
                await self.app(scope, receiving, sending)
        except _TooLarge as too_large:
            locale = locale_of(headers.get("accept-language"))
            error = TooLarge(say("the request body is over {limit} bytes",
                                 "请求体超过 {limit} 字节", limit=too_large.limit), "body_size")
            body = json.dumps(problem(error, locale, rid), ensure_ascii=False).encode()
            await sending({"type": "http.response.start", "status": 413,
                           "headers": [(b"content-type", PROBLEM.encode()),
                                       (b"content-length", str(len(body)).encode()),
                                       (b"connection", b"close")]})
            await send({"type": "http.response.body", "body": body})
        finally:
            LOG.info(json.dumps({"request_id": rid, "method": scope["method"],
                                 "path": scope["path"], "status": status[0],
                                 "ms": round((time.perf_counter() - started) * 1000, 1),
                                 "client": (scope.get("client") or [None])[0]}))


class _TooLarge(Exception):
    def __init__(self, limit: int):
        self.limit = limit


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.load()
    if not LOG.handlers:  # each worker process logs one JSON line per request to stderr
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        LOG.addHandler(handler)
        LOG.setLevel(logging.INFO)
    app = FastAPI(title="farmland_guard server", version="1", description=about,
                  openapi_url="/openapi.json", docs_url="/docs", redoc_url=None)
    app.state.settings = settings

    @app.exception_handler(FarmlandGuardError)
    async def domain_error(request: Request, error: FarmlandGuardError):
        return _answer(request, error)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, error: RequestValidationError):
        first = error.errors()[0] if error.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or "body"
        invalid = Invalid(say("{field}: {why}", "{field}：{why}", field=where,
                              why=first.get("msg", "invalid")), first.get("type", "validation"),
                          field=where)
        response = _answer(request, invalid)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException):
        return _answer(request, HttpProblem(error.status_code, str(error.detail)))

    @app.exception_handler(Exception)
    async def bug(request: Request, error: Exception):
        LOG.exception("request %s failed", REQUEST_ID.get())
        failed = HttpProblem(500, "internal error; the request id names it in the server log")
        return _answer(request, failed)

    @app.get("/healthz", tags=["operations"])
    def healthz() -> dict:
        from sqlalchemy import text

        from .db import engine

        with engine(settings.db_url).connect() as conn:
            conn.execute(text("SELECT 1"))
        return {"status": "ok"}

    app.include_router(api_auth.router)
    app.include_router(api_sync.router)
    app.include_router(api_pull.router)
    app.include_router(ogc.router)
    app.add_middleware(Limits, settings=settings)
    return app
