"""The catalog context: products. It publishes no events and handles none."""

from adapters.memory.catalog import InMemoryProductRepository
from adapters.postgres.catalog.repository import SqlProductRepository
from entrypoints.contexts import BoundedContext

CATALOG = BoundedContext(
    name="catalog",
    postgres={"products": SqlProductRepository},
    memory={"products": InMemoryProductRepository},
)
