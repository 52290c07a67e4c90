"""The ordering context: orders, and the products they are placed for.

It publishes what happens to an order, and keeps its orders in step with billing: an
issued invoice is recorded on its order, a paid one marks the order paid.
"""

from adapters.memory.ordering import InMemoryOrderRepository, InMemoryProductsForSale
from adapters.postgres.ordering.products_for_sale import SqlProductsForSale
from adapters.postgres.ordering.repository import SqlOrderRepository
from application.ordering.mark_order_paid import MarkOrderPaid
from application.ordering.record_invoice import RecordInvoice
from domain.billing.events import InvoiceIssued, InvoicePaid
from domain.ordering.events import OrderCancelled, OrderPaid, OrderPlaced, OrderShipped
from entrypoints.contexts import BoundedContext

ORDERING = BoundedContext(
    name="ordering",
    postgres={"orders": SqlOrderRepository, "products_for_sale": SqlProductsForSale},
    memory={"orders": InMemoryOrderRepository, "products_for_sale": InMemoryProductsForSale},
    events=(OrderPlaced, OrderCancelled, OrderPaid, OrderShipped),
    handlers={InvoiceIssued: (RecordInvoice,), InvoicePaid: (MarkOrderPaid,)},
)
