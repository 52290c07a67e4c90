"""Use case: browse user accounts a page at a time."""

from application.identity.ports import UserCriteria, UserQueries, UserView
from application.shared.caller import Caller
from application.shared.pagination import Page, PageRequest


class ListUsers:
    """Lists users, oldest first.

    - Admins only.
    - Filter by `role`; `q` matches a case-insensitive, literal substring of the email or the
      full name.
    """

    def __init__(self, queries: UserQueries) -> None:
        self._queries = queries

    async def __call__(
        self,
        caller: Caller,
        criteria: UserCriteria,
        page: PageRequest,
    ) -> Page[UserView]:
        caller.require_admin()
        return await self._queries.list(criteria, page)
