"""Use case: read one's own account."""

from application.identity.ports import UserView
from application.shared.principal import Principal
from application.unit_of_work import UnitOfWork
from domain.identity.user import UserId, UserNotFoundError


class GetMe:
    """Reads the signed-in user's own account.

    - Any signed-in user, whatever their role; anonymous callers get 401.
    """

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def __call__(self, actor: Principal) -> UserView:
        user_id = UserId(actor.require_user())
        user = await self._uow.users.get(user_id)
        if user is None:
            raise UserNotFoundError(f"user {user_id} does not exist")
        return UserView.of(user)
