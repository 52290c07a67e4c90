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


@pytest.fixture
def with_alpha_and_beta() -> grimp.ImportGraph:
    """The service's graph plus two contexts of a few modules each, `alpha` and `beta`,
    that import nothing yet (so the rule is shown on contexts whatever the service runs)."""
    larger = grimp.build_graph(*CORE)
    for context in ("alpha", "beta"):
        for module in ("domain", "domain.thing", "domain.events"):
            larger.add_module(module.replace("domain", f"domain.{context}", 1))
        for module in ("application", "application.use_case", "application.ports"):
            larger.add_module(module.replace("application", f"application.{context}", 1))
    return larger


@pytest.mark.parametrize(
    ("importer", "imported"),
    [
        ("application.alpha.use_case", "domain.beta.thing"),
        ("application.beta.use_case", "application.alpha.ports"),
        ("domain.alpha.thing", "domain.identity.user"),
        ("application.identity.get_me", "application.beta.ports"),
        ("domain.alpha.thing", "domain.beta.events"),
        ("application.shared.relay", "application.alpha.ports"),
    ],
)
def test_an_import_across_contexts_is_found(
    with_alpha_and_beta: grimp.ImportGraph, importer: str, imported: str
) -> None:
    assert crossings(with_alpha_and_beta) == []
    with_alpha_and_beta.add_import(importer=importer, imported=imported)
    assert crossings(with_alpha_and_beta) == [f"{importer} -> {imported}"]


def test_a_context_may_import_another_contexts_events(
    with_alpha_and_beta: grimp.ImportGraph,
) -> None:
    with_alpha_and_beta.add_import(
        importer="application.beta.use_case", imported="domain.alpha.events"
    )
    assert crossings(with_alpha_and_beta) == []
