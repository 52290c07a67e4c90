"""The `Idempotency-Key` mechanism, declared on a route, over the in-memory unit of work.

A tiny app with one idempotent route that writes through its transaction: the rules are the
edge's (SPEC §3, §5), so they are tested at the edge, with no database.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from types import SimpleNamespace
from uuid import UUID

import httpx
import pytest
from fastapi import APIRouter, FastAPI, Request
from starlette.middleware import Middleware
from starlette.responses import Response

from adapters.memory.store import InMemoryStore
from application.shared.caller import Caller
from domain.shared.errors import DomainError
from domain.shared.roles import Role
from entrypoints.http.exception_handlers import install_error_handlers
from entrypoints.http.idempotency import idempotent
from entrypoints.http.middleware import EdgeMiddleware
from entrypoints.http.transactions import TransactionalRoute
from tests.fakes import FixedClock, memory_transactions
from tests.helpers import assert_problem

ALICE = UUID(int=1)
BOB = UUID(int=2)


class Things:
    """The route's effect: a counter it bumps, and a switch that makes it fail once."""

    def __init__(self) -> None:
        self.created = 0
        self.fail_next = False


class FakeTokens:
    async def __call__(self, token: str) -> Caller:
        return Caller(user_id={"alice": ALICE, "bob": BOB}[token], role=Role.STAFF)


def build_app(store: InMemoryStore, clock: FixedClock, things: Things) -> FastAPI:
    app = FastAPI(middleware=[Middleware(EdgeMiddleware, max_body_bytes=1024)])
    app.state.container = SimpleNamespace(
        transactions=lambda: memory_transactions(store),
        clock=lambda: clock,
        identity=lambda: SimpleNamespace(authenticate_token=FakeTokens),
    )
    install_error_handlers(app)
    router = APIRouter(route_class=TransactionalRoute)

    @router.post("/things", status_code=201, dependencies=[idempotent(required=False)])
    async def create(request: Request) -> Response:
        if things.fail_next:
            things.fail_next = False
            raise DomainError("refused this time")
        things.created += 1
        return Response(
            f'{{"n": {things.created}}}',
            status_code=201,
            media_type="application/json",
            headers={"Location": f"/things/{things.created}", "ETag": '"1"'},
        )

    @router.post("/payments", status_code=201, dependencies=[idempotent(required=True)])
    async def pay() -> Response:
        return Response(status_code=201)

    app.include_router(router)
    return app


@pytest.fixture
def things() -> Things:
    return Things()


@pytest.fixture
async def client(
    store: InMemoryStore, clock: FixedClock, things: Things
) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=build_app(store, clock, things))
    async with httpx.AsyncClient(
        transport=transport, base_url="http://test", headers={"Authorization": "Bearer alice"}
    ) as client:
        yield client


def post(client: httpx.AsyncClient, key: str, body: str = '{"a": 1}', **headers: str) -> object:
    return client.post(
        "/things",
        content=body,
        headers={"Idempotency-Key": key, "Content-Type": "application/json", **headers},
    )


async def test_a_retry_replays_the_first_response_without_running_again(
    client: httpx.AsyncClient, things: Things
) -> None:
    first = await post(client, "k1")  # type: ignore[misc]
    again = await post(client, "k1")  # type: ignore[misc]
    assert things.created == 1
    assert (again.status_code, again.content) == (201, first.content)
    assert again.headers["location"] == first.headers["location"] == "/things/1"
    assert again.headers["etag"] == '"1"'
    assert again.headers["content-type"] == "application/json"
    assert again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers


async def test_the_same_key_with_another_body_is_refused(
    client: httpx.AsyncClient, things: Things
) -> None:
    await post(client, "k1")  # type: ignore[misc]
    assert_problem(await post(client, "k1", '{"a": 2}'), 422, "idempotency_key_reused")  # type: ignore[misc]
    assert things.created == 1


async def test_keys_are_scoped_to_the_caller(client: httpx.AsyncClient, things: Things) -> None:
    await post(client, "k1")  # type: ignore[misc]
    bobs = await post(client, "k1", Authorization="Bearer bob")  # type: ignore[misc]
    assert (bobs.status_code, things.created) == (201, 2)


async def test_a_key_in_use_by_a_running_request_is_refused(
    client: httpx.AsyncClient, store: InMemoryStore, things: Things
) -> None:
    store.held_keys.add((str(ALICE), "k1"))  # another request holds it
    assert_problem(await post(client, "k1"), 409, "idempotency_request_in_progress")  # type: ignore[misc]
    assert things.created == 0


async def test_a_failed_request_leaves_the_key_unused(
    client: httpx.AsyncClient, store: InMemoryStore, things: Things
) -> None:
    things.fail_next = True
    assert (await post(client, "k1")).status_code == 422  # type: ignore[misc]
    assert store.idempotency == {}
    assert (await post(client, "k1")).status_code == 201  # type: ignore[misc]
    assert things.created == 1


async def test_records_expire_after_24_hours(
    client: httpx.AsyncClient, clock: FixedClock, things: Things
) -> None:
    await post(client, "k1")  # type: ignore[misc]
    clock.advance(timedelta(hours=24))
    fresh = await post(client, "k1")  # type: ignore[misc]
    assert "idempotent-replayed" not in fresh.headers
    assert things.created == 2


async def test_without_a_key_every_request_runs(client: httpx.AsyncClient, things: Things) -> None:
    for _ in range(2):
        assert (await client.post("/things", json={"a": 1})).status_code == 201
    assert things.created == 2


@pytest.mark.parametrize("key", ["", "x" * 256, "caf\u00e9", "tab\there"])
async def test_an_empty_overlong_or_non_printable_key_is_refused(
    client: httpx.AsyncClient, things: Things, key: str
) -> None:
    response = await client.post(
        "/things",
        content=b"{}",
        headers={"Idempotency-Key": key.encode("utf-8")},  # type: ignore[dict-item]
    )
    assert_problem(response, 400, "invalid_idempotency_key")
    assert things.created == 0


async def test_a_route_that_requires_a_key_refuses_a_request_without_one(
    client: httpx.AsyncClient,
) -> None:
    assert_problem(await client.post("/payments"), 400, "idempotency_key_required")
