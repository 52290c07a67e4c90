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
    q: None | str | Unset = UNSET,
    active: bool | None | Unset = UNSET,
    min_price: None | str | Unset = UNSET,
    max_price: None | str | Unset = UNSET,
    currency: None | str | Unset = UNSET,
    sort: ListProductsProductSort | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_q: str | Unset | None
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

    json_active: bool | Unset | None
    if isinstance(active, Unset):
        json_active = UNSET
    else:
        json_active = active
    params["active"] = json_active

    json_min_price: str | Unset | None
    if isinstance(min_price, Unset):
        json_min_price = UNSET
    else:
        json_min_price = min_price
    params["min_price"] = json_min_price

    json_max_price: str | Unset | None
    if isinstance(max_price, Unset):
        json_max_price = UNSET
    else:
        json_max_price = max_price
    params["max_price"] = json_max_price

    json_currency: str | Unset | None
    if isinstance(currency, Unset):
        json_currency = UNSET
    else:
        json_currency = currency
    params["currency"] = json_currency

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort.value

    params["sort"] = json_sort

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
    q: None | str | Unset = UNSET,
    active: bool | None | Unset = UNSET,
    min_price: None | str | Unset = UNSET,
    max_price: None | str | Unset = UNSET,
    currency: None | str | Unset = UNSET,
    sort: ListProductsProductSort | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> Response[Problem | ProductPage]:
    """List products

     Lists products, newest first unless another sort is asked for.

    - Public. Anonymous callers and customers see active products only (asking them for
      inactive ones finds nothing); staff and admins see every product.
    - `q` matches a case-insensitive, literal substring of the name.
    - Price bounds are inclusive; combine them with `currency` to stay in one currency.

    Args:
        q (None | str | Unset):
        active (bool | None | Unset):
        min_price (None | str | Unset):
        max_price (None | str | Unset):
        currency (None | str | Unset):
        sort (ListProductsProductSort | Unset): Each sort has its own (column, id) index, so every
            page is an index range scan.
        limit (int | Unset):  Default: 20.
        cursor (None | str | Unset):

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
    q: None | str | Unset = UNSET,
    active: bool | None | Unset = UNSET,
    min_price: None | str | Unset = UNSET,
    max_price: None | str | Unset = UNSET,
    currency: None | str | Unset = UNSET,
    sort: ListProductsProductSort | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> Problem | ProductPage | None:
    """List products

     Lists products, newest first unless another sort is asked for.

    - Public. Anonymous callers and customers see active products only (asking them for
      inactive ones finds nothing); staff and admins see every product.
    - `q` matches a case-insensitive, literal substring of the name.
    - Price bounds are inclusive; combine them with `currency` to stay in one currency.

    Args:
        q (None | str | Unset):
        active (bool | None | Unset):
        min_price (None | str | Unset):
        max_price (None | str | Unset):
        currency (None | str | Unset):
        sort (ListProductsProductSort | Unset): Each sort has its own (column, id) index, so every
            page is an index range scan.
        limit (int | Unset):  Default: 20.
        cursor (None | str | Unset):

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
    q: None | str | Unset = UNSET,
    active: bool | None | Unset = UNSET,
    min_price: None | str | Unset = UNSET,
    max_price: None | str | Unset = UNSET,
    currency: None | str | Unset = UNSET,
    sort: ListProductsProductSort | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> Response[Problem | ProductPage]:
    """List products

     Lists products, newest first unless another sort is asked for.

    - Public. Anonymous callers and customers see active products only (asking them for
      inactive ones finds nothing); staff and admins see every product.
    - `q` matches a case-insensitive, literal substring of the name.
    - Price bounds are inclusive; combine them with `currency` to stay in one currency.

    Args:
        q (None | str | Unset):
        active (bool | None | Unset):
        min_price (None | str | Unset):
        max_price (None | str | Unset):
        currency (None | str | Unset):
        sort (ListProductsProductSort | Unset): Each sort has its own (column, id) index, so every
            page is an index range scan.
        limit (int | Unset):  Default: 20.
        cursor (None | str | Unset):

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
    q: None | str | Unset = UNSET,
    active: bool | None | Unset = UNSET,
    min_price: None | str | Unset = UNSET,
    max_price: None | str | Unset = UNSET,
    currency: None | str | Unset = UNSET,
    sort: ListProductsProductSort | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> Problem | ProductPage | None:
    """List products

     Lists products, newest first unless another sort is asked for.

    - Public. Anonymous callers and customers see active products only (asking them for
      inactive ones finds nothing); staff and admins see every product.
    - `q` matches a case-insensitive, literal substring of the name.
    - Price bounds are inclusive; combine them with `currency` to stay in one currency.

    Args:
        q (None | str | Unset):
        active (bool | None | Unset):
        min_price (None | str | Unset):
        max_price (None | str | Unset):
        currency (None | str | Unset):
        sort (ListProductsProductSort | Unset): Each sort has its own (column, id) index, so every
            page is an index range scan.
        limit (int | Unset):  Default: 20.
        cursor (None | str | Unset):

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
