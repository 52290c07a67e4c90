"""The port contract every catalog and idempotency adapter must honour.

Subclasses provide the `adapters` fixture; the same assertions then run against the
in-memory adapters (unit suite) and PostgreSQL (integration suite), so the fakes the unit
tests rely on cannot drift from the real thing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from uuid6 import uuid7

from application.catalog.ports import (
    CatalogUnitOfWork,
    ProductCriteria,
    ProductQueries,
    ProductSort,
)
from application.shared.idempotency import IdempotencyRecord
from application.shared.pagination import PageRequest
from domain.catalog.product import Product, ProductChanges, SkuTakenError
from domain.shared.errors import ConcurrentModificationError
from domain.shared.ids import ProductId
from domain.shared.money import Money

T0 = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


@dataclass
class CatalogAdapters:
    uow: Callable[[], CatalogUnitOfWork]
    queries: ProductQueries


def product(
    sku: str, *, name: str = "Mug", price: str = "9.99", currency: str = "EUR", minutes: int = 0
) -> Product:
    return Product.create(
        id=ProductId(uuid7()),
        sku=sku,
        name=name,
        description="",
        unit_price=Money.of(price, currency),
        stock=3,
        now=T0 + timedelta(minutes=minutes),
    )


async def save(adapters: CatalogAdapters, *products: Product) -> None:
    async with adapters.uow() as uow:
        for item in products:
            uow.products.add(item)
        await uow.commit()


class CatalogContract:
    async def test_a_committed_product_reads_back_equal(self, adapters: CatalogAdapters) -> None:
        mug = product("MUG-001")
        await save(adapters, mug)
        async with adapters.uow() as uow:
            loaded = await uow.products.get(mug.id)
            by_sku = await uow.products.get_by_sku("MUG-001")
        assert loaded is not None
        assert by_sku is not None
        assert by_sku.id == mug.id
        assert (loaded.sku, loaded.unit_price, loaded.version, loaded.created_at) == (
            "MUG-001",
            Money.of("9.99", "EUR"),
            1,
            mug.created_at,
        )

    async def test_uncommitted_work_is_rolled_back(self, adapters: CatalogAdapters) -> None:
        mug = product("MUG-002")
        async with adapters.uow() as uow:
            uow.products.add(mug)
        async with adapters.uow() as uow:
            assert await uow.products.get(mug.id) is None
        assert await adapters.queries.get(mug.id, include_inactive=True) is None

    async def test_a_duplicate_sku_is_refused_at_commit(self, adapters: CatalogAdapters) -> None:
        await save(adapters, product("MUG-003"))
        with pytest.raises(SkuTakenError):
            await save(adapters, product("MUG-003"))

    async def test_a_lost_update_is_detected(self, adapters: CatalogAdapters) -> None:
        mug = product("MUG-004")
        await save(adapters, mug)
        async with adapters.uow() as first, adapters.uow() as second:
            mine = await first.products.get(mug.id)
            theirs = await second.products.get(mug.id)
            assert mine is not None
            assert theirs is not None
            mine.change(ProductChanges(stock=10), now=T0)
            theirs.change(ProductChanges(stock=20), now=T0)
            await first.commit()
            with pytest.raises(ConcurrentModificationError):
                await second.commit()
        view = await adapters.queries.get(mug.id, include_inactive=False)
        assert view is not None
        assert (view.stock, view.version) == (10, 2)

    async def test_reading_without_changing_never_conflicts(
        self, adapters: CatalogAdapters
    ) -> None:
        mug = product("MUG-005")
        await save(adapters, mug)
        async with adapters.uow() as reader, adapters.uow() as writer:
            assert await reader.products.get(mug.id) is not None
            changed = await writer.products.get(mug.id)
            assert changed is not None
            changed.archive(now=T0)
            await writer.commit()
            await reader.commit()

    async def test_inactive_products_are_visible_only_on_request(
        self, adapters: CatalogAdapters
    ) -> None:
        mug = product("MUG-006")
        mug.archive(now=T0)
        await save(adapters, mug)
        assert await adapters.queries.get(mug.id, include_inactive=False) is None
        view = await adapters.queries.get(mug.id, include_inactive=True)
        assert view is not None
        assert not view.active

    async def test_filters_match_literally_and_bounds_are_inclusive(
        self, adapters: CatalogAdapters
    ) -> None:
        await save(
            adapters,
            product("P-100", name="100% Cotton", price="10.00"),
            product("P-101", name="Cotton_Tee", price="20.00"),
            product("P-102", name="Back\\slash", price="30.00", currency="USD"),
            product("P-103", name="Linen", price="20.00"),
        )

        async def skus(**criteria: object) -> list[str]:
            page = await adapters.queries.list(
                ProductCriteria(sort=ProductSort.PRICE, **criteria),  # type: ignore[arg-type]
                PageRequest(limit=10),
            )
            return [view.sku for view in page.items]

        assert await skus(q="0% c") == ["P-100"]
        assert await skus(q="n_t") == ["P-101"]
        assert await skus(q="%") == ["P-100"]
        assert await skus(q="k\\s") == ["P-102"]
        assert await skus(q="COTTON") == ["P-100", "P-101"]
        assert await skus(min_price=Decimal("20.00"), max_price=Decimal("20.00")) == [
            "P-101",
            "P-103",
        ]
        assert await skus(currency="USD") == ["P-102"]
        assert await skus(currency="EUR", min_price=Decimal("15")) == ["P-101", "P-103"]

    @pytest.mark.parametrize("sort", list(ProductSort))
    async def test_walking_the_pages_returns_every_product_once_in_order(
        self, adapters: CatalogAdapters, sort: ProductSort
    ) -> None:
        prices = ["5.00", "7.50", "5.00", "12.00", "7.50", "1.00", "9.99"]
        names = ["delta", "alpha", "echo", "alpha", "bravo", "charlie", "golf"]
        await save(
            adapters,
            *(
                product(f"W-{index:03}", name=name, price=price, minutes=index % 3)
                for index, (name, price) in enumerate(zip(names, prices, strict=True))
            ),
        )
        seen, after = [], None
        while True:
            page = await adapters.queries.list(
                ProductCriteria(sort=sort), PageRequest(limit=2, after=after)
            )
            seen.extend(page.items)
            if page.next_key is None:
                break
            after = page.next_key
        assert sorted(view.sku for view in seen) == sorted(f"W-{i:03}" for i in range(7))
        keys = [
            {"created_at": v.created_at, "name": v.name, "price": v.unit_price.amount}[sort.field]
            for v in seen
        ]
        assert keys == sorted(keys, reverse=sort.descending)

    async def test_an_idempotency_key_is_held_until_the_unit_of_work_ends(
        self, adapters: CatalogAdapters
    ) -> None:
        async with adapters.uow() as first:
            assert await first.idempotency.try_lock("alice", "key-1")
            assert await first.idempotency.try_lock("alice", "key-1")
            async with adapters.uow() as second:
                assert not await second.idempotency.try_lock("alice", "key-1")
                assert await second.idempotency.try_lock("bob", "key-1")
        async with adapters.uow() as third:
            assert await third.idempotency.try_lock("alice", "key-1")

    async def test_an_idempotency_record_lives_and_dies_with_its_transaction(
        self, adapters: CatalogAdapters
    ) -> None:
        record = IdempotencyRecord(
            scope="alice",
            key="key-2",
            fingerprint="f1",
            response=b'{"status": 201}\n{}',
            expires_at=T0 + timedelta(hours=24),
        )
        async with adapters.uow() as uow:
            await uow.idempotency.save(record)
        async with adapters.uow() as uow:
            assert await uow.idempotency.find("alice", "key-2", now=T0) is None
            await uow.idempotency.save(record)
            await uow.commit()
        async with adapters.uow() as uow:
            assert await uow.idempotency.find("alice", "key-2", now=T0) == record
            assert await uow.idempotency.find("bob", "key-2", now=T0) is None
            expired = T0 + timedelta(hours=24)
            assert await uow.idempotency.find("alice", "key-2", now=expired) is None
