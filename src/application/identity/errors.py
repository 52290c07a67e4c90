"""Authentication failures: all 401, worded so that they reveal nothing an attacker can use."""

from application.shared.caller import NotAuthenticatedError


class InvalidCredentialsError(NotAuthenticatedError):
    """One error for an unknown email, a wrong password and a deactivated account alike."""

    code = "invalid_credentials"


class InvalidTokenError(NotAuthenticatedError):
    """Any refused token: malformed, forged, expired, unknown, used, revoked or orphaned."""

    code = "invalid_token"


class RefreshTokenReusedError(InvalidTokenError):
    """A refresh token came back after it was rotated: someone holds a copy.

    Raised after the token's whole family was revoked in a transaction of its own
    (`RevokeTokenFamily`), so the refusal can roll back like any other.
    """
