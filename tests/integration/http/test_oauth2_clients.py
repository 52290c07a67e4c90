"""A standard OAuth2 client library (authlib) signs in, is refused, and refreshes.

The token endpoint speaks RFC 6749 to such clients: both grants, and refusals carrying
`error` / `error_description` next to the problem members.
"""

from __future__ import annotations

import httpx
import pytest
from authlib.integrations.base_client.errors import OAuthError
from authlib.integrations.httpx_client import AsyncOAuth2Client
from fastapi import FastAPI

from domain.identity.user import Role
from entrypoints.container import Container
from tests.helpers import assert_problem
from tests.integration.conftest import PASSWORD, create_account

TOKEN_URL = "http://testserver/api/v1/auth/token"
EMAIL = "ann@example.com"


@pytest.fixture
async def oauth2(app: FastAPI, container: Container) -> AsyncOAuth2Client:
    await create_account(container, EMAIL, Role.CUSTOMER)
    return AsyncOAuth2Client(
        client_id="orderly-docs",
        token_endpoint=TOKEN_URL,
        transport=httpx.ASGITransport(app=app),
    )


async def test_a_wrong_password_is_a_refusal_the_library_recognises(
    oauth2: AsyncOAuth2Client,
) -> None:
    with pytest.raises(OAuthError) as refused:
        await oauth2.fetch_token(TOKEN_URL, username=EMAIL, password="not-" + PASSWORD)
    assert refused.value.error == "invalid_grant"


async def test_the_library_signs_in_and_refreshes_through_the_token_endpoint(
    oauth2: AsyncOAuth2Client, client: httpx.AsyncClient
) -> None:
    first = await oauth2.fetch_token(TOKEN_URL, username=EMAIL, password=PASSWORD)
    assert first["token_type"] == "bearer"
    assert first["expires_in"] == 900

    second = await oauth2.refresh_token(TOKEN_URL, refresh_token=first["refresh_token"])

    assert second["refresh_token"] != first["refresh_token"]
    headers = {"Authorization": f"Bearer {second['access_token']}"}
    assert (await client.get("/api/v1/users/me", headers=headers)).json()["email"] == EMAIL
    reused = {"grant_type": "refresh_token", "refresh_token": first["refresh_token"]}
    refused = assert_problem(await client.post(TOKEN_URL, data=reused), 401, "invalid_token")
    assert refused["error"] == "invalid_grant"
    assert refused["error_description"] == refused["detail"]


async def test_an_unknown_grant_type_is_unsupported(client: httpx.AsyncClient) -> None:
    response = await client.post(TOKEN_URL, data={"grant_type": "client_credentials"})
    body = assert_problem(response, 400, "unsupported_grant_type")
    assert body["error"] == "unsupported_grant_type"


async def test_a_grant_without_its_fields_is_an_invalid_request(client: httpx.AsyncClient) -> None:
    response = await client.post(TOKEN_URL, data={"grant_type": "refresh_token"})
    body = assert_problem(response, 422, "validation_error")
    assert body["error"] == "invalid_request"
    assert body["errors"] == [{"pointer": "/refresh_token", "detail": "Field required"}]


async def test_other_endpoints_answer_plain_problems(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/auth/refresh", json={"refresh_token": "unknown"})
    body = assert_problem(response, 401, "invalid_token")
    assert "error" not in body
