"""The PostgreSQL unit of work: one session, one transaction, errors translated to the core's."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from adapters.postgres.billing_repository import SqlInvoiceRepository
from adapters.postgres.catalog_repository import SqlProductRepository
from adapters.postgres.idempotency import SqlIdempotencyStore
from adapters.postgres.identity_repository import SqlUserRepository
from adapters.postgres.inbox import SqlInbox
from adapters.postgres.invoice_numbers import SqlInvoiceNumbers
from adapters.postgres.ordering_repository import SqlOrderRepository
from adapters.postgres.outbox import SqlOutbox
from adapters.postgres.refresh_tokens import SqlRefreshTokenStore
from adapters.postgres.stock import SqlStockReservations
from domain.catalog.product import SkuTakenError
from domain.identity.user import EmailTakenError
from domain.shared.errors import ConcurrentModificationError, DomainError
from domain.shared.events import DomainEvent

_CONSTRAINT_ERRORS: dict[str, type[DomainError]] = {
    "uq_products_sku": SkuTakenError,
    "uq_users_email": EmailTakenError,
    # A second invoice for one order, or a number given twice: another transaction won.
    "uq_invoices_order_id": ConcurrentModificationError,
    "uq_invoices_number": ConcurrentModificationError,
}


class SqlAlchemyUnitOfWork:
    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    async def __aenter__(self) -> Self:
        self._session = self._session_factory()
        self.products = SqlProductRepository(self._session)
        self.users = SqlUserRepository(self._session)
        self.refresh_tokens = SqlRefreshTokenStore(self._session)
        self.idempotency = SqlIdempotencyStore(self._session)
        self.orders = SqlOrderRepository(self._session)
        self.stock = SqlStockReservations(self._session)
        self.invoices = SqlInvoiceRepository(self._session)
        self.invoice_numbers = SqlInvoiceNumbers(self._session)
        self.inbox = SqlInbox(self._session)
        self.outbox = SqlOutbox(self._session)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Closing rolls back whatever was not committed and returns the connection."""
        await self._session.close()

    async def commit(self) -> None:
        """The recorded events are inserted before the flush, in the same transaction: if
        the flush fails (a lost update, say), they roll back with it.
        """
        try:
            await self.outbox.append(self._recorded_events())
            await self._session.commit()
        except StaleDataError as error:
            raise ConcurrentModificationError("the resource was changed concurrently") from error
        except IntegrityError as error:
            raise _translate(error) from error

    def _recorded_events(self) -> list[DomainEvent]:
        """Orders first, then invoices, each in the order the repositories met them; every
        aggregate's events in the order it recorded them.
        """
        aggregates = [*self.orders.seen.values(), *self.invoices.seen.values()]
        return [event for aggregate in aggregates for event in aggregate.pull_events()]


def _translate(error: IntegrityError) -> Exception:
    """Unique constraints are the last line against races the use case checked for."""
    constraint = getattr(error.orig.__cause__, "constraint_name", None) if error.orig else None
    domain_error = _CONSTRAINT_ERRORS.get(constraint or "")
    if domain_error is None:
        return error
    return domain_error(f"conflicts with existing data ({constraint})")
