"""Reading orders: customers see their own, staff see all; pages walk every order once."""

from datetime import timedelta

import pytest

from application.catalog.ports import ProductView
from application.ordering.get_order import GetOrder
from application.ordering.list_orders import ListOrders
from application.ordering.ports import OrderCriteria, OrderView
from application.shared.caller import Caller, NotAuthenticatedError
from application.shared.pagination import Page, PageRequest
from domain.ordering.order import OrderNotFoundError, OrderStatus
from domain.shared.ids import OrderId
from domain.shared.roles import Role
from tests.unit.ordering.shop import Shop


@pytest.fixture
def ann(shop: Shop) -> Caller:
    return Caller(user_id=shop.ids.new_id(), role=Role.CUSTOMER)


@pytest.fixture
def bob(shop: Shop) -> Caller:
    return Caller(user_id=shop.ids.new_id(), role=Role.CUSTOMER)


@pytest.fixture
async def orders(shop: Shop, ann: Caller, bob: Caller, tea: ProductView) -> list[OrderView]:
    """Ann's three orders an hour apart, the last cancelled, then one of Bob's."""
    placed = []
    for caller in (ann, ann, ann, bob):
        placed.append(await shop.place(caller, (tea, 1)))
        shop.clock.advance(timedelta(hours=1))
    await shop.cancel(ann, placed[2].id)
    return placed


async def listed(shop: Shop, caller: Caller, **criteria: object) -> list[OrderId]:
    criteria_ = OrderCriteria(**criteria)  # type: ignore[arg-type]
    page = await ListOrders(shop.orders)(caller, criteria_, PageRequest())
    return [view.id for view in page.items]


async def test_customers_read_their_own_orders(
    shop: Shop, ann: Caller, orders: list[OrderView]
) -> None:
    view = await GetOrder(shop.orders)(ann, orders[0].id)
    assert view == orders[0]


async def test_another_customers_order_is_not_found(
    shop: Shop, bob: Caller, orders: list[OrderView]
) -> None:
    with pytest.raises(OrderNotFoundError) as refusal:
        await GetOrder(shop.orders)(bob, orders[0].id)
    assert refusal.value.code == "order_not_found"


async def test_staff_read_any_order(shop: Shop, orders: list[OrderView]) -> None:
    assert (await GetOrder(shop.orders)(shop.staff, orders[3].id)).id == orders[3].id


async def test_an_unknown_order_is_not_found(shop: Shop, ann: Caller) -> None:
    with pytest.raises(OrderNotFoundError):
        await GetOrder(shop.orders)(ann, OrderId(shop.ids.new_id()))


async def test_anonymous_callers_read_no_orders(shop: Shop, orders: list[OrderView]) -> None:
    with pytest.raises(NotAuthenticatedError):
        await GetOrder(shop.orders)(Caller.anonymous(), orders[0].id)
    with pytest.raises(NotAuthenticatedError):
        await listed(shop, Caller.anonymous())


async def test_customers_list_only_their_own_orders_newest_first(
    shop: Shop, ann: Caller, bob: Caller, orders: list[OrderView]
) -> None:
    assert await listed(shop, ann) == [orders[2].id, orders[1].id, orders[0].id]
    assert await listed(shop, ann, customer_id=bob.user_id) == []
    assert await listed(shop, ann, customer_id=ann.user_id) == await listed(shop, ann)


async def test_staff_list_every_order_and_filter_by_customer(
    shop: Shop, bob: Caller, orders: list[OrderView]
) -> None:
    assert await listed(shop, shop.staff) == [order.id for order in reversed(orders)]
    assert await listed(shop, shop.staff, customer_id=bob.user_id) == [orders[3].id]


async def test_orders_filter_by_status_and_creation_time(
    shop: Shop, orders: list[OrderView]
) -> None:
    assert await listed(shop, shop.staff, status=OrderStatus.CANCELLED) == [orders[2].id]
    assert await listed(
        shop,
        shop.staff,
        created_after=orders[1].created_at,
        created_before=orders[3].created_at,
    ) == [orders[2].id, orders[1].id]


async def test_pages_walk_every_order_once(shop: Shop, orders: list[OrderView]) -> None:
    seen: list[OrderId] = []
    after = None
    while True:
        page: Page[OrderView] = await ListOrders(shop.orders)(
            shop.staff, OrderCriteria(), PageRequest(limit=3, after=after)
        )
        seen += [view.id for view in page.items]
        if page.next_key is None:
            break
        after = page.next_key
    assert seen == [order.id for order in reversed(orders)]


async def test_orders_placed_in_the_same_instant_are_paged_once_each(
    shop: Shop, ann: Caller, tea: ProductView
) -> None:
    placed = {(await shop.place(ann, (tea, 1))).id for _ in range(5)}
    seen: list[OrderId] = []
    after = None
    for _ in range(3):
        page = await ListOrders(shop.orders)(
            ann, OrderCriteria(), PageRequest(limit=2, after=after)
        )
        seen += [view.id for view in page.items]
        after = page.next_key
    assert after is None
    assert sorted(seen) == sorted(placed)
