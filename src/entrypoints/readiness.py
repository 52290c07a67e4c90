"""Readiness as JSON, for the API's `/health/ready` and the worker's: every probe runs at
once, and a probe that fails or hangs reports "down" instead of failing the whole check.
The one body that is not problem+json (SPEC §5)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import orjson
import structlog

from application.shared.health import ComponentHealth, HealthProbe

PROBE_TIMEOUT_SECONDS = 2.0
DETAIL_MAX = 200

_log = structlog.get_logger("orderly.health")


async def readiness(probes: Sequence[HealthProbe]) -> tuple[bool, bytes]:
    """Whether every component is up, and the body that says so component by component."""
    results = await asyncio.gather(*(_run(probe) for probe in probes))
    checks = {
        probe.name: {"status": "up" if result.up else "down", "detail": result.detail[:DETAIL_MAX]}
        for probe, result in zip(probes, results, strict=True)
    }
    ok = all(result.up for result in results)
    return ok, health_body(ok=ok, checks=checks)


def health_body(*, ok: bool, checks: dict[str, dict[str, str]]) -> bytes:
    return orjson.dumps({"status": "ok" if ok else "unavailable", "checks": checks})


async def _run(probe: HealthProbe) -> ComponentHealth:
    try:
        return await asyncio.wait_for(probe(), PROBE_TIMEOUT_SECONDS)
    except TimeoutError:
        return ComponentHealth(up=False, detail=f"no answer within {PROBE_TIMEOUT_SECONDS}s")
    except Exception as error:  # noqa: BLE001 - any failure of a dependency means "down"
        _log.warning("probe_failed", probe=probe.name, error=type(error).__name__)
        return ComponentHealth(up=False, detail=f"unreachable ({type(error).__name__})")
