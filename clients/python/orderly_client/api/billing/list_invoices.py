from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.invoice_page import InvoicePage
from ...models.list_invoices_invoice_status import ListInvoicesInvoiceStatus
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    status: ListInvoicesInvoiceStatus | Unset = UNSET,
    customer_id: UUID | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    json_customer_id: str | Unset = UNSET
    if not isinstance(customer_id, Unset):
        json_customer_id = str(customer_id)
    params["customer_id"] = json_customer_id

    params["limit"] = limit

    params["cursor"] = cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/invoices",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> InvoicePage | Problem | None:
    if response.status_code == 200:
        response_200 = InvoicePage.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

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
) -> Response[InvoicePage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: ListInvoicesInvoiceStatus | Unset = UNSET,
    customer_id: UUID | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> Response[InvoicePage | Problem]:
    """List invoices

     Lists invoices, newest first.

    - Signed-in users only. Customers see their own invoices (asking for another customer's
      finds nothing); staff and admins see every invoice and may filter by `customer_id`.
    - Filter by `status`.

    Args:
        status (ListInvoicesInvoiceStatus | Unset):
        customer_id (UUID | Unset): Staff: any customer. Customers: only their own id (another
            finds nothing).
        limit (int | Unset):  Default: 20.
        cursor (str | Unset): `next_cursor` of the previous page; any other value is 400
            `invalid_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InvoicePage | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        customer_id=customer_id,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    status: ListInvoicesInvoiceStatus | Unset = UNSET,
    customer_id: UUID | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> InvoicePage | Problem | None:
    """List invoices

     Lists invoices, newest first.

    - Signed-in users only. Customers see their own invoices (asking for another customer's
      finds nothing); staff and admins see every invoice and may filter by `customer_id`.
    - Filter by `status`.

    Args:
        status (ListInvoicesInvoiceStatus | Unset):
        customer_id (UUID | Unset): Staff: any customer. Customers: only their own id (another
            finds nothing).
        limit (int | Unset):  Default: 20.
        cursor (str | Unset): `next_cursor` of the previous page; any other value is 400
            `invalid_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InvoicePage | Problem
    """

    return sync_detailed(
        client=client,
        status=status,
        customer_id=customer_id,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: ListInvoicesInvoiceStatus | Unset = UNSET,
    customer_id: UUID | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> Response[InvoicePage | Problem]:
    """List invoices

     Lists invoices, newest first.

    - Signed-in users only. Customers see their own invoices (asking for another customer's
      finds nothing); staff and admins see every invoice and may filter by `customer_id`.
    - Filter by `status`.

    Args:
        status (ListInvoicesInvoiceStatus | Unset):
        customer_id (UUID | Unset): Staff: any customer. Customers: only their own id (another
            finds nothing).
        limit (int | Unset):  Default: 20.
        cursor (str | Unset): `next_cursor` of the previous page; any other value is 400
            `invalid_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InvoicePage | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        customer_id=customer_id,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    status: ListInvoicesInvoiceStatus | Unset = UNSET,
    customer_id: UUID | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> InvoicePage | Problem | None:
    """List invoices

     Lists invoices, newest first.

    - Signed-in users only. Customers see their own invoices (asking for another customer's
      finds nothing); staff and admins see every invoice and may filter by `customer_id`.
    - Filter by `status`.

    Args:
        status (ListInvoicesInvoiceStatus | Unset):
        customer_id (UUID | Unset): Staff: any customer. Customers: only their own id (another
            finds nothing).
        limit (int | Unset):  Default: 20.
        cursor (str | Unset): `next_cursor` of the previous page; any other value is 400
            `invalid_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InvoicePage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            customer_id=customer_id,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
