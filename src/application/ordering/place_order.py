"""Use case: place an order."""

from collections.abc import Sequence
from dataclasses import dataclass

from application.ordering.ports import OrderView
from application.shared.ports import Clock, IdGenerator
from application.shared.principal import Principal
from application.unit_of_work import UnitOfWork
from domain.catalog.product import ProductId
from domain.ordering.ids import CustomerId, OrderId
from domain.ordering.order import (
    InsufficientStockError,
    Order,
    OrderLine,
    ProductUnavailableError,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class LineRequest:
    product_id: ProductId
    quantity: int


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceOrderCommand:
    lines: tuple[LineRequest, ...]


class PlaceOrder:
    """Places an order for the signed-in user.

    - Any signed-in user, for themselves.
    - 1-50 lines, each 1-1000 units of an active product (422 `product_unavailable` for an
      unknown or archived one), all priced in one currency (422 `mixed_currency`).
    - Each line keeps the product's SKU, name and price as they are now.
    - Stock is reserved for every line or for none: if any line is short, 409
      `insufficient_stock` names the short SKUs. The request is checked in full first, so
      an order that could never be placed does not touch stock.
    - The order starts `placed` with no invoice (`invoice_id` is null): the invoice is issued
      from the `OrderPlaced` event, moments later.
    """

    def __init__(self, uow: UnitOfWork, clock: Clock, ids: IdGenerator) -> None:
        self._uow = uow
        self._clock = clock
        self._ids = ids

    async def __call__(self, actor: Principal, command: PlaceOrderCommand) -> OrderView:
        customer_id = CustomerId(actor.require_user())
        now = self._clock.now()
        order = Order.place(
            id=OrderId(self._ids.new_id()),
            customer_id=customer_id,
            lines=await self._snapshot(command.lines),
            now=now,
            event_id=self._ids.new_id(),
        )
        short = await self._uow.stock.reserve(order.quantities(), now=now)
        if short:
            raise InsufficientStockError(short)
        self._uow.orders.add(order)
        return OrderView.of(order)

    async def _snapshot(self, requests: Sequence[LineRequest]) -> list[OrderLine]:
        lines: list[OrderLine] = []
        unavailable: dict[ProductId, None] = {}
        for request in requests:
            product = await self._uow.products.get(request.product_id)
            if product is None or not product.active:
                unavailable[request.product_id] = None
                continue
            lines.append(
                OrderLine(
                    product_id=product.id,
                    sku=product.sku,
                    name=product.name,
                    unit_price=product.unit_price,
                    quantity=request.quantity,
                ),
            )
        if unavailable:
            names = ", ".join(str(product_id) for product_id in unavailable)
            raise ProductUnavailableError(f"not for sale: {names}")
        return lines
