"""The billing context: invoices and payments.

It publishes what happens to an invoice, and invoices every placed order (voiding the
invoice of a cancelled one).
"""

from dependency_injector import containers, providers

from adapters.memory.billing import (
    InMemoryInvoiceNumbers,
    InMemoryInvoiceQueries,
    InMemoryInvoiceRepository,
)
from adapters.postgres.billing.invoice_numbers import SqlInvoiceNumbers
from adapters.postgres.billing.mapping import map_billing
from adapters.postgres.billing.queries import SqlInvoiceQueries
from adapters.postgres.billing.repository import SqlInvoiceRepository
from application.billing.get_invoice import GetInvoice
from application.billing.issue_invoice import IssueInvoice
from application.billing.list_invoices import ListInvoices
from application.billing.ports import BillingUnitOfWork
from application.billing.record_payment import RecordPayment
from application.billing.void_invoice import VoidInvoice
from domain.billing.events import InvoiceIssued, InvoicePaid, InvoiceVoided
from domain.ordering.events import OrderCancelled, OrderPlaced
from domain.shared.errors import ConcurrentModificationError
from entrypoints.contexts import BoundedContext
from entrypoints.http.billing.errors import BILLING_ERRORS


class BillingUseCases(containers.DeclarativeContainer):
    """Reads are built once for the app; writes per transaction, on its unit of work."""

    kernel = providers.DependenciesContainer()
    invoice_queries = providers.Selector(
        kernel.persistence,
        postgres=providers.Singleton(SqlInvoiceQueries, kernel.read_pool),
        memory=providers.Singleton(InMemoryInvoiceQueries, kernel.memory_store),
    )
    get_invoice = providers.Singleton(GetInvoice, invoice_queries)
    list_invoices = providers.Singleton(ListInvoices, invoice_queries)
    record_payment = providers.Factory(RecordPayment, clock=kernel.clock, ids=kernel.ids)


CONTEXT = BoundedContext(
    name="billing",
    protocol=BillingUnitOfWork,
    use_cases=BillingUseCases,
    postgres={"invoices": SqlInvoiceRepository, "invoice_numbers": SqlInvoiceNumbers},
    memory={"invoices": InMemoryInvoiceRepository, "invoice_numbers": InMemoryInvoiceNumbers},
    mapping=map_billing,
    errors=BILLING_ERRORS,
    # A second invoice for one order, or a number given twice: another transaction won.
    conflicts={
        "uq_invoices_order_id": ConcurrentModificationError,
        "uq_invoices_number": ConcurrentModificationError,
    },
    events=(InvoiceIssued, InvoicePaid, InvoiceVoided),
    handlers={OrderPlaced: (IssueInvoice,), OrderCancelled: (VoidInvoice,)},
)
