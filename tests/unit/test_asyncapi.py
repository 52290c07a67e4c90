"""docs/asyncapi.yaml: what scripts/asyncapi.py makes of the code, a well-formed AsyncAPI 3
document, and true of the messages the relay really publishes."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any, get_type_hints
from uuid import UUID, uuid4

import orjson
import pytest
import yaml
from aio_pika import Message
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator, FormatChecker

from adapters.postgres.documents import to_document
from adapters.postgres.event_codec import EventCodec
from adapters.rabbitmq import topology
from adapters.rabbitmq.messages import again, outgoing
from application.shared.outbox import EventRef, PendingEvent
from domain.ordering.events import OrderEvent, OrderPlaced
from domain.shared.events import DomainEvent
from domain.shared.ids import CustomerId, OrderId
from domain.shared.money import Money
from entrypoints.contexts import event_routes, published_events
from entrypoints.contexts.all import CONTEXTS
from entrypoints.version import VERSION
from tests.scripts_loader import load_script

ROOT = Path(__file__).resolve().parents[2]
EVENTS = published_events(CONTEXTS)
CODEC = EventCodec(EVENTS)


generator = load_script("asyncapi")


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return committed_document()


@functools.cache
def committed_document() -> dict[str, Any]:
    """Read once; Hypothesis tests call it rather than take the fixture, so that a failing
    example is reported without the whole document as one of its arguments."""
    return yaml.safe_load(generator.TARGET.read_text())


# --- (a) the committed document is the generated one ---------------------------------------


def test_the_committed_document_is_what_the_code_generates() -> None:
    committed = generator.TARGET.read_text() if generator.TARGET.exists() else ""
    assert committed == generator.render(generator.document()), (
        "docs/asyncapi.yaml differs from the events in the code: run `make asyncapi`"
    )


# --- (b) a well-formed AsyncAPI 3 document --------------------------------------------------

COMPONENT_NAME = re.compile(r"^[\w.\-]+$")
# The fields the AMQP bindings 0.3.0 define; anything else must be an `x-` extension.
AMQP_FIELDS = {
    "channel": {"is", "exchange", "queue", "bindingVersion"},
    "operation": {"expiration", "userId", "cc", "priority", "deliveryMode", "mandatory"}
    | {"bcc", "timestamp", "ack", "bindingVersion"},
    "message": {"contentEncoding", "messageType", "bindingVersion"},
}


def references(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if "$ref" in node:
            yield node["$ref"]
        for value in node.values():
            yield from references(value)
    elif isinstance(node, list):
        for value in node:
            yield from references(value)


def resolve(document: dict[str, Any], ref: str) -> Any:
    """A local reference (`#/a/b`), by JSON Pointer; KeyError when it points at nothing."""
    assert ref.startswith("#/"), ref
    node: Any = document
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def test_the_document_is_asyncapi_3_for_the_broker(document: dict[str, Any]) -> None:
    assert document["asyncapi"] == "3.0.0"
    assert document["info"]["version"] == VERSION
    assert document["info"]["title"]
    assert {server["protocol"] for server in document["servers"].values()} == {"amqp"}
    assert all(server["host"] for server in document["servers"].values())


def test_every_reference_resolves(document: dict[str, Any]) -> None:
    dangling = []
    for ref in references(document):
        try:
            resolve(document, ref)
        except KeyError:
            dangling.append(ref)
    assert dangling == []


def test_an_operation_names_only_messages_of_its_own_channel(document: dict[str, Any]) -> None:
    for name, operation in document["operations"].items():
        assert operation["action"] in {"send", "receive"}, name
        channel = operation["channel"]["$ref"]
        assert channel.startswith("#/channels/"), name
        assert operation["messages"], name
        for message in operation["messages"]:
            assert message["$ref"].startswith(f"{channel}/messages/"), name


def test_components_have_well_formed_names(document: dict[str, Any]) -> None:
    names = [name for section in document["components"].values() for name in section]
    assert [name for name in names if not COMPONENT_NAME.fullmatch(name)] == []


def test_every_schema_is_a_json_schema(document: dict[str, Any]) -> None:
    for schema in document["components"]["schemas"].values():
        Draft7Validator.check_schema(schema)


def test_amqp_bindings_use_only_the_fields_of_their_version(document: dict[str, Any]) -> None:
    components = document["components"]
    bindings = [
        *(("channel", channel["bindings"]) for channel in document["channels"].values()),
        *(("operation", operation["bindings"]) for operation in document["operations"].values()),
        *(("message", message["bindings"]) for message in components["messages"].values()),
        *(("message", trait["bindings"]) for trait in components["messageTraits"].values()),
    ]
    for kind, binding in bindings:
        amqp = binding["amqp"]
        assert amqp["bindingVersion"] == "0.3.0"
        assert {key for key in amqp if not key.startswith("x-")} <= AMQP_FIELDS[kind], amqp
        if kind == "channel":
            assert ("exchange" in amqp, "queue" in amqp) == (
                amqp["is"] == "routingKey",
                amqp["is"] == "queue",
            ), amqp


def test_each_handler_receives_from_its_queue_the_events_it_handles(
    document: dict[str, Any],
) -> None:
    handled: dict[str, set[str]] = {}
    for event, handlers in event_routes(CONTEXTS).items():
        for handler in handlers:
            handled.setdefault(topology.queue(handler.name), set()).add(event.__name__)
    received = {
        operation["channel"]["$ref"].removeprefix("#/channels/"): {
            message["$ref"].rsplit("/", 1)[1] for message in operation["messages"]
        }
        for operation in document["operations"].values()
        if operation["action"] == "receive"
    }
    assert received == handled


# --- (c) real messages match the document ---------------------------------------------------

RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
FORMATS = FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def rfc3339(value: object) -> bool:
    """jsonschema checks `date-time` only with a package the project does not need; RFC 3339
    wants the `T` and an offset, which a naive datetime's `isoformat` lacks."""
    if not isinstance(value, str):
        return True
    datetime.fromisoformat(value.replace("Z", "+00:00"))
    return RFC3339.fullmatch(value) is not None


