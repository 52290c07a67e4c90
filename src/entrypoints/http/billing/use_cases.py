"""The billing routes\' use cases, each a typed dependency (`entrypoints/http/use_cases.py`)."""

from __future__ import annotations

from typing import Annotated

from application.billing.ports import InvoiceCriteria, InvoiceView
from application.billing.record_payment import RecordPaymentCommand
from application.shared.pagination import Page, PageRequest
from domain.shared.ids import InvoiceId
from entrypoints.http.use_cases import ForCaller, reads, writes

GetInvoiceDep = Annotated[
    ForCaller[[InvoiceId], InvoiceView], reads(lambda c: c.billing().get_invoice)
]
ListInvoicesDep = Annotated[
    ForCaller[[InvoiceCriteria, PageRequest], Page[InvoiceView]],
    reads(lambda c: c.billing().list_invoices),
]
RecordPaymentDep = Annotated[
    ForCaller[[RecordPaymentCommand], InvoiceView], writes(lambda c: c.billing().record_payment)
]
