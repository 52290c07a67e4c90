"""Use case: close a widget."""

from dataclasses import dataclass
from typing import ClassVar

from application.shared.caller import Access, Caller
from application.shared.ports import Clock, IdGenerator
from application.widgets.load import load_for_change
from application.widgets.ports import WidgetsUnitOfWork, WidgetView
from domain.widgets.ids import WidgetId


@dataclass(frozen=True, slots=True, kw_only=True)
class CloseWidgetCommand:
    widget_id: WidgetId
    expected_version: int | None = None


class CloseWidget:
    """Closes a widget.

    - Staff and admins only (TODO who may, in the team's rules).
    - With `If-Match`, a stale version is refused (412 `precondition_failed`).
    - Only an `open` widget can be closed (409 `invalid_widget_state`).
    """

    access: ClassVar[Access] = Access.STAFF

    def __init__(self, uow: WidgetsUnitOfWork, clock: Clock, ids: IdGenerator) -> None:
        self._uow = uow
        self._clock = clock
        self._ids = ids

    async def __call__(self, caller: Caller, command: CloseWidgetCommand) -> WidgetView:
        caller.admit(self.access)
        widget = await load_for_change(self._uow, command.widget_id, command.expected_version)
        widget.close(now=self._clock.now(), event_id=self._ids.new_id())
        return WidgetView.of(widget)
