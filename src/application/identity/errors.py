"""Authentication failures: all 401, worded so that they reveal nothing an attacker can use."""

from application.shared.principal import NotAuthenticatedError


class InvalidCredentialsError(NotAuthenticatedError):
    """One error for an unknown email, a wrong password and a deactivated account alike."""

    code = "invalid_credentials"


class InvalidTokenError(NotAuthenticatedError):
    """Any refused token: malformed, forged, expired, unknown, used, revoked or orphaned."""

    code = "invalid_token"


class RefreshTokenReusedError(InvalidTokenError):
    """A refresh token came back after it was rotated: someone holds a copy.

    Raised after the token's whole family was revoked through the unit of work. Unlike every
    other error, that write must survive: the edge commits before answering 401.
    """

    preserves_changes = True
