"""Use case: change a user's role, active flag or name."""

from dataclasses import dataclass
from typing import ClassVar

from application.identity.ports import IdentityUnitOfWork, UserView
from application.shared.caller import Access, Caller
from application.shared.errors import require_version
from application.shared.ports import Clock
from domain.identity.user import UserChanges, UserNotFoundError
from domain.shared.ids import UserId


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangeUserCommand:
    user_id: UserId
    changes: UserChanges
    expected_version: int | None = None


class ChangeUser:
    """Changes a user account.

    - Admins only.
    - With `If-Match`, a stale version is refused (412 `precondition_failed`).
    - Without it, a concurrent write is still detected (409 `concurrent_modification`).
    - A new role applies from the user's next request; their tokens need not be reissued.
    - Deactivating a user ends all their sessions at once: refresh tokens are revoked and
      access tokens are refused from the next request.
    """

    access: ClassVar[Access] = Access.ADMIN

    def __init__(self, uow: IdentityUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def __call__(self, caller: Caller, command: ChangeUserCommand) -> UserView:
        caller.admit(self.access)
        user = await self._uow.users.get(command.user_id)
        if user is None:
            raise UserNotFoundError(f"user {command.user_id} does not exist")
        require_version(f"user {user.id}", user.version, command.expected_version)
        now = self._clock.now()
        user.change(command.changes, now=now)
        if command.changes.is_active is False:
            await self._uow.refresh_tokens.revoke_all_for_user(user.id, now=now)
        return UserView.of(user)
