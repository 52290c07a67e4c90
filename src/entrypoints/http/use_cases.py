"""Every route's use case, ready to call, as a typed dependency (`PlaceOrderDep`, …).

Use cases that write are built on the unit of work of the request's transaction, which
`TransactionalRoute` opened through the runner; read-only ones live as long as the app. This
is the one place that knows how each is made; a route names the alias in its signature, so
a reader (or a tool) follows the route straight to its use case.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, Request

from application.billing.get_invoice import GetInvoice
from application.billing.list_invoices import ListInvoices
from application.billing.record_payment import RecordPayment
from application.catalog.archive_product import ArchiveProduct
from application.catalog.create_product import CreateProduct
from application.catalog.get_product import GetProduct
from application.catalog.list_products import ListProducts
from application.catalog.update_product import UpdateProduct
from application.identity.authenticate import Authenticate
from application.identity.change_user import ChangeUser
from application.identity.get_me import GetMe
from application.identity.list_users import ListUsers
from application.identity.logout import Logout
from application.identity.refresh_tokens import RefreshTokens
from application.identity.register_user import RegisterUser
from application.ordering.cancel_order import CancelOrder
from application.ordering.get_order import GetOrder
from application.ordering.list_orders import ListOrders
from application.ordering.place_order import PlaceOrder
from application.ordering.ship_order import ShipOrder
from entrypoints.container import Container
from entrypoints.http.dependencies import container_of
from entrypoints.http.transactions import transaction_of


def _writes(factory: Callable[[Container], Any]) -> Any:
    """Built per request, on the unit of work of the request's transaction."""

    async def build(request: Request) -> Any:
        return factory(container_of(request))(uow=transaction_of(request).uow)

    return Depends(build)


def _reads(instance: Callable[[Container], Any]) -> Any:
    """Built once for the app: a read-only use case holds nothing per request."""

    async def provide(request: Request) -> Any:
        return instance(container_of(request))()

    return Depends(provide)


# Catalog
GetProductDep = Annotated[GetProduct, _reads(lambda c: c.get_product)]
ListProductsDep = Annotated[ListProducts, _reads(lambda c: c.list_products)]
CreateProductDep = Annotated[CreateProduct, _writes(lambda c: c.create_product)]
UpdateProductDep = Annotated[UpdateProduct, _writes(lambda c: c.update_product)]
ArchiveProductDep = Annotated[ArchiveProduct, _writes(lambda c: c.archive_product)]

# Identity
RegisterUserDep = Annotated[RegisterUser, _writes(lambda c: c.register_user)]
AuthenticateDep = Annotated[Authenticate, _writes(lambda c: c.authenticate)]
RefreshTokensDep = Annotated[RefreshTokens, _writes(lambda c: c.refresh_tokens)]
LogoutDep = Annotated[Logout, _writes(lambda c: c.logout)]
GetMeDep = Annotated[GetMe, _reads(lambda c: c.get_me)]
ListUsersDep = Annotated[ListUsers, _reads(lambda c: c.list_users)]
ChangeUserDep = Annotated[ChangeUser, _writes(lambda c: c.change_user)]

# Ordering
PlaceOrderDep = Annotated[PlaceOrder, _writes(lambda c: c.place_order)]
GetOrderDep = Annotated[GetOrder, _reads(lambda c: c.get_order)]
ListOrdersDep = Annotated[ListOrders, _reads(lambda c: c.list_orders)]
CancelOrderDep = Annotated[CancelOrder, _writes(lambda c: c.cancel_order)]
ShipOrderDep = Annotated[ShipOrder, _writes(lambda c: c.ship_order)]

# Billing
GetInvoiceDep = Annotated[GetInvoice, _reads(lambda c: c.get_invoice)]
ListInvoicesDep = Annotated[ListInvoices, _reads(lambda c: c.list_invoices)]
RecordPaymentDep = Annotated[RecordPayment, _writes(lambda c: c.record_payment)]
