"""Ordering tests share the shop: products on sale, an edge and a relay."""

import pytest

from adapters.memory.store import InMemoryStore
from application.catalog.ports import ProductView
from tests.fakes import FixedClock
from tests.unit.ordering.shop import Shop


@pytest.fixture
def shop(store: InMemoryStore, clock: FixedClock) -> Shop:
    return Shop(store, clock)


@pytest.fixture
async def mug(shop: Shop) -> ProductView:
    return await shop.product("MUG-001", price="9.99", stock=5)


@pytest.fixture
async def tea(shop: Shop) -> ProductView:
    return await shop.product("TEA-001", price="4.50", stock=10)
