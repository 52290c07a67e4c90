from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.order_view import OrderView
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    order_id: UUID,
    *,
    if_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["if-match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/orders/{order_id}/cancel".format(
            order_id=quote(str(order_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OrderView | Problem | None:
    if response.status_code == 200:
        response_200 = OrderView.from_dict(response.json())

        return response_200

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

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

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
) -> Response[OrderView | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    order_id: UUID,
    *,
    client: AuthenticatedClient,
    if_match: str | Unset = UNSET,
) -> Response[OrderView | Problem]:
    """Cancel an order

     Cancels an order.

    - The customer who placed it, or staff and admins; to any other customer it is 404.
    - With `If-Match`, a stale version is refused (412 `precondition_failed`).
    - Only a `placed` order can be cancelled (409 `invalid_order_state`).
    - Its stock is back on sale at once; its invoice is voided through the `OrderCancelled`
      event, and anything already paid on it becomes a refund due.

    Args:
        order_id (UUID):
        if_match (str | Unset): ETag from a previous read, or `*`; 412 unless it names the current
            version (any other text names none).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrderView | Problem]
    """

    kwargs = _get_kwargs(
        order_id=order_id,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    order_id: UUID,
    *,
    client: AuthenticatedClient,
    if_match: str | Unset = UNSET,
) -> OrderView | Problem | None:
    """Cancel an order

     Cancels an order.

    - The customer who placed it, or staff and admins; to any other customer it is 404.
    - With `If-Match`, a stale version is refused (412 `precondition_failed`).
    - Only a `placed` order can be cancelled (409 `invalid_order_state`).
    - Its stock is back on sale at once; its invoice is voided through the `OrderCancelled`
      event, and anything already paid on it becomes a refund due.

    Args:
        order_id (UUID):
        if_match (str | Unset): ETag from a previous read, or `*`; 412 unless it names the current
            version (any other text names none).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrderView | Problem
    """

    return sync_detailed(
        order_id=order_id,
        client=client,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    order_id: UUID,
    *,
    client: AuthenticatedClient,
    if_match: str | Unset = UNSET,
) -> Response[OrderView | Problem]:
    """Cancel an order

     Cancels an order.

    - The customer who placed it, or staff and admins; to any other customer it is 404.
    - With `If-Match`, a stale version is refused (412 `precondition_failed`).
    - Only a `placed` order can be cancelled (409 `invalid_order_state`).
    - Its stock is back on sale at once; its invoice is voided through the `OrderCancelled`
      event, and anything already paid on it becomes a refund due.

    Args:
        order_id (UUID):
        if_match (str | Unset): ETag from a previous read, or `*`; 412 unless it names the current
            version (any other text names none).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrderView | Problem]
    """

    kwargs = _get_kwargs(
        order_id=order_id,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    order_id: UUID,
    *,
    client: AuthenticatedClient,
    if_match: str | Unset = UNSET,
) -> OrderView | Problem | None:
    """Cancel an order

     Cancels an order.

    - The customer who placed it, or staff and admins; to any other customer it is 404.
    - With `If-Match`, a stale version is refused (412 `precondition_failed`).
    - Only a `placed` order can be cancelled (409 `invalid_order_state`).
    - Its stock is back on sale at once; its invoice is voided through the `OrderCancelled`
      event, and anything already paid on it becomes a refund due.

    Args:
        order_id (UUID):
        if_match (str | Unset): ETag from a previous read, or `*`; 412 unless it names the current
            version (any other text names none).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrderView | Problem
    """

    return (
        await asyncio_detailed(
            order_id=order_id,
            client=client,
            if_match=if_match,
        )
    ).parsed
