"""The in-memory store is part of the process, so it is ready whenever the process is."""

from application.shared.health import ComponentHealth


class InMemoryProbe:
    name = "database"

    async def __call__(self) -> ComponentHealth:
        return ComponentHealth(up=True, detail="in-memory store")
