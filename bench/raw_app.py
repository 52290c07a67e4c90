"""The floor the service is measured against: the same two reads with nothing in between.

Raw Starlette routes, an asyncpg pool and orjson — no FastAPI, pydantic, SQLAlchemy, DI or
middleware — issuing exactly the SQL the service's repository issues, so the gap between the
two is the cost of the service's layers and nothing else (not a different query plan).

`bench.fastapi_app` imports the SQL, pool, JSON helpers and `serve` from here, so the two apps
answer with the same bytes from the same queries and differ only in the framework.

Run: `python -m bench.raw_app --port 18001 --workers 1` with DATABASE_URL set.
"""

from __future__ import annotations

import argparse
import base64
import os
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any
from uuid import UUID

import asyncpg
import orjson
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bench.settings import asyncpg_dsn, pool_size
from entrypoints.garbage_collection import settle_after_start_up

GET_PRODUCT = (
    "SELECT id, sku, name, description, price_amount, price_currency, stock, active,"
    " created_at, updated_at, version FROM products WHERE id = $1 AND active"
)
LIST_PRODUCTS = (
    "SELECT id, sku, name, description, price_amount, price_currency, stock, active,"
    " created_at, updated_at, version FROM products WHERE active"
    " ORDER BY created_at DESC, id DESC LIMIT $1"
)
DEFAULT_LIMIT = 20
MAX_LIMIT = 100
_JSON = "application/json"


class _Database:
    """Per-worker pool holder: filled by the lifespan, read by handlers without app lookups."""

    pool: asyncpg.Pool


db = _Database()


async def _nothing_to_reset(_: asyncpg.Connection) -> None:
    """Same as the service's read pool: no reset query between reads (one round trip each)."""


@asynccontextmanager
async def lifespan(_app: Starlette) -> AsyncIterator[None]:
    size = pool_size()
    dsn = asyncpg_dsn(os.environ["DATABASE_URL"])
    async with asyncpg.create_pool(
        dsn, min_size=size, max_size=size, reset=_nothing_to_reset
    ) as pool:
        db.pool = pool
        settle_after_start_up()  # the collector set up as the service sets up its own
        yield


def json_response(
    body: object, status: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    return Response(
        orjson.dumps(body, option=orjson.OPT_UTC_Z),
        status_code=status,
        headers=headers,
        media_type=_JSON,
    )


def product_document(row: asyncpg.Record) -> dict[str, Any]:
    return {
        "id": str(row["id"]),
        "sku": row["sku"],
        "name": row["name"],
        "description": row["description"],
        "unit_price": {"amount": str(row["price_amount"]), "currency": row["price_currency"]},
        "stock": row["stock"],
        "active": row["active"],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
        "version": row["version"],
    }


def page_cursor(row: asyncpg.Record) -> str:
    """Keyset position of the last item, encoded as opaquely as the service's cursor."""
    key = orjson.dumps([row["created_at"], str(row["id"])], option=orjson.OPT_UTC_Z)
    return base64.urlsafe_b64encode(key).rstrip(b"=").decode()


def product_response(row: asyncpg.Record | None) -> Response:
    """The single read's answer, the same bytes from every baseline: the product with its
    ETag, or a 404."""
    if row is None:
        return json_response({"code": "product_not_found"}, 404)
    return json_response(product_document(row), headers={"ETag": f'"{row["version"]}"'})


async def get_product(request: Request) -> Response:
    product_id: UUID = request.path_params["product_id"]
    return product_response(await db.pool.fetchrow(GET_PRODUCT, product_id))


async def list_products(request: Request) -> Response:
    try:
        limit = int(request.query_params.get("limit", DEFAULT_LIMIT))
    except ValueError:
        limit = 0
    if not 1 <= limit <= MAX_LIMIT:
        return json_response({"code": "invalid_limit"}, 422)
    rows = await db.pool.fetch(LIST_PRODUCTS, limit + 1)  # the extra row means "more exist"
    page = rows[:limit]
    next_cursor = page_cursor(page[-1]) if len(rows) > limit else None
    return json_response(
        {"items": [product_document(row) for row in page], "next_cursor": next_cursor}
    )


async def ready(_request: Request) -> Response:
    """Same contract as the service's probe, so the driver waits for both the same way."""
    await db.pool.fetchval("SELECT 1")
    return json_response({"status": "ready"})


app = Starlette(
    routes=[
        Route("/api/v1/products/{product_id:uuid}", get_product, methods=["GET"]),
        Route("/api/v1/products", list_products, methods=["GET"]),
        Route("/health/ready", ready, methods=["GET"]),
    ],
    lifespan=lifespan,
)


def serve(app_path: str, description: str) -> None:
    """The command line both benchmark apps share: `--host`, `--port`, `--workers`."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    uvicorn.run(
        app_path,
        host=args.host,
        port=args.port,
        workers=args.workers,
        loop="uvloop",
        http="httptools",
        access_log=False,
        log_level="warning",
        proxy_headers=False,  # as the service runs without FORWARDED_ALLOW_IPS
    )


if __name__ == "__main__":
    serve("bench.raw_app:app", "Raw Starlette + asyncpg benchmark baseline")
