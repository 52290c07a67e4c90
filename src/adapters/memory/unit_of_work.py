"""In-memory unit of work: private copies until commit, the database's checks at commit.

It knows no context: the repositories it builds are the ones the composition root
registers (`repositories`, name -> factory), and each repository checks and publishes its
own changes (`InMemoryRepository`). The shared kernel's idempotency keys, inbox and outbox
are always there.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Self

from adapters.memory.idempotency import InMemoryIdempotencyStore
from adapters.memory.inbox import InMemoryInbox
from adapters.memory.outbox import InMemoryOutbox
from adapters.memory.store import InMemoryRepository, InMemoryStore
from application.shared.tracing import NO_TRACING, Tracing

InMemoryRepositories = Mapping[str, Callable[[InMemoryStore], InMemoryRepository]]


class InMemoryUnitOfWork:
    def __init__(
        self,
        store: InMemoryStore,
        repositories: InMemoryRepositories,
        tracing: Tracing = NO_TRACING,
    ) -> None:
        self._store = store
        self._factories = repositories
        self._tracing = tracing
        self._repositories: list[InMemoryRepository] = []
        self.committed = False

    async def __aenter__(self) -> Self:
        self.idempotency = InMemoryIdempotencyStore(self._store)
        self.inbox = InMemoryInbox(self._store)
        self.outbox = InMemoryOutbox(self._store)
        self._repositories = [self.idempotency, self.inbox]
        for name, factory in self._factories.items():
            repository = factory(self._store)
            setattr(self, name, repository)
            self._repositories.append(repository)
        self.committed = False
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for repository in (*self._repositories, self.outbox):
            repository.close()

    async def commit(self) -> None:
        """Checks everything before writing anything, under one lock: like a transaction,
        a commit that fails leaves the store as it was.
        """
        async with self._store.commit_lock:
            for repository in self._repositories:
                repository.check()
            events = [event for repo in self._repositories for event in repo.recorded_events()]
            for repository in self._repositories:
                repository.write_back()
            self.outbox.append(events, trace_context=self._tracing.current_context())
        self.committed = True
