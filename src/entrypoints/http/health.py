"""Liveness and readiness: the only responses that are not problem+json (SPEC §5)."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from entrypoints.http.dependencies import HealthProbes
from entrypoints.readiness import health_body, readiness

router = APIRouter(prefix="/health", tags=["health"])


@router.get("/live", summary="The process is up (touches nothing else)")
async def live() -> Response:
    """For a liveness probe: 200 while the process answers at all. No token, no rate limit."""
    return _health_response(ok=True, body=health_body(ok=True, checks={}))


@router.get("/ready", summary="Every component the service needs answers")
async def ready(probes: HealthProbes) -> Response:
    """For a readiness probe: 200 when every component the service needs answers (the
    database at the latest migration, each configured broker or cache), else 503 naming
    those down. No token, no rate limit."""
    ok, body = await readiness(probes)
    return _health_response(ok=ok, body=body)


def _health_response(*, ok: bool, body: bytes) -> Response:
    return Response(
        body,
        status_code=200 if ok else 503,
        media_type="application/json",
        headers={"Cache-Control": "no-store"},
    )
