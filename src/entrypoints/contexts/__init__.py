"""The bounded contexts, as the composition root assembles them.

Each context declares, in one module of this package, what the rest of the service must
know of it: its repositories (by name, for each storage), the events it publishes, the
handlers it runs on events, and what `orderly purge` may delete from its tables. The units
of work, the event codec, the relay and the purge are built from these declarations, so a
new repository or event touches only its own context's files.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.memory.store import InMemoryRepository, InMemoryStore
from application.shared.relay import HandlerFactory, Routes
from application.shared.retention import Purger
from domain.shared.events import DomainEvent

PurgerFactory = Callable[[AsyncEngine], Purger]


@dataclass(frozen=True, slots=True, kw_only=True)
class BoundedContext:
    """`postgres` and `memory` name the same repositories: each name becomes an attribute
    of the unit of work (`uow.orders`), whichever storage is configured.
    """

    name: str
    postgres: Mapping[str, Callable[[Any], object]]
    memory: Mapping[str, Callable[[InMemoryStore], InMemoryRepository]]
    events: Sequence[type[DomainEvent]] = ()
    handlers: Mapping[type[DomainEvent], Sequence[HandlerFactory]] = field(default_factory=dict)
    purgers: Mapping[str, PurgerFactory] = field(default_factory=dict)
    """Its tables that keep rows past their use, by the name `orderly purge` reports them
    under (PostgreSQL only: in-memory state ends with its process).
    """


def postgres_repositories(contexts: Sequence[BoundedContext]) -> dict[str, Callable[[Any], object]]:
    return {name: factory for context in contexts for name, factory in context.postgres.items()}


def memory_repositories(
    contexts: Sequence[BoundedContext],
) -> dict[str, Callable[[InMemoryStore], InMemoryRepository]]:
    return {name: factory for context in contexts for name, factory in context.memory.items()}


def published_events(contexts: Sequence[BoundedContext]) -> list[type[DomainEvent]]:
    return [event for context in contexts for event in context.events]


def context_purgers(contexts: Sequence[BoundedContext]) -> dict[str, PurgerFactory]:
    return {name: factory for context in contexts for name, factory in context.purgers.items()}


def event_routes(contexts: Sequence[BoundedContext]) -> Routes:
    """Every handler of every context, by the event it reacts to, in context order."""
    routes: dict[type[DomainEvent], list[HandlerFactory]] = {}
    for context in contexts:
        for event, handlers in context.handlers.items():
            routes.setdefault(event, []).extend(handlers)
    return routes
