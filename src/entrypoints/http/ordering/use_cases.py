"""The ordering routes\' use cases, each a typed dependency (`entrypoints/http/use_cases.py`)."""

from __future__ import annotations

from typing import Annotated

from application.ordering.cancel_order import CancelOrderCommand
from application.ordering.place_order import PlaceOrderCommand
from application.ordering.ports import OrderCriteria, OrderView
from application.ordering.ship_order import ShipOrderCommand
from application.shared.pagination import Page, PageRequest
from domain.shared.ids import OrderId
from entrypoints.http.use_cases import ForCaller, reads, writes

PlaceOrderDep = Annotated[
    ForCaller[[PlaceOrderCommand], OrderView], writes(lambda c: c.ordering().place_order)
]
GetOrderDep = Annotated[ForCaller[[OrderId], OrderView], reads(lambda c: c.ordering().get_order)]
ListOrdersDep = Annotated[
    ForCaller[[OrderCriteria, PageRequest], Page[OrderView]],
    reads(lambda c: c.ordering().list_orders),
]
CancelOrderDep = Annotated[
    ForCaller[[CancelOrderCommand], OrderView], writes(lambda c: c.ordering().cancel_order)
]
ShipOrderDep = Annotated[
    ForCaller[[ShipOrderCommand], OrderView], writes(lambda c: c.ordering().ship_order)
]
