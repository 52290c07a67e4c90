"""The one way to run work in a transaction, for every entrypoint: HTTP, CLI, relay, worker.

A caller hands over a function of a unit of work; the runner opens one, runs the function,
commits when it returns and rolls back when it raises. The unit of work's commit writes the
events its aggregates recorded to the outbox, so nobody has to remember to publish them.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from application.shared.unit_of_work import UnitOfWork
from domain.shared.errors import ConcurrentModificationError

U = TypeVar("U", bound=UnitOfWork)
T = TypeVar("T")


@dataclass(frozen=True, slots=True, kw_only=True)
class ConflictRetry:
    """How often a transaction that lost a race is run again, and how long it waits first.

    The waits grow (`base_delay`, doubled each time) and are jittered (a random fraction of
    each), so two writers that collided do not collide again in lockstep.
    """

    attempts: int = 4
    base_delay: float = 0.01

    def delay(self, failed_attempts: int) -> float:
        ceiling = self.base_delay * (1 << (failed_attempts - 1))
        return random.uniform(ceiling / 2, ceiling)  # noqa: S311 - jitter, not a secret


class TransactionRunner(Generic[U]):
    """Runs `work` in a fresh unit of work: committed if it returns, rolled back if it raises.

    - With `retry_conflicts`, a `ConcurrentModificationError` (a write the caller could not
      know about got in first, e.g. the invoice handler filling in an order's `invoice_id`)
      runs the work again in a new unit of work, a few times, before it is reported.
    - Without it (the caller named the version it expects: HTTP `If-Match`), the conflict is
      the answer and is reported at once.
    """

    def __init__(
        self,
        unit_of_work: Callable[[], U],
        retry: ConflictRetry = ConflictRetry(),
        pause: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._unit_of_work = unit_of_work
        self._retry = retry
        self._pause = pause

    async def run(self, work: Callable[[U], Awaitable[T]], *, retry_conflicts: bool = True) -> T:
        attempts = self._retry.attempts if retry_conflicts else 1
        attempt = 1
        while True:
            try:
                return await self._once(work)
            except ConcurrentModificationError:
                if attempt >= attempts:
                    raise
            await self._pause(self._retry.delay(attempt))
            attempt += 1

    async def _once(self, work: Callable[[U], Awaitable[T]]) -> T:
        async with self._unit_of_work() as uow:
            result = await work(uow)
            await uow.commit()
        return result
