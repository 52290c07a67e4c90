"""The widgets routes' use cases, each a typed dependency (`entrypoints/http/use_cases.py`)."""

from __future__ import annotations

from typing import Annotated

from application.shared.pagination import Page, PageRequest
from application.widgets.close_widget import CloseWidgetCommand
from application.widgets.create_widget import CreateWidgetCommand
from application.widgets.ports import WidgetCriteria, WidgetView
from domain.widgets.ids import WidgetId
from entrypoints.http.use_cases import ForCaller, reads, writes

CreateWidgetDep = Annotated[
    ForCaller[[CreateWidgetCommand], WidgetView], writes(lambda c: c.widgets().create_widget)
]
GetWidgetDep = Annotated[
    ForCaller[[WidgetId], WidgetView], reads(lambda c: c.widgets().get_widget)
]
ListWidgetsDep = Annotated[
    ForCaller[[WidgetCriteria, PageRequest], Page[WidgetView]],
    reads(lambda c: c.widgets().list_widgets),
]
CloseWidgetDep = Annotated[
    ForCaller[[CloseWidgetCommand], WidgetView], writes(lambda c: c.widgets().close_widget)
]
