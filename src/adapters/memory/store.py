"""The in-memory "database": committed state shared by every unit of work of one process."""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, Protocol, TypeVar
from uuid import UUID

from application.shared.idempotency import IdempotencyRecord
from application.shared.pagination import Page, PageRequest
from domain.shared.events import DomainEvent


@dataclass(frozen=True, slots=True, kw_only=True)
class OutboxRecord:
    """One committed outbox row: the event, and where its delivery stands."""

    position: int
    event: DomainEvent
    available_at: datetime
    attempts: int = 0
    delivered_at: datetime | None = None
    parked_at: datetime | None = None
    last_error: str | None = None
    trace_context: str | None = None

    @property
    def settled(self) -> bool:
        """Delivered or parked: never delivered again, and no longer holds back its aggregate."""
        return self.delivered_at is not None or self.parked_at is not None


@dataclass
class InMemoryStore:
    """Holds only committed state; units of work change private copies until they commit.

    Each context's repositories keep their rows in tables of their own, by name
    (`table("orders")`), created on first use: a new repository needs no change here. The
    shared kernel's bookkeeping (idempotency keys, inbox, outbox) has fields of its own.
    """

    tables: dict[str, dict[Any, Any]] = field(default_factory=dict)
    idempotency: dict[tuple[str, str], IdempotencyRecord] = field(default_factory=dict)
    held_keys: set[tuple[str, str]] = field(default_factory=set)
    inbox: set[tuple[UUID, str]] = field(default_factory=set)
    outbox: list[OutboxRecord] = field(default_factory=list)
    held_events: set[UUID] = field(default_factory=set)
    commit_lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    def table(self, name: str) -> dict[Any, Any]:
        if name not in self.tables:
            self.tables[name] = {}
        return self.tables[name]


class InMemoryRepository:
    """What an in-memory repository does when its unit of work ends, mirroring what the
    database does for the PostgreSQL one. Each step does nothing unless overridden.
    """

    def check(self) -> None:
        """Raises what the database would raise at commit (a stale version, a unique key
        taken, stock gone); runs under the store's commit lock, before anything is written.
        """

    def recorded_events(self) -> list[DomainEvent]:
        """The events of the aggregates this repository handed out or was given."""
        return []

    def write_back(self) -> None:
        """Publishes this unit of work's changes to the store: its commit."""

    def close(self) -> None:
        """Drops what this unit of work held (locks, claims), committed or not."""


class Versioned(Protocol):
    version: int


K = TypeVar("K")
A = TypeVar("A", bound=Versioned)
V = TypeVar("V")


class TrackedCopies(Generic[K, A]):
    """One unit of work's private copies of one kind of aggregate, with the versions read.

    A copy written back only if it changed, and refused if someone else changed it first,
    is what the database's `UPDATE … WHERE version = :read` does.
    """

    def __init__(self, committed: dict[K, A]) -> None:
        self._committed = committed
        self.loaded: dict[K, tuple[A, int]] = {}
        self.added: dict[K, A] = {}

    def get(self, key: K) -> A | None:
        if key in self.added:
            return self.added[key]
        if key in self.loaded:
            return self.loaded[key][0]
        stored = self._committed.get(key)
        if stored is None:
            return None
        aggregate = copy.deepcopy(stored)
        self.loaded[key] = (aggregate, aggregate.version)
        return aggregate

    def add(self, key: K, aggregate: A) -> None:
        self.added[key] = aggregate

    def stale(self) -> list[K]:
        """Keys changed here whose committed version moved since they were read."""
        return [
            key
            for key, (aggregate, read_version) in self.loaded.items()
            if aggregate.version != read_version
            and (current := self._committed.get(key)) is not None
            and current.version != read_version
        ]

    def seen(self) -> list[A]:
        """Every aggregate handed out or added here: whose events the commit collects."""
        return [*self.added.values(), *(aggregate for aggregate, _ in self.loaded.values())]

    def write_back(self) -> None:
        for key, (aggregate, read_version) in self.loaded.items():
            if aggregate.version != read_version:
                self._committed[key] = aggregate
        self._committed.update(self.added)


def newest_first(
    views: Iterable[V],
    key: Callable[[V], tuple[datetime, str]],
    page: PageRequest,
) -> Page[V]:
    """A keyset page, newest first by `key`: a timestamp, then the id to break ties."""
    ordered = sorted(views, key=key, reverse=True)
    if page.after is not None:
        after = (datetime.fromisoformat(page.after[0]), page.after[1])
        ordered = [view for view in ordered if key(view) < after]
    items = ordered[: page.limit]
    if len(ordered) <= page.limit:
        return Page(items=items, next_key=None)
    stamp, last_id = key(items[-1])
    return Page(items=items, next_key=(stamp.isoformat(), last_id))
