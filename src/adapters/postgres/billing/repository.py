"""Invoice aggregates loaded and saved through the ORM's imperative mapping."""

from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.postgres.billing.tables import invoices
from domain.billing.invoice import Invoice
from domain.shared.ids import InvoiceId


class SqlInvoiceRepository:
    """An added invoice stays pending until the flush at commit, where the session cannot
    find it: `added` answers `get` and `get_for_order` for it meanwhile.
    """

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._added: dict[InvoiceId, Invoice] = {}

    async def get(self, invoice_id: InvoiceId) -> Invoice | None:
        return self._added.get(invoice_id) or await self._session.get(Invoice, invoice_id)

    async def get_for_order(self, order_id: UUID) -> Invoice | None:
        for invoice in self._added.values():
            if invoice.order_id == order_id:
                return invoice
        statement = select(Invoice).where(invoices.c.order_id == order_id)
        return (await self._session.execute(statement)).scalar_one_or_none()

    def add(self, invoice: Invoice) -> None:
        self._session.add(invoice)
        self._added[invoice.id] = invoice
