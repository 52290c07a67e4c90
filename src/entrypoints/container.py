"""The composition root: the one place that decides which adapter serves which port.

App-scoped objects are singletons; a unit of work is made per request or job. Switching
`PERSISTENCE` between `postgres` and `memory` swaps every storage adapter at once.
"""

from dependency_injector import containers, providers

from adapters.clock import SystemClock
from adapters.ids import UuidV7Generator
from adapters.memory.catalog import InMemoryProductQueries
from adapters.memory.health import InMemoryProbe
from adapters.memory.store import InMemoryStore
from adapters.memory.unit_of_work import InMemoryUnitOfWork
from adapters.postgres.catalog_queries import SqlProductQueries
from adapters.postgres.engine import PoolSettings, create_engine, create_session_factory
from adapters.postgres.health import DatabaseProbe
from adapters.postgres.schema import head_revision
from adapters.postgres.unit_of_work import SqlAlchemyUnitOfWork
from application.catalog.archive_product import ArchiveProduct
from application.catalog.create_product import CreateProduct
from application.catalog.get_product import GetProduct
from application.catalog.list_products import ListProducts
from application.catalog.update_product import UpdateProduct
from application.shared.idempotency import IdempotencyGuard
from entrypoints.http.pagination import CursorCodec
from entrypoints.settings import Settings


class Container(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)

    clock = providers.Singleton(SystemClock)
    cursor_codec = providers.Singleton(
        CursorCodec,
        settings.provided.jwt_secret.get_secret_value.call(),
    )
    ids = providers.Singleton(UuidV7Generator)

    pool = providers.Singleton(
        PoolSettings,
        size=settings.provided.db_pool_size,
        max_overflow=settings.provided.db_max_overflow,
        timeout_seconds=settings.provided.db_pool_timeout,
    )
    engine = providers.Singleton(create_engine, settings.provided.database_url, pool)
    session_factory = providers.Singleton(create_session_factory, engine)
    memory_store = providers.Singleton(InMemoryStore)

    unit_of_work = providers.Selector(
        settings.provided.persistence,
        postgres=providers.Factory(SqlAlchemyUnitOfWork, session_factory),
        memory=providers.Factory(InMemoryUnitOfWork, memory_store),
    )
    product_queries = providers.Selector(
        settings.provided.persistence,
        postgres=providers.Singleton(SqlProductQueries, engine),
        memory=providers.Singleton(InMemoryProductQueries, memory_store),
    )

    get_product = providers.Singleton(GetProduct, product_queries)
    list_products = providers.Singleton(ListProducts, product_queries)
    create_product = providers.Factory(CreateProduct, clock=clock, ids=ids)
    update_product = providers.Factory(UpdateProduct, clock=clock)
    archive_product = providers.Factory(ArchiveProduct, clock=clock)
    idempotency_guard = providers.Factory(IdempotencyGuard, clock=clock)

    health_probes = providers.List(
        providers.Selector(
            settings.provided.persistence,
            postgres=providers.Singleton(DatabaseProbe, engine, providers.Callable(head_revision)),
            memory=providers.Singleton(InMemoryProbe),
        ),
    )
