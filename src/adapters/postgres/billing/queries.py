"""The invoices read model: one prepared statement per read, straight into views.

Like the catalog's, each query shape (which filters, first page or not) is built with
SQLAlchemy Core once and cached compiled; a request only binds its values.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import ColumnElement, bindparam, select

from adapters.postgres.billing.tables import invoices
from adapters.postgres.columns import documents_to
from adapters.postgres.newest_first import NewestFirst
from adapters.postgres.read_pool import CompiledQuery, ReadPool
from application.billing.ports import InvoiceCriteria, InvoiceView
from application.shared.pagination import Page, PageRequest
from domain.billing.invoice import Invoice, InvoiceStatus, Payment
from domain.shared.ids import InvoiceId
from domain.shared.money import Money

_COLUMNS = (
    invoices.c.id,
    invoices.c.number,
    invoices.c.order_id,
    invoices.c.customer_id,
    invoices.c.status,
    invoices.c.total_amount,
    invoices.c.total_currency,
    invoices.c.payments,
    invoices.c.refund_due_amount,
    invoices.c.refund_due_currency,
    invoices.c.issued_at,
    invoices.c.due_date,
    invoices.c.version,
)
_FILTERS: dict[str, ColumnElement[bool]] = {
    "customer_id": invoices.c.customer_id == bindparam("customer_id"),
    "status": invoices.c.status == bindparam("status"),
}

_GET = CompiledQuery.of(select(*_COLUMNS).where(invoices.c.id == bindparam("id")))


class SqlInvoiceQueries:
    def __init__(self, pool: ReadPool) -> None:
        self._pool = pool

    async def get(self, invoice_id: InvoiceId) -> InvoiceView | None:
        row = await self._pool.fetchrow(_GET, {"id": invoice_id})
        return None if row is None else _view(row)

    async def list(self, criteria: InvoiceCriteria, page: PageRequest) -> Page[InvoiceView]:
        filters = {
            "customer_id": criteria.customer_id,
            "status": None if criteria.status is None else criteria.status.value,
        }
        return await _LISTING.page(self._pool, filters, page)


def _view(row: Any) -> InvoiceView:
    """Through the aggregate, so `amount_paid` and `amount_due` follow its rules exactly.
    asyncpg hands JSONB over as text: the payments are decoded here.
    """
    invoice = Invoice(
        id=row["id"],
        number=row["number"],
        order_id=row["order_id"],
        customer_id=row["customer_id"],
        status=InvoiceStatus(row["status"]),
        total=Money(row["total_amount"], row["total_currency"]),
        payments=documents_to(Payment, json.loads(row["payments"])),
        refund_due=Money(row["refund_due_amount"], row["refund_due_currency"]),
        issued_at=row["issued_at"],
        due_date=row["due_date"],
        version=row["version"],
    )
    return InvoiceView.of(invoice)


_LISTING = NewestFirst(
    _COLUMNS, _FILTERS, invoices.c.issued_at, invoices.c.id, _view, lambda v: (v.issued_at, v.id)
)
