"""The aggregates mapped onto their tables, every context's through one registry.

Imperative mapping keeps the domain classes unaware of the ORM; each context maps its own
aggregates (`<context>/mapping.py`), the composition root says which contexts there are,
and this module only decides that it happens once.
"""

from collections.abc import Callable, Iterable

from sqlalchemy.orm import registry

from adapters.postgres.metadata import metadata

mapper_registry = registry(metadata=metadata)

TableMapping = Callable[[registry], None]


def map_aggregates(mappings: Iterable[TableMapping]) -> None:
    """Maps once per process: a class can be mapped only once, and every session factory
    (one per engine, several in tests) asks for it.
    """
    if mapper_registry.mappers:
        return
    for map_context in mappings:
        map_context(mapper_registry)
