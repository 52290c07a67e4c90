"""Use case: browse widgets a page at a time."""

from typing import ClassVar

from application.shared.caller import Access, Caller
from application.shared.pagination import Page, PageRequest
from application.widgets.ports import WidgetCriteria, WidgetQueries, WidgetView


class ListWidgets:
    """Lists widgets, newest first.

    - Signed-in users only (TODO who sees which widgets).
    - Filter by `status`.
    """

    access: ClassVar[Access] = Access.SIGNED_IN

    def __init__(self, queries: WidgetQueries) -> None:
        self._queries = queries

    async def __call__(
        self, caller: Caller, criteria: WidgetCriteria, page: PageRequest
    ) -> Page[WidgetView]:
        caller.admit(self.access)
        return await self._queries.list(criteria, page)
