"""The composition root: the one place that decides which adapter serves which port.

App-scoped objects are singletons. Each context's use cases are its own container's
(`entrypoints/contexts/<name>.py`), served here as `container.<name>`; those that write
are factories completed with the unit of work the `TransactionRunner` opened
(`container.ordering().place_order(uow=uow)`): the HTTP edge does that in one place
(`entrypoints/http/use_cases.py`), the CLI and the relay through the runner too. The units
of work, the table mappings, the event codec and the relay's routes are built from the
contexts' declarations (`entrypoints/contexts/`). Configuration picks
adapters: `PERSISTENCE` swaps every storage adapter at once, `REDIS_URL` moves rate limits
to Redis, `BROKER_URL` makes the relay publish to RabbitMQ for workers to handle.
Retention (`purge_expired`) has PostgreSQL purgers only: in-memory state ends with its
process, so `orderly purge` refuses `PERSISTENCE=memory`.
"""

from typing import TYPE_CHECKING, Any

from dependency_injector import containers, providers
from prometheus_client import CollectorRegistry
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.clock import SystemClock
from adapters.ids import UuidV7Generator
from adapters.memory.health import InMemoryProbe
from adapters.memory.outbox import InMemoryOutboxBacklog
from adapters.memory.rate_limit import InMemoryRateLimiter
from adapters.memory.store import InMemoryStore
from adapters.memory.unit_of_work import InMemoryUnitOfWork
from adapters.postgres.engine import PoolSettings, create_engine, create_session_factory
from adapters.postgres.event_codec import EventCodec
from adapters.postgres.health import DatabaseProbe
from adapters.postgres.outbox_backlog import SqlOutboxBacklog
from adapters.postgres.read_pool import ReadPool
from adapters.postgres.retention import (
    delivered_events,
    expired_idempotency_records,
    handled_events,
)
from adapters.postgres.revisions import head_revision, known_revisions
from adapters.postgres.unavailable import database_unavailable
from adapters.postgres.unit_of_work import SqlAlchemyUnitOfWork
from adapters.redis.client import connect
from adapters.redis.health import RedisProbe
from adapters.redis.rate_limit import RedisRateLimiter
from application.shared.handle_event import HandleEvent
from application.shared.health import HealthProbe
from application.shared.relay import HandlerFactory, RelayEvents, Routes
from application.shared.retention import PurgeExpired, Purger
from application.shared.transactions import TransactionRunner
from entrypoints import telemetry
from entrypoints.contexts import (
    context_purgers,
    event_routes,
    mappings,
    memory_repositories,
    postgres_repositories,
    published_events,
    unique_conflicts,
)
from entrypoints.contexts.all import CONTEXTS
from entrypoints.http.pagination import CursorCodec
from entrypoints.relay import OutboxRelayTask, RelayMetrics
from entrypoints.runtime_metrics import (
    BacklogCollector,
    PoolGauges,
    PoolUsage,
    RateLimitRefusals,
    WorkerMetrics,
)
from entrypoints.settings import Settings

if TYPE_CHECKING:
    from adapters.rabbitmq.consumer import RabbitConsumer
    from adapters.rabbitmq.publisher import RabbitPublisher


def _cache_backend(settings: Settings) -> str:
    return "redis" if settings.redis_url else "memory"


def _delivery(settings: Settings) -> str:
    return "broker" if settings.broker_url else "in_process"


def subscriptions_of(routes: Routes) -> dict[str, list[str]]:
    """Each handler's name and the event types it handles: its queue and their bindings."""
    subscriptions: dict[str, list[str]] = {}
    for event, handlers in routes.items():
        for handler in handlers:
            subscriptions.setdefault(handler.name, []).append(event.__name__)
    return subscriptions


def _rabbit_publisher(
    url: str, codec: EventCodec, subscriptions: dict[str, list[str]]
) -> "RabbitPublisher":
    """aio-pika is imported in broker mode only: a process without a broker does not carry
    it (3 MB)."""
    from adapters.rabbitmq.publisher import RabbitPublisher  # noqa: PLC0415 - see docstring

    return RabbitPublisher(url, codec, subscriptions)


def _rabbit_consumer(
    url: str,
    codec: EventCodec,
    routes: Routes,
    handle: HandleEvent,
    observer: WorkerMetrics,
    *,
    prefetch: int,
) -> "RabbitConsumer":
    """A worker: every handler's queue, handled through `handle`, with the database's
    outages postponing a message rather than counting against it."""
    from adapters.rabbitmq.consumer import RabbitConsumer  # noqa: PLC0415 - see _rabbit_publisher

    return RabbitConsumer(
        url,
        codec,
        _handlers(routes),
        subscriptions_of(routes),
        handle,
        observer,
        transient=database_unavailable,
        prefetch=prefetch,
    )


def _handlers(routes: Routes) -> list[HandlerFactory]:
    return list(
        {handler.name: handler for handlers in routes.values() for handler in handlers}.values()
    )


def _present(*probes: HealthProbe | None) -> list[HealthProbe]:
    return [probe for probe in probes if probe is not None]


def _purgers(engine: AsyncEngine) -> dict[str, Purger]:
    """The shared kernel's stores, then each context's: the order `orderly purge` reports."""
    factories = {
        "outbox": delivered_events,
        "inbox": handled_events,
        "idempotency": expired_idempotency_records,
        **context_purgers(CONTEXTS),
    }
    return {name: make(engine) for name, make in factories.items()}


def _pool_usages(engine: AsyncEngine, read_pool: ReadPool) -> dict[str, PoolUsage]:
    pool: Any = engine.pool  # a QueuePool: in use (checked out) and held connections

    def write() -> tuple[int, int]:
        return pool.checkedout(), pool.size()

    return {"write": write, "read": read_pool.usage}


