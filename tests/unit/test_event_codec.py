"""The outbox's JSON codec: every domain event, and the values stored as JSONB, round-trip."""

import inspect
import json
from dataclasses import fields
from datetime import UTC, date, datetime
from enum import Enum
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType
from typing import Any, get_type_hints
from uuid import UUID

from uuid6 import uuid7

from adapters.postgres.documents import from_document, to_document
from adapters.postgres.event_codec import EventCodec
from domain.billing.events import InvoiceIssued, InvoicePaid, InvoiceVoided
from domain.billing.ids import PaymentId
from domain.billing.invoice import Payment, PaymentMethod
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


def event_modules() -> list[ModuleType]:
    """Each context's `domain.<name>.events`, where it has one."""
    names = [f"domain.{context.name}.events" for context in CONTEXTS]
    return [import_module(name) for name in names if find_spec(name) is not None]


def concrete_events() -> set[type[DomainEvent]]:
    """The leaves of the event hierarchy in the contexts' event modules: the ones ever recorded."""
    return {
        cls
        for module in event_modules()
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, DomainEvent) and cls.__module__ == module.__name__
        if not cls.__subclasses__()
    }


FIELD_VALUES: dict[type, Any] = {
    UUID: uuid7(),
    datetime: NOW,
    date: NOW.date(),
    str: "a text, with ünïcode",
    int: 42,
    bool: True,
    Money: Money.of("0.01", "EUR"),
}


def built(event_type: type[DomainEvent]) -> DomainEvent:
    """An event made from its fields' types; a field of another type needs a sample above."""
    hints = get_type_hints(event_type)
    kinds = {field.name: hints[field.name] for field in fields(event_type)}
    return event_type(**{name: sample_of(kind) for name, kind in kinds.items()})


def sample_of(kind: Any) -> Any:
    """Every field type the AsyncAPI document knows (`scripts/asyncapi.py`): an id's
    `NewType` is its UUID, an enum its first member."""
    kind = getattr(kind, "__supertype__", kind)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return next(iter(kind))
    return FIELD_VALUES[kind]


def samples() -> list[DomainEvent]:
    """The samples above, and one built for each other event class (a new context's)."""
    sampled = {type(event) for event in SAMPLES}
    others = sorted(concrete_events() - sampled, key=lambda event: event.__name__)
    return [*SAMPLES, *(built(event_type) for event_type in others)]


def test_every_event_class_is_published_by_its_context() -> None:
    assert set(published_events(CONTEXTS)) == concrete_events()


def test_every_event_survives_json_and_back_equal() -> None:
    assert {type(event) for event in samples()} == concrete_events()
    for event in samples():
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
