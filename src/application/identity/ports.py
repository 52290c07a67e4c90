"""What identity needs from the outside: storage, password hashing, tokens and randomness.

Cryptography stays behind these ports so the use cases read as policy, and tests can swap a
slow, memory-hard hash for a cheap one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

from application.identity.tokens import AccessToken, RefreshToken, TokenClaims
from application.shared.pagination import Page, PageRequest
from application.shared.unit_of_work import UnitOfWork
from domain.identity.user import User
from domain.shared.ids import UserId
from domain.shared.roles import Role


@dataclass(frozen=True, slots=True, kw_only=True)
class UserView:
    """A user as others may see them: never the password hash."""

    id: UserId
    email: str
    full_name: str
    role: Role
    is_active: bool
    created_at: datetime
    updated_at: datetime
    version: int

    @classmethod
    def of(cls, user: User) -> UserView:
        return cls(
            id=user.id,
            email=user.email,
            full_name=user.full_name,
            role=user.role,
            is_active=user.is_active,
            created_at=user.created_at,
            updated_at=user.updated_at,
            version=user.version,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class UserCriteria:
    """`q` is a literal, case-insensitive substring of the email or the full name."""

    role: Role | None = None
    q: str | None = None


class UserRepository(Protocol):
    async def get(self, user_id: UserId) -> User | None: ...

    async def get_by_email(self, email: str) -> User | None:
        """`email` is already normalised, so an exact match is a case-insensitive one."""
        ...

    def add(self, user: User) -> None: ...


class UserQueries(Protocol):
    """The users read model: ready-made views, outside any write transaction."""

    async def get(self, user_id: UserId) -> UserView | None: ...

    async def list(self, criteria: UserCriteria, page: PageRequest) -> Page[UserView]:
        """Oldest first; the keyset is `(created_at ISO 8601, id)`."""
        ...


class UserDirectory(Protocol):
    """Answers the one question every authenticated request asks, without a transaction.

    Kept apart from `UserRepository` so the hot path reads one column instead of loading the
    aggregate inside a unit of work.
    """

    async def active_role(self, user_id: UUID) -> Role | None:
        """The user's current role, or None if they do not exist or are deactivated."""
        ...


class PasswordHasher(Protocol):
    """Hashing is slow on purpose, so the adapter may move it off the event loop."""

    async def hash(self, password: str) -> str: ...

    async def verify(self, password_hash: str, password: str) -> bool: ...

    async def verify_dummy(self, password: str) -> None:
        """Costs what `verify` costs, so an unknown email answers as slowly as a known one."""
        ...

    def needs_rehash(self, password_hash: str) -> bool:
        """True when the hash was made with parameters other than the current ones."""
        ...


class PasswordStrength(Protocol):
    def problems(self, password: str, user_inputs: list[str]) -> str | None:
        """Why the password is easy to guess (from `user_inputs` too), or None if it is not."""
        ...


class TokenIssuer(Protocol):
    def issue(self, *, user_id: UserId, role: Role) -> AccessToken: ...

    def verify(self, token: str) -> TokenClaims:
        """The claims of a genuine, unexpired token, or `InvalidTokenError`."""
        ...


class SecretGenerator(Protocol):
    def new_secret(self) -> str:
        """256 random bits as URL-safe base64 (43+ characters): an unguessable token."""
        ...


class RefreshTokenStore(Protocol):
    """Writes join the unit of work's transaction like any repository's."""

    async def add(self, token: RefreshToken) -> None: ...

    async def find_by_hash(self, token_hash: str) -> RefreshToken | None: ...

    async def mark_used(self, token_hash: str, *, now: datetime) -> bool:
        """Claims the token for one rotation; False if it was already used (even concurrently)."""
        ...

    async def revoke_family(self, family_id: UUID, *, now: datetime) -> None: ...

    async def revoke_all_for_user(self, user_id: UserId, *, now: datetime) -> None: ...


class IdentityUnitOfWork(UnitOfWork, Protocol):
    users: UserRepository
    refresh_tokens: RefreshTokenStore
