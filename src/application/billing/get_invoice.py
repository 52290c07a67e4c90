"""Use case: read one invoice."""

from typing import ClassVar

from application.billing.ports import InvoiceQueries, InvoiceView
from application.shared.caller import Access, Caller
from domain.billing.invoice import InvoiceNotFoundError
from domain.shared.ids import InvoiceId


class GetInvoice:
    """Reads one invoice.

    - Signed-in users only. Customers see their own invoices; anyone else's is 404, exactly
      like a missing one. Staff and admins see every invoice.
    """

    access: ClassVar[Access] = Access.SIGNED_IN

    def __init__(self, queries: InvoiceQueries) -> None:
        self._queries = queries

    async def __call__(self, caller: Caller, invoice_id: InvoiceId) -> InvoiceView:
        caller.admit(self.access)
        view = await self._queries.get(invoice_id)
        if view is None or not caller.sees(view.customer_id):
            raise InvoiceNotFoundError(f"invoice {invoice_id} does not exist")
        return view
