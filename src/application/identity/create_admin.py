"""Use case: bootstrap an admin account (the `orderly create-admin` command)."""

from dataclasses import dataclass, field

from application.identity.passwords import check_password
from application.identity.ports import (
    IdentityUnitOfWork,
    PasswordHasher,
    PasswordStrength,
    UserView,
)
from application.shared.ports import Clock, IdGenerator
from domain.identity.user import User, normalise_email
from domain.shared.ids import UserId
from domain.shared.roles import Role


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateAdminCommand:
    email: str
    password: str = field(repr=False)
    full_name: str = "Administrator"


class CreateAdmin:
    """Makes sure an active admin can sign in with the given email and password.

    - Runs from the command line, trusted: there is no caller to authorise.
    - Idempotent: however often it runs, it ends in the same state.
    - A new email gets a new admin account.
    - An existing account is promoted to admin and reactivated, and the given password
      becomes its password; if that changes the password, its existing sessions end.
    - The password policy is the same as at registration.
    """

    def __init__(
        self,
        uow: IdentityUnitOfWork,
        hasher: PasswordHasher,
        strength: PasswordStrength,
        clock: Clock,
        ids: IdGenerator,
    ) -> None:
        self._uow = uow
        self._hasher = hasher
        self._strength = strength
        self._clock = clock
        self._ids = ids

    async def __call__(self, command: CreateAdminCommand) -> UserView:
        email = normalise_email(command.email)
        user = await self._uow.users.get_by_email(email)
        full_name = command.full_name if user is None else user.full_name
        check_password(self._strength, command.password, email=email, full_name=full_name)
        now = self._clock.now()
        if user is None:
            user = User.register(
                id=UserId(self._ids.new_id()),
                email=email,
                full_name=full_name,
                password_hash=await self._hasher.hash(command.password),
                now=now,
                role=Role.ADMIN,
            )
            self._uow.users.add(user)
            return UserView.of(user)
        user.promote_to_admin(now=now)
        if not await self._hasher.verify(user.password_hash, command.password):
            user.reset_password(await self._hasher.hash(command.password), now=now)
            await self._uow.refresh_tokens.revoke_all_for_user(user.id, now=now)
        return UserView.of(user)
