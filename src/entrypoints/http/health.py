"""Liveness and readiness: the only responses that are not problem+json (SPEC §5)."""

from __future__ import annotations

import asyncio

import orjson
import structlog
from fastapi import APIRouter
from starlette.responses import Response

from application.shared.health import ComponentHealth, HealthProbe
from entrypoints.http.dependencies import HealthProbes

router = APIRouter(prefix="/health", tags=["health"])
logger = structlog.get_logger("orderly.health")

PROBE_TIMEOUT_SECONDS = 2.0


@router.get("/live", summary="The process is up (touches nothing else)")
async def live() -> Response:
    return _health_response(ok=True, checks={})


@router.get("/ready", summary="Every component the service needs answers")
async def ready(probes: HealthProbes) -> Response:
    results = await asyncio.gather(*(_run(probe) for probe in probes))
    checks = {
        probe.name: {"status": "up" if result.up else "down", "detail": result.detail}
        for probe, result in zip(probes, results, strict=True)
    }
    return _health_response(ok=all(result.up for result in results), checks=checks)


async def _run(probe: HealthProbe) -> ComponentHealth:
    """A probe that fails or hangs reports "down" instead of failing the whole check."""
    try:
        return await asyncio.wait_for(probe(), PROBE_TIMEOUT_SECONDS)
    except TimeoutError:
        return ComponentHealth(up=False, detail=f"no answer within {PROBE_TIMEOUT_SECONDS}s")
    except Exception as error:  # noqa: BLE001 - any failure of a dependency means "down"
        logger.warning("probe_failed", probe=probe.name, error=type(error).__name__)
        return ComponentHealth(up=False, detail=f"unreachable ({type(error).__name__})")


def _health_response(*, ok: bool, checks: dict[str, dict[str, str]]) -> Response:
    body = {"status": "ok" if ok else "unavailable", "checks": checks}
    return Response(
        orjson.dumps(body),
        status_code=200 if ok else 503,
        media_type="application/json",
        headers={"Cache-Control": "no-store"},
    )
