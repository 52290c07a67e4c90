"""Billing endpoints: read invoices and record payments."""

from __future__ import annotations

from inspect import cleandoc
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from application.billing.get_invoice import GetInvoice
from application.billing.list_invoices import ListInvoices
from application.billing.ports import InvoiceView
from application.billing.record_payment import RecordPayment
from application.shared.errors import PermissionDeniedError
from application.shared.idempotency import (
    IdempotencyKeyReusedError,
    IdempotencyRequestInProgressError,
)
from application.shared.principal import NotAuthenticatedError
from domain.billing.ids import InvoiceId
from domain.billing.invoice import (
    InvalidPaymentError,
    InvoiceNotFoundError,
    InvoiceNotOpenError,
    OverpaymentError,
)
from domain.shared.errors import ConcurrentModificationError
from domain.shared.money import CurrencyMismatchError
from entrypoints.http.billing.schemas import InvoiceListQuery, PaymentIn
from entrypoints.http.dependencies import Actor, ContainerDep, IfNoneMatch, RequiredIdempotency, UoW
from entrypoints.http.json import JsonWriter, Listing
from entrypoints.http.listing import list_response
from entrypoints.http.problems import (
    IdempotencyKeyRequiredError,
    InvalidCursorError,
    InvalidIdempotencyKeyError,
    responses_for,
)

router = APIRouter(prefix="/api/v1/invoices", tags=["billing"])

_INVOICE: JsonWriter[InvoiceView] = JsonWriter(InvoiceView)
_INVOICES: JsonWriter[Listing[InvoiceView]] = JsonWriter(Listing[InvoiceView])


@router.get(
    "",
    response_model=Listing[InvoiceView],
    summary="List invoices",
    description=cleandoc(ListInvoices.__doc__ or ""),
    responses=responses_for(NotAuthenticatedError, InvalidCursorError),
)
async def list_invoices(
    query: Annotated[InvoiceListQuery, Query()],
    request: Request,
    actor: Actor,
    container: ContainerDep,
) -> Response:
    criteria = query.to_criteria()
    return await list_response(
        request,
        query,
        container.cursor_codec(),
        lambda page: container.list_invoices()(actor, criteria, page),
        _INVOICES,
    )


@router.get(
    "/{invoice_id}",
    response_model=InvoiceView,
    summary="Get an invoice",
    description=cleandoc(GetInvoice.__doc__ or ""),
    responses=responses_for(NotAuthenticatedError, InvoiceNotFoundError),
)
async def get_invoice(
    invoice_id: UUID,
    actor: Actor,
    container: ContainerDep,
    if_none_match: IfNoneMatch = None,
) -> Response:
    view = await container.get_invoice()(actor, InvoiceId(invoice_id))
    return _INVOICE.read_response(view, version=view.version, if_none_match=if_none_match)


@router.post(
    "/{invoice_id}/payments",
    status_code=201,
    response_model=InvoiceView,
    summary="Record a payment",
    description=cleandoc(RecordPayment.__doc__ or ""),
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
    actor: Actor,
    uow: UoW,
    idempotent: RequiredIdempotency,
    container: ContainerDep,
) -> Response:
    async def pay() -> Response:
        command = body.to_command(InvoiceId(invoice_id))
        view = await container.record_payment(uow=uow)(actor, command)
        return _INVOICE.response(view, status=201, version=view.version)

    return await idempotent.run(pay)
