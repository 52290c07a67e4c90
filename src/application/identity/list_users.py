"""Use case: browse user accounts a page at a time."""

from typing import ClassVar

from application.identity.ports import UserCriteria, UserQueries, UserView
from application.shared.caller import Access, Caller
from application.shared.pagination import Page, PageRequest


class ListUsers:
    """Lists users, oldest first.

    - Admins only.
    - Filter by `role`; `q` matches a case-insensitive, literal substring of the email or the
      full name.
    """

    access: ClassVar[Access] = Access.ADMIN

    def __init__(self, queries: UserQueries) -> None:
        self._queries = queries

    async def __call__(
        self,
        caller: Caller,
        criteria: UserCriteria,
        page: PageRequest,
    ) -> Page[UserView]:
        caller.admit(self.access)
        return await self._queries.list(criteria, page)
