"""The widgets read model: one prepared statement per read, straight into views.

Pages are newest first, served by the `(created_at, id)` index read backwards.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, bindparam, select

from adapters.postgres.newest_first import NewestFirst
from adapters.postgres.read_pool import CompiledQuery, ReadPool
from adapters.postgres.widgets.tables import widgets
from application.shared.pagination import Page, PageRequest
from application.widgets.ports import WidgetCriteria, WidgetView
from domain.widgets.ids import WidgetId
from domain.widgets.widget import WidgetStatus

_COLUMNS = (
    widgets.c.id,
    widgets.c.name,
    widgets.c.status,
    widgets.c.created_at,
    widgets.c.updated_at,
    widgets.c.version,
)
_FILTERS: dict[str, ColumnElement[bool]] = {
    "status": widgets.c.status == bindparam("status"),
}

_GET = CompiledQuery.of(select(*_COLUMNS).where(widgets.c.id == bindparam("id")))


class SqlWidgetQueries:
    def __init__(self, pool: ReadPool) -> None:
        self._pool = pool

    async def get(self, widget_id: WidgetId) -> WidgetView | None:
        row = await self._pool.fetchrow(_GET, {"id": widget_id})
        return None if row is None else _view(row)

    async def list(self, criteria: WidgetCriteria, page: PageRequest) -> Page[WidgetView]:
        filters = {"status": None if criteria.status is None else criteria.status.value}
        return await _LISTING.page(self._pool, filters, page)


def _view(row: Any) -> WidgetView:
    return WidgetView(
        id=row["id"],
        name=row["name"],
        status=WidgetStatus(row["status"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        version=row["version"],
    )


_LISTING = NewestFirst(
    _COLUMNS, _FILTERS, widgets.c.created_at, widgets.c.id, _view, lambda v: (v.created_at, v.id)
)
