"""Access tokens as JWTs signed with HS256 (PyJWT).

The algorithm is pinned on verification, so a token cannot pick its own (`alg: none`, or
an asymmetric algorithm keyed with our secret); every claim we rely on is required.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

import jwt

from application.identity.errors import InvalidTokenError
from application.identity.tokens import AccessToken, TokenClaims
from application.shared.ports import Clock
from domain.shared.ids import UserId
from domain.shared.roles import Role

ALGORITHM = "HS256"
REQUIRED_CLAIMS = ["sub", "role", "iat", "exp", "jti", "iss", "aud"]


@dataclass(frozen=True, slots=True, kw_only=True)
class JwtSettings:
    secret: str
    issuer: str = "orderly"
    audience: str = "orderly-api"
    lifetime: timedelta = timedelta(minutes=15)
    leeway: timedelta = timedelta(seconds=5)  # clock skew between instances


class JwtTokenIssuer:
    def __init__(self, settings: JwtSettings, clock: Clock) -> None:
        self._settings = settings
        self._clock = clock

    def issue(self, *, user_id: UserId, role: Role) -> AccessToken:
        now = self._clock.now()
        claims = {
            "sub": str(user_id),
            "role": role.value,
            "iat": now,
            "exp": now + self._settings.lifetime,
            "jti": uuid4().hex,
            "iss": self._settings.issuer,
            "aud": self._settings.audience,
        }
        token = jwt.encode(claims, self._settings.secret, algorithm=ALGORITHM)
        return AccessToken(token=token, expires_in=int(self._settings.lifetime.total_seconds()))

    def verify(self, token: str) -> TokenClaims:
        """Expiry is checked against the system time: PyJWT reads it, not our clock."""
        try:
            claims = jwt.decode(
                token,
                self._settings.secret,
                algorithms=[ALGORITHM],
                audience=self._settings.audience,
                issuer=self._settings.issuer,
                leeway=self._settings.leeway,
                options={"require": REQUIRED_CLAIMS},
            )
            return TokenClaims(
                user_id=UserId(UUID(claims["sub"])),
                role=Role(claims["role"]),
                jti=str(claims["jti"]),
                expires_at=datetime.fromtimestamp(claims["exp"], UTC),
            )
        except (jwt.PyJWTError, ValueError, TypeError) as error:
            raise InvalidTokenError("access token is not valid") from error
