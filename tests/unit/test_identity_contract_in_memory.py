"""The identity port contract, run against the in-memory adapters."""

import pytest

from adapters.memory.identity import InMemoryUserDirectory
from adapters.memory.store import InMemoryStore
from adapters.memory.unit_of_work import InMemoryUnitOfWork
from tests.contract.identity import IdentityAdapters, IdentityContract


class TestInMemoryIdentity(IdentityContract):
    @pytest.fixture
    def adapters(self) -> IdentityAdapters:
        store = InMemoryStore()
        return IdentityAdapters(
            uow=lambda: InMemoryUnitOfWork(store),
            directory=InMemoryUserDirectory(store),
        )
