"""Billing endpoints: read invoices and record payments."""

from __future__ import annotations

from inspect import cleandoc
from uuid import UUID

from fastapi import APIRouter, Request
from starlette.responses import Response

from application.billing.get_invoice import GetInvoice
from application.billing.list_invoices import ListInvoices
from application.billing.ports import InvoiceView
from application.billing.record_payment import RecordPayment
from application.shared.caller import NotAuthenticatedError
from application.shared.errors import PermissionDeniedError
from domain.billing.invoice import (
    InvalidPaymentError,
    InvoiceNotFoundError,
    InvoiceNotOpenError,
    OverpaymentError,
)
from domain.shared.errors import ConcurrentModificationError, DomainValidationError
from domain.shared.ids import InvoiceId
from domain.shared.money import CurrencyMismatchError
from entrypoints.http.billing.schemas import BILLING_VIEWS, InvoiceListQuery, PaymentIn
from entrypoints.http.billing.use_cases import GetInvoiceDep, ListInvoicesDep, RecordPaymentDep
from entrypoints.http.context_api import ContextApi
from entrypoints.http.dependencies import IF_NONE_MATCH
from entrypoints.http.edge_errors import (
    IdempotencyKeyRequiredError,
    IdempotencyKeyReusedError,
    IdempotencyRequestInProgressError,
    InvalidCursorError,
    InvalidIdempotencyKeyError,
)
from entrypoints.http.idempotency import idempotent
from entrypoints.http.json import JsonWriter, Listing
from entrypoints.http.listing import list_response
from entrypoints.http.openapi import responses_for
from entrypoints.http.transactions import TransactionalRoute

router = APIRouter(prefix="/api/v1/invoices", tags=["billing"], route_class=TransactionalRoute)

_INVOICE: JsonWriter[InvoiceView] = JsonWriter(InvoiceView)
_INVOICES: JsonWriter[Listing[InvoiceView]] = JsonWriter(Listing[InvoiceView])


@router.get(
    "",
    response_model=Listing[InvoiceView],
    summary="List invoices",
    description=cleandoc(ListInvoices.__doc__ or ""),
    responses=responses_for(NotAuthenticatedError, InvalidCursorError, DomainValidationError),
    openapi_extra=InvoiceListQuery.openapi(),
)
async def list_invoices(request: Request, list_: ListInvoicesDep) -> Response:
    query = InvoiceListQuery.from_request(request)
    criteria = query.to_criteria()
    return await list_response(request, query, lambda page: list_(criteria, page), _INVOICES)


@router.get(
    "/{invoice_id}",
    response_model=InvoiceView,
    summary="Get an invoice",
    description=cleandoc(GetInvoice.__doc__ or ""),
    responses=responses_for(NotAuthenticatedError, InvoiceNotFoundError),
    openapi_extra=IF_NONE_MATCH,
)
async def get_invoice(
    invoice_id: UUID,
    request: Request,
    get: GetInvoiceDep,
) -> Response:
    view = await get(InvoiceId(invoice_id))
    return _INVOICE.read_response(request, view, version=view.version)


@router.post(
    "/{invoice_id}/payments",
    status_code=201,
    response_model=InvoiceView,
    summary="Record a payment",
    description=cleandoc(RecordPayment.__doc__ or ""),
    dependencies=[idempotent(required=True)],
    responses=responses_for(
        IdempotencyKeyRequiredError,
        InvalidIdempotencyKeyError,
        NotAuthenticatedError,
        PermissionDeniedError,
        InvoiceNotFoundError,
        InvoiceNotOpenError,
        IdempotencyRequestInProgressError,
        ConcurrentModificationError,
        OverpaymentError,
        CurrencyMismatchError,
        InvalidPaymentError,
        IdempotencyKeyReusedError,
    ),
)
async def record_payment(
    invoice_id: UUID,
    body: PaymentIn,
    pay: RecordPaymentDep,
) -> Response:
    view = await pay(body.to_command(InvoiceId(invoice_id)))
    return _INVOICE.response(view, status=201, version=view.version)


API = ContextApi(
    router=router,
    description="Invoices, issued for every order, and payments.",
    views=BILLING_VIEWS,
)
