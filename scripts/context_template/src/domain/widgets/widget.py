"""The Widget aggregate: TODO what it is, and the rules it keeps."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from uuid import UUID

from domain.shared.errors import DomainError, DomainValidationError, NotFoundError
from domain.shared.events import EventRecorder
from domain.widgets.events import WidgetClosed, WidgetCreated
from domain.widgets.ids import WidgetId

NAME_MAX = 200


class WidgetNotFoundError(NotFoundError):
    code = "widget_not_found"


class InvalidWidgetStateError(DomainError):
    """The state machine allows open → closed, nothing else."""

    code = "invalid_widget_state"


class InvalidWidgetError(DomainValidationError):
    code = "invalid_widget"


class WidgetStatus(StrEnum):
    """A new member needs a migration that widens the table's check (`make migration`)."""

    OPEN = "open"
    CLOSED = "closed"


_NEXT: dict[WidgetStatus, frozenset[WidgetStatus]] = {
    WidgetStatus.OPEN: frozenset({WidgetStatus.CLOSED}),
    WidgetStatus.CLOSED: frozenset(),
}


class Widget(EventRecorder):
    """Invariants: a name of 1-200 characters, and a status that only moves open → closed.

    `version` rises by one on every change; writers compare it to detect lost updates.
    """

    def __init__(
        self,
        *,
        id: WidgetId,
        name: str,
        status: WidgetStatus,
        created_at: datetime,
        updated_at: datetime,
        version: int,
    ) -> None:
        self.id = id
        self.name = name
        self.status = status
        self.created_at = created_at
        self.updated_at = updated_at
        self.version = version

    @classmethod
    def create(cls, *, id: WidgetId, name: str, now: datetime, event_id: UUID) -> Widget:
        _check_name(name)
        # TODO the team's rules for a new widget go here, each a check that raises.
        widget = cls(
            id=id,
            name=name,
            status=WidgetStatus.OPEN,
            created_at=now,
            updated_at=now,
            version=1,
        )
        widget._record(WidgetCreated(event_id=event_id, occurred_at=now, widget_id=id))
        return widget

    def close(self, *, now: datetime, event_id: UUID) -> None:
        # TODO what closing means besides the status (who is told, what is settled).
        self._move(WidgetStatus.CLOSED, now)
        self._record(WidgetClosed(event_id=event_id, occurred_at=now, widget_id=self.id))

    def _move(self, status: WidgetStatus, now: datetime) -> None:
        if status not in _NEXT[self.status]:
            raise InvalidWidgetStateError(f"a {self.status} widget cannot become {status}")
        self.status = status
        self._touch(now)

    def _touch(self, now: datetime) -> None:
        self.updated_at = now
        self.version += 1


def _check_name(name: str) -> None:
    if not name.strip() or len(name) > NAME_MAX:
        raise InvalidWidgetError(f"name must be 1-{NAME_MAX} characters", field="name")
