"""Region scope, in one place (DESIGN.md §6.2): every ORM query a request makes is filtered to
the rows whose ``xzqdm`` starts with the caller's region, every row it adds must lie inside
it, and on PostgreSQL row-level security enforces the same rule again below the ORM.

The scope rides on the session (``session.info``); a session without one sees nothing."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import event, text
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from farmland_guard.core.language import say

from .errors import Forbidden
from .models import Scoped

APP_ROLE = "farmland_guard_app"  # the role row-level security applies to (made by a migration)
NOTHING = "-"  # a prefix no region code starts with


@dataclass(frozen=True)
class Scope:
    user: str
    role: str
    region: str  # an XZQDM prefix: 2 (province), 4 (city) or 6 (county) digits

    def contains(self, code: str | None) -> bool:
        return bool(code) and str(code).startswith(self.region)


def enter(session: Session, scope: Scope | None) -> None:
    """Put ``session`` under ``scope`` (``None``: it sees no scoped row)."""
    session.info["scope"] = scope
    if session.get_bind().dialect.name == "postgresql":
        # SET LOCAL: ends with the transaction, so a pooled connection keeps nothing
        session.execute(text(f"SET LOCAL ROLE {APP_ROLE}"))
        session.execute(text("SELECT set_config('farmland_guard.region', :r, true)"),
                        {"r": scope.region if scope else NOTHING})


def prefix(session: Session) -> str:
    scope = session.info.get("scope")
    return scope.region if scope is not None else NOTHING


@event.listens_for(Session, "do_orm_execute")
def _filter(state: ORMExecuteState) -> None:
    if state.is_select or state.is_update or state.is_delete:
        region = prefix(state.session)
        state.statement = state.statement.options(with_loader_criteria(
            Scoped, lambda cls: cls.xzqdm.startswith(region),
            include_aliases=True, track_closure_variables=True))


@event.listens_for(Session, "before_flush")
def _check_new(session: Session, flush_context, instances) -> None:
    scope = session.info.get("scope")
    for row in list(session.new) + list(session.dirty):
        if isinstance(row, Scoped) and (scope is None or not scope.contains(row.xzqdm)):
            raise Forbidden(say("{code} is outside your region", "{code} 不在您的辖区内",
                                code=row.xzqdm), "region")
