"""`orderly purge --older-than-days 0` deletes nothing a client can still use: a key inside
its 24 h window still replays, a live refresh token still works, and a spent token of a live
session still gives a thief away.
"""

from datetime import timedelta

import httpx
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.identity.tables import refresh_tokens
from adapters.postgres.kernel_tables import idempotency_records
from application.identity.tokens import hash_refresh_token
from application.shared.retention import PurgeCommand, PurgeReport
from entrypoints.container import Container
from tests.helpers import assert_problem
from tests.integration.http.products import PRODUCTS, product_body
from tests.integration.http.test_identity_api import REFRESH, register, tokens

NOW = PurgeCommand(older_than_days=0)


async def purge_now(container: Container) -> PurgeReport:
    return await container.purge_expired()(NOW)


async def test_a_key_inside_its_window_still_replays_after_a_purge(
    staff: httpx.AsyncClient, container: Container, engine: AsyncEngine
) -> None:
    live = {"Idempotency-Key": "live"}
    first = await staff.post(PRODUCTS, json=product_body(), headers=live)
    ended = {"Idempotency-Key": "ended"}
    assert (await staff.post(PRODUCTS, json=product_body("OTHER-1"), headers=ended)).is_success
    async with engine.begin() as connection:
        await connection.execute(
            update(idempotency_records)
            .where(idempotency_records.c.key == "ended")
            .values(expires_at=func.now() - timedelta(minutes=1))
        )

    report = await purge_now(container)

    assert report.removed["idempotency"] == 1
    retry = await staff.post(PRODUCTS, json=product_body(), headers=live)
    assert retry.headers["idempotent-replayed"] == "true"
    assert retry.json() == first.json()
    async with engine.connect() as connection:
        keys = set((await connection.execute(select(idempotency_records.c.key))).scalars())
    assert keys == {"live"}


async def test_a_live_session_survives_a_purge_and_its_spent_tokens_still_catch_a_thief(
    client: httpx.AsyncClient, container: Container, engine: AsyncEngine
) -> None:
    await register(client)
    spent = await tokens(client)
    live = (await client.post(REFRESH, json={"refresh_token": spent["refresh_token"]})).json()
    # The spent token's own expiry is long past; its family is still alive through `live`.
    async with engine.begin() as connection:
        await connection.execute(
            update(refresh_tokens)
            .where(refresh_tokens.c.token_hash == hash_refresh_token(spent["refresh_token"]))
            .values(expires_at=func.now() - timedelta(days=10))
        )

    report = await purge_now(container)

    assert report.removed["refresh_tokens"] == 0
    rotated = await client.post(REFRESH, json={"refresh_token": live["refresh_token"]})
    assert rotated.status_code == 200, rotated.text
    stolen = await client.post(REFRESH, json={"refresh_token": spent["refresh_token"]})
    assert_problem(stolen, 401, "invalid_token")
    newest = rotated.json()["refresh_token"]
    assert_problem(await client.post(REFRESH, json={"refresh_token": newest}), 401, "invalid_token")