MONEY = st.builds(
    Money,
    st.decimals(Decimal("-9999999999.99"), Decimal("9999999999.99"), places=2),
    st.from_regex(r"[A-Z]{3}", fullmatch=True),
)
VALUES: dict[type, st.SearchStrategy[Any]] = {
    UUID: st.uuids(),
    datetime: st.datetimes(
        datetime(2000, 1, 1),  # noqa: DTZ001 - Hypothesis takes naive bounds, then adds a zone
        datetime(2100, 1, 1),  # noqa: DTZ001
        timezones=st.sampled_from([UTC, timezone(timedelta(hours=-3, minutes=-30))]),
    ),
    date: st.dates(),
    str: st.text(),
    int: st.integers(min_value=-(2**63), max_value=2**63 - 1),
    bool: st.booleans(),
    Money: MONEY,
}
TRACEPARENTS = st.builds(
    lambda trace, span: f"00-{trace.hex}-{span.hex[:16]}-01", st.uuids(), st.uuids()
)
PREDECESSORS = st.none() | st.builds(
    EventRef, event_id=st.uuids(), event_type=st.sampled_from([e.__name__ for e in EVENTS])
)


def events_of(event_type: type[DomainEvent]) -> st.SearchStrategy[DomainEvent]:
    hints = get_type_hints(event_type)
    names = [member.name for member in fields(event_type)]
    kinds = {name: getattr(hints[name], "__supertype__", hints[name]) for name in names}
    return st.builds(event_type, **{name: values_of(kind) for name, kind in kinds.items()})


def values_of(kind: Any) -> st.SearchStrategy[Any]:
    """Every field type `scripts/asyncapi.py` gives a schema: an enum by its members."""
    if isinstance(kind, type) and issubclass(kind, Enum):
        return st.sampled_from(list(kind))
    return VALUES[kind]


def errors(document: dict[str, Any], schema: dict[str, Any], instance: Any) -> list[str]:
    """What `instance` breaks of `schema`, whose `#/components/...` references point into
    `document`."""
    root = {**schema, "components": document["components"]}
    validator = Draft7Validator(root, format_checker=FORMATS)
    return [f"{list(error.path)}: {error.message}" for error in validator.iter_errors(instance)]


