"""The sync's long work, run in a ``StoreTask`` (its own thread, progress and cancel): each job
opens the work store itself, in the task's thread — an SQLite connection belongs to the thread
that made it —, and closes it before it returns. What the jobs return is plain data the dock
shows in the UI thread."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..core import verdicts
from ..core.errors import Cancelled, never
from ..sync.client import Client
from .store_task import StoreTask


@dataclass
class Status:
    """What the dock's status line says of a work store."""

    pending: int = 0
    rejected: int = 0
    conflicts: int = 0
    returned: int = 0
    sync_at: str = ""
    sync_url: str = ""


@dataclass
class Done:
    """A job's answer: the push/pull report, the store's status after it, and what else the
    job learnt (who signed in, the batches, the store a pull made)."""

    report: object = None
    status: Status | None = None
    me: dict = field(default_factory=dict)
    batches: list = field(default_factory=list)
    imported: object = None  # the ImportResult of a pull


def status_of(path: Path) -> Status:
    from ..store.outbox import Outbox
    from ..store.queue import Queue
    from ..store.workstore import WorkStore

    with WorkStore(path) as store:
        outbox = Outbox(store)
        counts, state = outbox.counts(), outbox.sync_state()
        states = Queue(store).progress().states
        returned = sum(states.get(s, 0) for s in verdicts.RETURNED_STATES)
    return Status(counts["pending"], counts["rejected"], counts["conflicts"], returned,
                  state.get("sync_at") or "", state.get("sync_url") or "")


def signed_in(client: Client, credentials) -> Client:
    """The client with a token, signing in with ``credentials`` (user, password) if needed."""
    if not client.access and credentials:
        client.sign_in(*credentials)
    return client


def sign_in(client: Client, credentials, progress=lambda p: None, cancelled=never) -> Done:
    client.access = client.refresh_token = None
    signed_in(client, credentials)
    progress(40)
    me = client.me()
    progress(70)
    return Done(me=me, batches=client.batches())


def store_name(batch: dict) -> str:
    """The work store a batch becomes: its name (or county and id), safe as a file name."""
    name = str(batch.get("name") or f"{batch.get('XZQDM', '')}_{batch['id']}")
    name = re.sub(r'[\\/:*?"<>|\s]+', "_", Path(name).stem).strip("._") or f"batch_{batch['id']}"
    return name + "_核查.gpkg"


def pull_batch(client: Client, credentials, batch: dict, folder: Path, progress=lambda p: None,
               cancelled=never) -> Done:
    """The batch's package downloaded beside the store, then imported exactly as a delivered
    one is (a store that exists already is merged, never overwritten); the store remembers
    its server. The download is removed whatever happens."""
    from ..store import importer
    from ..store.outbox import Outbox
    from ..store.workstore import WorkStore

    signed_in(client, credentials)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    store = folder / store_name(batch)
    download = folder / f".fg-pull-{batch['id']}.gpkg"
    try:
        client.package(batch["id"], download, lambda p: progress(p * 0.4), cancelled)
        if cancelled():
            raise Cancelled()
        imported = importer.run(download, store, progress=lambda p: progress(40 + p * 0.58),
                                cancelled=cancelled)
    finally:
        download.unlink(missing_ok=True)
    with WorkStore(store) as opened:
        Outbox(opened).set_sync_state(sync_url=client.url)
    progress(100)
    return Done(imported=imported, status=status_of(store))


def push(client: Client, credentials, store: Path, progress=lambda p: None,
         cancelled=never) -> Done:
    return _run("push", client, credentials, store, progress, cancelled)


def sync(client: Client, credentials, store: Path, progress=lambda p: None,
         cancelled=never) -> Done:
    return _run("sync", client, credentials, store, progress, cancelled)


def _run(how: str, client: Client, credentials, store: Path, progress, cancelled) -> Done:
    from ..store.outbox import Outbox
    from ..store.workstore import WorkStore, now
    from ..sync import engine

    signed_in(client, credentials)
    with WorkStore(store) as opened:
        outbox = Outbox(opened)
        report = getattr(engine, how)(outbox, client, progress, cancelled)
        done = {"sync_url": client.url}
        if how == "sync":  # pushed and pulled: the store is as the server is now
            done["sync_at"] = now()
        outbox.set_sync_state(**done)
    return Done(report=report, status=status_of(store))


def task(description: str, job, **arguments) -> StoreTask:
    return StoreTask(description, job, **arguments)
