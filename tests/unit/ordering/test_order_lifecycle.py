"""Cancelling and shipping orders: who may, when, and in which order the checks run."""

import pytest

from application.catalog.ports import ProductView
from application.ordering.ports import OrderView
from application.shared.caller import Caller, NotAuthenticatedError
from application.shared.errors import PermissionDeniedError, PreconditionFailedError
from domain.ordering.order import InvalidOrderStateError, OrderNotFoundError, OrderStatus
from domain.shared.ids import OrderId
from domain.shared.roles import Role
from tests.unit.ordering.shop import Shop


@pytest.fixture
async def order(shop: Shop, customer: Caller, mug: ProductView) -> OrderView:
    return await shop.place(customer, (mug, 2))


@pytest.fixture
def stranger(shop: Shop) -> Caller:
    return Caller(user_id=shop.ids.new_id(), role=Role.CUSTOMER)


async def paid(shop: Shop, order: OrderView) -> OrderView:
    await shop.deliver()
    invoice = await shop.invoice_of(order.id)
    await shop.pay(invoice.id, str(invoice.total.amount))
    await shop.deliver()
    return await shop.order(order.id)


async def test_the_owner_cancels_a_placed_order_and_its_stock_comes_back(
    shop: Shop, customer: Caller, mug: ProductView, order: OrderView
) -> None:
    cancelled = await shop.cancel(customer, order.id)
    assert (cancelled.status, cancelled.version) == (OrderStatus.CANCELLED, 2)
    assert shop.stock(mug) == 5
    assert shop.events() == ["OrderPlaced", "OrderCancelled"]


@pytest.mark.parametrize("role", [Role.STAFF, Role.ADMIN])
async def test_staff_cancel_any_placed_order(shop: Shop, order: OrderView, role: Role) -> None:
    caller = Caller(user_id=shop.ids.new_id(), role=role)
    assert (await shop.cancel(caller, order.id)).status is OrderStatus.CANCELLED


async def test_another_customers_order_cannot_be_found_to_cancel(
    shop: Shop, stranger: Caller, mug: ProductView, order: OrderView
) -> None:
    with pytest.raises(OrderNotFoundError):
        await shop.cancel(stranger, order.id, expected_version=99)
    assert (await shop.order(order.id)).status is OrderStatus.PLACED
    assert shop.stock(mug) == 3


async def test_anonymous_callers_cannot_cancel(shop: Shop, order: OrderView) -> None:
    with pytest.raises(NotAuthenticatedError):
        await shop.cancel(Caller.anonymous(), order.id)


async def test_cancelling_twice_is_refused_and_releases_nothing_more(
    shop: Shop, customer: Caller, mug: ProductView, order: OrderView
) -> None:
    await shop.cancel(customer, order.id)
    with pytest.raises(InvalidOrderStateError):
        await shop.cancel(customer, order.id)
    assert shop.stock(mug) == 5


async def test_cancelling_a_paid_order_is_refused(
    shop: Shop, customer: Caller, order: OrderView
) -> None:
    await paid(shop, order)
    with pytest.raises(InvalidOrderStateError):
        await shop.cancel(customer, order.id)


async def test_a_cancel_with_the_current_version_applies(
    shop: Shop, customer: Caller, order: OrderView
) -> None:
    cancelled = await shop.cancel(customer, order.id, expected_version=order.version)
    assert cancelled.status is OrderStatus.CANCELLED


async def test_a_stale_version_is_refused_before_the_state_rule(
    shop: Shop, customer: Caller, order: OrderView
) -> None:
    await shop.cancel(customer, order.id)
    with pytest.raises(PreconditionFailedError):
        await shop.cancel(customer, order.id, expected_version=order.version)


async def test_staff_ship_a_paid_order(shop: Shop, order: OrderView) -> None:
    paid_order = await paid(shop, order)
    shipped = await shop.ship(shop.staff, order.id, expected_version=paid_order.version)
    assert (shipped.status, shipped.version) == (OrderStatus.SHIPPED, paid_order.version + 1)
    assert shop.events()[-1] == "OrderShipped"


@pytest.mark.parametrize("cancel_first", [False, True])
async def test_only_a_paid_order_can_be_shipped(
    shop: Shop, customer: Caller, order: OrderView, cancel_first: bool
) -> None:
    if cancel_first:
        await shop.cancel(customer, order.id)
    with pytest.raises(InvalidOrderStateError):
        await shop.ship(shop.staff, order.id)


async def test_shipping_twice_is_refused(shop: Shop, order: OrderView) -> None:
    await paid(shop, order)
    await shop.ship(shop.staff, order.id)
    with pytest.raises(InvalidOrderStateError):
        await shop.ship(shop.staff, order.id)


async def test_a_customer_may_not_ship_whatever_the_order(
    shop: Shop, customer: Caller, order: OrderView
) -> None:
    for order_id in (order.id, OrderId(shop.ids.new_id())):
        with pytest.raises(PermissionDeniedError):
            await shop.ship(customer, order_id)


async def test_shipping_an_unknown_order_is_not_found(shop: Shop) -> None:
    with pytest.raises(OrderNotFoundError):
        await shop.ship(shop.staff, OrderId(shop.ids.new_id()))


async def test_shipping_with_a_stale_version_is_refused(shop: Shop, order: OrderView) -> None:
    await paid(shop, order)
    with pytest.raises(PreconditionFailedError):
        await shop.ship(shop.staff, order.id, expected_version=order.version)
