"""Use case: sign out, ending the session a refresh token belongs to."""

from dataclasses import dataclass, field

from application.identity.ports import IdentityUnitOfWork
from application.identity.tokens import hash_refresh_token
from application.shared.ports import Clock


@dataclass(frozen=True, slots=True, kw_only=True)
class LogoutCommand:
    refresh_token: str = field(repr=False)


class Logout:
    """Signs out.

    - Revokes the token's whole family: every refresh token issued since that sign-in.
    - An unknown, expired or already revoked token succeeds as well (as in RFC 7009): the
      caller wants the token not to work, and it does not; a retried logout is harmless.
    - Access tokens already issued keep working until they expire (at most 15 minutes).
    """

    def __init__(self, uow: IdentityUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def __call__(self, command: LogoutCommand) -> None:
        tokens = self._uow.refresh_tokens
        token = await tokens.find_by_hash(hash_refresh_token(command.refresh_token))
        if token is not None:
            await tokens.revoke_family(token.family_id, now=self._clock.now())
