"""What happens to a widget, as other contexts may learn of it through the outbox."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.shared.events import DomainEvent
from domain.widgets.ids import WidgetId


@dataclass(frozen=True, slots=True, kw_only=True)
class WidgetEvent(DomainEvent):
    widget_id: WidgetId

    @property
    def aggregate_id(self) -> UUID:
        return self.widget_id


@dataclass(frozen=True, slots=True, kw_only=True)
class WidgetCreated(WidgetEvent):
    """TODO carry what a subscriber needs, so that it never reads the widget back."""


@dataclass(frozen=True, slots=True, kw_only=True)
class WidgetClosed(WidgetEvent):
    """The end of the widget's story: nothing changes it after this."""
