"""In-memory idempotency records, with the same lock-until-end-of-unit-of-work semantics."""

from datetime import datetime

from adapters.memory.store import InMemoryRepository, InMemoryStore
from application.shared.idempotency import IdempotencyRecord


class InMemoryIdempotencyStore(InMemoryRepository):
    def __init__(self, store: InMemoryStore) -> None:
        self._store = store
        self.held: set[tuple[str, str]] = set()
        self.pending: list[IdempotencyRecord] = []

    async def try_lock(self, scope: str, key: str) -> bool:
        slot = (scope, key)
        if slot in self.held:
            return True
        if slot in self._store.held_keys:
            return False
        self._store.held_keys.add(slot)
        self.held.add(slot)
        return True

    async def find(self, scope: str, key: str, *, now: datetime) -> IdempotencyRecord | None:
        record = self._store.idempotency.get((scope, key))
        if record is None or record.expires_at <= now:
            return None
        return record

    async def save(self, record: IdempotencyRecord) -> None:
        self.pending.append(record)

    def write_back(self) -> None:
        for record in self.pending:
            self._store.idempotency[(record.scope, record.key)] = record

    def close(self) -> None:
        self._store.held_keys.difference_update(self.held)
        self.held.clear()
