"""Use case: find out who is calling from the bearer access token they present."""

from application.identity.errors import InvalidTokenError
from application.identity.ports import TokenIssuer, UserDirectory
from application.shared.caller import Caller


class AuthenticateToken:
    """Turns a bearer access token into the acting caller.

    - The token must be genuine, unexpired and issued for this service (401 `invalid_token`).
    - Its user must still exist and be active, so a deactivation takes effect on the next
      request rather than when the token expires.
    - The role comes from the user record, not from the token: a role change takes effect on
      the next request too.
    """

    def __init__(self, directory: UserDirectory, tokens: TokenIssuer) -> None:
        self._directory = directory
        self._tokens = tokens

    async def __call__(self, access_token: str) -> Caller:
        claims = self._tokens.verify(access_token)
        role = await self._directory.active_role(claims.user_id)
        if role is None:
            raise InvalidTokenError("access token is not valid")
        return Caller(user_id=claims.user_id, role=role)
