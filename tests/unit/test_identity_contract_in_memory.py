"""The identity port contract, run against the in-memory adapters."""

import pytest

from adapters.memory.identity import InMemoryUserDirectory, InMemoryUserQueries
from adapters.memory.store import InMemoryStore
from tests.contract.identity import IdentityAdapters, IdentityContract
from tests.fakes import memory_uow


class TestInMemoryIdentity(IdentityContract):
    @pytest.fixture
    def adapters(self) -> IdentityAdapters:
        store = InMemoryStore()
        return IdentityAdapters(
            uow=lambda: memory_uow(store),
            directory=InMemoryUserDirectory(store),
            users=InMemoryUserQueries(store),
        )
