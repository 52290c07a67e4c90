"""The invoices read model: one prepared statement per read, straight into views.

Like the catalog's, each query shape (which filters, first page or not) is built with
SQLAlchemy Core once and cached compiled; a request only binds its values.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, bindparam, select, tuple_

from adapters.postgres.read_pool import CompiledQuery, ReadPool
from adapters.postgres.tables import documents_to, invoices
from application.billing.ports import InvoiceCriteria, InvoiceView
from application.shared.pagination import Page, PageRequest
from domain.billing.ids import InvoiceId
from domain.billing.invoice import Invoice, InvoiceStatus, Payment
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
        values: dict[str, object] = {}
        if criteria.customer_id is not None:
            values["customer_id"] = criteria.customer_id
        if criteria.status is not None:
            values["status"] = criteria.status.value
        query = _list_query(frozenset(values), after=page.after is not None)
        if page.after is not None:
            issued_at, last_id = page.after
            values["after_issued_at"] = datetime.fromisoformat(issued_at)
            values["after_id"] = UUID(last_id)
        values["limit"] = page.limit + 1
        rows = await self._pool.fetch(query, values)
        views = [_view(row) for row in rows[: page.limit]]
        last = views[-1] if len(rows) > page.limit else None
        next_key = None if last is None else (last.issued_at.isoformat(), str(last.id))
        return Page(items=views, next_key=next_key)


@cache
def _list_query(filters: frozenset[str], *, after: bool) -> CompiledQuery:
    """At most 2^2 filter sets x 2: compiled once each, on first use. Newest first, which
    the `(issued_at, id)` and `(customer_id, issued_at, id)` indexes serve backwards.
    """
    conditions = [_FILTERS[name] for name in sorted(filters)]
    if after:
        position = tuple_(invoices.c.issued_at, invoices.c.id)
        bound = tuple_(
            bindparam("after_issued_at", type_=invoices.c.issued_at.type),
            bindparam("after_id", type_=invoices.c.id.type),
        )
        conditions.append(position < bound)
    statement = (
        select(*_COLUMNS)
        .where(*conditions)
        .order_by(invoices.c.issued_at.desc(), invoices.c.id.desc())
        .limit(bindparam("limit"))
    )
    return CompiledQuery.of(statement)


def _view(row: Any) -> InvoiceView:
    """Through the aggregate, so `amount_paid` and `amount_due` follow its rules exactly.
    asyncpg hands JSONB over as text: the payments are decoded here.
    """
    invoice = Invoice(
        id=row[0],
        number=row[1],
        order_id=row[2],
        customer_id=row[3],
        status=InvoiceStatus(row[4]),
        total=Money(row[5], row[6]),
        payments=documents_to(Payment, json.loads(row[7])),
        refund_due=Money(row[8], row[9]),
        issued_at=row[10],
        due_date=row[11],
        version=row[12],
    )
    return InvoiceView.of(invoice)
