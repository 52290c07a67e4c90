"""The ordering context: orders, and the products they are placed for.

It publishes what happens to an order, and keeps its orders in step with billing: an
issued invoice is recorded on its order, a paid one marks the order paid.
"""

from dependency_injector import containers, providers

from adapters.memory.ordering import (
    InMemoryOrderQueries,
    InMemoryOrderRepository,
    InMemoryProductsForSale,
)
from adapters.postgres.ordering.mapping import map_ordering
from adapters.postgres.ordering.products_for_sale import SqlProductsForSale
from adapters.postgres.ordering.queries import SqlOrderQueries
from adapters.postgres.ordering.repository import SqlOrderRepository
from application.ordering.cancel_order import CancelOrder
from application.ordering.get_order import GetOrder
from application.ordering.list_orders import ListOrders
from application.ordering.mark_order_paid import MarkOrderPaid
from application.ordering.place_order import PlaceOrder
from application.ordering.ports import OrderingUnitOfWork
from application.ordering.record_invoice import RecordInvoice
from application.ordering.ship_order import ShipOrder
from domain.billing.events import InvoiceIssued, InvoicePaid
from domain.ordering.events import OrderCancelled, OrderPaid, OrderPlaced, OrderShipped
from entrypoints.contexts import BoundedContext
from entrypoints.http.ordering.errors import ORDERING_ERRORS


class OrderingUseCases(containers.DeclarativeContainer):
    """Reads are built once for the app; writes per transaction, on its unit of work."""

    kernel = providers.DependenciesContainer()
    order_queries = providers.Selector(
        kernel.persistence,
        postgres=providers.Singleton(SqlOrderQueries, kernel.read_pool),
        memory=providers.Singleton(InMemoryOrderQueries, kernel.memory_store),
    )
    place_order = providers.Factory(PlaceOrder, clock=kernel.clock, ids=kernel.ids)
    get_order = providers.Singleton(GetOrder, order_queries)
    list_orders = providers.Singleton(ListOrders, order_queries)
    cancel_order = providers.Factory(CancelOrder, clock=kernel.clock, ids=kernel.ids)
    ship_order = providers.Factory(ShipOrder, clock=kernel.clock, ids=kernel.ids)


CONTEXT = BoundedContext(
    name="ordering",
    protocol=OrderingUnitOfWork,
    use_cases=OrderingUseCases,
    postgres={"orders": SqlOrderRepository, "products_for_sale": SqlProductsForSale},
    memory={"orders": InMemoryOrderRepository, "products_for_sale": InMemoryProductsForSale},
    mapping=map_ordering,
    errors=ORDERING_ERRORS,
    events=(OrderPlaced, OrderCancelled, OrderPaid, OrderShipped),
    handlers={InvoiceIssued: (RecordInvoice,), InvoicePaid: (MarkOrderPaid,)},
)
