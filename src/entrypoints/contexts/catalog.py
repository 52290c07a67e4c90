"""The catalog context: products. It publishes no events and handles none."""

from dependency_injector import containers, providers

from adapters.memory.catalog import InMemoryProductQueries, InMemoryProductRepository
from adapters.postgres.catalog.mapping import map_catalog
from adapters.postgres.catalog.queries import SqlProductQueries
from adapters.postgres.catalog.repository import SqlProductRepository
from application.catalog.archive_product import ArchiveProduct
from application.catalog.create_product import CreateProduct
from application.catalog.get_product import GetProduct
from application.catalog.list_products import ListProducts
from application.catalog.ports import CatalogUnitOfWork
from application.catalog.update_product import UpdateProduct
from domain.catalog.product import SkuTakenError
from entrypoints.contexts import BoundedContext
from entrypoints.http.catalog.errors import CATALOG_ERRORS


class CatalogUseCases(containers.DeclarativeContainer):
    """Reads are built once for the app; writes per transaction, on its unit of work."""

    kernel = providers.DependenciesContainer()
    product_queries = providers.Selector(
        kernel.persistence,
        postgres=providers.Singleton(SqlProductQueries, kernel.read_pool),
        memory=providers.Singleton(InMemoryProductQueries, kernel.memory_store),
    )
    get_product = providers.Singleton(GetProduct, product_queries)
    list_products = providers.Singleton(ListProducts, product_queries)
    create_product = providers.Factory(CreateProduct, clock=kernel.clock, ids=kernel.ids)
    update_product = providers.Factory(UpdateProduct, clock=kernel.clock)
    archive_product = providers.Factory(ArchiveProduct, clock=kernel.clock)


CONTEXT = BoundedContext(
    name="catalog",
    protocol=CatalogUnitOfWork,
    use_cases=CatalogUseCases,
    postgres={"products": SqlProductRepository},
    memory={"products": InMemoryProductRepository},
    mapping=map_catalog,
    errors=CATALOG_ERRORS,
    conflicts={"uq_products_sku": SkuTakenError},
)
