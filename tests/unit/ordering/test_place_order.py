"""Placing orders: snapshots, one currency, and stock reserved all or nothing."""

import pytest

from application.catalog.archive_product import ArchiveProduct, ArchiveProductCommand
from application.catalog.ports import ProductView
from application.catalog.update_product import UpdateProduct, UpdateProductCommand
from application.ordering.place_order import LineRequest, PlaceOrder, PlaceOrderCommand
from application.shared.caller import Caller, NotAuthenticatedError
from domain.catalog.product import ProductChanges
from domain.ordering.order import (
    InsufficientStockError,
    MixedCurrencyError,
    OrderStatus,
    ProductUnavailableError,
)
from domain.shared.ids import ProductId
from domain.shared.money import Money
from tests.fakes import memory_uow
from tests.unit.ordering.shop import Shop


async def test_a_customer_places_an_order_for_themselves(
    shop: Shop, customer: Caller, mug: ProductView, tea: ProductView
) -> None:
    order = await shop.place(customer, (mug, 2), (tea, 1))
    assert order.customer_id == customer.user_id
    assert order.status is OrderStatus.PLACED
    assert order.invoice_id is None
    assert order.version == 1
    assert [(item.sku, item.unit_price, item.quantity) for item in order.lines] == [
        ("MUG-001", Money.of("9.99", "EUR"), 2),
        ("TEA-001", Money.of("4.50", "EUR"), 1),
    ]
    assert order.total == Money.of("24.48", "EUR")
    assert await shop.order(order.id) == order


async def test_placing_reserves_stock_for_every_line(
    shop: Shop, customer: Caller, mug: ProductView, tea: ProductView
) -> None:
    await shop.place(customer, (mug, 2), (tea, 10))
    assert (shop.stock(mug), shop.stock(tea)) == (3, 0)
    assert shop.store.table("products")[mug.id].version == mug.version + 1


async def test_placing_records_order_placed_on_commit_only(
    shop: Shop, customer: Caller, mug: ProductView
) -> None:
    command = PlaceOrderCommand(lines=(LineRequest(product_id=mug.id, quantity=1),))
    async with memory_uow(shop.store) as uow:
        await PlaceOrder(uow, shop.clock, shop.ids)(customer, command)
    assert (shop.store.table("orders"), shop.recorded(), shop.stock(mug)) == ({}, [], 5)
    order = await shop.place(customer, (mug, 1))
    assert shop.events() == ["OrderPlaced"]
    assert shop.recorded()[0].aggregate_id == order.id


async def test_anonymous_callers_cannot_place_orders(shop: Shop, mug: ProductView) -> None:
    with pytest.raises(NotAuthenticatedError):
        await shop.place(Caller.anonymous(), (mug, 1))


async def test_a_short_line_reserves_nothing_and_names_the_short_skus(
    shop: Shop, customer: Caller, mug: ProductView, tea: ProductView
) -> None:
    milk = await shop.product("MILK-01", stock=0)
    with pytest.raises(InsufficientStockError) as refusal:
        await shop.place(customer, (tea, 1), (mug, 6), (milk, 1))
    assert refusal.value.skus == ("MILK-01", "MUG-001")
    assert refusal.value.code == "insufficient_stock"
    assert (shop.stock(mug), shop.stock(tea), shop.stock(milk)) == (5, 10, 0)
    assert (shop.store.table("orders"), shop.recorded()) == ({}, [])


async def test_lines_for_one_product_are_reserved_together(
    shop: Shop, customer: Caller, mug: ProductView
) -> None:
    with pytest.raises(InsufficientStockError):
        await shop.place(customer, (mug, 3), (mug, 3))
    assert shop.stock(mug) == 5


async def test_the_last_units_are_sold_once_when_two_orders_race(
    shop: Shop, customer: Caller, mug: ProductView
) -> None:
    command = PlaceOrderCommand(lines=(LineRequest(product_id=mug.id, quantity=3),))
    async with memory_uow(shop.store) as first, memory_uow(shop.store) as second:
        await PlaceOrder(first, shop.clock, shop.ids)(customer, command)
        await PlaceOrder(second, shop.clock, shop.ids)(customer, command)
        await first.commit()
        with pytest.raises(InsufficientStockError):
            await second.commit()
    assert shop.stock(mug) == 2
    assert len(shop.store.table("orders")) == 1


async def test_an_unknown_or_archived_product_is_unavailable(
    shop: Shop, customer: Caller, mug: ProductView, tea: ProductView
) -> None:
    archive = ArchiveProductCommand(product_id=tea.id)
    await shop.run(lambda uow: ArchiveProduct(uow, shop.clock)(shop.staff, archive))
    unknown = ProductId(shop.ids.new_id())
    command = PlaceOrderCommand(
        lines=tuple(
            LineRequest(product_id=product_id, quantity=1)
            for product_id in (mug.id, tea.id, unknown)
        ),
    )
    with pytest.raises(ProductUnavailableError) as refusal:
        await shop.run(lambda uow: PlaceOrder(uow, shop.clock, shop.ids)(customer, command))
    assert str(tea.id) in str(refusal.value)
    assert str(unknown) in str(refusal.value)
    assert shop.stock(mug) == 5


async def test_lines_priced_in_two_currencies_are_refused(
    shop: Shop, customer: Caller, mug: ProductView
) -> None:
    dollars = await shop.product("CUP-001", currency="USD")
    with pytest.raises(MixedCurrencyError):
        await shop.place(customer, (mug, 1), (dollars, 1))
    assert shop.stock(mug) == 5


async def test_later_catalog_changes_do_not_reach_a_placed_order(
    shop: Shop, customer: Caller, mug: ProductView
) -> None:
    order = await shop.place(customer, (mug, 1))
    update = UpdateProductCommand(
        product_id=mug.id, changes=ProductChanges(name="Big mug", unit_price=Money.of("20", "EUR"))
    )
    await shop.run(lambda uow: UpdateProduct(uow, shop.clock)(shop.staff, update))
    [item] = (await shop.order(order.id)).lines
    assert (item.name, item.unit_price) == ("Mug-001", Money.of("9.99", "EUR"))
