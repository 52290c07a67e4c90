"""The port contract every widgets adapter must honour.

Subclasses provide the `adapters` fixture; the same assertions then run against the
in-memory adapters (unit suite) and PostgreSQL (integration suite), so the fakes the unit
tests rely on cannot drift from the real thing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from uuid6 import uuid7

from application.shared.pagination import PageRequest
from application.widgets.ports import WidgetCriteria, WidgetQueries, WidgetsUnitOfWork
from domain.shared.errors import ConcurrentModificationError
from domain.widgets.ids import WidgetId
from domain.widgets.widget import Widget, WidgetStatus

T0 = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
T1 = T0 + timedelta(minutes=5)


@dataclass
class WidgetsAdapters:
    uow: Callable[[], WidgetsUnitOfWork]
    queries: WidgetQueries


def new_widget(name: str = "First", minutes: int = 0) -> Widget:
    return Widget.create(
        id=WidgetId(uuid7()), name=name, now=T0 + timedelta(minutes=minutes), event_id=uuid7()
    )


async def save(adapters: WidgetsAdapters, *widgets: Widget) -> None:
    async with adapters.uow() as uow:
        for widget in widgets:
            uow.widgets.add(widget)
        await uow.commit()


class WidgetsContract:
    async def test_a_committed_widget_reads_back_equal(self, adapters: WidgetsAdapters) -> None:
        widget = new_widget()
        await save(adapters, widget)
        async with adapters.uow() as uow:
            loaded = await uow.widgets.get(widget.id)
        assert loaded is not None
        assert (loaded.name, loaded.status, loaded.version, loaded.created_at) == (
            "First",
            WidgetStatus.OPEN,
            1,
            T0,
        )
        view = await adapters.queries.get(widget.id)
        assert view is not None
        assert (view.name, view.status, view.version) == ("First", WidgetStatus.OPEN, 1)

    async def test_uncommitted_work_is_rolled_back(self, adapters: WidgetsAdapters) -> None:
        widget = new_widget()
        async with adapters.uow() as uow:
            uow.widgets.add(widget)
        async with adapters.uow() as uow:
            assert await uow.widgets.get(widget.id) is None
        assert await adapters.queries.get(widget.id) is None

    async def test_a_lost_update_is_detected(self, adapters: WidgetsAdapters) -> None:
        widget = new_widget()
        await save(adapters, widget)
        async with adapters.uow() as first, adapters.uow() as second:
            mine = await first.widgets.get(widget.id)
            theirs = await second.widgets.get(widget.id)
            assert mine is not None
            assert theirs is not None
            mine.close(now=T1, event_id=uuid7())
            theirs.close(now=T1, event_id=uuid7())
            await first.commit()
            with pytest.raises(ConcurrentModificationError):
                await second.commit()
        view = await adapters.queries.get(widget.id)
        assert view is not None
        assert (view.status, view.version) == (WidgetStatus.CLOSED, 2)

    async def test_walking_the_pages_returns_every_widget_once_newest_first(
        self, adapters: WidgetsAdapters
    ) -> None:
        widgets = [new_widget(f"W{index}", minutes=index % 3) for index in range(5)]
        widgets[0].close(now=T1, event_id=uuid7())
        await save(adapters, *widgets)
        seen, after = [], None
        while True:
            page = await adapters.queries.list(WidgetCriteria(), PageRequest(limit=2, after=after))
            seen.extend(page.items)
            if page.next_key is None:
                break
            after = page.next_key
        assert sorted(view.id for view in seen) == sorted(widget.id for widget in widgets)
        keys = [(view.created_at, view.id) for view in seen]
        assert keys == sorted(keys, reverse=True)
        closed = await adapters.queries.list(
            WidgetCriteria(status=WidgetStatus.CLOSED), PageRequest()
        )
        assert [view.id for view in closed.items] == [widgets[0].id]
