"""What this context needs from the outside: a repository for writes, a read model for reads.

Commands load and save whole widgets; queries go straight to a read model that returns
ready-made views in one round trip.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from application.shared.pagination import Page, PageRequest
from application.shared.unit_of_work import UnitOfWork
from domain.widgets.ids import WidgetId
from domain.widgets.widget import Widget, WidgetStatus


class WidgetRepository(Protocol):
    async def get(self, widget_id: WidgetId) -> Widget | None: ...

    def add(self, widget: Widget) -> None: ...


class WidgetsUnitOfWork(UnitOfWork, Protocol):
    widgets: WidgetRepository


@dataclass(frozen=True, slots=True, kw_only=True)
class WidgetView:
    id: WidgetId
    name: str
    status: WidgetStatus
    created_at: datetime
    updated_at: datetime
    version: int

    @classmethod
    def of(cls, widget: Widget) -> WidgetView:
        return cls(
            id=widget.id,
            name=widget.name,
            status=widget.status,
            created_at=widget.created_at,
            updated_at=widget.updated_at,
            version=widget.version,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class WidgetCriteria:
    """TODO the filters the team's screens need; each one needs an index that serves it."""

    status: WidgetStatus | None = None


class WidgetQueries(Protocol):
    async def get(self, widget_id: WidgetId) -> WidgetView | None: ...

    async def list(self, criteria: WidgetCriteria, page: PageRequest) -> Page[WidgetView]:
        """Newest first; the keyset is `(created_at ISO 8601, id)`."""
        ...