@dataclass(frozen=True)
class Contract:
    """What the document says of one event type's message, found as a reader finds it: the
    routing key names the channel, the channel its message, the message its trait."""

    document: dict[str, Any] = field(repr=False)
    message: dict[str, Any]
    trait: dict[str, Any]
    send: dict[str, Any]

    @classmethod
    def of(cls, document: dict[str, Any], routing_key: str) -> Contract:
        channel = document["channels"][routing_key]
        assert channel["address"] == routing_key
        (ref,) = (message["$ref"] for message in channel["messages"].values())
        message = resolve(document, ref)
        (trait_ref,) = (trait["$ref"] for trait in message["traits"])
        (send,) = (
            operation
            for operation in document["operations"].values()
            if operation["action"] == "send"
            and operation["channel"]["$ref"] == f"#/channels/{routing_key}"
        )
        return cls(document, message, resolve(document, trait_ref), send)

    def payload_errors(self, payload: Any) -> list[str]:
        return errors(self.document, self.message["payload"], payload)

    def header_errors(self, headers: Any) -> list[str]:
        return errors(self.document, self.trait["headers"], headers)

    def property_errors(self, message: Message) -> list[str]:
        """The AMQP properties the bindings and the trait state."""
        id_header = self.trait["bindings"]["amqp"]["x-message-id"].removeprefix("$message.header#/")
        publish = self.send["bindings"]["amqp"]
        expected = {
            "content_type": self.trait["contentType"],
            "delivery_mode": publish["deliveryMode"],
            "type": self.message["bindings"]["amqp"]["messageType"],
            "message_id": message.headers.get(id_header),
            "has timestamp": publish["timestamp"],
        }
        actual = {
            "content_type": message.content_type,
            "delivery_mode": message.delivery_mode,
            "type": message.type,
            "message_id": message.message_id,
            "has timestamp": message.timestamp is not None,
        }
        return [
            f"{key}: {actual[key]!r}, documented {expected[key]!r}"
            for key in expected
            if actual[key] != expected[key]
        ]


ORDER_PLACED = OrderPlaced(
    event_id=uuid4(),
    occurred_at=datetime(2026, 11, 24, 8, 0, tzinfo=UTC),
    order_id=OrderId(uuid4()),
    customer_id=CustomerId(uuid4()),
    total=Money.of("19.99", "EUR"),
)


def published(
    event: DomainEvent, trace: str | None = None, predecessor: EventRef | None = None
) -> Message:
    return outgoing(CODEC, PendingEvent(event=event, attempts=0, trace_context=trace), predecessor)


@pytest.mark.parametrize("event_type", EVENTS, ids=lambda event: event.__name__)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_a_published_message_is_what_the_document_says(
    event_type: type[DomainEvent], data: st.DataObject
) -> None:
    message = published(
        data.draw(events_of(event_type)),
        data.draw(st.none() | TRACEPARENTS),
        data.draw(PREDECESSORS),
    )
    contract = Contract.of(committed_document(), str(message.type))

    assert contract.payload_errors(orjson.loads(message.body)) == []
    assert contract.header_errors(message.headers) == []
    assert contract.property_errors(message) == []


@pytest.mark.parametrize(
    "changes",
    [
        {"attempts": 3, "last_error": "TimeoutError: "},
        {"deferrals": 7},
        {"attempts": 0, "last_error": "KeyError"},
        {"attempts": 5, "last_error": "RuntimeError: " + "x" * 5000},
    ],
    ids=["retried", "deferred", "parked unread", "parked with a long error"],
)
def test_a_copy_the_worker_moves_is_what_the_document_says(
    document: dict[str, Any], changes: dict[str, Any]
) -> None:
    message = published(ORDER_PLACED)
    copy = again(message, **changes)  # a Message has every attribute `again` reads
    assert Contract.of(document, "OrderPlaced").header_errors(copy.headers) == []


# Every check above passes only if the document could also say no: these break one thing each.


def payload_with(**changes: Any) -> dict[str, Any]:
    return {**to_document(ORDER_PLACED), **changes}


def headers_with(**changes: Any) -> dict[str, Any]:
    headers = {**published(ORDER_PLACED).headers, **changes}
    return {key: value for key, value in headers.items() if value is not None}


