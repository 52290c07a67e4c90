"""Unit tests run on in-memory adapters only; any attempt at network I/O fails the test."""

import os
import socket
from datetime import UTC, datetime

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

from adapters.ids import UuidV7Generator
from adapters.memory.store import InMemoryStore
from adapters.memory.unit_of_work import InMemoryUnitOfWork
from application.shared.caller import Caller
from domain.shared.roles import Role
from tests.fakes import FixedClock, memory_uow

# Unit tests leave nothing on disk: no example database, and a home directory that cannot
# exist, so Hypothesis skips the cache of source constants it would otherwise write there.
settings.register_profile("unit", database=None)
settings.load_profile("unit")
set_hypothesis_home_dir(f"{os.devnull}/hypothesis")


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("unit tests must not open network connections")

    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 24, 8, 0, tzinfo=UTC))


@pytest.fixture
def ids() -> UuidV7Generator:
    return UuidV7Generator()


@pytest.fixture
def store() -> InMemoryStore:
    return InMemoryStore()


@pytest.fixture
def uow(store: InMemoryStore) -> InMemoryUnitOfWork:
    return memory_uow(store)


@pytest.fixture
def staff() -> Caller:
    return Caller(user_id=UuidV7Generator().new_id(), role=Role.STAFF)


@pytest.fixture
def customer() -> Caller:
    return Caller(user_id=UuidV7Generator().new_id(), role=Role.CUSTOMER)
