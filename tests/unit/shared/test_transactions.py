"""The transaction runner: commit on success, roll back on error, retry lost races."""

from __future__ import annotations

import pytest

from adapters.memory.store import InMemoryStore
from application.shared.transactions import ConflictRetry, TransactionRunner
from domain.shared.errors import ConcurrentModificationError, DomainError
from tests.fakes import memory_uow, no_pause


class Recorder:
    """Stands in for the unit of work factory: counts what was opened and committed."""

    def __init__(self, store: InMemoryStore) -> None:
        self.store = store
        self.opened: list[object] = []

    def __call__(self) -> object:
        uow = memory_uow(self.store)
        self.opened.append(uow)
        return uow


@pytest.fixture
def units(store: InMemoryStore) -> Recorder:
    return Recorder(store)


def runner(units: Recorder, attempts: int = 4) -> TransactionRunner:  # type: ignore[type-arg]
    return TransactionRunner(units, ConflictRetry(attempts=attempts), pause=no_pause)  # type: ignore[arg-type]


async def test_work_that_returns_is_committed_and_its_result_returned(units: Recorder) -> None:
    async def work(uow: object) -> str:
        return "done"

    assert await runner(units).run(work) == "done"
    assert [uow.committed for uow in units.opened] == [True]  # type: ignore[attr-defined]


async def test_work_that_raises_is_rolled_back_and_not_retried(units: Recorder) -> None:
    async def work(uow: object) -> None:
        raise DomainError("refused")

    with pytest.raises(DomainError):
        await runner(units).run(work)
    assert [uow.committed for uow in units.opened] == [False]  # type: ignore[attr-defined]


async def test_a_lost_race_runs_again_in_a_fresh_unit_of_work(units: Recorder) -> None:
    failures = iter([True, True, False])

    async def work(uow: object) -> str:
        if next(failures):
            raise ConcurrentModificationError("someone else wrote first")
        return "done"

    assert await runner(units).run(work) == "done"
    assert len({id(uow) for uow in units.opened}) == 3
    assert [uow.committed for uow in units.opened] == [False, False, True]  # type: ignore[attr-defined]


async def test_a_persistent_conflict_is_reported_after_the_last_attempt(units: Recorder) -> None:
    async def work(uow: object) -> None:
        raise ConcurrentModificationError("always")

    with pytest.raises(ConcurrentModificationError):
        await runner(units, attempts=3).run(work)
    assert len(units.opened) == 3


async def test_without_retries_a_conflict_is_reported_at_once(units: Recorder) -> None:
    async def work(uow: object) -> None:
        raise ConcurrentModificationError("stale")

    with pytest.raises(ConcurrentModificationError):
        await runner(units).run(work, retry_conflicts=False)
    assert len(units.opened) == 1


async def test_retries_wait_a_little_longer_each_time_with_jitter() -> None:
    policy = ConflictRetry(attempts=4, base_delay=0.01)
    delays = [policy.delay(attempt) for attempt in (1, 2, 3)]
    ceilings = [0.01, 0.02, 0.04]
    assert all(
        ceiling / 2 <= delay <= ceiling for delay, ceiling in zip(delays, ceilings, strict=True)
    )
