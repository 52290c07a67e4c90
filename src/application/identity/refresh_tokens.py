"""Use case: exchange a refresh token for a new token pair."""

from dataclasses import dataclass, field

from application.identity.errors import InvalidTokenError, RefreshTokenReusedError
from application.identity.ports import IdentityUnitOfWork
from application.identity.revoke_token_family import RevokeTokenFamily
from application.identity.sessions import SessionIssuer
from application.identity.tokens import TokenPair, hash_refresh_token
from application.shared.ports import Clock


@dataclass(frozen=True, slots=True, kw_only=True)
class RefreshTokensCommand:
    refresh_token: str = field(repr=False)


class RefreshTokens:
    """Rotates a refresh token: it is spent, and a new pair of the same family replaces it.

    - The token must be known, unused, unrevoked and unexpired, and its user active; any
      other token gets 401 `invalid_token`.
    - A token that was already used means a copy is in someone else's hands: its whole
      family is revoked, so the copy is useless too (401 `invalid_token`). The revocation
      commits on its own (`RevokeTokenFamily`) while this request is refused.
    """

    def __init__(
        self,
        uow: IdentityUnitOfWork,
        sessions: SessionIssuer,
        revoke_family: RevokeTokenFamily,
        clock: Clock,
    ) -> None:
        self._uow = uow
        self._sessions = sessions
        self._revoke_family = revoke_family
        self._clock = clock

    async def __call__(self, command: RefreshTokensCommand) -> TokenPair:
        now = self._clock.now()
        tokens = self._uow.refresh_tokens
        token = await tokens.find_by_hash(hash_refresh_token(command.refresh_token))
        if token is None or token.revoked_at is not None:
            raise _refused()
        if token.used_at is not None or not await tokens.mark_used(token.token_hash, now=now):
            await self._revoke_family(token.family_id)
            raise RefreshTokenReusedError("refresh token is not valid")
        if token.expires_at <= now:
            raise _refused()
        user = await self._uow.users.get(token.user_id)
        if user is None or not user.is_active:
            raise _refused()
        return await self._sessions.issue(tokens, user, family_id=token.family_id)


def _refused() -> InvalidTokenError:
    return InvalidTokenError("refresh token is not valid")
