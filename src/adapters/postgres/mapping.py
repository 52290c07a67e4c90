"""The aggregates mapped onto their tables, every context's through one registry.

Imperative mapping keeps the domain classes unaware of the ORM; each context maps its own
aggregates (`<context>/mapping.py`), and this module only decides that it happens once.
"""

from sqlalchemy.orm import registry

from adapters.postgres.billing.mapping import map_billing
from adapters.postgres.catalog.mapping import map_catalog
from adapters.postgres.identity.mapping import map_identity
from adapters.postgres.metadata import metadata
from adapters.postgres.ordering.mapping import map_ordering

mapper_registry = registry(metadata=metadata)


def map_aggregates() -> None:
    """Maps once per process: a class can be mapped only once, and every session factory
    (one per engine, several in tests) asks for it.
    """
    if mapper_registry.mappers:
        return
    map_catalog(mapper_registry)
    map_identity(mapper_registry)
    map_ordering(mapper_registry)
    map_billing(mapper_registry)
