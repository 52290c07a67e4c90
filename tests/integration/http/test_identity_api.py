"""Sign-up, sign-in, token rotation, logout, deactivation and token attacks over HTTP."""

import json
import time
from typing import Any
from uuid import uuid4

import httpx
import jwt
import pytest

from domain.shared.roles import Role
from entrypoints.container import Container
from entrypoints.http.app import create_app
from entrypoints.settings import Settings
from tests.helpers import assert_problem
from tests.integration.conftest import PASSWORD, create_account

REGISTER = "/api/v1/auth/register"
TOKEN = "/api/v1/auth/token"
REFRESH = "/api/v1/auth/refresh"
LOGOUT = "/api/v1/auth/logout"
ME = "/api/v1/users/me"
USERS = "/api/v1/users"


async def register(client: httpx.AsyncClient, email: str = "ann@example.com") -> dict[str, Any]:
    response = await client.post(
        REGISTER, json={"email": email, "password": PASSWORD, "full_name": " Ann Example "}
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def tokens(client: httpx.AsyncClient, email: str = "ann@example.com") -> dict[str, Any]:
    response = await client.post(TOKEN, data={"username": email, "password": PASSWORD})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_registration_creates_a_customer_with_a_normalised_email(
    client: httpx.AsyncClient,
) -> None:
    user = await register(client, "  Ann@Example.COM ")
    assert user["email"] == "ann@example.com"
    assert user["full_name"] == "Ann Example"
    assert user["role"] == "customer"
    assert "password" not in json.dumps(user)
    taken = await client.post(
        REGISTER, json={"email": "ANN@example.com", "password": PASSWORD, "full_name": "Other"}
    )
    assert_problem(taken, 409, "email_taken")


@pytest.mark.parametrize("password", ["short-pw", "x" * 129, "password1234", "ann@example.com1"])
async def test_weak_passwords_are_refused(client: httpx.AsyncClient, password: str) -> None:
    response = await client.post(
        REGISTER, json={"email": "ann@example.com", "password": password, "full_name": "Ann"}
    )
    assert_problem(response, 422, "weak_password")


async def test_registration_refuses_a_role_in_the_body(client: httpx.AsyncClient) -> None:
    response = await client.post(
        REGISTER,
        json={"email": "a@example.com", "password": PASSWORD, "full_name": "A", "role": "admin"},
    )
    assert_problem(response, 422, "validation_error")


async def test_sign_in_returns_a_bearer_pair_that_is_never_cached(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    user = await register(client)
    response = await client.post(TOKEN, data={"username": "ANN@example.com", "password": PASSWORD})
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 900
    assert len(body["refresh_token"]) >= 43
    claims = jwt.decode(
        body["access_token"],
        settings.jwt_secret.get_secret_value(),
        algorithms=["HS256"],
        audience="orderly-api",
    )
    assert claims["sub"] == user["id"]
    assert claims["role"] == "customer"
    assert claims["exp"] - claims["iat"] == 900
    assert {"jti", "iss", "aud"} <= claims.keys()
    me = await client.get(ME, headers=bearer(body["access_token"]))
    assert me.json()["id"] == user["id"]
    assert me.headers["cache-control"] == "no-store"


async def test_unknown_email_and_wrong_password_get_the_same_401(
    client: httpx.AsyncClient,
) -> None:
    await register(client)
    unknown = await client.post(
        TOKEN, data={"username": "nobody@example.com", "password": PASSWORD}
    )
    wrong = await client.post(
        TOKEN, data={"username": "ann@example.com", "password": PASSWORD + "x"}
    )
    bodies = []
    for response in (unknown, wrong):
        problem = assert_problem(response, 401, "invalid_credentials")
        assert response.headers["www-authenticate"] == "Bearer"
        bodies.append({k: v for k, v in problem.items() if k != "request_id"})
    assert bodies[0] == bodies[1]


async def test_refresh_rotates_and_a_reused_token_revokes_the_whole_family(
    client: httpx.AsyncClient,
) -> None:
    await register(client)
    first = await tokens(client)
    second = (await client.post(REFRESH, json={"refresh_token": first["refresh_token"]})).json()
    assert second["refresh_token"] != first["refresh_token"]
    third = (await client.post(REFRESH, json={"refresh_token": second["refresh_token"]})).json()
    reused = await client.post(REFRESH, json={"refresh_token": first["refresh_token"]})
    assert_problem(reused, 401, "invalid_token")
    after_theft = await client.post(REFRESH, json={"refresh_token": third["refresh_token"]})
    assert_problem(after_theft, 401, "invalid_token")
    other_session = await tokens(client)
    ok = await client.post(REFRESH, json={"refresh_token": other_session["refresh_token"]})
    assert ok.status_code == 200


async def test_logout_ends_the_session(client: httpx.AsyncClient) -> None:
    await register(client)
    pair = await tokens(client)
    response = await client.post(LOGOUT, json={"refresh_token": pair["refresh_token"]})
    assert response.status_code == 204
    refused = await client.post(REFRESH, json={"refresh_token": pair["refresh_token"]})
    assert_problem(refused, 401, "invalid_token")
    for unknown in ("x" * 43, "not-a-token"):
        assert_problem(
            await client.post(REFRESH, json={"refresh_token": unknown}), 401, "invalid_token"
        )


async def test_deactivation_cuts_off_access_and_refresh_tokens_at_once(
    client: httpx.AsyncClient, admin: httpx.AsyncClient
) -> None:
    user = await register(client)
    pair = await tokens(client)
    assert (await client.get(ME, headers=bearer(pair["access_token"]))).status_code == 200
    response = await admin.patch(
        f"/api/v1/users/{user['id']}", json={"is_active": False}, headers={"If-Match": '"1"'}
    )
    assert response.status_code == 200
    assert response.json()["is_active"] is False
    assert_problem(await client.get(ME, headers=bearer(pair["access_token"])), 401, "invalid_token")
    refused = await client.post(REFRESH, json={"refresh_token": pair["refresh_token"]})
    assert_problem(refused, 401, "invalid_token")
    login = await client.post(TOKEN, data={"username": "ann@example.com", "password": PASSWORD})
    assert_problem(login, 401, "invalid_credentials")


async def test_a_role_change_takes_effect_on_the_next_request(
    client: httpx.AsyncClient, admin: httpx.AsyncClient
) -> None:
    user = await register(client)
    token = (await tokens(client))["access_token"]
    assert_problem(await client.get(USERS, headers=bearer(token)), 403, "forbidden")
    promoted = await admin.patch(f"{USERS}/{user['id']}", json={"role": "admin"})
    assert promoted.status_code == 200, promoted.text
    listed = await client.get(USERS, headers=bearer(token))
    assert listed.status_code == 200


async def test_a_stale_if_match_on_a_user_is_412(
    client: httpx.AsyncClient, admin: httpx.AsyncClient
) -> None:
    user = await register(client)
    response = await admin.patch(
        f"/api/v1/users/{user['id']}", json={"full_name": "X"}, headers={"If-Match": '"9"'}
    )
    assert_problem(response, 412, "precondition_failed")
    missing = await admin.patch(f"/api/v1/users/{uuid4()}", json={"full_name": "X"})
    assert_problem(missing, 404, "user_not_found")


async def test_admins_list_users_with_filters_and_pages(
    client: httpx.AsyncClient, admin: httpx.AsyncClient
) -> None:
    for index in range(3):
        await register(client, f"user{index}@example.com")
    page = (await admin.get("/api/v1/users", params={"role": "customer", "limit": 2})).json()
    assert len(page["items"]) == 2
    rest = (
        await admin.get(
            "/api/v1/users", params={"role": "customer", "limit": 2, "cursor": page["next_cursor"]}
        )
    ).json()
    emails = {u["email"] for u in page["items"] + rest["items"]}
    assert emails == {"user0@example.com", "user1@example.com", "user2@example.com"}
    found = (await admin.get("/api/v1/users", params={"q": "USER1"})).json()["items"]
    assert [u["email"] for u in found] == ["user1@example.com"]


def forged(settings: Settings, subject: str, **changes: Any) -> str:
    now = int(time.time())
    claims = {
        "sub": subject,
        "role": "admin",
        "iat": now,
        "exp": now + 900,
        "jti": str(uuid4()),
        "iss": "orderly",
        "aud": "orderly-api",
    }
    secret = changes.pop("secret", settings.jwt_secret.get_secret_value())
    algorithm = changes.pop("algorithm", "HS256")
    claims.update(changes)
    return jwt.encode(claims, secret, algorithm=algorithm)


async def test_forged_and_expired_access_tokens_are_401(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    user = await register(client)
    genuine = forged(settings, user["id"])
    assert (await client.get(ME, headers=bearer(genuine))).status_code == 200
    header, payload, signature = genuine.split(".")
    unsigned = jwt.encode({"sub": user["id"], "role": "admin"}, None, algorithm="none")
    attacks = {
        "alg none": unsigned,
        "tampered signature": f"{header}.{payload}.{signature[::-1]}",
        "expired": forged(
            settings, user["id"], iat=int(time.time()) - 2000, exp=int(time.time()) - 1000
        ),
        "wrong audience": forged(settings, user["id"], aud="someone-else"),
        "wrong issuer": forged(settings, user["id"], iss="evil"),
        "foreign secret": forged(settings, user["id"], secret="another-secret-" * 4),
        "not a jwt": "abc.def",
    }
    for name, token in attacks.items():
        response = await client.get(ME, headers=bearer(token))
        assert_problem(response, 401, "invalid_token")
        assert response.headers["www-authenticate"] == 'Bearer error="invalid_token"', name
    basic = await client.get(ME, headers={"Authorization": "Basic YTpi"})
    assert_problem(basic, 401, "invalid_token")


async def test_no_secret_reaches_the_logs(
    client: httpx.AsyncClient, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    await register(client)
    pair = await tokens(client)
    await client.get(ME, headers=bearer(pair["access_token"]))
    rotated = (await client.post(REFRESH, json={"refresh_token": pair["refresh_token"]})).json()
    await client.post(TOKEN, data={"username": "ann@example.com", "password": "wrong-" + PASSWORD})
    logged = capsys.readouterr().out
    assert logged.count('"event":"request"') >= 5
    for secret in (
        PASSWORD,
        pair["access_token"],
        pair["refresh_token"],
        rotated["access_token"],
        rotated["refresh_token"],
        "Bearer",
        "$argon2",
        "authorization",
    ):
        assert secret not in logged


@pytest.mark.parametrize("backend", ["memory", "redis"])
async def test_sign_in_attempts_are_rate_limited_per_account(
    backend: str, settings: Settings, redis_url: str
) -> None:
    limited = settings.model_copy(
        update={
            "login_limit_per_email": 3,
            "login_limit_per_ip": 1000,
            "redis_url": redis_url if backend == "redis" else None,
        }
    )
    container = Container(settings=limited)
    email = f"{uuid4().hex}@example.com"  # a fresh account key, even in a shared Redis
    await create_account(container, email, Role.CUSTOMER)
    app = create_app(limited, container)
    try:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://testserver"
        ) as client:
            attempts = [
                await client.post(TOKEN, data={"username": email, "password": "nope" * 4})
                for _ in range(3)
            ]
            limited_response = await client.post(
                TOKEN, data={"username": email, "password": PASSWORD}
            )
    finally:
        if backend == "redis":
            await container.redis().aclose()
        await container.read_pool().close()
        await container.engine().dispose()
    assert [a.status_code for a in attempts] == [401, 401, 401]
    # a refused sign-in reports the client's budget for the whole API
    assert attempts[0].headers["ratelimit-limit"] == str(limited.api_limit_per_client)
    problem = assert_problem(limited_response, 429, "rate_limited")
    assert int(limited_response.headers["retry-after"]) > 0
    assert limited_response.headers["ratelimit-limit"] == "3"
    assert limited_response.headers["ratelimit-remaining"] == "0"
    assert int(limited_response.headers["ratelimit-reset"]) > 0
    assert "retry" in problem["detail"]


async def test_successful_sign_ins_report_the_quota_without_spending_it(
    client: httpx.AsyncClient,
) -> None:
    await register(client)
    form = {"username": "ann@example.com", "password": PASSWORD}
    responses = [await client.post(TOKEN, data=form) for _ in range(7)]  # over the limit of 5
    assert [response.status_code for response in responses] == [200] * 7
    assert responses[-1].headers["ratelimit-limit"] == "5"
    assert responses[-1].headers["ratelimit-remaining"] == "5"
    failed = await client.post(TOKEN, data={**form, "password": "wrong-" + PASSWORD})
    assert failed.status_code == 401
    again = await client.post(TOKEN, data=form)
    assert again.headers["ratelimit-remaining"] == "4"


async def test_registrations_are_limited_per_client_address(settings: Settings) -> None:
    limited = settings.model_copy(update={"register_limit_per_ip": 2})
    container = Container(settings=limited)
    app = create_app(limited, container)
    try:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://testserver"
        ) as client:
            created = [(await register(client, f"user{n}@example.com"))["email"] for n in range(2)]
            refused = await client.post(
                REGISTER,
                json={"email": "third@example.com", "password": PASSWORD, "full_name": "Third"},
            )
    finally:
        await container.read_pool().close()
        await container.engine().dispose()
    assert created == ["user0@example.com", "user1@example.com"]
    assert_problem(refused, 429, "rate_limited")
    assert int(refused.headers["retry-after"]) > 0
    assert refused.headers["ratelimit-limit"] == "2"
