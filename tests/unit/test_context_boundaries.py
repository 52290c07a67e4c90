"""Contexts stay apart: a context's core imports its own modules and the shared kernel, and
of another context only its published events, from `application` (ADR 0012).

The contexts are the packages under `domain/` and `application/` other than `shared`, read
from the import graph, so a new context is held to the rule without being listed anywhere.
"""

from __future__ import annotations

import grimp
import pytest

from entrypoints.contexts.all import CONTEXTS

CORE = ("domain", "application")


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(*CORE)


def contexts_in(graph: grimp.ImportGraph) -> set[str]:
    """The subpackages of the core's layers, but the shared kernel."""
    return {
        child.rpartition(".")[2]
        for layer in CORE
        for child in graph.find_children(layer)
        if graph.find_children(child)
    } - {"shared"}


def crossings(graph: grimp.ImportGraph) -> list[str]:
    """Every import from one context into another but its events, and from the shared
    kernel into any context."""
    contexts = contexts_in(graph)

    def context_of(module: str) -> str | None:
        """`ordering` for `application.ordering.place_order`; None outside a context."""
        parts = module.split(".")
        return parts[1] if len(parts) > 1 and parts[1] in contexts else None

    found = []
    for importer in sorted(graph.modules):
        if importer.split(".")[1:2] == ["shared"]:
            found += [
                f"{importer} -> {imported}"
                for imported in graph.find_modules_directly_imported_by(importer)
                if context_of(imported)
            ]
            continue
        home = context_of(importer)
        if home is None:
            continue
        for imported in graph.find_modules_directly_imported_by(importer):
            other = context_of(imported)
            if other is None or other == home:
                continue
            if importer.startswith("application.") and imported == f"domain.{other}.events":
                continue
            found.append(f"{importer} -> {imported}")
    return found


def test_contexts_meet_only_through_published_events(graph: grimp.ImportGraph) -> None:
    assert crossings(graph) == []


def test_the_rule_sees_every_context_the_service_runs(graph: grimp.ImportGraph) -> None:
    assert contexts_in(graph) == {context.name for context in CONTEXTS}


@pytest.mark.parametrize(
    ("importer", "imported"),
    [
        ("application.ordering.place_order", "domain.catalog.product"),
        ("application.billing.issue_invoice", "domain.ordering.order"),
        ("domain.catalog.product", "domain.identity.user"),
        ("application.identity.get_me", "application.billing.ports"),
        ("domain.ordering.order", "domain.billing.events"),
        ("application.shared.relay", "application.ordering.ports"),
    ],
)
def test_an_import_across_contexts_is_found(
    graph: grimp.ImportGraph, importer: str, imported: str
) -> None:
    graph.add_import(importer=importer, imported=imported)
    try:
        assert crossings(graph) == [f"{importer} -> {imported}"]
    finally:
        graph.remove_import(importer=importer, imported=imported)


def test_a_context_may_import_another_contexts_events(graph: grimp.ImportGraph) -> None:
    graph.add_import(importer="application.billing.get_invoice", imported="domain.ordering.events")
    try:
        assert crossings(graph) == []
    finally:
        graph.remove_import(
            importer="application.billing.get_invoice", imported="domain.ordering.events"
        )
