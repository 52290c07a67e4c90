"""The outbox's JSON codec: every domain event, and the values stored as JSONB, round-trip."""

import inspect
import json
from datetime import UTC, datetime

from uuid6 import uuid7

from adapters.postgres.documents import from_document, to_document
from adapters.postgres.event_codec import EventCodec
from domain.billing import events as billing_events
from domain.billing.events import InvoiceIssued, InvoicePaid, InvoiceVoided
from domain.billing.ids import PaymentId
from domain.billing.invoice import Payment, PaymentMethod
from domain.ordering import events as ordering_events
from domain.ordering.events import OrderCancelled, OrderPaid, OrderPlaced, OrderShipped
from domain.ordering.order import OrderLine
from domain.shared.events import DomainEvent
from domain.shared.ids import CustomerId, InvoiceId, OrderId
from domain.shared.money import Money
from entrypoints.contexts import published_events
from entrypoints.contexts.all import CONTEXTS

NOW = datetime(2026, 11, 24, 8, 0, 0, 123456, tzinfo=UTC)
ORDER = OrderId(uuid7())
INVOICE = InvoiceId(uuid7())
CODEC = EventCodec(published_events(CONTEXTS))

SAMPLES: list[DomainEvent] = [
    OrderPlaced(
        event_id=uuid7(),
        occurred_at=NOW,
        order_id=ORDER,
        customer_id=CustomerId(uuid7()),
        total=Money.of("1234567.89", "EUR"),
    ),
    OrderCancelled(event_id=uuid7(), occurred_at=NOW, order_id=ORDER),
    OrderPaid(event_id=uuid7(), occurred_at=NOW, order_id=ORDER),
    OrderShipped(event_id=uuid7(), occurred_at=NOW, order_id=ORDER),
    InvoiceIssued(event_id=uuid7(), occurred_at=NOW, invoice_id=INVOICE, order_id=ORDER),
    InvoicePaid(event_id=uuid7(), occurred_at=NOW, invoice_id=INVOICE, order_id=ORDER),
    InvoiceVoided(
        event_id=uuid7(),
        occurred_at=NOW,
        invoice_id=INVOICE,
        order_id=ORDER,
        refund_due=Money.of("0.00", "USD"),
    ),
]


def concrete_events() -> set[type[DomainEvent]]:
    """The leaves of the event hierarchy in the two domain modules: the ones ever recorded."""
    return {
        cls
        for module in (ordering_events, billing_events)
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, DomainEvent) and cls.__module__ == module.__name__
        if not cls.__subclasses__()
    }


def test_the_samples_cover_every_event_class() -> None:
    assert {type(event) for event in SAMPLES} == concrete_events()


def test_every_event_class_is_published_by_its_context() -> None:
    assert set(published_events(CONTEXTS)) == concrete_events()


def test_every_event_survives_json_and_back_equal() -> None:
    for event in SAMPLES:
        event_type, payload = CODEC.encode(event)
        assert event_type == type(event).__name__
        assert CODEC.decode(event_type, json.loads(json.dumps(payload))) == event


def test_money_travels_as_decimal_strings_never_floats() -> None:
    _, payload = CODEC.encode(SAMPLES[0])
    assert payload["total"] == {"amount": "1234567.89", "currency": "EUR"}
    assert payload["occurred_at"] == "2026-11-24T08:00:00.123456+00:00"
    assert payload["order_id"] == str(ORDER)


def test_order_lines_and_payments_round_trip() -> None:
    line = OrderLine(
        product_id=uuid7(),
        sku="MUG-001",
        name="Mug",
        unit_price=Money.of("9.99", "EUR"),
        quantity=3,
    )
    payment = Payment(
        id=PaymentId(uuid7()),
        amount=Money.of("5.00", "EUR"),
        method=PaymentMethod.BANK_TRANSFER,
        reference="SEPA 42",
        paid_at=NOW,
    )
    assert from_document(OrderLine, json.loads(json.dumps(to_document(line)))) == line
    document = to_document(payment)
    assert document["method"] == "bank_transfer"
    assert from_document(Payment, json.loads(json.dumps(document))) == payment
