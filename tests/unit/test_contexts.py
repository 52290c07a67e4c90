"""Each context's declaration matches its unit-of-work protocol, for both storages, and every
event a context publishes or handles is known to the codec and the relay.
"""

from __future__ import annotations

from typing import get_type_hints

import pytest

from application.shared.unit_of_work import UnitOfWork
from application.unit_of_work import ServiceUnitOfWork
from entrypoints.contexts import BoundedContext, declared, event_routes, published_events
from entrypoints.contexts.all import CONTEXTS


def repositories_of(protocol: type) -> set[str]:
    """The attributes a context's protocol adds to the shared kernel's unit of work."""
    return set(get_type_hints(protocol)) - set(get_type_hints(UnitOfWork))


@pytest.mark.parametrize("context", CONTEXTS, ids=lambda context: context.name)
def test_a_context_registers_every_repository_its_protocol_names(context: BoundedContext) -> None:
    assert set(context.postgres) == repositories_of(context.protocol)
    assert set(context.memory) == repositories_of(context.protocol)


def test_the_service_unit_of_work_holds_every_context_that_handles_events() -> None:
    missing = [
        context.name
        for context in CONTEXTS
        if context.handlers and context.protocol not in ServiceUnitOfWork.__mro__
    ]
    assert missing == []


def test_a_context_is_declared_under_its_own_name() -> None:
    with pytest.raises(TypeError, match=r"contexts/all\.py must declare CONTEXT, named all"):
        declared("all")


def test_no_two_contexts_claim_one_repository_name() -> None:
    names = [name for context in CONTEXTS for name in context.postgres]
    assert len(names) == len(set(names))


def test_every_handled_event_is_a_published_one() -> None:
    assert set(event_routes(CONTEXTS)) <= set(published_events(CONTEXTS))
