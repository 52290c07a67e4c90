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
    status: ListOrdersOrderStatus | None | Unset = UNSET,
    customer_id: None | Unset | UUID = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: str | Unset | None
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ListOrdersOrderStatus):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_customer_id: str | Unset | None
    if isinstance(customer_id, Unset):
        json_customer_id = UNSET
    elif isinstance(customer_id, UUID):
        json_customer_id = str(customer_id)
    else:
        json_customer_id = customer_id
    params["customer_id"] = json_customer_id

    json_created_after: str | Unset | None
    if isinstance(created_after, Unset):
        json_created_after = UNSET
    elif isinstance(created_after, datetime.datetime):
        json_created_after = created_after.isoformat()
    else:
        json_created_after = created_after
    params["created_after"] = json_created_after

    json_created_before: str | Unset | None
    if isinstance(created_before, Unset):
        json_created_before = UNSET
    elif isinstance(created_before, datetime.datetime):
        json_created_before = created_before.isoformat()
    else:
        json_created_before = created_before
    params["created_before"] = json_created_before

    params["limit"] = limit

    json_cursor: str | Unset | None
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

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
    status: ListOrdersOrderStatus | None | Unset = UNSET,
    customer_id: None | Unset | UUID = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> Response[OrderPage | Problem]:
    """List orders

     Lists orders, newest first.

    - Signed-in users only. Customers see their own orders (asking for another customer's
      finds nothing); staff and admins see every order and may filter by `customer_id`.
    - Filter by `status`; `created_after` is inclusive and `created_before` exclusive.

    Args:
        status (ListOrdersOrderStatus | None | Unset):
        customer_id (None | Unset | UUID): Staff: any customer. Customers: only their own id
            (another finds nothing).
        created_after (datetime.datetime | None | Unset): Inclusive, RFC 3339.
        created_before (datetime.datetime | None | Unset): Exclusive, RFC 3339.
        limit (int | Unset):  Default: 20.
        cursor (None | str | Unset):

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
    status: ListOrdersOrderStatus | None | Unset = UNSET,
    customer_id: None | Unset | UUID = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> OrderPage | Problem | None:
    """List orders

     Lists orders, newest first.

    - Signed-in users only. Customers see their own orders (asking for another customer's
      finds nothing); staff and admins see every order and may filter by `customer_id`.
    - Filter by `status`; `created_after` is inclusive and `created_before` exclusive.

    Args:
        status (ListOrdersOrderStatus | None | Unset):
        customer_id (None | Unset | UUID): Staff: any customer. Customers: only their own id
            (another finds nothing).
        created_after (datetime.datetime | None | Unset): Inclusive, RFC 3339.
        created_before (datetime.datetime | None | Unset): Exclusive, RFC 3339.
        limit (int | Unset):  Default: 20.
        cursor (None | str | Unset):

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
    status: ListOrdersOrderStatus | None | Unset = UNSET,
    customer_id: None | Unset | UUID = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> Response[OrderPage | Problem]:
    """List orders

     Lists orders, newest first.

    - Signed-in users only. Customers see their own orders (asking for another customer's
      finds nothing); staff and admins see every order and may filter by `customer_id`.
    - Filter by `status`; `created_after` is inclusive and `created_before` exclusive.

    Args:
        status (ListOrdersOrderStatus | None | Unset):
        customer_id (None | Unset | UUID): Staff: any customer. Customers: only their own id
            (another finds nothing).
        created_after (datetime.datetime | None | Unset): Inclusive, RFC 3339.
        created_before (datetime.datetime | None | Unset): Exclusive, RFC 3339.
        limit (int | Unset):  Default: 20.
        cursor (None | str | Unset):

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
    status: ListOrdersOrderStatus | None | Unset = UNSET,
    customer_id: None | Unset | UUID = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> OrderPage | Problem | None:
    """List orders

     Lists orders, newest first.

    - Signed-in users only. Customers see their own orders (asking for another customer's
      finds nothing); staff and admins see every order and may filter by `customer_id`.
    - Filter by `status`; `created_after` is inclusive and `created_before` exclusive.

    Args:
        status (ListOrdersOrderStatus | None | Unset):
        customer_id (None | Unset | UUID): Staff: any customer. Customers: only their own id
            (another finds nothing).
        created_after (datetime.datetime | None | Unset): Inclusive, RFC 3339.
        created_before (datetime.datetime | None | Unset): Exclusive, RFC 3339.
        limit (int | Unset):  Default: 20.
        cursor (None | str | Unset):

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
