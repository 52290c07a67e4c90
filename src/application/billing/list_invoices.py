"""Use case: browse invoices a page at a time."""

from dataclasses import replace
from typing import ClassVar

from application.billing.ports import InvoiceCriteria, InvoiceQueries, InvoiceView
from application.shared.caller import Access, Caller
from application.shared.pagination import Page, PageRequest


class ListInvoices:
    """Lists invoices, newest first.

    - Signed-in users only. Customers see their own invoices (asking for another customer's
      finds nothing); staff and admins see every invoice and may filter by `customer_id`.
    - Filter by `status`.
    """

    access: ClassVar[Access] = Access.SIGNED_IN

    def __init__(self, queries: InvoiceQueries) -> None:
        self._queries = queries

    async def __call__(
        self,
        caller: Caller,
        criteria: InvoiceCriteria,
        page: PageRequest,
    ) -> Page[InvoiceView]:
        user_id = caller.require_user()
        if not caller.is_staff:
            if criteria.customer_id not in {None, user_id}:
                return Page(items=[], next_key=None)
            criteria = replace(criteria, customer_id=user_id)
        return await self._queries.list(criteria, page)
