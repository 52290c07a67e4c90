from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.logout_in import LogoutIn
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: LogoutIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/auth/logout",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Problem | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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
) -> Response[Any | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: LogoutIn,
) -> Response[Any | Problem]:
    """End a session

     Signs out.

    - Revokes the token's whole family: every refresh token issued since that sign-in.
    - An unknown, expired or already revoked token succeeds as well (as in RFC 7009): the
      caller wants the token not to work, and it does not; a retried logout is harmless.
    - Access tokens already issued keep working until they expire (at most 15 minutes).

    Args:
        body (LogoutIn): Any string: signing out with a token that does not work (unknown,
            expired, revoked)
            succeeds too (RFC 7009), so nothing is refused for its form or length.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
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
    body: LogoutIn,
) -> Any | Problem | None:
    """End a session

     Signs out.

    - Revokes the token's whole family: every refresh token issued since that sign-in.
    - An unknown, expired or already revoked token succeeds as well (as in RFC 7009): the
      caller wants the token not to work, and it does not; a retried logout is harmless.
    - Access tokens already issued keep working until they expire (at most 15 minutes).

    Args:
        body (LogoutIn): Any string: signing out with a token that does not work (unknown,
            expired, revoked)
            succeeds too (RFC 7009), so nothing is refused for its form or length.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: LogoutIn,
) -> Response[Any | Problem]:
    """End a session

     Signs out.

    - Revokes the token's whole family: every refresh token issued since that sign-in.
    - An unknown, expired or already revoked token succeeds as well (as in RFC 7009): the
      caller wants the token not to work, and it does not; a retried logout is harmless.
    - Access tokens already issued keep working until they expire (at most 15 minutes).

    Args:
        body (LogoutIn): Any string: signing out with a token that does not work (unknown,
            expired, revoked)
            succeeds too (RFC 7009), so nothing is refused for its form or length.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: LogoutIn,
) -> Any | Problem | None:
    """End a session

     Signs out.

    - Revokes the token's whole family: every refresh token issued since that sign-in.
    - An unknown, expired or already revoked token succeeds as well (as in RFC 7009): the
      caller wants the token not to work, and it does not; a retried logout is harmless.
    - Access tokens already issued keep working until they expire (at most 15 minutes).

    Args:
        body (LogoutIn): Any string: signing out with a token that does not work (unknown,
            expired, revoked)
            succeeds too (RFC 7009), so nothing is refused for its form or length.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
