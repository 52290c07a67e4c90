"""In-memory unit of work: private copies until commit, optimistic version check on commit."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from adapters.memory.catalog import InMemoryProductRepository
from adapters.memory.idempotency import InMemoryIdempotencyStore
from adapters.memory.identity import InMemoryRefreshTokenStore, InMemoryUserRepository
from adapters.memory.store import InMemoryStore
from domain.catalog.product import SkuTakenError
from domain.identity.user import EmailTakenError
from domain.shared.errors import ConcurrentModificationError


class InMemoryUnitOfWork:
    def __init__(self, store: InMemoryStore) -> None:
        self._store = store
        self.committed = False

    async def __aenter__(self) -> Self:
        self.products = InMemoryProductRepository(self._store)
        self.users = InMemoryUserRepository(self._store)
        self.refresh_tokens = InMemoryRefreshTokenStore(self._store)
        self.idempotency = InMemoryIdempotencyStore(self._store)
        self.committed = False
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.idempotency.release()

    async def commit(self) -> None:
        async with self._store.commit_lock:
            self._check_conflicts()
            for product, read_version in self.products.loaded.values():
                if product.version != read_version:
                    self._store.products[product.id] = product
            self._store.products.update(self.products.added)
            for user, read_version in self.users.loaded.values():
                if user.version != read_version:
                    self._store.users[user.id] = user
            self._store.users.update(self.users.added)
            self.refresh_tokens.write_back()
            for record in self.idempotency.pending:
                self._store.idempotency[(record.scope, record.key)] = record
        self.committed = True

    def _check_conflicts(self) -> None:
        """Mirrors the database: a stale version or a duplicate SKU refuses the whole commit."""
        for product_id, (product, read_version) in self.products.loaded.items():
            current = self._store.products.get(product_id)
            changed = product.version != read_version
            if changed and current is not None and current.version != read_version:
                raise ConcurrentModificationError(f"product {product_id} changed concurrently")
        taken = {p.sku for p in self._store.products.values()}
        for product in self.products.added.values():
            if product.sku in taken:
                raise SkuTakenError(f"sku {product.sku} is already in the catalog")
        self._check_identity_conflicts()

    def _check_identity_conflicts(self) -> None:
        """Stale users, a taken email, or a refresh token another unit of work rotated first."""
        for user_id, (user, read_version) in self.users.loaded.items():
            current = self._store.users.get(user_id)
            changed = user.version != read_version
            if changed and current is not None and current.version != read_version:
                raise ConcurrentModificationError(f"user {user_id} changed concurrently")
        emails = {u.email for u in self._store.users.values()}
        for user in self.users.added.values():
            if user.email in emails:
                raise EmailTakenError(f"{user.email} already has an account")
            emails.add(user.email)  # the unique constraint also compares new rows to each other
        if self.refresh_tokens.lost_race():
            raise ConcurrentModificationError("a refresh token was rotated concurrently")
