"""Liveness and readiness: the only responses that are not problem+json (SPEC §5)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field
from starlette.responses import Response

from entrypoints.http.dependencies import HealthProbes
from entrypoints.readiness import DETAIL_MAX, health_body, readiness

router = APIRouter(prefix="/health", tags=["health"])


class ComponentCheck(BaseModel):
    status: Literal["up", "down"]
    detail: Annotated[str, Field(max_length=DETAIL_MAX)]


class Health(BaseModel):
    """What the probes answer, 200 and 503 alike (documentation only: the body is built by
    `entrypoints/readiness.py`, shared with the worker's probes)."""

    status: Literal["ok", "unavailable"]
    checks: dict[Annotated[str, Field(max_length=32)], ComponentCheck]


_UNAVAILABLE: dict[int | str, dict[str, Any]] = {
    503: {"model": Health, "description": "A component is down; `checks` names it"},
}


@router.get("/live", summary="The process is up (touches nothing else)", response_model=Health)
async def live() -> Response:
    """For a liveness probe: 200 while the process answers at all. No token, no rate limit."""
    return _health_response(ok=True, body=health_body(ok=True, checks={}))


@router.get(
    "/ready",
    summary="Every component the service needs answers",
    response_model=Health,
    responses=_UNAVAILABLE,
)
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
