"""The Order aggregate: what a customer bought, at which prices, and how far along it is."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from domain.ordering.events import OrderCancelled, OrderPaid, OrderPlaced, OrderShipped
from domain.shared.errors import DomainError, DomainValidationError, NotFoundError
from domain.shared.events import EventRecorder
from domain.shared.ids import CustomerId, OrderId, ProductId
from domain.shared.money import Money

MAX_LINES = 50
MAX_QUANTITY = 1000


class OrderNotFoundError(NotFoundError):
    code = "order_not_found"


class InvalidOrderStateError(DomainError):
    """The state machine allows placed → paid → shipped and placed → cancelled, nothing else."""

    code = "invalid_order_state"


class InvalidOrderError(DomainValidationError):
    code = "invalid_order"


class MixedCurrencyError(DomainValidationError):
    """An order is invoiced and paid as one amount, so it is priced in one currency."""

    code = "mixed_currency"


class ProductUnavailableError(DomainValidationError):
    """Unknown and archived products alike: neither is for sale."""

    code = "product_unavailable"


class InsufficientStockError(DomainError):
    """At least one line cannot be served from stock, so no line was reserved."""

    code = "insufficient_stock"

    def __init__(self, skus: Sequence[str]) -> None:
        super().__init__(f"not enough stock for {', '.join(skus)}")
        self.skus = tuple(skus)


class OrderStatus(StrEnum):
    PLACED = "placed"
    PAID = "paid"
    SHIPPED = "shipped"
    CANCELLED = "cancelled"


_NEXT: dict[OrderStatus, frozenset[OrderStatus]] = {
    OrderStatus.PLACED: frozenset({OrderStatus.PAID, OrderStatus.CANCELLED}),
    OrderStatus.PAID: frozenset({OrderStatus.SHIPPED}),
    OrderStatus.SHIPPED: frozenset(),
    OrderStatus.CANCELLED: frozenset(),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderLine:
    """The product as it was sold: later changes to the catalog never reach a placed order."""

    product_id: ProductId
    sku: str
    name: str
    unit_price: Money
    quantity: int

    def __post_init__(self) -> None:
        if not 1 <= self.quantity <= MAX_QUANTITY:
            raise InvalidOrderError(f"quantity must be 1-{MAX_QUANTITY}, not {self.quantity}")

    @property
    def line_total(self) -> Money:
        return self.unit_price * self.quantity


class Order(EventRecorder):
    """Invariants: 1-50 lines in one currency, a total that is the sum of the line totals,
    and a status that only moves along placed → paid → shipped or placed → cancelled.

    `version` rises by one on every change; writers compare it to detect lost updates.
    """

    def __init__(
        self,
        *,
        id: OrderId,
        customer_id: CustomerId,
        status: OrderStatus,
        lines: tuple[OrderLine, ...],
        total: Money,
        invoice_id: UUID | None,
        created_at: datetime,
        updated_at: datetime,
        version: int,
    ) -> None:
        self.id = id
        self.customer_id = customer_id
        self.status = status
        self.lines = lines
        self.total = total
        self.invoice_id = invoice_id
        self.created_at = created_at
        self.updated_at = updated_at
        self.version = version

    @classmethod
    def place(
        cls,
        *,
        id: OrderId,
        customer_id: CustomerId,
        lines: Sequence[OrderLine],
        now: datetime,
        event_id: UUID,
    ) -> Order:
        order = cls(
            id=id,
            customer_id=customer_id,
            status=OrderStatus.PLACED,
            lines=tuple(lines),
            total=_total_of(lines),
            invoice_id=None,
            created_at=now,
            updated_at=now,
            version=1,
        )
        order._record(
            OrderPlaced(
                event_id=event_id,
                occurred_at=now,
                order_id=id,
                customer_id=customer_id,
                total=order.total,
            ),
        )
        return order

    def quantities(self) -> dict[ProductId, int]:
        """Units per product, with lines for the same product added up: what stock must cover."""
        counts: Counter[ProductId] = Counter()
        for line in self.lines:
            counts[line.product_id] += line.quantity
        return dict(counts)

    def attach_invoice(self, invoice_id: UUID, *, now: datetime) -> None:
        """The invoice id is part of the order's representation, so attaching it is a change."""
        if self.invoice_id is not None:
            raise InvalidOrderStateError(f"order {self.id} already has invoice {self.invoice_id}")
        self.invoice_id = invoice_id
        self._touch(now)

    def mark_paid(self, *, now: datetime, event_id: UUID) -> None:
        """A cancelled order stays cancelled: the cancellation won a race with the payment,
        and voiding the invoice records what was paid as a refund due.
        """
        if self.status is OrderStatus.CANCELLED:
            return
        self._move(OrderStatus.PAID, now)
        self._record(OrderPaid(event_id=event_id, occurred_at=now, order_id=self.id))

    def ship(self, *, now: datetime, event_id: UUID) -> None:
        self._move(OrderStatus.SHIPPED, now)
        self._record(OrderShipped(event_id=event_id, occurred_at=now, order_id=self.id))

    def cancel(self, *, now: datetime, event_id: UUID) -> None:
        self._move(OrderStatus.CANCELLED, now)
        self._record(OrderCancelled(event_id=event_id, occurred_at=now, order_id=self.id))

    def _move(self, status: OrderStatus, now: datetime) -> None:
        if status not in _NEXT[self.status]:
            raise InvalidOrderStateError(f"a {self.status} order cannot become {status}")
        self.status = status
        self._touch(now)

    def _touch(self, now: datetime) -> None:
        self.updated_at = now
        self.version += 1


def _total_of(lines: Sequence[OrderLine]) -> Money:
    if not 1 <= len(lines) <= MAX_LINES:
        raise InvalidOrderError(f"an order has 1-{MAX_LINES} lines, not {len(lines)}")
    currencies = sorted({line.unit_price.currency for line in lines})
    if len(currencies) > 1:
        raise MixedCurrencyError(f"an order has one currency, not {', '.join(currencies)}")
    return sum((line.line_total for line in lines), Money.zero(currencies[0]))
