"""The billing context: invoices and payments.

It publishes what happens to an invoice, and invoices every placed order (voiding the
invoice of a cancelled one).
"""

from adapters.memory.billing import InMemoryInvoiceNumbers, InMemoryInvoiceRepository
from adapters.postgres.billing.invoice_numbers import SqlInvoiceNumbers
from adapters.postgres.billing.repository import SqlInvoiceRepository
from application.billing.issue_invoice import IssueInvoice
from application.billing.void_invoice import VoidInvoice
from domain.billing.events import InvoiceIssued, InvoicePaid, InvoiceVoided
from domain.ordering.events import OrderCancelled, OrderPlaced
from entrypoints.contexts import BoundedContext

BILLING = BoundedContext(
    name="billing",
    postgres={"invoices": SqlInvoiceRepository, "invoice_numbers": SqlInvoiceNumbers},
    memory={"invoices": InMemoryInvoiceRepository, "invoice_numbers": InMemoryInvoiceNumbers},
    events=(InvoiceIssued, InvoicePaid, InvoiceVoided),
    handlers={OrderPlaced: (IssueInvoice,), OrderCancelled: (VoidInvoice,)},
)
