"""Use case: sign in with email and password."""

from dataclasses import dataclass, field

from application.identity.errors import InvalidCredentialsError
from application.identity.ports import IdentityUnitOfWork, PasswordHasher
from application.identity.sessions import SessionIssuer
from application.identity.tokens import TokenPair
from application.shared.ports import Clock
from domain.identity.user import InvalidEmailError, User, normalise_email


@dataclass(frozen=True, slots=True, kw_only=True)
class AuthenticateCommand:
    email: str
    password: str = field(repr=False)


class Authenticate:
    """Signs a user in and starts a new session.

    - An unknown email, a wrong password and a deactivated account get the same 401
      `invalid_credentials`, after the same hashing work, so none can be told apart.
    - A password hash made with outdated parameters is upgraded on success.
    - Returns a 15-minute access token and a refresh token that starts a new family.
    """

    def __init__(
        self,
        uow: IdentityUnitOfWork,
        hasher: PasswordHasher,
        sessions: SessionIssuer,
        clock: Clock,
    ) -> None:
        self._uow = uow
        self._hasher = hasher
        self._sessions = sessions
        self._clock = clock

    async def __call__(self, command: AuthenticateCommand) -> TokenPair:
        user = await self._find(command.email)
        if user is None:
            await self._hasher.verify_dummy(command.password)
            raise _refused()
        if not await self._hasher.verify(user.password_hash, command.password):
            raise _refused()
        if not user.is_active:
            raise _refused()
        if self._hasher.needs_rehash(user.password_hash):
            user.rehash(await self._hasher.hash(command.password), now=self._clock.now())
        return await self._sessions.issue(self._uow.refresh_tokens, user)

    async def _find(self, email: str) -> User | None:
        try:
            return await self._uow.users.get_by_email(normalise_email(email))
        except InvalidEmailError:
            return None


def _refused() -> InvalidCredentialsError:
    return InvalidCredentialsError("incorrect email or password")
