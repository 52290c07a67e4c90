"""Ordering and billing test kit: an edge that owns transactions, and the relay that delivers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar
from uuid import UUID

from adapters.ids import UuidV7Generator
from adapters.memory.billing import InMemoryInvoiceQueries
from adapters.memory.ordering import InMemoryOrderQueries
from adapters.memory.store import InMemoryStore
from adapters.memory.unit_of_work import InMemoryUnitOfWork
from application.billing.ports import InvoiceView
from application.billing.record_payment import RecordPayment, RecordPaymentCommand
from application.catalog.create_product import CreateProduct, CreateProductCommand
from application.catalog.ports import ProductView
from application.ordering.cancel_order import CancelOrder, CancelOrderCommand
from application.ordering.place_order import LineRequest, PlaceOrder, PlaceOrderCommand
from application.ordering.ports import OrderView
from application.ordering.ship_order import ShipOrder, ShipOrderCommand
from application.shared.caller import Caller
from application.shared.relay import RelayEvents, RetryPolicy, Routes
from domain.billing.invoice import PaymentMethod
from domain.shared.events import DomainEvent
from domain.shared.ids import InvoiceId, OrderId
from domain.shared.money import Money
from domain.shared.roles import Role
from entrypoints.contexts import event_routes
from entrypoints.contexts.all import CONTEXTS
from tests.fakes import FixedClock, memory_transactions

T = TypeVar("T")

ROUTES: Routes = event_routes(CONTEXTS)


@dataclass
class DeliveryLog:
    """The relay's observer in tests: what it delivered, retried and parked, in order."""

    deliveries: list[DomainEvent] = field(default_factory=list)
    retries: list[tuple[DomainEvent, int, datetime]] = field(default_factory=list)
    parks: list[tuple[DomainEvent, int, Exception]] = field(default_factory=list)

    def delivered(self, event: DomainEvent) -> None:
        self.deliveries.append(event)

    def retried(
        self, event: DomainEvent, *, attempts: int, due: datetime, error: Exception
    ) -> None:
        self.retries.append((event, attempts, due))

    def parked(self, event: DomainEvent, *, attempts: int, error: Exception) -> None:
        self.parks.append((event, attempts, error))


class Shop:
    """Plays the HTTP edge (one committed unit of work per call) and the relay (the real
    `RelayEvents` over the same store, delivering on demand).
    """

    def __init__(self, store: InMemoryStore, clock: FixedClock) -> None:
        self.store = store
        self.clock = clock
        self.ids = UuidV7Generator()
        self.staff = Caller(user_id=self.ids.new_id(), role=Role.STAFF)
        self.orders = InMemoryOrderQueries(store)
        self.invoices = InMemoryInvoiceQueries(store)
        self.log = DeliveryLog()
        self.transactions = memory_transactions(store)

    async def run(self, call: Callable[[InMemoryUnitOfWork], Awaitable[T]]) -> T:
        """One committed transaction, through the runner every entrypoint uses."""
        return await self.transactions.run(call)  # type: ignore[arg-type]

    async def product(
        self, sku: str, *, price: str = "9.99", currency: str = "EUR", stock: int = 10
    ) -> ProductView:
        command = CreateProductCommand(
            sku=sku,
            name=sku.title(),
            description="",
            unit_price=Money.of(price, currency),
            stock=stock,
        )
        return await self.run(
            lambda uow: CreateProduct(uow, self.clock, self.ids)(self.staff, command)
        )

    def stock(self, product: ProductView) -> int:
        return self.store.table("products")[product.id].stock

    async def place(self, caller: Caller, *lines: tuple[ProductView, int]) -> OrderView:
        command = PlaceOrderCommand(
            lines=tuple(LineRequest(product_id=p.id, quantity=q) for p, q in lines),
        )
        return await self.run(lambda uow: PlaceOrder(uow, self.clock, self.ids)(caller, command))

    async def cancel(
        self, caller: Caller, order_id: OrderId, expected_version: int | None = None
    ) -> OrderView:
        command = CancelOrderCommand(order_id=order_id, expected_version=expected_version)
        return await self.run(lambda uow: CancelOrder(uow, self.clock, self.ids)(caller, command))

    async def ship(
        self, caller: Caller, order_id: OrderId, expected_version: int | None = None
    ) -> OrderView:
        command = ShipOrderCommand(order_id=order_id, expected_version=expected_version)
        return await self.run(lambda uow: ShipOrder(uow, self.clock, self.ids)(caller, command))

    async def pay(self, invoice_id: UUID, amount: str, caller: Caller | None = None) -> InvoiceView:
        command = RecordPaymentCommand(
            invoice_id=InvoiceId(invoice_id),
            amount=Money.of(amount, "EUR"),
            method=PaymentMethod.BANK_TRANSFER,
            reference="TRX-1",
        )
        return await self.run(
            lambda uow: RecordPayment(uow, self.clock, self.ids)(caller or self.staff, command),
        )

    def relay(self, routes: Routes = ROUTES, policy: RetryPolicy | None = None) -> RelayEvents:
        return RelayEvents(
            self.transactions,
            routes,
            self.clock,
            self.ids,
            self.log,
            policy or RetryPolicy(),
        )

    async def deliver(self) -> None:
        """Delivers every event that is due, including those it causes; none may fail."""
        await self.relay().drain()
        assert (self.log.retries, self.log.parks) == ([], [])

    async def handle(self, event: DomainEvent) -> None:
        """Hands one event straight to its handlers, each in a unit of work of its own,
        bypassing the outbox: for redeliveries and races staged step by step.
        """
        for handler in ROUTES.get(type(event), []):
            await self.run(lambda uow, h=handler: h(uow, self.clock, self.ids)(event))

    async def order(self, order_id: OrderId) -> OrderView:
        view = await self.orders.get(order_id)
        assert view is not None
        return view

    async def invoice_of(self, order_id: OrderId) -> InvoiceView:
        order = await self.order(order_id)
        assert order.invoice_id is not None
        view = await self.invoices.get(InvoiceId(order.invoice_id))
        assert view is not None
        return view

    def events(self) -> list[str]:
        """What ordering and billing published, in order (another context's handlers may
        add events of their own to the story)."""
        return [
            type(record.event).__name__
            for record in self.store.outbox
            if type(record.event).__module__.startswith(("domain.ordering.", "domain.billing."))
        ]

    def recorded(self) -> list[DomainEvent]:
        return [record.event for record in self.store.outbox]
