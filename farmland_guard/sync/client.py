"""The server's API as Python calls. Requests that are safe to repeat — reads, pushes (they
carry an ``Idempotency-Key`` and op ids the server deduplicates), attachment uploads (addressed
by their SHA-256) — are retried with backoff on dropped connections and 5xx, with the very same
body and key each time. An expired access token is refreshed once, transparently."""

from __future__ import annotations

import base64
import hashlib
import random
import time
from pathlib import Path
from typing import Callable

import requests

from ..core.errors import Cancelled, never
from ..core.language import say
from .errors import Offline, Refused, ServerFailed, SignInNeeded, SyncError

TIMEOUT = (5, 120)  # seconds to connect, to read
RETRIES = 4
BACKOFF = 0.5  # seconds, doubled at each retry, with jitter
CHUNK = 1 << 20
PART = 8 << 20  # larger files go in parts of this many bytes, resumable


class Client:
    def __init__(self, url: str, session: requests.Session | None = None,
                 retries: int = RETRIES, backoff: float = BACKOFF, timeout=TIMEOUT,
                 language: str = "zh-CN", client_version: str = "",
                 sleep: Callable[[float], None] = time.sleep):
        self.url = url.rstrip("/")
        self.http = session or requests.Session()
        self.http.headers.update({"Accept-Language": language,
                                  "X-Client-Version": client_version or "farmland_guard"})
        self.retries, self.backoff, self.timeout, self.sleep = retries, backoff, timeout, sleep
        self.access: str | None = None
        self.refresh_token: str | None = None

    # --- accounts ------------------------------------------------------------------------

    def sign_in(self, user: str, password: str) -> dict:
        tokens = self._call("POST", "/auth/token", data={"username": user, "password": password},
                            retry=True, auth=False)
        self._keep(tokens)
        return tokens

    def sign_out(self) -> None:
        if self.refresh_token:
            self._call("POST", "/auth/logout", data={"refresh_token": self.refresh_token},
                       retry=True, auth=False)
        self.access = self.refresh_token = None

    def _keep(self, tokens: dict) -> None:
        self.access, self.refresh_token = tokens["access_token"], tokens["refresh_token"]

    def _refresh(self) -> bool:
        if not self.refresh_token:
            return False
        try:
            self._keep(self._call("POST", "/auth/refresh",
                                  data={"refresh_token": self.refresh_token}, retry=True,
                                  auth=False))
            return True
        except SignInNeeded:
            self.access = self.refresh_token = None
            return False

    # --- the API -------------------------------------------------------------------------

    def me(self) -> dict:
        return self._call("GET", "/sync/v1/me")

    def batches(self) -> list[dict]:
        return self._call("GET", "/sync/v1/batches")

    def changes(self, since: int, limit: int = 1000) -> dict:
        return self._call("GET", "/sync/v1/changes", params={"since": since, "limit": limit})

    def push(self, ops: list[dict], key: str) -> dict:
        return self._call("POST", "/sync/v1/push", json={"ops": ops},
                          headers={"Idempotency-Key": key}, retry=True)

    def results(self, after: str = "", state: str | None = None, limit: int = 1000) -> dict:
        """A page of the region's results (``next``: the ``after`` of the next page)."""
        params = {"after": after, "limit": limit, **({"state": state} if state else {})}
        return self._call("GET", "/sync/v1/results", params=params)

    def split(self, jcbh: str) -> dict:
        """A patch's parcels on the server: ``{JCBH, version, parcels}``."""
        return self._call("GET", f"/sync/v1/patches/{jcbh}/parcels")

    def problem(self, wtbh: str) -> dict:
        """A problem of the rectification ledger: ``{WTBH, XZQDM, version, data, geom_wkb…}``."""
        return self._call("GET", f"/sync/v1/problems/{wtbh}")

    def problems(self, after: str = "", limit: int = 1000) -> dict:
        """A page of the region's problems (``next``: the ``after`` of the next page)."""
        return self._call("GET", "/sync/v1/problems", params={"after": after, "limit": limit})

    def result(self, result_id: str) -> dict:
        return self._call("GET", f"/sync/v1/results/{result_id}")

    def review(self, result_id: str, version: int, decision: str, comment: str | None) -> dict:
        return self._call("POST", f"/sync/v1/results/{result_id}/review",
                          json={"decision": decision, "comment": comment},
                          headers={"If-Match": f'"{version}"'})

    def package(self, batch_id: int, dest: Path, progress: Callable[[float], None] = lambda p: None,
                cancelled: Callable[[], bool] = never) -> Path:
        """A batch assigned to the caller, as the GeoPackage the importer reads, streamed to
        ``dest`` (written whole or not at all: a part file renamed at the end)."""
        url = f"{self.url}/sync/v1/batches/{batch_id}/package"
        refreshed = False
        while True:
            sent = {"Authorization": "Bearer " + self.access} if self.access else {}
            try:
                answer = self.http.get(url, headers=sent, timeout=self.timeout, stream=True)
            except (requests.ConnectionError, requests.Timeout) as error:
                raise Offline(say("cannot reach the server {url} ({why})",
                                  "无法连接服务器 {url}（{why}）", url=self.url,
                                  why=type(error).__name__)) from None
            if answer.status_code == 401 and not refreshed and self._refresh():
                refreshed = True
                continue
            break
        if not answer.ok:
            return self._read(answer)  # raises the typed error
        total, done = int(answer.headers.get("Content-Length") or 0), 0
        part = Path(dest).with_name(Path(dest).name + ".part")
        try:
            with answer, open(part, "wb") as f:
                for chunk in answer.iter_content(CHUNK):
                    if cancelled():
                        raise Cancelled()
                    f.write(chunk)
                    done += len(chunk)
                    if total:
                        progress(min(99.0, 100.0 * done / total))
            part.replace(dest)
        except (requests.ConnectionError, requests.Timeout) as error:
            raise Offline(say("the connection to {url} broke off ({why}); pull again",
                              "与 {url} 的连接中断（{why}），请重新拉取", url=self.url,
                              why=type(error).__name__)) from None
        finally:
            part.unlink(missing_ok=True)
        return Path(dest)

    def missing(self, digests: list[str]) -> list[str]:
        return self._call("POST", "/sync/v1/attachments/missing",
                          json={"sha256": digests}, retry=True)["missing"]

    def upload(self, path: Path, digest: str, mime: str = "application/octet-stream") -> dict:
        """A file by its SHA-256: whole when small, else in parts the server keeps, going on
        from where it holds them after a dropped connection (or the next sync)."""
        size = Path(path).stat().st_size
        headers = {"Content-Digest": "sha-256=:" + base64.b64encode(bytes.fromhex(digest)).decode()
                   + ":", "Content-Type": mime}
        if size <= PART:
            return self._call("PUT", f"/sync/v1/attachments/{digest}", retry=True,
                              body=lambda: Path(path).read_bytes(), headers=headers)
        offset = self._call("GET", f"/sync/v1/attachments/{digest}/offset")["offset"]
        while True:
            end = min(offset + PART, size) - 1

            def part(start=offset, end=end):
                with open(path, "rb") as f:
                    f.seek(start)
                    return f.read(end - start + 1)

            try:
                answer = self._call("PUT", f"/sync/v1/attachments/{digest}", retry=True, body=part,
                                    headers={**headers,
                                             "Content-Range": f"bytes {offset}-{end}/{size}"})
            except Refused as refused:  # a part that arrived though its answer did not
                if refused.status != 409 or refused.problem.get("rule") != "offset":
                    raise
                offset = int(refused.problem["params"]["offset"])
                continue
            if answer.get("complete", True):
                return answer
            offset = answer["size"]

    # --- transport -----------------------------------------------------------------------

    def _call(self, method: str, path: str, retry: bool | None = None, auth: bool = True,
              body: Callable | None = None, headers: dict | None = None, **kw):
        retry = method == "GET" if retry is None else retry
        refreshed, attempt = False, 0
        while True:
            sent = dict(headers or {})
            if auth and self.access:
                sent["Authorization"] = "Bearer " + self.access
            if body is not None:
                kw["data"] = body()
            try:
                answer = self.http.request(method, self.url + path, headers=sent,
                                           timeout=self.timeout, **kw)
                if answer.ok and answer.status_code != 204 and not _is_json(answer):
                    raise requests.ConnectionError("the answer was cut short")
            except (requests.ConnectionError, requests.Timeout,
                    requests.exceptions.ChunkedEncodingError) as error:
                if retry and attempt < self.retries:
                    attempt += 1
                    self._wait(attempt, None)
                    continue
                raise Offline(say("cannot reach the server {url} ({why})",
                                  "无法连接服务器 {url}（{why}）", url=self.url,
                                  why=type(error).__name__)) from None
            if answer.status_code == 401 and auth and not refreshed and self._refresh():
                refreshed = True
                continue
            if answer.status_code >= 500 and retry and attempt < self.retries:
                attempt += 1
                self._wait(attempt, answer.headers.get("Retry-After"))
                continue
            return self._read(answer)

    def _wait(self, attempt: int, retry_after: str | None) -> None:
        delay = self.backoff * 2 ** (attempt - 1) * (0.5 + random.random())
        if retry_after and retry_after.isdigit():
            delay = max(delay, min(float(retry_after), 60.0))
        self.sleep(delay)

    def _read(self, answer: requests.Response):
        if answer.status_code == 204:
            return None
        try:
            data = answer.json()
        except ValueError:
            data = None
        if answer.ok:
            if data is None:
                raise SyncError(say("the server answered {status} without JSON",
                                    "服务器返回 {status}，但不是 JSON", status=answer.status_code),
                                "protocol")
            return data
        problem = data if isinstance(data, dict) else {"detail": answer.text[:200]}
        if answer.status_code == 401:
            raise SignInNeeded(say("sign in to {url}: {detail}", "请登录 {url}：{detail}",
                                   url=self.url, detail=problem.get("detail", "")),
                               problem.get("rule") or "sign_in")
        if answer.status_code >= 500:
            raise ServerFailed(say("the server failed ({status}); try again later",
                                   "服务器出错（{status}），请稍后重试",
                                   status=answer.status_code), "server")
        raise Refused(answer.status_code, problem)


def _is_json(answer: requests.Response) -> bool:
    try:
        answer.json()
    except ValueError:
        return False
    return True


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()
