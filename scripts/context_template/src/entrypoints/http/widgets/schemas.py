"""Widgets request bodies and list filters, and the limits of the view's fields."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from application.shared.pagination import DEFAULT_PAGE_SIZE
from application.widgets.create_widget import CreateWidgetCommand
from application.widgets.ports import WidgetCriteria, WidgetView
from domain.widgets.widget import NAME_MAX, WidgetStatus
from entrypoints.http.schemas import (
    Cursor,
    Input,
    Instant,
    PageSize,
    QueryModel,
    Version,
    view_fields,
)

Name = Annotated[str, Field(min_length=1, max_length=NAME_MAX)]

WIDGETS_VIEWS = view_fields(
    WidgetView, name=Name, created_at=Instant, updated_at=Instant, version=Version
)


class WidgetCreate(Input):
    """TODO the fields a client sends; the domain checks the rules, this only the shapes."""

    name: Name

    def to_command(self) -> CreateWidgetCommand:
        return CreateWidgetCommand(name=self.name)


class WidgetListQuery(QueryModel):
    status: WidgetStatus | None = None
    limit: PageSize = DEFAULT_PAGE_SIZE
    cursor: Cursor | None = None

    def to_criteria(self) -> WidgetCriteria:
        return WidgetCriteria(status=self.status)

    def cursor_scope(self) -> dict[str, object]:
        """What a cursor is bound to: everything but the page size and the cursor itself."""
        return self.model_dump(exclude={"limit", "cursor"})
