"""Use case: read one widget."""

from typing import ClassVar

from application.shared.caller import Access, Caller
from application.widgets.ports import WidgetQueries, WidgetView
from domain.widgets.ids import WidgetId
from domain.widgets.widget import WidgetNotFoundError


class GetWidget:
    """Reads one widget.

    - Signed-in users only (TODO who may see which widgets; one they may not see is 404,
      exactly like a missing one).
    """

    access: ClassVar[Access] = Access.SIGNED_IN

    def __init__(self, queries: WidgetQueries) -> None:
        self._queries = queries

    async def __call__(self, caller: Caller, widget_id: WidgetId) -> WidgetView:
        caller.admit(self.access)
        view = await self._queries.get(widget_id)
        if view is None:
            raise WidgetNotFoundError(f"widget {widget_id} does not exist")
        return view
