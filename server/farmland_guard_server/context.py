"""What a change knows about who makes it: the caller, their scope, the request; and the
journal every change writes in its own transaction (the change feed and the audit row)."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass

from sqlalchemy import update
from sqlalchemy.orm import Session

from .config import Settings
from .models import Audit, Change, Counter
from .scope import Scope

REQUEST_ID: ContextVar[str | None] = ContextVar("request_id", default=None)
CLIENT_VERSION: ContextVar[str | None] = ContextVar("client_version", default=None)


@dataclass
class Context:
    session: Session
    scope: Scope
    settings: Settings

    def journal(self, action: str, entity: str, entity_id: str, xzqdm: str,
                old_version: int | None, new_version: int | None, detail: dict | None = None,
                feed: bool = True) -> None:
        """The audit row of a change and, when others must hear of it, its place in the
        change feed: ``seq`` taken from the counter row in this very transaction."""
        if feed:
            seq = self.session.execute(
                update(Counter).where(Counter.name == "changes")
                .values(value=Counter.value + 1).returning(Counter.value)).scalar_one()
            self.session.add(Change(seq=seq, xzqdm=xzqdm, entity=entity, entity_id=entity_id,
                                    version=new_version))
        self.session.add(Audit(who=self.scope.user, role=self.scope.role,
                               region=self.scope.region, xzqdm=xzqdm, action=action,
                               entity=entity, entity_id=entity_id, old_version=old_version,
                               new_version=new_version, request_id=REQUEST_ID.get(),
                               client_version=CLIENT_VERSION.get(), detail=detail))
