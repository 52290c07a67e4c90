"""Use case: read one invoice."""

from application.billing.ports import InvoiceQueries, InvoiceView
from application.shared.principal import Principal
from domain.billing.ids import InvoiceId
from domain.billing.invoice import InvoiceNotFoundError


class GetInvoice:
    """Reads one invoice.

    - Signed-in users only. Customers see their own invoices; anyone else's is 404, exactly
      like a missing one. Staff and admins see every invoice.
    """

    def __init__(self, queries: InvoiceQueries) -> None:
        self._queries = queries

    async def __call__(self, actor: Principal, invoice_id: InvoiceId) -> InvoiceView:
        actor.require_user()
        view = await self._queries.get(invoice_id)
        if view is None or not actor.sees(view.customer_id):
            raise InvoiceNotFoundError(f"invoice {invoice_id} does not exist")
        return view
