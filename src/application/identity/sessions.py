"""Issuing a token pair, shared by signing in (a new family) and rotating (the same family)."""

from datetime import timedelta
from uuid import UUID

from application.identity.ports import RefreshTokenStore, SecretGenerator, TokenIssuer
from application.identity.tokens import (
    REFRESH_TOKEN_LIFETIME,
    RefreshToken,
    TokenPair,
    hash_refresh_token,
)
from application.shared.ports import Clock, IdGenerator
from domain.identity.user import User


class SessionIssuer:
    """Only the refresh token's digest is stored; its value leaves in the response, once."""

    def __init__(
        self,
        tokens: TokenIssuer,
        secrets: SecretGenerator,
        clock: Clock,
        ids: IdGenerator,
        refresh_lifetime: timedelta = REFRESH_TOKEN_LIFETIME,
    ) -> None:
        self._tokens = tokens
        self._secrets = secrets
        self._clock = clock
        self._ids = ids
        self._refresh_lifetime = refresh_lifetime

    async def issue(
        self,
        store: RefreshTokenStore,
        user: User,
        *,
        family_id: UUID | None = None,
    ) -> TokenPair:
        """Without a `family_id` the pair starts a new family: a new sign-in."""
        now = self._clock.now()
        family_id = self._ids.new_id() if family_id is None else family_id
        refresh_token = self._secrets.new_secret()
        await store.add(
            RefreshToken(
                token_hash=hash_refresh_token(refresh_token),
                family_id=family_id,
                user_id=user.id,
                issued_at=now,
                expires_at=now + self._refresh_lifetime,
            ),
        )
        access = self._tokens.issue(user_id=user.id, role=user.role)
        return TokenPair(
            access_token=access.token,
            expires_in=access.expires_in,
            refresh_token=refresh_token,
        )
