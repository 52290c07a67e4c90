"""In-memory billing adapters: the same contracts as PostgreSQL, for fast unit tests."""

from __future__ import annotations

from uuid import UUID

from adapters.memory.store import InMemoryRepository, InMemoryStore, TrackedCopies, newest_first
from application.billing.ports import InvoiceCriteria, InvoiceView
from application.shared.pagination import Page, PageRequest
from domain.billing.invoice import Invoice
from domain.shared.errors import ConcurrentModificationError
from domain.shared.events import DomainEvent
from domain.shared.ids import InvoiceId


class InMemoryInvoiceRepository(InMemoryRepository):
    """Hands out private copies; the unit of work writes them back on commit."""

    def __init__(self, store: InMemoryStore) -> None:
        self._invoices: dict[InvoiceId, Invoice] = store.table("invoices")
        self.copies: TrackedCopies[InvoiceId, Invoice] = TrackedCopies(self._invoices)

    async def get(self, invoice_id: InvoiceId) -> Invoice | None:
        return self.copies.get(invoice_id)

    async def get_for_order(self, order_id: UUID) -> Invoice | None:
        for invoice in [*self.copies.added.values(), *self._invoices.values()]:
            if invoice.order_id == order_id:
                return self.copies.get(invoice.id)
        return None

    def add(self, invoice: Invoice) -> None:
        self.copies.add(invoice.id, invoice)

    def check(self) -> None:
        if invoices := self.copies.stale():
            raise ConcurrentModificationError(f"invoice {invoices[0]} changed concurrently")

    def recorded_events(self) -> list[DomainEvent]:
        return [event for invoice in self.copies.seen() for event in invoice.pull_events()]

    def write_back(self) -> None:
        self.copies.write_back()


class InMemoryInvoiceNumbers(InMemoryRepository):
    """Counts on from the committed counter and refuses the commit if another unit of work
    took the same numbers first: the database makes that one wait on the counter's row
    instead, with the same result of unique numbers without gaps.
    """

    def __init__(self, store: InMemoryStore) -> None:
        self._counters: dict[int, int] = store.table("invoice_counters")
        self.read: dict[int, int] = {}
        self.taken: dict[int, int] = {}

    async def next(self, year: int) -> int:
        if year not in self.read:
            self.read[year] = self.taken[year] = self._counters.get(year, 0)
        self.taken[year] += 1
        return self.taken[year]

    def check(self) -> None:
        if any(self._counters.get(year, 0) != read for year, read in self.read.items()):
            raise ConcurrentModificationError("invoice numbers were taken concurrently")

    def write_back(self) -> None:
        self._counters.update(self.taken)


class InMemoryInvoiceQueries:
    """Reads committed state only, as a query on another connection would."""

    def __init__(self, store: InMemoryStore) -> None:
        self._invoices: dict[InvoiceId, Invoice] = store.table("invoices")

    async def get(self, invoice_id: InvoiceId) -> InvoiceView | None:
        invoice = self._invoices.get(invoice_id)
        return None if invoice is None else InvoiceView.of(invoice)

    async def list(self, criteria: InvoiceCriteria, page: PageRequest) -> Page[InvoiceView]:
        views = (
            InvoiceView.of(invoice)
            for invoice in self._invoices.values()
            if (criteria.customer_id is None or invoice.customer_id == criteria.customer_id)
            and (criteria.status is None or invoice.status == criteria.status)
        )
        return newest_first(views, lambda view: (view.issued_at, str(view.id)), page)