class Container(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)
    persistence = settings.provided.persistence
    cache_backend = providers.Callable(_cache_backend, settings)
    delivery = providers.Callable(_delivery, settings)

    clock = providers.Singleton(SystemClock)
    ids = providers.Singleton(UuidV7Generator)
    secret = settings.provided.jwt_secret.get_secret_value.call()
    cursor_codec = providers.Singleton(CursorCodec, secret)

    # Storage
    pool = providers.Singleton(
        PoolSettings,
        size=settings.provided.db_pool_size,
        max_overflow=settings.provided.db_max_overflow,
        timeout_seconds=settings.provided.db_pool_timeout,
    )
    engine = providers.Singleton(create_engine, settings.provided.database_url, pool)
    session_factory = providers.Singleton(
        create_session_factory, engine, providers.Object(mappings(CONTEXTS))
    )
    read_pool = providers.Singleton(ReadPool, settings.provided.database_url, pool)
    memory_store = providers.Singleton(InMemoryStore)
    event_codec = providers.Singleton(EventCodec, providers.Object(published_events(CONTEXTS)))
    # None unless OTEL_EXPORTER_OTLP_ENDPOINT is set; then events carry the trace they began in.
    tracer_provider = providers.Singleton(telemetry.tracer_provider, settings)
    tracing = providers.Singleton(telemetry.tracing_for, tracer_provider)
    unit_of_work = providers.Selector(
        persistence,
        postgres=providers.Factory(
            SqlAlchemyUnitOfWork,
            session_factory,
            repositories=providers.Object(postgres_repositories(CONTEXTS)),
            codec=event_codec,
            tracing=tracing,
            conflicts=providers.Object(unique_conflicts(CONTEXTS)),
        ),
        memory=providers.Factory(
            InMemoryUnitOfWork,
            memory_store,
            repositories=providers.Object(memory_repositories(CONTEXTS)),
            tracing=tracing,
        ),
    )
    transactions = providers.Singleton(TransactionRunner, unit_of_work.provider)
    redis = providers.Singleton(connect, settings.provided.redis_url)
    rate_limiter = providers.Selector(
        cache_backend,
        redis=providers.Singleton(RedisRateLimiter, redis, clock),
        memory=providers.Singleton(InMemoryRateLimiter, clock),
    )

    # Events: the relay runs every delivery attempt in a transaction of its own.
    metrics_registry = providers.Singleton(CollectorRegistry)
    outbox_backlog = providers.Selector(
        persistence,
        postgres=providers.Singleton(SqlOutboxBacklog, read_pool),
        memory=providers.Singleton(InMemoryOutboxBacklog, memory_store, clock),
    )
    backlog_collector = providers.Singleton(BacklogCollector, outbox_backlog)
    pool_gauges = providers.Singleton(
        PoolGauges, metrics_registry, providers.Callable(_pool_usages, engine, read_pool)
    )
    rate_limit_refusals = providers.Singleton(RateLimitRefusals, metrics_registry)
    routes = providers.Object(event_routes(CONTEXTS))
    subscriptions = providers.Callable(subscriptions_of, routes)
    # Broker mode (BROKER_URL): the relay publishes; `orderly worker` runs the handlers.
    event_publisher = providers.Singleton(
        _rabbit_publisher, settings.provided.broker_url, event_codec, subscriptions
    )
    relay_events = providers.Factory(
        RelayEvents,
        transactions=transactions,
        routes=routes,
        clock=clock,
        ids=ids,
        observer=providers.Singleton(
            RelayMetrics, metrics_registry, providers.Object(published_events(CONTEXTS))
        ),
        tracing=tracing,
        publisher=providers.Selector(
            delivery, broker=event_publisher, in_process=providers.Object(None)
        ),
    )
    handle_event = providers.Singleton(HandleEvent, transactions, routes, clock, ids, tracing)
    worker_metrics = providers.Singleton(
        WorkerMetrics,
        metrics_registry,
        providers.Callable(list, subscriptions),
    )
    event_consumer = providers.Singleton(
        _rabbit_consumer,
        settings.provided.broker_url,
        event_codec,
        routes,
        handle_event,
        worker_metrics,
        prefetch=settings.provided.worker_prefetch,
    )
    relay_task = providers.Singleton(
        OutboxRelayTask, relay_events, poll_interval=settings.provided.relay_poll_seconds
    )

    # Retention (`orderly purge`): PostgreSQL only, each batch a transaction of its own.
    purge_expired = providers.Factory(
        PurgeExpired, providers.Callable(_purgers, engine), clock=clock
    )

    database_probe = providers.Selector(
        persistence,
        postgres=providers.Singleton(
            DatabaseProbe,
            engine,
            providers.Callable(head_revision),
            providers.Callable(known_revisions),
        ),
        memory=providers.Singleton(InMemoryProbe),
    )
    health_probes = providers.Callable(
        _present,
        database_probe,
        providers.Selector(
            cache_backend,
            redis=providers.Singleton(RedisProbe, redis),
            memory=providers.Object(None),
        ),
        providers.Selector(delivery, broker=event_publisher, in_process=providers.Object(None)),
    )


def _serve_use_cases() -> None:
    """Each context's use cases, as `container.<context>` (`container.ordering().place_order`):
    their `kernel` is every provider above, so a context takes from the service what it
    needs and declares the rest itself."""
    kernel = dict(Container.cls_providers)
    for context in CONTEXTS:
        use_cases = providers.Container(
            context.use_cases, kernel=providers.DependenciesContainer(**kernel)
        )
        setattr(Container, context.name, use_cases)


_serve_use_cases()
