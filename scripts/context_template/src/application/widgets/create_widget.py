"""Use case: create a widget."""

from dataclasses import dataclass
from typing import ClassVar

from application.shared.caller import Access, Caller
from application.shared.ports import Clock, IdGenerator
from application.widgets.ports import WidgetsUnitOfWork, WidgetView
from domain.widgets.ids import WidgetId
from domain.widgets.widget import Widget


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateWidgetCommand:
    name: str


class CreateWidget:
    """Creates a widget.

    - Staff and admins only (TODO who may, in the team's rules).
    - The widget starts `open`, at version 1.
    """

    access: ClassVar[Access] = Access.STAFF

    def __init__(self, uow: WidgetsUnitOfWork, clock: Clock, ids: IdGenerator) -> None:
        self._uow = uow
        self._clock = clock
        self._ids = ids

    async def __call__(self, caller: Caller, command: CreateWidgetCommand) -> WidgetView:
        caller.admit(self.access)
        widget = Widget.create(
            id=WidgetId(self._ids.new_id()),
            name=command.name,
            now=self._clock.now(),
            event_id=self._ids.new_id(),
        )
        self._uow.widgets.add(widget)
        return WidgetView.of(widget)
