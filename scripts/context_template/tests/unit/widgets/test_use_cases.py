"""The widgets use cases, against in-memory adapters."""

import pytest

from adapters.ids import UuidV7Generator
from adapters.memory.store import InMemoryStore
from adapters.memory.unit_of_work import InMemoryUnitOfWork
from adapters.memory.widgets import InMemoryWidgetQueries
from application.shared.caller import Caller, NotAuthenticatedError
from application.shared.errors import PermissionDeniedError, PreconditionFailedError
from application.shared.pagination import PageRequest
from application.widgets.close_widget import CloseWidget, CloseWidgetCommand
from application.widgets.create_widget import CreateWidget, CreateWidgetCommand
from application.widgets.get_widget import GetWidget
from application.widgets.list_widgets import ListWidgets
from application.widgets.ports import WidgetCriteria, WidgetView
from domain.widgets.ids import WidgetId
from domain.widgets.widget import InvalidWidgetStateError, WidgetNotFoundError, WidgetStatus
from tests.fakes import FixedClock, memory_uow


@pytest.fixture
async def widget(
    store: InMemoryStore, clock: FixedClock, ids: UuidV7Generator, staff: Caller
) -> WidgetView:
    async with memory_uow(store) as uow:
        view = await CreateWidget(uow, clock, ids)(staff, CreateWidgetCommand(name="First"))
        await uow.commit()
    return view


async def test_staff_create_a_widget_and_its_event_goes_to_the_outbox(
    widget: WidgetView, store: InMemoryStore
) -> None:
    assert store.table("widgets")[widget.id].name == "First"
    assert [record.event.aggregate_id for record in store.outbox] == [widget.id]


async def test_a_customer_may_not_create_widgets(
    uow: InMemoryUnitOfWork, clock: FixedClock, ids: UuidV7Generator, customer: Caller
) -> None:
    async with uow:
        with pytest.raises(PermissionDeniedError):
            await CreateWidget(uow, clock, ids)(customer, CreateWidgetCommand(name="Mine"))


async def test_closing_with_the_current_version_applies(
    widget: WidgetView, uow: InMemoryUnitOfWork, clock: FixedClock, ids: UuidV7Generator,
    staff: Caller,
) -> None:
    async with uow:
        close = CloseWidget(uow, clock, ids)
        view = await close(staff, CloseWidgetCommand(widget_id=widget.id, expected_version=1))
        await uow.commit()
    assert (view.status, view.version) == (WidgetStatus.CLOSED, 2)


async def test_closing_with_a_stale_version_is_refused(
    widget: WidgetView, uow: InMemoryUnitOfWork, clock: FixedClock, ids: UuidV7Generator,
    staff: Caller,
) -> None:
    async with uow:
        close = CloseWidget(uow, clock, ids)
        with pytest.raises(PreconditionFailedError):
            await close(staff, CloseWidgetCommand(widget_id=widget.id, expected_version=7))


async def test_closing_twice_is_refused_and_a_missing_widget_is_not_found(
    widget: WidgetView, store: InMemoryStore, clock: FixedClock, ids: UuidV7Generator,
    staff: Caller,
) -> None:
    async with memory_uow(store) as uow:
        await CloseWidget(uow, clock, ids)(staff, CloseWidgetCommand(widget_id=widget.id))
        await uow.commit()
    async with memory_uow(store) as uow:
        close = CloseWidget(uow, clock, ids)
        with pytest.raises(InvalidWidgetStateError):
            await close(staff, CloseWidgetCommand(widget_id=widget.id))
        with pytest.raises(WidgetNotFoundError):
            await close(staff, CloseWidgetCommand(widget_id=WidgetId(ids.new_id())))


async def test_signed_in_callers_read_widgets_and_anonymous_ones_are_refused(
    widget: WidgetView, store: InMemoryStore, customer: Caller, ids: UuidV7Generator
) -> None:
    queries = InMemoryWidgetQueries(store)
    assert await GetWidget(queries)(customer, widget.id) == widget
    with pytest.raises(WidgetNotFoundError):
        await GetWidget(queries)(customer, WidgetId(ids.new_id()))
    page = await ListWidgets(queries)(customer, WidgetCriteria(), PageRequest())
    assert page.items == [widget]
    with pytest.raises(NotAuthenticatedError):
        await ListWidgets(queries)(Caller.anonymous(), WidgetCriteria(), PageRequest())
