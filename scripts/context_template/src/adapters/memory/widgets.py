"""In-memory widget adapters: the same contracts as PostgreSQL, for fast unit tests."""

from __future__ import annotations

from adapters.memory.store import InMemoryRepository, InMemoryStore, TrackedCopies, newest_first
from application.shared.pagination import Page, PageRequest
from application.widgets.ports import WidgetCriteria, WidgetView
from domain.shared.errors import ConcurrentModificationError
from domain.shared.events import DomainEvent
from domain.widgets.ids import WidgetId
from domain.widgets.widget import Widget


class InMemoryWidgetRepository(InMemoryRepository):
    """Hands out private copies; the unit of work writes them back on commit."""

    def __init__(self, store: InMemoryStore) -> None:
        self.copies: TrackedCopies[WidgetId, Widget] = TrackedCopies(store.table("widgets"))

    async def get(self, widget_id: WidgetId) -> Widget | None:
        return self.copies.get(widget_id)

    def add(self, widget: Widget) -> None:
        self.copies.add(widget.id, widget)

    def check(self) -> None:
        if widgets := self.copies.stale():
            raise ConcurrentModificationError(f"widget {widgets[0]} changed concurrently")

    def recorded_events(self) -> list[DomainEvent]:
        return [event for widget in self.copies.seen() for event in widget.pull_events()]

    def write_back(self) -> None:
        self.copies.write_back()


class InMemoryWidgetQueries:
    """Reads committed state only, as a query on another connection would."""

    def __init__(self, store: InMemoryStore) -> None:
        self._widgets: dict[WidgetId, Widget] = store.table("widgets")

    async def get(self, widget_id: WidgetId) -> WidgetView | None:
        widget = self._widgets.get(widget_id)
        return None if widget is None else WidgetView.of(widget)

    async def list(self, criteria: WidgetCriteria, page: PageRequest) -> Page[WidgetView]:
        views = (
            WidgetView.of(widget)
            for widget in self._widgets.values()
            if criteria.status is None or widget.status == criteria.status
        )
        return newest_first(views, lambda view: (view.created_at, str(view.id)), page)
