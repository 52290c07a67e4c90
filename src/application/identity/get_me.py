"""Use case: read one's own account."""

from typing import ClassVar

from application.identity.ports import UserQueries, UserView
from application.shared.caller import Access, Caller
from domain.identity.user import UserNotFoundError
from domain.shared.ids import UserId


class GetMe:
    """Reads the signed-in user's own account.

    - Any signed-in user, whatever their role; anonymous callers get 401.
    """

    access: ClassVar[Access] = Access.SIGNED_IN

    def __init__(self, queries: UserQueries) -> None:
        self._queries = queries

    async def __call__(self, caller: Caller) -> UserView:
        user_id = UserId(caller.require_user())
        view = await self._queries.get(user_id)
        if view is None:
            raise UserNotFoundError(f"user {user_id} does not exist")
        return view
