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
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from farmland_guard.core.errors import FarmlandGuardError
from farmland_guard.core.language import say, using

from . import __doc__ as about
from . import api_auth, api_pull, api_sync, ogc
from .config import Settings
from .context import CLIENT_VERSION, REQUEST_ID
from .errors import PROBLEM, HttpError, Invalid, Problem, TooLarge, locale_of, problem, status_of

LOG = logging.getLogger("farmland_guard_server")


class HttpProblem(HttpError):
    """An error Starlette raised itself (an unknown path, a wrong method)."""

    def __init__(self, status: int, detail: str):
        self.status = status
        self.code = {404: "not_found", 405: "method_not_allowed"}.get(status, "http")
        text = {404: say("there is nothing at this address ({detail})", "此地址不存在（{detail}）",
                         detail=detail),
                405: say("this address does not take this method ({detail})",
                         "此地址不接受该请求方法（{detail}）", detail=detail),
                500: say("internal error; the request id names it in the server log",
                         "服务器内部错误；请求编号可在服务器日志中查到")}
        super().__init__(text.get(status) or say("{detail}", "{detail}", detail=detail),
                         self.code)


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
                await _drain(receive, message)
                raise _TooLarge(limit)
            return message

        try:
            length = int(headers.get("content-length") or 0)
        except ValueError:
            length = 0
        try:
            if length > limit:
                drained = length <= limit + DRAIN and await _drain(receive)
                raise _TooLarge(limit, close=not drained)
            with using(locale_of(headers.get("accept-language"))):
                await self.app(scope, receiving, sending)
        except _TooLarge as too_large:  # before the application saw the request
            locale = locale_of(headers.get("accept-language"))
            body = json.dumps(problem(too_large.error(), locale, rid),
                              ensure_ascii=False).encode()
            await sending({"type": "http.response.start", "status": 413,
                           "headers": [(b"content-type", PROBLEM.encode()),
                                       (b"content-length", str(len(body)).encode()),
                                       *([(b"connection", b"close")] if too_large.close
                                         else [])]})
            await send({"type": "http.response.body", "body": body})
        finally:
            LOG.info(json.dumps({"request_id": rid, "method": scope["method"],
                                 "path": scope["path"], "status": status[0],
                                 "ms": round((time.perf_counter() - started) * 1000, 1),
                                 "client": (scope.get("client") or [None])[0]}))


# A body over the limit is still read (and thrown away) up to this many bytes more before the
# 413 is sent: a client that sends the whole body before reading the answer (requests, Qt)
# would otherwise meet a connection reset instead of the problem. Beyond it, the connection
# is closed unread.
DRAIN = 64 * 2**20


async def _drain(receive, message: dict | None = None) -> bool:
    """Read the rest of the body, at most ``DRAIN`` bytes: whether it all came."""
    read = 0
    while message is None or message.get("more_body", False):
        message = await receive()
        if message["type"] != "http.request":
            return False  # the client went away
        read += len(message.get("body", b""))
        if read > DRAIN:
            return False
    return True


class _TooLarge(StarletteHTTPException):
    """A body over the limit. Raised while the application reads the body it is an HTTP
    exception, which FastAPI passes on as it is (any other error there becomes a 400 "error
    parsing the body") to the handler below."""

    def __init__(self, limit: int, close: bool = False):
        super().__init__(413)
        self.limit, self.close = limit, close

    def error(self) -> TooLarge:
        return TooLarge(say("the request body is over {limit} bytes", "请求体超过 {limit} 字节",
                            limit=self.limit), "body_size")


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
        if first.get("type") == "json_invalid":
            return _answer(request, Invalid(say(
                "the body is not valid JSON: {why} at character {pos}",
                "请求体不是有效的 JSON：第 {pos} 个字符处{why}", pos=first["loc"][-1],
                why=(first.get("ctx") or {}).get("error", "")), "json_invalid", field="body"))
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or "body"
        invalid = Invalid(say("{field}: {why}", "字段 {field} 不符合规则：{why}", field=where,
                              why=first.get("msg", "invalid")), first.get("type", "validation"),
                          field=where)
        response = _answer(request, invalid)
        return response

    @app.exception_handler(_TooLarge)
    async def too_large(request: Request, error: _TooLarge):
        return _answer(request, error.error())

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException):
        if isinstance(error.__cause__, UnicodeDecodeError):
            # FastAPI turns a body it cannot decode into a bare 400 "error parsing the body"
            return _answer(request, Invalid(say(
                "the body is not JSON in UTF-8: byte {pos} cannot be decoded",
                "请求体不是 UTF-8 编码的 JSON：第 {pos} 字节无法解码",
                pos=error.__cause__.start), "utf8", field="body"))
        return _answer(request, HttpProblem(error.status_code, str(error.detail)))

    @app.exception_handler(DataError)
    async def bad_value(request: Request, error: DataError):
        # the database refused a value the checks above let through (SQLSTATE class 22: a
        # number out of range, a NUL in text): the request's fault, not the server's
        LOG.warning("request %s: the database refused a value: %s", REQUEST_ID.get(),
                    str(error.orig).splitlines()[0] if error.orig else error)
        return _answer(request, Invalid(say(
            "a value is not one the database can store (out of range, or a NUL character)",
            "某个值无法存入数据库（超出范围或含有 NUL 字符）"), "value"))

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

    def openapi() -> dict:
        """FastAPI's document, with the ``Problem`` schema the routes' error responses name."""
        if app.openapi_schema is None:
            document = get_openapi(title=app.title, version=app.version,
                                   description=app.description, routes=app.routes)
            schema = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
            components = document.setdefault("components", {}).setdefault("schemas", {})
            components.update({**schema.pop("$defs", {}), "Problem": schema})
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi
    return app
