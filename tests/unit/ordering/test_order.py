"""The Order aggregate: its lines, its total, and its state machine."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from uuid import uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.ordering.events import OrderCancelled, OrderPaid, OrderPlaced, OrderShipped
from domain.ordering.order import (
    InvalidOrderError,
    InvalidOrderStateError,
    MixedCurrencyError,
    Order,
    OrderLine,
    OrderStatus,
)
from domain.shared.ids import CustomerId, OrderId
from domain.shared.money import Money

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
LATER = NOW + timedelta(hours=1)


def line(price: str = "9.99", quantity: int = 1, currency: str = "EUR") -> OrderLine:
    return OrderLine(
        product_id=uuid4(),
        sku="MUG-001",
        name="Mug",
        unit_price=Money.of(price, currency),
        quantity=quantity,
    )


def place(*lines: OrderLine) -> Order:
    return place_lines(list(lines) or [line()])


def place_lines(lines: list[OrderLine]) -> Order:
    return Order.place(
        id=OrderId(uuid4()),
        customer_id=CustomerId(uuid4()),
        lines=lines,
        now=NOW,
        event_id=uuid4(),
    )


Action = Callable[[Order], None]
ACTIONS: dict[str, Action] = {
    "pay": lambda order: order.mark_paid(now=LATER, event_id=uuid4()),
    "ship": lambda order: order.ship(now=LATER, event_id=uuid4()),
    "cancel": lambda order: order.cancel(now=LATER, event_id=uuid4()),
}
PATHS: dict[OrderStatus, list[str]] = {
    OrderStatus.PLACED: [],
    OrderStatus.PAID: ["pay"],
    OrderStatus.SHIPPED: ["pay", "ship"],
    OrderStatus.CANCELLED: ["cancel"],
}


def order_in(status: OrderStatus) -> Order:
    order = place()
    for action in PATHS[status]:
        ACTIONS[action](order)
    order.pull_events()
    return order


def test_a_placed_order_snapshots_its_lines_and_totals_them() -> None:
    order = place(line("9.99", 2), line("4.50", 3))
    assert order.status is OrderStatus.PLACED
    assert order.total == Money.of("33.48", "EUR")
    assert [item.line_total for item in order.lines] == [
        Money.of("19.98", "EUR"),
        Money.of("13.50", "EUR"),
    ]
    assert order.invoice_id is None
    assert (order.version, order.created_at, order.updated_at) == (1, NOW, NOW)


def test_placing_records_order_placed_with_what_an_invoice_needs() -> None:
    order = place(line("5.00", 2))
    [event] = order.pull_events()
    assert isinstance(event, OrderPlaced)
    assert (event.order_id, event.customer_id, event.total) == (
        order.id,
        order.customer_id,
        Money.of("10.00", "EUR"),
    )
    assert event.aggregate_id == order.id
    assert event.occurred_at == NOW


def test_recorded_events_are_handed_over_once() -> None:
    order = place()
    assert len(order.pull_events()) == 1
    assert order.pull_events() == []


@pytest.mark.parametrize("count", [0, 51])
def test_an_order_has_one_to_fifty_lines(count: int) -> None:
    with pytest.raises(InvalidOrderError, match="1-50 lines"):
        place_lines([line() for _ in range(count)])


def test_fifty_lines_are_allowed() -> None:
    assert len(place(*[line() for _ in range(50)]).lines) == 50


@pytest.mark.parametrize("quantity", [0, -1, 1001])
def test_a_quantity_outside_one_to_a_thousand_is_refused(quantity: int) -> None:
    with pytest.raises(InvalidOrderError, match="quantity"):
        line(quantity=quantity)


def test_lines_in_two_currencies_are_refused() -> None:
    with pytest.raises(MixedCurrencyError, match="EUR, USD"):
        place(line(currency="EUR"), line(currency="USD"))


def test_quantities_add_up_the_lines_of_one_product() -> None:
    first, other = line(quantity=2), line(quantity=5)
    again = OrderLine(
        product_id=first.product_id,
        sku=first.sku,
        name=first.name,
        unit_price=first.unit_price,
        quantity=3,
    )
    assert place(first, other, again).quantities() == {first.product_id: 5, other.product_id: 5}


@pytest.mark.parametrize(
    ("status", "action", "after", "event"),
    [
        (OrderStatus.PLACED, "pay", OrderStatus.PAID, OrderPaid),
        (OrderStatus.PAID, "ship", OrderStatus.SHIPPED, OrderShipped),
        (OrderStatus.PLACED, "cancel", OrderStatus.CANCELLED, OrderCancelled),
    ],
)
def test_a_legal_transition_changes_the_status_and_records_an_event(
    status: OrderStatus, action: str, after: OrderStatus, event: type
) -> None:
    order = order_in(status)
    version = order.version
    ACTIONS[action](order)
    assert order.status is after
    assert (order.version, order.updated_at) == (version + 1, LATER)
    [recorded] = order.pull_events()
    assert isinstance(recorded, event)
    assert recorded.aggregate_id == order.id


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (OrderStatus.PLACED, "ship"),
        (OrderStatus.PAID, "pay"),
        (OrderStatus.PAID, "cancel"),
        (OrderStatus.SHIPPED, "pay"),
        (OrderStatus.SHIPPED, "ship"),
        (OrderStatus.SHIPPED, "cancel"),
        (OrderStatus.CANCELLED, "ship"),
        (OrderStatus.CANCELLED, "cancel"),
    ],
)
def test_an_illegal_transition_is_refused_and_changes_nothing(
    status: OrderStatus, action: str
) -> None:
    order = order_in(status)
    version = order.version
    with pytest.raises(InvalidOrderStateError) as refusal:
        ACTIONS[action](order)
    assert refusal.value.code == "invalid_order_state"
    assert (order.status, order.version) == (status, version)
    assert order.pull_events() == []


def test_paying_for_a_cancelled_order_changes_nothing() -> None:
    order = order_in(OrderStatus.CANCELLED)
    version = order.version
    ACTIONS["pay"](order)
    assert (order.status, order.version) == (OrderStatus.CANCELLED, version)
    assert order.pull_events() == []


@pytest.mark.parametrize("status", list(OrderStatus))
def test_attaching_the_invoice_is_a_change_in_any_state(status: OrderStatus) -> None:
    order = order_in(status)
    version = order.version
    invoice_id = uuid4()
    order.attach_invoice(invoice_id, now=LATER)
    assert (order.invoice_id, order.version, order.updated_at) == (invoice_id, version + 1, LATER)
    assert order.pull_events() == []


def test_an_order_has_one_invoice_only() -> None:
    order = place()
    order.attach_invoice(uuid4(), now=LATER)
    with pytest.raises(InvalidOrderStateError, match="already has invoice"):
        order.attach_invoice(uuid4(), now=LATER)


cents = st.integers(min_value=1, max_value=10_000_000)
quantities = st.integers(min_value=1, max_value=1000)


@given(st.lists(st.tuples(cents, quantities), min_size=1, max_size=50))
def test_the_total_is_the_sum_of_the_line_totals(priced: list[tuple[int, int]]) -> None:
    order = place(*[line(str(Decimal(c) / 100), q) for c, q in priced])
    assert order.total == sum((item.line_total for item in order.lines), Money.zero("EUR"))
    assert order.total.amount == sum(Decimal(c) / 100 * q for c, q in priced)
