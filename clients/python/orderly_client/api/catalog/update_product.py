from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.product_patch import ProductPatch
from ...models.product_view import ProductView
from ...types import UNSET, Response, Unset


def _get_kwargs(
    product_id: UUID,
    *,
    body: ProductPatch,
    if_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["if-match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/products/{product_id}".format(
            product_id=quote(str(product_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ProductView | None:
    if response.status_code == 200:
        response_200 = ProductView.from_dict(response.json())

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
) -> Response[Problem | ProductView]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    product_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ProductPatch,
    if_match: str | Unset = UNSET,
) -> Response[Problem | ProductView]:
    """Change a product

     Changes a product.

    - Staff and admins only.
    - With `If-Match`, a stale version is refused (412 `precondition_failed`).
    - Without it, a concurrent write is still detected (409 `concurrent_modification`).
    - Stock never goes below zero; the price stays positive.

    Args:
        product_id (UUID):
        if_match (str | Unset): ETag from a previous read, or `*`; 412 unless it names the current
            version (any other text names none).
        body (ProductPatch): Only the fields sent change; at least one is needed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProductView]
    """

    kwargs = _get_kwargs(
        product_id=product_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    product_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ProductPatch,
    if_match: str | Unset = UNSET,
) -> Problem | ProductView | None:
    """Change a product

     Changes a product.

    - Staff and admins only.
    - With `If-Match`, a stale version is refused (412 `precondition_failed`).
    - Without it, a concurrent write is still detected (409 `concurrent_modification`).
    - Stock never goes below zero; the price stays positive.

    Args:
        product_id (UUID):
        if_match (str | Unset): ETag from a previous read, or `*`; 412 unless it names the current
            version (any other text names none).
        body (ProductPatch): Only the fields sent change; at least one is needed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProductView
    """

    return sync_detailed(
        product_id=product_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    product_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ProductPatch,
    if_match: str | Unset = UNSET,
) -> Response[Problem | ProductView]:
    """Change a product

     Changes a product.

    - Staff and admins only.
    - With `If-Match`, a stale version is refused (412 `precondition_failed`).
    - Without it, a concurrent write is still detected (409 `concurrent_modification`).
    - Stock never goes below zero; the price stays positive.

    Args:
        product_id (UUID):
        if_match (str | Unset): ETag from a previous read, or `*`; 412 unless it names the current
            version (any other text names none).
        body (ProductPatch): Only the fields sent change; at least one is needed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProductView]
    """

    kwargs = _get_kwargs(
        product_id=product_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    product_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ProductPatch,
    if_match: str | Unset = UNSET,
) -> Problem | ProductView | None:
    """Change a product

     Changes a product.

    - Staff and admins only.
    - With `If-Match`, a stale version is refused (412 `precondition_failed`).
    - Without it, a concurrent write is still detected (409 `concurrent_modification`).
    - Stock never goes below zero; the price stays positive.

    Args:
        product_id (UUID):
        if_match (str | Unset): ETag from a previous read, or `*`; 412 unless it names the current
            version (any other text names none).
        body (ProductPatch): Only the fields sent change; at least one is needed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProductView
    """

    return (
        await asyncio_detailed(
            product_id=product_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
