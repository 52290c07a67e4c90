"""The framework's own ceiling: the raw floor's two reads, served by a bare FastAPI app.

Same SQL, pool and JSON bytes as `bench.raw_app`, and what FastAPI itself adds: routing, a
validated UUID path parameter and a validated `limit` query parameter. No dependencies, no
middleware, no container, so the gap between this app and the service is the cost of the
service's own layers, and the gap between this app and the raw one is the framework's.
Set up as the service sets up the framework: its native telemetry off, the collector
settled (`raw_app.lifespan`), uvicorn's proxy headers off (`raw_app.serve`).

Run: `python -m bench.fastapi_app --port 18002 --workers 1` with DATABASE_URL set.
"""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import FastAPI, Query
from fastapi.telemetry import TelemetryConfig
from starlette.responses import Response

from bench.raw_app import (
    DEFAULT_LIMIT,
    GET_PRODUCT,
    LIST_PRODUCTS,
    MAX_LIMIT,
    db,
    json_response,
    lifespan,
    page_cursor,
    product_document,
    product_response,
    serve,
)

# FastAPI's native OpenTelemetry off, as the service has it (its own tracing replaces it):
# left on, it looks the global providers up on every request.
NO_NATIVE_TELEMETRY: TelemetryConfig = {"tracing": False, "metrics": False, "logs": False}

app = FastAPI(
    lifespan=lifespan,
    openapi_url=None,
    docs_url=None,
    redoc_url=None,
    telemetry=NO_NATIVE_TELEMETRY,
)


@app.get("/api/v1/products/{product_id}")
async def get_product(product_id: UUID) -> Response:
    return product_response(await db.pool.fetchrow(GET_PRODUCT, product_id))


@app.get("/api/v1/products")
async def list_products(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> Response:
    rows = await db.pool.fetch(LIST_PRODUCTS, limit + 1)  # the extra row means "more exist"
    page = rows[:limit]
    next_cursor = page_cursor(page[-1]) if len(rows) > limit else None
    return json_response(
        {"items": [product_document(row) for row in page], "next_cursor": next_cursor}
    )


@app.get("/health/ready")
async def ready() -> Response:
    await db.pool.fetchval("SELECT 1")
    return json_response({"status": "ready"})


if __name__ == "__main__":
    serve("bench.fastapi_app:app", "Bare FastAPI benchmark target")
