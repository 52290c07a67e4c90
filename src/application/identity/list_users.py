"""Use case: browse user accounts a page at a time."""

from application.identity.ports import UserCriteria, UserView
from application.shared.pagination import Page, PageRequest
from application.shared.principal import Principal
from application.unit_of_work import UnitOfWork


class ListUsers:
    """Lists users, oldest first.

    - Admins only.
    - Filter by `role`; `q` matches a case-insensitive, literal substring of the email or the
      full name.
    """

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def __call__(
        self,
        actor: Principal,
        criteria: UserCriteria,
        page: PageRequest,
    ) -> Page[UserView]:
        actor.require_admin()
        return await self._uow.users.list(criteria, page)
