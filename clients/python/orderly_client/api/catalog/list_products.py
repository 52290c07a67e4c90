from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_products_product_sort import ListProductsProductSort
from ...models.problem import Problem
from ...models.product_page import ProductPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    q: str | Unset = UNSET,
    active: bool | Unset = UNSET,
    min_price: str | Unset = UNSET,
    max_price: str | Unset = UNSET,
    currency: str | Unset = UNSET,
    sort: ListProductsProductSort | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["q"] = q

    params["active"] = active

    params["min_price"] = min_price

    params["max_price"] = max_price

    params["currency"] = currency

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort.value

    params["sort"] = json_sort

    params["limit"] = limit

    params["cursor"] = cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/products",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ProductPage | None:
    if response.status_code == 200:
        response_200 = ProductPage.from_dict(response.json())

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
) -> Response[Problem | ProductPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    q: str | Unset = UNSET,
    active: bool | Unset = UNSET,
    min_price: str | Unset = UNSET,
    max_price: str | Unset = UNSET,
    currency: str | Unset = UNSET,
    sort: ListProductsProductSort | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> Response[Problem | ProductPage]:
    """List products

     Lists products, newest first unless another sort is asked for.

    - Public. Anonymous callers and customers see active products only (asking them for
      inactive ones finds nothing); staff and admins see every product.
    - `q` matches a case-insensitive, literal substring of the name.
    - Price bounds are inclusive; combine them with `currency` to stay in one currency.

    Args:
        q (str | Unset):
        active (bool | Unset):
        min_price (str | Unset):
        max_price (str | Unset):
        currency (str | Unset):
        sort (ListProductsProductSort | Unset): Each sort has its own (column, id) index, so every
            page is an index range scan.
        limit (int | Unset):  Default: 20.
        cursor (str | Unset): `next_cursor` of the previous page; any other value is 400
            `invalid_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProductPage]
    """

    kwargs = _get_kwargs(
        q=q,
        active=active,
        min_price=min_price,
        max_price=max_price,
        currency=currency,
        sort=sort,
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
    q: str | Unset = UNSET,
    active: bool | Unset = UNSET,
    min_price: str | Unset = UNSET,
    max_price: str | Unset = UNSET,
    currency: str | Unset = UNSET,
    sort: ListProductsProductSort | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> Problem | ProductPage | None:
    """List products

     Lists products, newest first unless another sort is asked for.

    - Public. Anonymous callers and customers see active products only (asking them for
      inactive ones finds nothing); staff and admins see every product.
    - `q` matches a case-insensitive, literal substring of the name.
    - Price bounds are inclusive; combine them with `currency` to stay in one currency.

    Args:
        q (str | Unset):
        active (bool | Unset):
        min_price (str | Unset):
        max_price (str | Unset):
        currency (str | Unset):
        sort (ListProductsProductSort | Unset): Each sort has its own (column, id) index, so every
            page is an index range scan.
        limit (int | Unset):  Default: 20.
        cursor (str | Unset): `next_cursor` of the previous page; any other value is 400
            `invalid_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProductPage
    """

    return sync_detailed(
        client=client,
        q=q,
        active=active,
        min_price=min_price,
        max_price=max_price,
        currency=currency,
        sort=sort,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    q: str | Unset = UNSET,
    active: bool | Unset = UNSET,
    min_price: str | Unset = UNSET,
    max_price: str | Unset = UNSET,
    currency: str | Unset = UNSET,
    sort: ListProductsProductSort | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> Response[Problem | ProductPage]:
    """List products

     Lists products, newest first unless another sort is asked for.

    - Public. Anonymous callers and customers see active products only (asking them for
      inactive ones finds nothing); staff and admins see every product.
    - `q` matches a case-insensitive, literal substring of the name.
    - Price bounds are inclusive; combine them with `currency` to stay in one currency.

    Args:
        q (str | Unset):
        active (bool | Unset):
        min_price (str | Unset):
        max_price (str | Unset):
        currency (str | Unset):
        sort (ListProductsProductSort | Unset): Each sort has its own (column, id) index, so every
            page is an index range scan.
        limit (int | Unset):  Default: 20.
        cursor (str | Unset): `next_cursor` of the previous page; any other value is 400
            `invalid_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProductPage]
    """

    kwargs = _get_kwargs(
        q=q,
        active=active,
        min_price=min_price,
        max_price=max_price,
        currency=currency,
        sort=sort,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    q: str | Unset = UNSET,
    active: bool | Unset = UNSET,
    min_price: str | Unset = UNSET,
    max_price: str | Unset = UNSET,
    currency: str | Unset = UNSET,
    sort: ListProductsProductSort | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: str | Unset = UNSET,
) -> Problem | ProductPage | None:
    """List products

     Lists products, newest first unless another sort is asked for.

    - Public. Anonymous callers and customers see active products only (asking them for
      inactive ones finds nothing); staff and admins see every product.
    - `q` matches a case-insensitive, literal substring of the name.
    - Price bounds are inclusive; combine them with `currency` to stay in one currency.

    Args:
        q (str | Unset):
        active (bool | Unset):
        min_price (str | Unset):
        max_price (str | Unset):
        currency (str | Unset):
        sort (ListProductsProductSort | Unset): Each sort has its own (column, id) index, so every
            page is an index range scan.
        limit (int | Unset):  Default: 20.
        cursor (str | Unset): `next_cursor` of the previous page; any other value is 400
            `invalid_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProductPage
    """

    return (
        await asyncio_detailed(
            client=client,
            q=q,
            active=active,
            min_price=min_price,
            max_price=max_price,
            currency=currency,
            sort=sort,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
