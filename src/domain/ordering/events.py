"""What happens to an order, as other contexts (billing first of all) learn about it."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.shared.events import DomainEvent
from domain.shared.ids import CustomerId, OrderId
from domain.shared.money import Money


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderEvent(DomainEvent):
    order_id: OrderId

    @property
    def aggregate_id(self) -> UUID:
        return self.order_id


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderPlaced(OrderEvent):
    """Carries all an invoice needs, so billing never reads the order to issue one."""

    customer_id: CustomerId
    total: Money


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderCancelled(OrderEvent):
    """Billing voids the order's invoice; the stock came back in the cancelling transaction."""


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderPaid(OrderEvent):
    """The cue for fulfilment: an order is shipped only once it is paid."""


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderShipped(OrderEvent):
    """The end of the order's story; customers may want to hear about it."""
