"""Test doubles shared by both suites, and in-memory units of work built as the service builds
them (from the contexts' declarations).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from adapters.memory.store import InMemoryStore
from adapters.memory.unit_of_work import InMemoryUnitOfWork
from application.shared.tracing import NO_TRACING, Tracing
from application.shared.transactions import ConflictRetry, TransactionRunner
from application.unit_of_work import ServiceUnitOfWork
from entrypoints.contexts import memory_repositories
from entrypoints.contexts.all import CONTEXTS

MEMORY_REPOSITORIES = memory_repositories(CONTEXTS)


class FixedClock:
    """Time stands still until told to move, so tests can reason about expiry exactly."""

    def __init__(self, at: datetime) -> None:
        self._at = at

    def now(self) -> datetime:
        return self._at

    def advance(self, by: timedelta) -> None:
        self._at += by


def memory_uow(store: InMemoryStore, tracing: Tracing = NO_TRACING) -> InMemoryUnitOfWork:
    return InMemoryUnitOfWork(store, MEMORY_REPOSITORIES, tracing)


async def no_pause(_: float) -> None:
    """Retries in unit tests happen at once: the tests are about outcomes, not timing."""


def memory_transactions(store: InMemoryStore) -> TransactionRunner[ServiceUnitOfWork]:
    return TransactionRunner(lambda: memory_uow(store), ConflictRetry(), pause=no_pause)
