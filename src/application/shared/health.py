"""Readiness probes: each external component the service needs reports on itself."""

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True, kw_only=True)
class ComponentHealth:
    up: bool
    detail: str


class HealthProbe(Protocol):
    name: str

    async def __call__(self) -> ComponentHealth:
        """Must touch the component for real; a probe that cannot reach it raises or says down."""
        ...
