"""Invoice aggregates through the ORM's imperative mapping, remembered for their events."""

from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.postgres.tables import invoices
from domain.billing.ids import InvoiceId
from domain.billing.invoice import Invoice


class SqlInvoiceRepository:
    """`seen` holds every invoice handed out or added, in that order: the unit of work pulls
    their recorded events into the outbox when it commits.
    """

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self.seen: dict[InvoiceId, Invoice] = {}

    async def get(self, invoice_id: InvoiceId) -> Invoice | None:
        # An added invoice is pending until the flush at commit, so the session cannot find it.
        invoice = self.seen.get(invoice_id) or await self._session.get(Invoice, invoice_id)
        return self._remember(invoice)

    async def get_for_order(self, order_id: UUID) -> Invoice | None:
        for invoice in self.seen.values():
            if invoice.order_id == order_id:
                return invoice
        statement = select(Invoice).where(invoices.c.order_id == order_id)
        return self._remember((await self._session.execute(statement)).scalar_one_or_none())

    def add(self, invoice: Invoice) -> None:
        self._session.add(invoice)
        self.seen[invoice.id] = invoice

    def _remember(self, invoice: Invoice | None) -> Invoice | None:
        if invoice is not None:
            self.seen.setdefault(invoice.id, invoice)
        return invoice