@pytest.mark.parametrize(
    ("check", "instance"),
    [
        pytest.param(
            "payload",
            payload_with(total={"amount": 19.99, "currency": "EUR"}),
            id="payload: float amount",
        ),
        pytest.param(
            "payload",
            payload_with(total={"amount": "19.9", "currency": "EUR"}),
            id="payload: one decimal place",
        ),
        pytest.param(
            "payload",
            payload_with(total={"amount": "19.99", "currency": "eur"}),
            id="payload: lowercase currency",
        ),
        pytest.param("payload", payload_with(order_id="42"), id="payload: id not a uuid"),
        pytest.param(
            "payload",
            payload_with(occurred_at="2026-11-24T08:00:00"),
            id="payload: time without offset",
        ),
        pytest.param("payload", payload_with(customer_id=None), id="payload: null id"),
        pytest.param("payload", payload_with(note="an unknown field"), id="payload: unknown field"),
        pytest.param(
            "payload",
            {key: value for key, value in payload_with().items() if key != "total"},
            id="payload: missing field",
        ),
        pytest.param("headers", headers_with(**{"ce-id": None}), id="headers: no ce-id"),
        pytest.param(
            "headers", headers_with(**{"ce-specversion": "0.3"}), id="headers: other specversion"
        ),
        pytest.param(
            "headers", headers_with(**{"ce-type": "OrderLost"}), id="headers: unknown type"
        ),
        pytest.param(
            "headers", headers_with(traceparent="not a trace"), id="headers: bad traceparent"
        ),
        pytest.param(
            "headers",
            headers_with(**{"orderly-predecessor-id": str(uuid4())}),
            id="headers: predecessor without type",
        ),
        pytest.param(
            "headers", headers_with(**{"orderly-attempts": "3"}), id="headers: attempts as text"
        ),
        pytest.param(
            "headers", headers_with(**{"orderly-unknown": "x"}), id="headers: unknown header"
        ),
    ],
)
def test_the_document_refuses_what_the_code_never_writes(
    document: dict[str, Any], check: str, instance: dict[str, Any]
) -> None:
    contract = Contract.of(document, "OrderPlaced")
    refused = contract.payload_errors if check == "payload" else contract.header_errors
    assert refused(instance) != []


# --- (d) the field types the generator knows, and those it refuses --------------------------


class Level(Enum):
    LOW = "low"
    HIGH = "high"


class Rank(Enum):
    FIRST = 1
    SECOND = 2


class Muddled(Enum):
    ONE = 1
    TWO = "two"


@dataclass(frozen=True, slots=True, kw_only=True)
class Everything(OrderEvent):
    """A field of every type the generator knows."""

    day: date
    label: str
    count: int
    urgent: bool
    level: Level
    rank: Rank
    amount: Money


@dataclass(frozen=True, slots=True, kw_only=True)
class Weighed(OrderEvent):
    weight_kg: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Tagged(OrderEvent):
    tags: list[str]


@dataclass(frozen=True, slots=True, kw_only=True)
class Noted(OrderEvent):
    note: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Priced(OrderEvent):
    price: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class Graded(OrderEvent):
    grade: Muddled


def test_each_known_field_type_is_described_as_to_document_writes_it(
    document: dict[str, Any],
) -> None:
    event = Everything(
        event_id=uuid4(),
        occurred_at=datetime(2026, 11, 24, 8, 0, 0, 123456, tzinfo=UTC),
        order_id=OrderId(uuid4()),
        day=date(2026, 11, 24),
        label="a label",
        count=3,
        urgent=True,
        level=Level.HIGH,
        rank=Rank.SECOND,
        amount=Money.of("-0.50", "EUR"),
    )
    schema = generator.payload_schema(Everything)

    assert errors(document, schema, to_document(event)) == []
    assert schema["properties"]["level"] == {"type": "string", "enum": ["low", "high"]}
    assert schema["properties"]["rank"] == {"type": "integer", "enum": [1, 2]}
    assert errors(document, schema, {**to_document(event), "urgent": 1}) != []


@pytest.mark.parametrize(
    ("event_type", "field"),
    [
        (Weighed, "weight_kg"),
        (Tagged, "tags"),
        (Noted, "note"),
        (Priced, "price"),
        (Graded, "grade"),
    ],
    ids=lambda value: getattr(value, "__name__", value),
)
def test_the_generator_refuses_a_field_type_it_does_not_know(
    event_type: type[DomainEvent], field: str
) -> None:
    with pytest.raises(generator.UnknownFieldTypeError, match=rf"{event_type.__name__}\.{field}"):
        generator.payload_schema(event_type)
