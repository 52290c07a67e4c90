"""The one transaction port: a use case's writes, and their idempotency record, commit together."""

from __future__ import annotations

from types import TracebackType
from typing import Protocol, Self

from application.catalog.ports import ProductRepository
from application.identity.ports import RefreshTokenStore, UserRepository
from application.shared.idempotency import IdempotencyStore


class UnitOfWork(Protocol):
    """Entered once per request or job; leaving without `commit()` rolls everything back."""

    products: ProductRepository
    users: UserRepository
    refresh_tokens: RefreshTokenStore
    idempotency: IdempotencyStore

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None:
        """Makes every change durable, or raises (e.g. `ConcurrentModificationError`)."""
        ...
