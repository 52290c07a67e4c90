"""Refresh tokens as Core statements inside the unit of work's transaction.

No ORM here: rotation and revocation are conditional, set-based UPDATEs whose outcome the
database decides, which an identity map of loaded tokens could only get in the way of.
"""

from datetime import datetime
from uuid import UUID

from sqlalchemy import ColumnElement, Integer, insert, literal_column, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.postgres.identity.tables import refresh_tokens as tokens
from application.identity.tokens import RefreshToken
from domain.shared.ids import UserId


class SqlRefreshTokenStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, token: RefreshToken) -> None:
        await self._session.execute(
            insert(tokens).values(
                token_hash=token.token_hash,
                family_id=token.family_id,
                user_id=token.user_id,
                issued_at=token.issued_at,
                expires_at=token.expires_at,
                used_at=token.used_at,
                revoked_at=token.revoked_at,
            ),
        )

    async def find_by_hash(self, token_hash: str) -> RefreshToken | None:
        statement = select(tokens).where(tokens.c.token_hash == token_hash)
        row = (await self._session.execute(statement)).mappings().first()
        if row is None:
            return None
        return RefreshToken(
            token_hash=row["token_hash"],
            family_id=row["family_id"],
            user_id=UserId(row["user_id"]),
            issued_at=row["issued_at"],
            expires_at=row["expires_at"],
            used_at=row["used_at"],
            revoked_at=row["revoked_at"],
        )

    async def mark_used(self, token_hash: str, *, now: datetime) -> bool:
        """One conditional UPDATE: a concurrent rotation waits for this row lock, then finds
        `used_at` set and claims nothing, so exactly one of them wins.
        """
        statement = (
            update(tokens)
            .where(tokens.c.token_hash == token_hash, tokens.c.used_at.is_(None))
            .values(used_at=now)
            .returning(literal_column("1", Integer))
        )
        return (await self._session.execute(statement)).first() is not None

    async def revoke_family(self, family_id: UUID, *, now: datetime) -> None:
        await self._revoke(tokens.c.family_id == family_id, now)

    async def revoke_all_for_user(self, user_id: UserId, *, now: datetime) -> None:
        await self._revoke(tokens.c.user_id == user_id, now)

    async def _revoke(self, matches: ColumnElement[bool], now: datetime) -> None:
        """Already revoked tokens keep the time they were first revoked."""
        statement = (
            update(tokens).where(matches, tokens.c.revoked_at.is_(None)).values(revoked_at=now)
        )
        await self._session.execute(statement)
