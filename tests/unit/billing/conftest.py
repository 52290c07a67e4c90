"""Billing tests share the ordering shop: invoices come from placed orders."""

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
    return await shop.product("MUG-001", price="25.00", stock=100)
