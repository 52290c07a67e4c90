"""Use case: place an order."""

from collections import Counter
from dataclasses import dataclass
from typing import ClassVar

from application.ordering.ports import OrderingUnitOfWork, OrderView, Reservation
from application.shared.caller import Access, Caller
from application.shared.ports import Clock, IdGenerator
from domain.ordering.order import (
    InsufficientStockError,
    Order,
    OrderLine,
    ProductUnavailableError,
)
from domain.shared.ids import CustomerId, OrderId, ProductId


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
      `insufficient_stock` names the short SKUs. An order that is invalid anyway (422)
      reports that first, and takes nothing.
    - The order starts `placed` with no invoice (`invoice_id` is null): the invoice is issued
      from the `OrderPlaced` event, moments later.
    """

    access: ClassVar[Access] = Access.SIGNED_IN

    def __init__(self, uow: OrderingUnitOfWork, clock: Clock, ids: IdGenerator) -> None:
        self._uow = uow
        self._clock = clock
        self._ids = ids

    async def __call__(self, caller: Caller, command: PlaceOrderCommand) -> OrderView:
        customer_id = CustomerId(caller.require_user())
        now = self._clock.now()
        wanted: Counter[ProductId] = Counter()
        for request in command.lines:
            wanted[request.product_id] += request.quantity
        reservation = await self._uow.products_for_sale.reserve(wanted, now=now)
        order = Order.place(
            id=OrderId(self._ids.new_id()),
            customer_id=customer_id,
            lines=_lines(command.lines, reservation),
            now=now,
            event_id=self._ids.new_id(),
        )
        if not reservation.reserved:
            raise InsufficientStockError(reservation.short)
        self._uow.orders.add(order)
        return OrderView.of(order)


def _lines(requests: tuple[LineRequest, ...], reservation: Reservation) -> list[OrderLine]:
    """Every line's snapshot, or 422 naming the products that are not for sale."""
    unavailable = [
        request.product_id
        for request in requests
        if (product := reservation.products.get(request.product_id)) is None or not product.active
    ]
    if unavailable:
        names = ", ".join(str(product_id) for product_id in dict.fromkeys(unavailable))
        raise ProductUnavailableError(f"not for sale: {names}")
    return [
        OrderLine(
            product_id=request.product_id,
            sku=product.sku,
            name=product.name,
            unit_price=product.unit_price,
            quantity=request.quantity,
        )
        for request in requests
        for product in (reservation.products[request.product_id],)
    ]
