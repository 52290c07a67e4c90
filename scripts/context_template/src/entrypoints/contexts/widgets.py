"""The widgets context: TODO what it holds. It publishes what happens to a widget and
handles no other context's events (TODO: `handlers={SomeEvent: (SomeHandler,)}`).
"""

from dependency_injector import containers, providers

from adapters.memory.widgets import InMemoryWidgetQueries, InMemoryWidgetRepository
from adapters.postgres.widgets.mapping import map_widgets
from adapters.postgres.widgets.queries import SqlWidgetQueries
from adapters.postgres.widgets.repository import SqlWidgetRepository
from application.widgets.close_widget import CloseWidget
from application.widgets.create_widget import CreateWidget
from application.widgets.get_widget import GetWidget
from application.widgets.list_widgets import ListWidgets
from application.widgets.ports import WidgetsUnitOfWork
from domain.widgets.events import WidgetClosed, WidgetCreated
from entrypoints.contexts import BoundedContext
from entrypoints.http.widgets.errors import WIDGETS_ERRORS


class WidgetsUseCases(containers.DeclarativeContainer):
    """Reads are built once for the app; writes per transaction, on its unit of work."""

    kernel = providers.DependenciesContainer()
    widget_queries = providers.Selector(
        kernel.persistence,
        postgres=providers.Singleton(SqlWidgetQueries, kernel.read_pool),
        memory=providers.Singleton(InMemoryWidgetQueries, kernel.memory_store),
    )
    get_widget = providers.Singleton(GetWidget, widget_queries)
    list_widgets = providers.Singleton(ListWidgets, widget_queries)
    create_widget = providers.Factory(CreateWidget, clock=kernel.clock, ids=kernel.ids)
    close_widget = providers.Factory(CloseWidget, clock=kernel.clock, ids=kernel.ids)


CONTEXT = BoundedContext(
    name="widgets",
    protocol=WidgetsUnitOfWork,
    use_cases=WidgetsUseCases,
    postgres={"widgets": SqlWidgetRepository},
    memory={"widgets": InMemoryWidgetRepository},
    mapping=map_widgets,
    errors=WIDGETS_ERRORS,
    events=(WidgetCreated, WidgetClosed),
)
