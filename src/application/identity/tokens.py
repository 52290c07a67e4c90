"""The two kinds of token a session is made of, as the use cases see them.

Access tokens are short-lived and checked without storage; refresh tokens are long-lived,
opaque and stored only as a SHA-256 digest, so a leaked table cannot be replayed. A digest
without salt is enough: the token is 256 random bits, not a guessable password.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from domain.shared.ids import UserId
from domain.shared.roles import Role

REFRESH_TOKEN_LIFETIME = timedelta(days=30)


@dataclass(frozen=True, slots=True, kw_only=True)
class AccessToken:
    token: str
    expires_in: int


@dataclass(frozen=True, slots=True, kw_only=True)
class TokenClaims:
    """What a verified access token asserts. Its role is a hint: the user record decides."""

    user_id: UserId
    role: Role
    jti: str
    expires_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class TokenPair:
    access_token: str
    expires_in: int
    refresh_token: str


@dataclass(frozen=True, slots=True, kw_only=True)
class RefreshToken:
    """One link of a rotation chain; every token issued from one sign-in shares a family."""

    token_hash: str
    family_id: UUID
    user_id: UserId
    issued_at: datetime
    expires_at: datetime
    used_at: datetime | None = None
    revoked_at: datetime | None = None


def hash_refresh_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
