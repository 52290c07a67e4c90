from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.token_out import TokenOut
from ...models.token_request import TokenRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: TokenRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/auth/token",
    }

    if not isinstance(body, Unset):
        _kwargs["data"] = body.to_dict()
    headers["Content-Type"] = "application/x-www-form-urlencoded"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | TokenOut | None:
    if response.status_code == 200:
        response_200 = TokenOut.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

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
    body: TokenRequest | Unset = UNSET,
) -> Response[Problem | TokenOut]:
    """Sign in, or refresh (OAuth2 password and refresh_token grants)

     Signs a user in and starts a new session.

    - An unknown email, a wrong password and a deactivated account get the same 401
      `invalid_credentials`, after the same hashing work, so none can be told apart.
    - A password hash made with outdated parameters is upgraded on success.
    - Returns a 15-minute access token and a refresh token that starts a new family.

    Args:
        body (TokenRequest | Unset):

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
    body: TokenRequest | Unset = UNSET,
) -> Problem | TokenOut | None:
    """Sign in, or refresh (OAuth2 password and refresh_token grants)

     Signs a user in and starts a new session.

    - An unknown email, a wrong password and a deactivated account get the same 401
      `invalid_credentials`, after the same hashing work, so none can be told apart.
    - A password hash made with outdated parameters is upgraded on success.
    - Returns a 15-minute access token and a refresh token that starts a new family.

    Args:
        body (TokenRequest | Unset):

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
    body: TokenRequest | Unset = UNSET,
) -> Response[Problem | TokenOut]:
    """Sign in, or refresh (OAuth2 password and refresh_token grants)

     Signs a user in and starts a new session.

    - An unknown email, a wrong password and a deactivated account get the same 401
      `invalid_credentials`, after the same hashing work, so none can be told apart.
    - A password hash made with outdated parameters is upgraded on success.
    - Returns a 15-minute access token and a refresh token that starts a new family.

    Args:
        body (TokenRequest | Unset):

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
    body: TokenRequest | Unset = UNSET,
) -> Problem | TokenOut | None:
    """Sign in, or refresh (OAuth2 password and refresh_token grants)

     Signs a user in and starts a new session.

    - An unknown email, a wrong password and a deactivated account get the same 401
      `invalid_credentials`, after the same hashing work, so none can be told apart.
    - A password hash made with outdated parameters is upgraded on success.
    - Returns a 15-minute access token and a refresh token that starts a new family.

    Args:
        body (TokenRequest | Unset):

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
