"""The widgets port contract, run against the in-memory adapters."""

import pytest

from adapters.memory.store import InMemoryStore
from adapters.memory.widgets import InMemoryWidgetQueries
from tests.contract.widgets import WidgetsAdapters, WidgetsContract
from tests.fakes import memory_uow


class TestInMemoryWidgets(WidgetsContract):
    @pytest.fixture
    def adapters(self) -> WidgetsAdapters:
        store = InMemoryStore()
        return WidgetsAdapters(uow=lambda: memory_uow(store), queries=InMemoryWidgetQueries(store))
