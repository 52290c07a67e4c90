"""Loading a widget for a write, shared by every command that changes one."""

from application.shared.errors import require_version
from application.widgets.ports import WidgetsUnitOfWork
from domain.widgets.ids import WidgetId
from domain.widgets.widget import Widget, WidgetNotFoundError


async def load_for_change(
    uow: WidgetsUnitOfWork, widget_id: WidgetId, expected_version: int | None
) -> Widget:
    """404 before 412: a caller learns a version is stale only for a widget that exists."""
    widget = await uow.widgets.get(widget_id)
    if widget is None:
        raise WidgetNotFoundError(f"widget {widget_id} does not exist")
    require_version(f"widget {widget_id}", widget.version, expected_version)
    return widget
