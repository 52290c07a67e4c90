"""The bounded contexts, as the composition root assembles them.

Each context declares, in one module of this package, everything the rest of the service
must know of it: its unit-of-work protocol and the repositories that fill it (by name, for
each storage), its use cases (a container of their providers), the errors it answers over
HTTP, how its aggregates map onto its tables, the unique constraints it turns into domain
errors, the events it publishes, the handlers it runs on events, and what `orderly purge`
may delete from its tables. Its routes are
`entrypoints/http/<name>/routes.py`'s `API`. The units of work, the container, the error
table, the app, the event codec, the relay and the purge are built from these
declarations, so adding a context is adding its name to `all.py`
(docs/adding-a-context.md).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from dependency_injector import containers
from sqlalchemy import MetaData
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.memory.store import InMemoryRepository, InMemoryStore
from adapters.postgres import kernel_tables  # noqa: F401 - the outbox, inbox, idempotency
from adapters.postgres.mapping import TableMapping, map_aggregates, mapper_registry
from application.shared.relay import HandlerFactory, Routes
from application.shared.retention import Purger
from domain.shared.errors import DomainError
from domain.shared.events import DomainEvent
from entrypoints.http.problems import ProblemSpec

PurgerFactory = Callable[[AsyncEngine], Purger]


@dataclass(frozen=True, slots=True, kw_only=True)
class BoundedContext:
    """`postgres` and `memory` name the same repositories: each name becomes an attribute
    of the unit of work (`uow.orders`), whichever storage is configured, and together they
    are what `protocol` names.
    """

    name: str
    protocol: type
    """The context's unit-of-work protocol (`application/<name>/ports.py`)."""
    use_cases: type[containers.DeclarativeContainer]
    """Served as `container.<name>()`; its `kernel` is the service's container, so it takes
    the clock, the ids, the read pool, the memory store and the rest from there.
    """
    postgres: Mapping[str, Callable[[Any], object]]
    memory: Mapping[str, Callable[[InMemoryStore], InMemoryRepository]]
    mapping: TableMapping
    """Maps its aggregates onto its tables; importing it defines those tables."""
    errors: Mapping[type[Exception], ProblemSpec] = field(default_factory=dict)
    """Its own errors, answered over HTTP with this status and title."""
    conflicts: Mapping[str, type[DomainError]] = field(default_factory=dict)
    """Its unique constraints that a concurrent transaction can break after a use case
    checked them, by name: the error the PostgreSQL unit of work raises instead."""
    events: Sequence[type[DomainEvent]] = ()
    handlers: Mapping[type[DomainEvent], Sequence[HandlerFactory]] = field(default_factory=dict)
    purgers: Mapping[str, PurgerFactory] = field(default_factory=dict)
    """Its tables that keep rows past their use, by the name `orderly purge` reports them
    under (PostgreSQL only: in-memory state ends with its process).
    """


def declared(*names: str) -> tuple[BoundedContext, ...]:
    """Each name's declaration, `entrypoints/contexts/<name>.py`'s `CONTEXT`.

    Contexts are listed by name, like a settings list of installed applications, so that
    adding one is one line; what each holds is typed in its own module.
    """
    contexts = []
    for name in names:
        context = getattr(import_module(f"{__name__}.{name}"), "CONTEXT", None)
        if not isinstance(context, BoundedContext) or context.name != name:
            raise TypeError(f"entrypoints/contexts/{name}.py must declare CONTEXT, named {name}")
        contexts.append(context)
    return tuple(contexts)


def postgres_repositories(contexts: Sequence[BoundedContext]) -> dict[str, Callable[[Any], object]]:
    return {name: factory for context in contexts for name, factory in context.postgres.items()}


def memory_repositories(
    contexts: Sequence[BoundedContext],
) -> dict[str, Callable[[InMemoryStore], InMemoryRepository]]:
    return {name: factory for context in contexts for name, factory in context.memory.items()}


def mappings(contexts: Sequence[BoundedContext]) -> list[TableMapping]:
    return [context.mapping for context in contexts]


def every_table(contexts: Sequence[BoundedContext]) -> MetaData:
    """The whole schema, for autogenerate and the drift check: the shared kernel's tables
    and every context's, mapped as a session factory maps them (each context's mapping
    module defines its tables)."""
    map_aggregates(mappings(contexts))
    return mapper_registry.metadata


def context_errors(contexts: Sequence[BoundedContext]) -> dict[type[Exception], ProblemSpec]:
    return {error: spec for context in contexts for error, spec in context.errors.items()}


def unique_conflicts(contexts: Sequence[BoundedContext]) -> dict[str, type[DomainError]]:
    return {name: error for context in contexts for name, error in context.conflicts.items()}


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
