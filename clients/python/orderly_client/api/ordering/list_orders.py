import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_orders_order_status import ListOrdersOrderStatus
from ...models.order_page import OrderPage
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    status: ListOrdersOrderStatus | Unset = UNSET,
    customer_id: UUID | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
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

    json_created_after: str | Unset = UNSET
    if not isinstance(created_after, Unset):
        json_created_after = created_after.isoformat()
    params["created_after"] = json_created_after

    json_created_before: str | Unset = UNSET
    if not isinstance(created_before, Unset):
        json_created_before = created_before.isoformat()
    params["created_before"] = json_created_before

    params["limit"] = limit

    params["cursor"] = cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/orders",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OrderPage | Problem | None:
    if response.status_code == 200:
        response_200 = OrderPage.from_dict(response.json())

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
) -> Response[OrderPage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: ListOrdersOrderStatus | Unset = UNSET,
    customer_id: UUID | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> Response[OrderPage | Problem]:
    """List orders

     Lists orders, newest first.

    - Signed-in users only. Customers see their own orders (asking for another customer's
      finds nothing); staff and admins see every order and may filter by `customer_id`.
    - Filter by `status`; `created_after` is inclusive and `created_before` exclusive.

    Args:
        status (ListOrdersOrderStatus | Unset):
        customer_id (UUID | Unset): Staff: any customer. Customers: only their own id (another
            finds nothing).
        created_after (datetime.datetime | Unset): Inclusive, RFC 3339.
        created_before (datetime.datetime | Unset): Exclusive, RFC 3339.
        limit (int | Unset):  Default: 20.
        cursor (str | Unset): `next_cursor` of the previous page; any other value is 400
            `invalid_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrderPage | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        customer_id=customer_id,
        created_after=created_after,
        created_before=created_before,
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
    status: ListOrdersOrderStatus | Unset = UNSET,
    customer_id: UUID | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> OrderPage | Problem | None:
    """List orders

     Lists orders, newest first.

    - Signed-in users only. Customers see their own orders (asking for another customer's
      finds nothing); staff and admins see every order and may filter by `customer_id`.
    - Filter by `status`; `created_after` is inclusive and `created_before` exclusive.

    Args:
        status (ListOrdersOrderStatus | Unset):
        customer_id (UUID | Unset): Staff: any customer. Customers: only their own id (another
            finds nothing).
        created_after (datetime.datetime | Unset): Inclusive, RFC 3339.
        created_before (datetime.datetime | Unset): Exclusive, RFC 3339.
        limit (int | Unset):  Default: 20.
        cursor (str | Unset): `next_cursor` of the previous page; any other value is 400
            `invalid_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrderPage | Problem
    """

    return sync_detailed(
        client=client,
        status=status,
        customer_id=customer_id,
        created_after=created_after,
        created_before=created_before,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: ListOrdersOrderStatus | Unset = UNSET,
    customer_id: UUID | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> Response[OrderPage | Problem]:
    """List orders

     Lists orders, newest first.

    - Signed-in users only. Customers see their own orders (asking for another customer's
      finds nothing); staff and admins see every order and may filter by `customer_id`.
    - Filter by `status`; `created_after` is inclusive and `created_before` exclusive.

    Args:
        status (ListOrdersOrderStatus | Unset):
        customer_id (UUID | Unset): Staff: any customer. Customers: only their own id (another
            finds nothing).
        created_after (datetime.datetime | Unset): Inclusive, RFC 3339.
        created_before (datetime.datetime | Unset): Exclusive, RFC 3339.
        limit (int | Unset):  Default: 20.
        cursor (str | Unset): `next_cursor` of the previous page; any other value is 400
            `invalid_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrderPage | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        customer_id=customer_id,
        created_after=created_after,
        created_before=created_before,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    status: ListOrdersOrderStatus | Unset = UNSET,
    customer_id: UUID | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> OrderPage | Problem | None:
    """List orders

     Lists orders, newest first.

    - Signed-in users only. Customers see their own orders (asking for another customer's
      finds nothing); staff and admins see every order and may filter by `customer_id`.
    - Filter by `status`; `created_after` is inclusive and `created_before` exclusive.

    Args:
        status (ListOrdersOrderStatus | Unset):
        customer_id (UUID | Unset): Staff: any customer. Customers: only their own id (another
            finds nothing).
        created_after (datetime.datetime | Unset): Inclusive, RFC 3339.
        created_before (datetime.datetime | Unset): Exclusive, RFC 3339.
        limit (int | Unset):  Default: 20.
        cursor (str | Unset): `next_cursor` of the previous page; any other value is 400
            `invalid_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrderPage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            customer_id=customer_id,
            created_after=created_after,
            created_before=created_before,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
