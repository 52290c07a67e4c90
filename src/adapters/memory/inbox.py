"""In-memory inbox: claims staged until commit, refused if another commit claimed first."""

from collections.abc import Collection
from uuid import UUID

from adapters.memory.store import InMemoryRepository, InMemoryStore
from domain.shared.errors import ConcurrentModificationError


class InMemoryInbox(InMemoryRepository):
    """A claim another unit of work committed first refuses this commit, as the database's
    primary key on (event_id, handler) does.
    """

    def __init__(self, store: InMemoryStore) -> None:
        self._store = store
        self.claimed: set[tuple[UUID, str]] = set()

    async def claim(self, event_id: UUID, handler: str) -> bool:
        entry = (event_id, handler)
        if entry in self._store.inbox or entry in self.claimed:
            return False
        self.claimed.add(entry)
        return True

    async def handled(self, event_id: UUID, handlers: Collection[str]) -> bool:
        return all((event_id, handler) in self._store.inbox for handler in handlers)

    def check(self) -> None:
        if not self.claimed.isdisjoint(self._store.inbox):
            raise ConcurrentModificationError("the event was handled concurrently")

    def write_back(self) -> None:
        self._store.inbox.update(self.claimed)
