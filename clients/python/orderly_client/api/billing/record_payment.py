from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.invoice_view import InvoiceView
from ...models.payment_in import PaymentIn
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    invoice_id: UUID,
    *,
    body: PaymentIn,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/invoices/{invoice_id}/payments".format(
            invoice_id=quote(str(invoice_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> InvoiceView | Problem | None:
    if response.status_code == 201:
        response_201 = InvoiceView.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[InvoiceView | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    invoice_id: UUID,
    *,
    client: AuthenticatedClient,
    body: PaymentIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[InvoiceView | Problem]:
    """Record a payment

     Records a payment and answers with the updated invoice.

    - Staff and admins only.
    - Only an open invoice takes payments (409 `invoice_not_open`).
    - The amount is positive, in the invoice's currency, and at most the amount due (422
      `overpayment`); the reference has 1-200 characters.
    - The payment that settles the amount due makes the invoice `paid`, and its order
      becomes `paid` in turn through the `InvoicePaid` event.

    Args:
        invoice_id (UUID):
        idempotency_key (str | Unset): 1-255 printable ASCII characters, unique per intended
            effect; a retry with the same key and body replays the first response for 24 hours.
        body (PaymentIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InvoiceView | Problem]
    """

    kwargs = _get_kwargs(
        invoice_id=invoice_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    invoice_id: UUID,
    *,
    client: AuthenticatedClient,
    body: PaymentIn,
    idempotency_key: str | Unset = UNSET,
) -> InvoiceView | Problem | None:
    """Record a payment

     Records a payment and answers with the updated invoice.

    - Staff and admins only.
    - Only an open invoice takes payments (409 `invoice_not_open`).
    - The amount is positive, in the invoice's currency, and at most the amount due (422
      `overpayment`); the reference has 1-200 characters.
    - The payment that settles the amount due makes the invoice `paid`, and its order
      becomes `paid` in turn through the `InvoicePaid` event.

    Args:
        invoice_id (UUID):
        idempotency_key (str | Unset): 1-255 printable ASCII characters, unique per intended
            effect; a retry with the same key and body replays the first response for 24 hours.
        body (PaymentIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InvoiceView | Problem
    """

    return sync_detailed(
        invoice_id=invoice_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    invoice_id: UUID,
    *,
    client: AuthenticatedClient,
    body: PaymentIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[InvoiceView | Problem]:
    """Record a payment

     Records a payment and answers with the updated invoice.

    - Staff and admins only.
    - Only an open invoice takes payments (409 `invoice_not_open`).
    - The amount is positive, in the invoice's currency, and at most the amount due (422
      `overpayment`); the reference has 1-200 characters.
    - The payment that settles the amount due makes the invoice `paid`, and its order
      becomes `paid` in turn through the `InvoicePaid` event.

    Args:
        invoice_id (UUID):
        idempotency_key (str | Unset): 1-255 printable ASCII characters, unique per intended
            effect; a retry with the same key and body replays the first response for 24 hours.
        body (PaymentIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InvoiceView | Problem]
    """

    kwargs = _get_kwargs(
        invoice_id=invoice_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    invoice_id: UUID,
    *,
    client: AuthenticatedClient,
    body: PaymentIn,
    idempotency_key: str | Unset = UNSET,
) -> InvoiceView | Problem | None:
    """Record a payment

     Records a payment and answers with the updated invoice.

    - Staff and admins only.
    - Only an open invoice takes payments (409 `invoice_not_open`).
    - The amount is positive, in the invoice's currency, and at most the amount due (422
      `overpayment`); the reference has 1-200 characters.
    - The payment that settles the amount due makes the invoice `paid`, and its order
      becomes `paid` in turn through the `InvoicePaid` event.

    Args:
        invoice_id (UUID):
        idempotency_key (str | Unset): 1-255 printable ASCII characters, unique per intended
            effect; a retry with the same key and body replays the first response for 24 hours.
        body (PaymentIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InvoiceView | Problem
    """

    return (
        await asyncio_detailed(
            invoice_id=invoice_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
