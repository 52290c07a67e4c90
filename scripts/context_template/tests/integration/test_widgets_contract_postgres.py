"""The widgets port contract, run against PostgreSQL."""

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.engine import create_session_factory
from adapters.postgres.event_codec import EventCodec
from adapters.postgres.read_pool import ReadPool
from adapters.postgres.unit_of_work import SqlAlchemyUnitOfWork
from adapters.postgres.widgets.queries import SqlWidgetQueries
from entrypoints.contexts import mappings, postgres_repositories, published_events
from entrypoints.contexts.all import CONTEXTS
from tests.contract.widgets import WidgetsAdapters, WidgetsContract


class TestPostgresWidgets(WidgetsContract):
    @pytest.fixture
    def adapters(self, engine: AsyncEngine, read_pool: ReadPool) -> WidgetsAdapters:
        sessions = create_session_factory(engine, mappings(CONTEXTS))
        repositories = postgres_repositories(CONTEXTS)
        codec = EventCodec(published_events(CONTEXTS))
        return WidgetsAdapters(
            uow=lambda: SqlAlchemyUnitOfWork(sessions, repositories=repositories, codec=codec),
            queries=SqlWidgetQueries(read_pool),
        )
