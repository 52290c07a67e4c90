"""Widget aggregates loaded and saved through the ORM's imperative mapping."""

from sqlalchemy.ext.asyncio import AsyncSession

from domain.widgets.ids import WidgetId
from domain.widgets.widget import Widget


class SqlWidgetRepository:
    """An added widget stays pending until the flush at commit, where the session cannot
    find it by id: `added` answers `get` for it meanwhile.
    """

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._added: dict[WidgetId, Widget] = {}

    async def get(self, widget_id: WidgetId) -> Widget | None:
        return self._added.get(widget_id) or await self._session.get(Widget, widget_id)

    def add(self, widget: Widget) -> None:
        self._session.add(widget)
        self._added[widget.id] = widget
