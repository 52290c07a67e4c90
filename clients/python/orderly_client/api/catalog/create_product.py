from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.product_create import ProductCreate
from ...models.product_view import ProductView
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: ProductCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/products",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ProductView | None:
    if response.status_code == 201:
        response_201 = ProductView.from_dict(response.json())

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
) -> Response[Problem | ProductView]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ProductCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | ProductView]:
    """Create a product

     Adds a product to the catalog.

    - Staff and admins only.
    - The SKU is unique across the catalog, archived products included (409 `sku_taken`).
    - The product starts active, at version 1.

    Args:
        idempotency_key (str | Unset): 1-255 printable ASCII characters, unique per intended
            effect; a retry with the same key and body replays the first response for 24 hours.
        body (ProductCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProductView]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: ProductCreate,
    idempotency_key: str | Unset = UNSET,
) -> Problem | ProductView | None:
    """Create a product

     Adds a product to the catalog.

    - Staff and admins only.
    - The SKU is unique across the catalog, archived products included (409 `sku_taken`).
    - The product starts active, at version 1.

    Args:
        idempotency_key (str | Unset): 1-255 printable ASCII characters, unique per intended
            effect; a retry with the same key and body replays the first response for 24 hours.
        body (ProductCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProductView
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ProductCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | ProductView]:
    """Create a product

     Adds a product to the catalog.

    - Staff and admins only.
    - The SKU is unique across the catalog, archived products included (409 `sku_taken`).
    - The product starts active, at version 1.

    Args:
        idempotency_key (str | Unset): 1-255 printable ASCII characters, unique per intended
            effect; a retry with the same key and body replays the first response for 24 hours.
        body (ProductCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProductView]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ProductCreate,
    idempotency_key: str | Unset = UNSET,
) -> Problem | ProductView | None:
    """Create a product

     Adds a product to the catalog.

    - Staff and admins only.
    - The SKU is unique across the catalog, archived products included (409 `sku_taken`).
    - The product starts active, at version 1.

    Args:
        idempotency_key (str | Unset): 1-255 printable ASCII characters, unique per intended
            effect; a retry with the same key and body replays the first response for 24 hours.
        body (ProductCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProductView
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
