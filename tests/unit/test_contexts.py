"""Each context's declaration matches its unit-of-work protocol, for both storages, and every
event a context publishes or handles is known to the codec and the relay.
"""

from __future__ import annotations

from typing import get_type_hints

import pytest

from application.billing.ports import BillingUnitOfWork
from application.catalog.ports import CatalogUnitOfWork
from application.identity.ports import IdentityUnitOfWork
from application.ordering.ports import OrderingUnitOfWork
from application.shared.unit_of_work import UnitOfWork
from entrypoints.contexts import BoundedContext, event_routes, published_events
from entrypoints.contexts.all import CONTEXTS
from entrypoints.contexts.billing import BILLING
from entrypoints.contexts.catalog import CATALOG
from entrypoints.contexts.identity import IDENTITY
from entrypoints.contexts.ordering import ORDERING

PROTOCOLS: list[tuple[BoundedContext, type]] = [
    (CATALOG, CatalogUnitOfWork),
    (IDENTITY, IdentityUnitOfWork),
    (ORDERING, OrderingUnitOfWork),
    (BILLING, BillingUnitOfWork),
]


def repositories_of(protocol: type) -> set[str]:
    """The attributes a context's protocol adds to the shared kernel's unit of work."""
    return set(get_type_hints(protocol)) - set(get_type_hints(UnitOfWork))


@pytest.mark.parametrize(
    ("context", "protocol"), PROTOCOLS, ids=lambda item: getattr(item, "name", "")
)
def test_a_context_registers_every_repository_its_protocol_names(
    context: BoundedContext, protocol: type
) -> None:
    assert set(context.postgres) == repositories_of(protocol)
    assert set(context.memory) == repositories_of(protocol)


def test_every_context_is_in_the_service() -> None:
    assert {context.name for context in CONTEXTS} == {context.name for context, _ in PROTOCOLS}


def test_no_two_contexts_claim_one_repository_name() -> None:
    names = [name for context in CONTEXTS for name in context.postgres]
    assert len(names) == len(set(names))


def test_every_handled_event_is_a_published_one() -> None:
    assert set(event_routes(CONTEXTS)) <= set(published_events(CONTEXTS))
