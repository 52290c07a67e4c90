"""Use case: sign up for a customer account."""

from dataclasses import dataclass, field

from application.identity.passwords import check_password
from application.identity.ports import (
    IdentityUnitOfWork,
    PasswordHasher,
    PasswordStrength,
    UserView,
)
from application.shared.ports import Clock, IdGenerator
from domain.identity.user import EmailTakenError, User, normalise_email
from domain.shared.ids import UserId


@dataclass(frozen=True, slots=True, kw_only=True)
class RegisterUserCommand:
    email: str
    password: str = field(repr=False)
    full_name: str


class RegisterUser:
    """Creates a customer account.

    - Anyone may register; the account always gets the `customer` role.
    - Emails are trimmed, lower-cased and unique case-insensitively (409 `email_taken`).
    - The password is 12-128 characters and hard to guess, also from the user's own email
      and name (422 `weak_password`).
    - Only a salted, deliberately slow hash of the password is stored.
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

    async def __call__(self, command: RegisterUserCommand) -> UserView:
        email = normalise_email(command.email)
        if await self._uow.users.get_by_email(email) is not None:
            raise EmailTakenError(f"{email} already has an account")
        check_password(self._strength, command.password, email=email, full_name=command.full_name)
        user = User.register(
            id=UserId(self._ids.new_id()),
            email=email,
            full_name=command.full_name,
            password_hash=await self._hasher.hash(command.password),
            now=self._clock.now(),
        )
        self._uow.users.add(user)
        return UserView.of(user)
