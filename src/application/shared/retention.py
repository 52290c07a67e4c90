"""Retention: forgetting what the service will never read again.

Delivered events, handled-event claims, idempotency records past their replay window and
dead refresh tokens only grow. Each store that keeps such rows offers a `Purger`, which
knows what in it can no longer be needed; `PurgeExpired` gives them one cutoff and reports
what each removed. Deletion is not work of any unit of work: a purge is many short
transactions of its own, one per batch, so it never holds more than a batch of rows locked
and can be stopped or run again at any time (docs/adr/0017-retention.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from application.shared.ports import Clock
from domain.shared.errors import DomainValidationError

DEFAULT_RETENTION_DAYS = 7


class Purger(Protocol):
    async def purge(self, *, before: datetime) -> int:
        """Deletes the rows that stopped being needed before `before`; how many it deleted.

        Rows that are still needed (an undelivered event, a live idempotency key or refresh
        token) stay whatever their age. Safe to run concurrently: rows another purge holds
        are left to it, so each row is deleted, and counted, once.
        """
        ...


@dataclass(frozen=True, slots=True, kw_only=True)
class PurgeCommand:
    older_than_days: int = DEFAULT_RETENTION_DAYS


@dataclass(frozen=True, slots=True, kw_only=True)
class PurgeReport:
    older_than_days: int
    removed: Mapping[str, int]
    """Rows deleted per store, in the order the stores were given."""


class PurgeExpired:
    """Deletes, from every store, what stopped being needed more than N days ago.

    - N is 0 or more; with 0, only what is already useless goes: a live idempotency key
      still replays and a live refresh token still works.
    - The stores are purged one after another, each in its own batches; a failure stops
      the purge, and what earlier batches deleted stays deleted (running it again resumes).
    """

    def __init__(self, purgers: Mapping[str, Purger], clock: Clock) -> None:
        self._purgers = purgers
        self._clock = clock

    async def __call__(self, command: PurgeCommand) -> PurgeReport:
        if command.older_than_days < 0:
            raise DomainValidationError(
                "older_than_days must be 0 or more", field="older_than_days"
            )
        before = self._clock.now() - timedelta(days=command.older_than_days)
        removed = {name: await store.purge(before=before) for name, store in self._purgers.items()}
        return PurgeReport(older_than_days=command.older_than_days, removed=removed)
