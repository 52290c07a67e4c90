"""In-memory unit of work: private copies until commit, optimistic version check on commit."""

from __future__ import annotations

from types import TracebackType
from typing import Self
from uuid import UUID

from adapters.memory.billing import InMemoryInvoiceNumbers, InMemoryInvoiceRepository
from adapters.memory.catalog import InMemoryProductRepository
from adapters.memory.idempotency import InMemoryIdempotencyStore
from adapters.memory.identity import InMemoryRefreshTokenStore, InMemoryUserRepository
from adapters.memory.ordering import InMemoryOrderRepository, InMemoryStockReservations
from adapters.memory.outbox import InMemoryOutbox
from adapters.memory.store import InMemoryStore
from domain.catalog.product import SkuTakenError
from domain.identity.user import EmailTakenError
from domain.ordering.order import InsufficientStockError
from domain.shared.errors import ConcurrentModificationError


class InMemoryInbox:
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

    def lost_race(self) -> bool:
        return not self.claimed.isdisjoint(self._store.inbox)

    def write_back(self) -> None:
        self._store.inbox.update(self.claimed)


class InMemoryUnitOfWork:
    def __init__(self, store: InMemoryStore) -> None:
        self._store = store
        self.committed = False

    async def __aenter__(self) -> Self:
        self.products = InMemoryProductRepository(self._store)
        self.users = InMemoryUserRepository(self._store)
        self.refresh_tokens = InMemoryRefreshTokenStore(self._store)
        self.idempotency = InMemoryIdempotencyStore(self._store)
        self.orders = InMemoryOrderRepository(self._store)
        self.stock = InMemoryStockReservations(self._store)
        self.invoices = InMemoryInvoiceRepository(self._store)
        self.invoice_numbers = InMemoryInvoiceNumbers(self._store)
        self.inbox = InMemoryInbox(self._store)
        self.outbox = InMemoryOutbox(self._store)
        self.committed = False
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.idempotency.release()
        self.outbox.release()

    async def commit(self) -> None:
        async with self._store.commit_lock:
            self._check_conflicts()
            self.products.copies.write_back()
            self.users.copies.write_back()
            self.refresh_tokens.write_back()
            for record in self.idempotency.pending:
                self._store.idempotency[(record.scope, record.key)] = record
            self._write_back_orders_and_invoices()
        self.committed = True

    def _check_conflicts(self) -> None:
        """Mirrors the database: a stale version or a duplicate SKU refuses the whole commit."""
        if products := self.products.copies.stale():
            raise ConcurrentModificationError(f"product {products[0]} changed concurrently")
        taken = {p.sku for p in self._store.products.values()}
        for product in self.products.copies.added.values():
            if product.sku in taken:
                raise SkuTakenError(f"sku {product.sku} is already in the catalog")
        self._check_identity_conflicts()
        self._check_ordering_conflicts()

    def _check_identity_conflicts(self) -> None:
        """Stale users, a taken email, or a refresh token another unit of work rotated first."""
        if users := self.users.copies.stale():
            raise ConcurrentModificationError(f"user {users[0]} changed concurrently")
        emails = {u.email for u in self._store.users.values()}
        for user in self.users.copies.added.values():
            if user.email in emails:
                raise EmailTakenError(f"{user.email} already has an account")
            emails.add(user.email)  # the unique constraint also compares new rows to each other
        if self.refresh_tokens.lost_race():
            raise ConcurrentModificationError("a refresh token was rotated concurrently")

    def _check_ordering_conflicts(self) -> None:
        """Stale orders or invoices, stock others took first, invoice numbers or an inbox
        claim another unit of work committed first.
        """
        if orders := self.orders.copies.stale():
            raise ConcurrentModificationError(f"order {orders[0]} changed concurrently")
        if invoices := self.invoices.copies.stale():
            raise ConcurrentModificationError(f"invoice {invoices[0]} changed concurrently")
        short = self.stock.shortages()
        if short:
            raise InsufficientStockError(short)
        if self.invoice_numbers.lost_race():
            raise ConcurrentModificationError("invoice numbers were taken concurrently")
        if self.inbox.lost_race():
            raise ConcurrentModificationError("the event was handled concurrently")

    def _write_back_orders_and_invoices(self) -> None:
        """The outbox gets the events of this commit, and the relay's acknowledgements, in
        the same step as the changes.
        """
        seen = [*self.orders.copies.seen(), *self.invoices.copies.seen()]
        events = [event for aggregate in seen for event in aggregate.pull_events()]
        self.orders.copies.write_back()
        self.invoices.copies.write_back()
        self.stock.write_back()
        self.invoice_numbers.write_back()
        self.inbox.write_back()
        self.outbox.write_back(events)
