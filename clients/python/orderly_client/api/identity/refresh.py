from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.refresh_in import RefreshIn
from ...models.token_out import TokenOut
from ...types import Response


def _get_kwargs(
    *,
    body: RefreshIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/auth/refresh",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | TokenOut | None:
    if response.status_code == 200:
        response_200 = TokenOut.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

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
) -> Response[Problem | TokenOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: RefreshIn,
) -> Response[Problem | TokenOut]:
    """Exchange a refresh token for a new pair

     Rotates a refresh token: it is spent, and a new pair of the same family replaces it.

    - The token must be known, unused, unrevoked and unexpired, and its user active; any
      other token gets 401 `invalid_token`.
    - A token that was already used means a copy is in someone else's hands: its whole
      family is revoked, so the copy is useless too (401 `invalid_token`). The revocation
      commits on its own (`RevokeTokenFamily`) while this request is refused.

    Args:
        body (RefreshIn): Any string is a refresh token to look up: one not issued here, of
            whatever length or
            content, is refused as 401 `invalid_token` (SPEC §5). It is only ever hashed, never
            stored or sent to the database as text, so it is not checked as text to store.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TokenOut]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: RefreshIn,
) -> Problem | TokenOut | None:
    """Exchange a refresh token for a new pair

     Rotates a refresh token: it is spent, and a new pair of the same family replaces it.

    - The token must be known, unused, unrevoked and unexpired, and its user active; any
      other token gets 401 `invalid_token`.
    - A token that was already used means a copy is in someone else's hands: its whole
      family is revoked, so the copy is useless too (401 `invalid_token`). The revocation
      commits on its own (`RevokeTokenFamily`) while this request is refused.

    Args:
        body (RefreshIn): Any string is a refresh token to look up: one not issued here, of
            whatever length or
            content, is refused as 401 `invalid_token` (SPEC §5). It is only ever hashed, never
            stored or sent to the database as text, so it is not checked as text to store.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TokenOut
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: RefreshIn,
) -> Response[Problem | TokenOut]:
    """Exchange a refresh token for a new pair

     Rotates a refresh token: it is spent, and a new pair of the same family replaces it.

    - The token must be known, unused, unrevoked and unexpired, and its user active; any
      other token gets 401 `invalid_token`.
    - A token that was already used means a copy is in someone else's hands: its whole
      family is revoked, so the copy is useless too (401 `invalid_token`). The revocation
      commits on its own (`RevokeTokenFamily`) while this request is refused.

    Args:
        body (RefreshIn): Any string is a refresh token to look up: one not issued here, of
            whatever length or
            content, is refused as 401 `invalid_token` (SPEC §5). It is only ever hashed, never
            stored or sent to the database as text, so it is not checked as text to store.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TokenOut]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: RefreshIn,
) -> Problem | TokenOut | None:
    """Exchange a refresh token for a new pair

     Rotates a refresh token: it is spent, and a new pair of the same family replaces it.

    - The token must be known, unused, unrevoked and unexpired, and its user active; any
      other token gets 401 `invalid_token`.
    - A token that was already used means a copy is in someone else's hands: its whole
      family is revoked, so the copy is useless too (401 `invalid_token`). The revocation
      commits on its own (`RevokeTokenFamily`) while this request is refused.

    Args:
        body (RefreshIn): Any string is a refresh token to look up: one not issued here, of
            whatever length or
            content, is refused as 401 `invalid_token` (SPEC §5). It is only ever hashed, never
            stored or sent to the database as text, so it is not checked as text to store.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TokenOut
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
