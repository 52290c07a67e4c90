"""What a PostgreSQL unit of work is built from in the adapter tests: every context's
repositories, by the names the ports give them, and every event the outbox may carry.

Stands in for the composition root's declarations (`entrypoints/contexts/`), so these tests
depend on the adapters alone.
"""

from adapters.postgres.billing.invoice_numbers import SqlInvoiceNumbers
from adapters.postgres.billing.repository import SqlInvoiceRepository
from adapters.postgres.catalog.repository import SqlProductRepository
from adapters.postgres.event_codec import EventCodec
from adapters.postgres.identity.refresh_tokens import SqlRefreshTokenStore
from adapters.postgres.identity.repository import SqlUserRepository
from adapters.postgres.ordering.products_for_sale import SqlProductsForSale
from adapters.postgres.ordering.repository import SqlOrderRepository
from adapters.postgres.unit_of_work import RepositoryFactory
from domain.billing.events import InvoiceIssued, InvoicePaid, InvoiceVoided
from domain.ordering.events import OrderCancelled, OrderPaid, OrderPlaced, OrderShipped


def repositories() -> dict[str, RepositoryFactory]:
    return {
        "products": SqlProductRepository,
        "users": SqlUserRepository,
        "refresh_tokens": SqlRefreshTokenStore,
        "orders": SqlOrderRepository,
        "products_for_sale": SqlProductsForSale,
        "invoices": SqlInvoiceRepository,
        "invoice_numbers": SqlInvoiceNumbers,
    }


def codec() -> EventCodec:
    return EventCodec(
        [
            OrderPlaced,
            OrderCancelled,
            OrderPaid,
            OrderShipped,
            InvoiceIssued,
            InvoicePaid,
            InvoiceVoided,
        ]
    )
