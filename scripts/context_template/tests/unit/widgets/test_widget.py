"""The Widget aggregate: its rules and its state machine, without any adapter."""

from datetime import UTC, datetime, timedelta

import pytest
from uuid6 import uuid7

from domain.widgets.events import WidgetClosed, WidgetCreated
from domain.widgets.ids import WidgetId
from domain.widgets.widget import InvalidWidgetError, InvalidWidgetStateError, Widget, WidgetStatus

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


def new_widget(name: str = "First") -> Widget:
    return Widget.create(id=WidgetId(uuid7()), name=name, now=NOW, event_id=uuid7())


def test_a_new_widget_is_open_at_version_one_and_says_so() -> None:
    widget = new_widget()
    assert (widget.status, widget.version) == (WidgetStatus.OPEN, 1)
    assert widget.created_at == widget.updated_at == NOW
    [created] = widget.pull_events()
    assert isinstance(created, WidgetCreated)
    assert created.aggregate_id == widget.id


@pytest.mark.parametrize("name", ["", "   ", "x" * 201])
def test_a_name_that_is_blank_or_too_long_is_refused(name: str) -> None:
    with pytest.raises(InvalidWidgetError, match="name"):
        new_widget(name)


def test_closing_bumps_the_version_and_records_the_event() -> None:
    widget = new_widget()
    widget.pull_events()
    later = NOW + timedelta(minutes=1)
    widget.close(now=later, event_id=uuid7())
    assert (widget.status, widget.version, widget.updated_at) == (WidgetStatus.CLOSED, 2, later)
    assert [type(event) for event in widget.pull_events()] == [WidgetClosed]


def test_a_closed_widget_cannot_be_closed_again() -> None:
    widget = new_widget()
    widget.close(now=NOW, event_id=uuid7())
    with pytest.raises(InvalidWidgetStateError):
        widget.close(now=NOW, event_id=uuid7())
    assert widget.version == 2
