"""`PurgeExpired`: one cutoff for every store, N days before now, and a report in their order."""

from datetime import UTC, datetime, timedelta

import pytest

from application.shared.retention import PurgeCommand, PurgeExpired
from domain.shared.errors import DomainValidationError
from tests.fakes import FixedClock

NOW = datetime(2026, 12, 6, 3, 0, tzinfo=UTC)


class Store:
    """A purger that deletes a fixed number of rows and remembers the cutoffs it was given."""

    def __init__(self, removes: int) -> None:
        self.removes = removes
        self.cutoffs: list[datetime] = []

    async def purge(self, *, before: datetime) -> int:
        self.cutoffs.append(before)
        return self.removes


async def test_every_store_gets_the_same_cutoff_n_days_before_now() -> None:
    stores = {"outbox": Store(12), "inbox": Store(30), "refresh_tokens": Store(7)}

    report = await PurgeExpired(stores, FixedClock(NOW))(PurgeCommand(older_than_days=7))

    assert [store.cutoffs for store in stores.values()] == [[NOW - timedelta(days=7)]] * 3
    assert list(report.removed.items()) == [("outbox", 12), ("inbox", 30), ("refresh_tokens", 7)]
    assert report.older_than_days == 7


async def test_the_default_is_seven_days_and_zero_days_means_now() -> None:
    store = Store(0)
    purge = PurgeExpired({"outbox": store}, FixedClock(NOW))

    await purge(PurgeCommand())
    await purge(PurgeCommand(older_than_days=0))

    assert store.cutoffs == [NOW - timedelta(days=7), NOW]


async def test_a_negative_age_is_refused_before_anything_is_deleted() -> None:
    store = Store(5)

    with pytest.raises(DomainValidationError) as refused:
        await PurgeExpired({"outbox": store}, FixedClock(NOW))(PurgeCommand(older_than_days=-1))

    assert refused.value.field == "older_than_days"
    assert store.cutoffs == []
