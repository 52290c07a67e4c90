"""Access tokens as JWTs signed with HS256 (PyJWT).

The algorithm is pinned on verification, so a token cannot pick its own (`alg: none`, or
an asymmetric algorithm keyed with our secret); every claim we rely on is required.

A client presents one access token on every request of its 15 minutes, and PyJWT's checks
cost more CPU than the rest of a signed-in read. So the issuer remembers what each genuine
token verified to, keyed by the exact string presented, in a bounded least-recently-used
map (ADR 0022): a token seen before skips the signature and claim checks, never the expiry,
which the clock port judges on every use. A token that failed is not remembered, so any
other string (one character changed, appended or trimmed) is checked in full.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
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
    # Verified tokens remembered per process (0: none): room for a few thousand clients
    # signed in at once; an entry is under 1 KB with its token, so at most about 3.5 MB.
    remembered_tokens: int = 4096


class JwtTokenIssuer:
    def __init__(self, settings: JwtSettings, clock: Clock) -> None:
        self._settings = settings
        self._clock = clock
        # token -> (its claims, the instant it stops being usable: exp plus the leeway)
        self._verified: OrderedDict[str, tuple[TokenClaims, datetime]] = OrderedDict()
        self._lock = threading.Lock()  # verify() is synchronous: callable from any thread

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
        """Expiry is judged by the clock port on every use; on a token's first use PyJWT also
        checks it against the system time, with every other claim and the signature.
        """
        with self._lock:
            remembered = self._verified.get(token)
            if remembered is not None:
                self._verified.move_to_end(token)
        if remembered is None:
            claims = self._decode(token)
            usable_until = claims.expires_at + self._settings.leeway
        else:
            claims, usable_until = remembered
        if self._clock.now() >= usable_until:
            with self._lock:
                self._verified.pop(token, None)
            raise InvalidTokenError("access token is not valid")
        if remembered is None and self._settings.remembered_tokens > 0:
            with self._lock:
                self._verified[token] = (claims, usable_until)
                if len(self._verified) > self._settings.remembered_tokens:
                    self._verified.popitem(last=False)
        return claims

    def _decode(self, token: str) -> TokenClaims:
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
