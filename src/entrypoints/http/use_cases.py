"""Every route's use case, ready to call, as one typed dependency (`PlaceOrderDep`, …).

This is the one place that knows how each use case is made: those that write on the unit of
work of the request's transaction (which `TransactionalRoute` opened through the runner),
read-only ones once for the app. A use case that acts for someone comes bound to the
request's caller (`caller_of`), so a route resolves a single dependency and reads
*validate → call → shape the response*: `view = await get_product(product_id)`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Annotated, Any, ParamSpec, TypeVar

from fastapi import Depends, Request

from application.billing.ports import InvoiceCriteria, InvoiceView
from application.billing.record_payment import RecordPaymentCommand
from application.catalog.archive_product import ArchiveProductCommand
from application.catalog.create_product import CreateProductCommand
from application.catalog.ports import ProductCriteria, ProductView
from application.catalog.update_product import UpdateProductCommand
from application.identity.authenticate import Authenticate
from application.identity.change_user import ChangeUserCommand
from application.identity.logout import Logout
from application.identity.ports import UserCriteria, UserView
from application.identity.refresh_tokens import RefreshTokens
from application.identity.register_user import RegisterUser
from application.ordering.cancel_order import CancelOrderCommand
from application.ordering.place_order import PlaceOrderCommand
from application.ordering.ports import OrderCriteria, OrderView
from application.ordering.ship_order import ShipOrderCommand
from application.shared.caller import Access
from application.shared.pagination import Page, PageRequest
from domain.shared.ids import InvoiceId, OrderId, ProductId
from entrypoints.container import Container
from entrypoints.http.dependencies import caller_of, container_of
from entrypoints.http.transactions import transaction_of

P = ParamSpec("P")
R = TypeVar("R")

ForCaller = Callable[P, Awaitable[R]]
"""A use case with the request's caller already given: it takes the rest of its arguments."""


def _writes(factory: Callable[[Container], Any], *, for_caller: bool = True) -> Any:
    """Built per request, on the unit of work of the request's transaction."""

    async def build(request: Request) -> Any:
        use_case = factory(container_of(request))(uow=transaction_of(request).uow)
        return partial(use_case, await caller_of(request)) if for_caller else use_case

    return Depends(_declaring_access(build, factory, takes_caller=for_caller))


def _reads(instance: Callable[[Container], Any]) -> Any:
    """Built once for the app (a read-only use case holds nothing per request), bound to
    the request's caller.
    """

    async def provide(request: Request) -> Any:
        return partial(instance(container_of(request))(), await caller_of(request))

    return Depends(_declaring_access(provide, instance, takes_caller=True))


def _declaring_access(
    dependency: Any, provider: Callable[[Container], Any], *, takes_caller: bool
) -> Any:
    """Tells the route who may call its use case (the class's `access`), so the route can
    refuse a caller before the request's body and query are read (`transactions.py`), and
    whether a token means anything to it (the OpenAPI document's `security`)."""
    # On the container class, the lambda yields the provider itself, which names the class.
    use_case_class = provider(Container).provides  # type: ignore[arg-type]
    dependency.access = getattr(use_case_class, "access", Access.ANYONE)
    dependency.takes_caller = takes_caller
    return dependency


# Catalog
GetProductDep = Annotated[ForCaller[[ProductId], ProductView], _reads(lambda c: c.get_product)]
ListProductsDep = Annotated[
    ForCaller[[ProductCriteria, PageRequest], Page[ProductView]],
    _reads(lambda c: c.list_products),
]
CreateProductDep = Annotated[
    ForCaller[[CreateProductCommand], ProductView], _writes(lambda c: c.create_product)
]
UpdateProductDep = Annotated[
    ForCaller[[UpdateProductCommand], ProductView], _writes(lambda c: c.update_product)
]
ArchiveProductDep = Annotated[
    ForCaller[[ArchiveProductCommand], None], _writes(lambda c: c.archive_product)
]

# Identity
RegisterUserDep = Annotated[RegisterUser, _writes(lambda c: c.register_user, for_caller=False)]
AuthenticateDep = Annotated[Authenticate, _writes(lambda c: c.authenticate, for_caller=False)]
RefreshTokensDep = Annotated[RefreshTokens, _writes(lambda c: c.refresh_tokens, for_caller=False)]
LogoutDep = Annotated[Logout, _writes(lambda c: c.logout, for_caller=False)]
GetMeDep = Annotated[ForCaller[[], UserView], _reads(lambda c: c.get_me)]
ListUsersDep = Annotated[
    ForCaller[[UserCriteria, PageRequest], Page[UserView]], _reads(lambda c: c.list_users)
]
ChangeUserDep = Annotated[
    ForCaller[[ChangeUserCommand], UserView], _writes(lambda c: c.change_user)
]

# Ordering
PlaceOrderDep = Annotated[
    ForCaller[[PlaceOrderCommand], OrderView], _writes(lambda c: c.place_order)
]
GetOrderDep = Annotated[ForCaller[[OrderId], OrderView], _reads(lambda c: c.get_order)]
ListOrdersDep = Annotated[
    ForCaller[[OrderCriteria, PageRequest], Page[OrderView]], _reads(lambda c: c.list_orders)
]
CancelOrderDep = Annotated[
    ForCaller[[CancelOrderCommand], OrderView], _writes(lambda c: c.cancel_order)
]
ShipOrderDep = Annotated[ForCaller[[ShipOrderCommand], OrderView], _writes(lambda c: c.ship_order)]

# Billing
GetInvoiceDep = Annotated[ForCaller[[InvoiceId], InvoiceView], _reads(lambda c: c.get_invoice)]
ListInvoicesDep = Annotated[
    ForCaller[[InvoiceCriteria, PageRequest], Page[InvoiceView]],
    _reads(lambda c: c.list_invoices),
]
RecordPaymentDep = Annotated[
    ForCaller[[RecordPaymentCommand], InvoiceView], _writes(lambda c: c.record_payment)
]
