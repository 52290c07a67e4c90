"""The token endpoint as OAuth2 clients expect it (RFC 6749): both grants, and errors they
recognise.

`POST /auth/token` takes the password grant (sign-in) and the refresh grant (§6, the same
rules as `/auth/refresh`). Its error bodies stay problem+json and also carry the members of
§5.2, `error` and `error_description`, because a standard client library decides whether a
response is a token or a refusal by looking for `error`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from fastapi import Form
from pydantic import WithJsonSchema

from application.identity.passwords import PASSWORD_MAX
from domain.identity.user import EMAIL_MAX, EMAIL_PATTERN
from entrypoints.http.edge_errors import EdgeError

TOKEN_PATH = "/api/v1/auth/token"  # noqa: S105 - a path, not a secret
PASSWORD, REFRESH_TOKEN = "password", "refresh_token"


class OAuth2Error(StrEnum):
    """The RFC 6749 §5.2 error codes the token endpoint answers with."""

    INVALID_GRANT = "invalid_grant"
    INVALID_REQUEST = "invalid_request"
    UNSUPPORTED_GRANT_TYPE = "unsupported_grant_type"


# Our problem codes as RFC 6749 §5.2 error codes; anything else the endpoint refuses is a
# malformed request.
_OAUTH2_ERRORS = {
    "invalid_credentials": OAuth2Error.INVALID_GRANT,
    "invalid_token": OAuth2Error.INVALID_GRANT,
    "unsupported_grant_type": OAuth2Error.UNSUPPORTED_GRANT_TYPE,
}


class UnsupportedGrantTypeError(EdgeError):
    code = "unsupported_grant_type"


def _as_sent(schema: dict[str, Any]) -> WithJsonSchema:
    """A form field as a client sends it (text, never `null`), with what the service accepts:
    documented, not validated, because any other value gets the answer the grant gives to
    wrong credentials (401, or 400 for an unknown grant), never 422."""
    return WithJsonSchema({"type": "string", **schema})


REFRESH_TOKEN_LENGTH = 43  # 256 random bits as base64url
REFRESH_TOKEN_PATTERN = rf"^[A-Za-z0-9_-]{{{REFRESH_TOKEN_LENGTH}}}$"
_USERNAME = _as_sent({"pattern": EMAIL_PATTERN.pattern, "maxLength": EMAIL_MAX})
# Every password was set under the policy's maximum, so no longer one signs anybody in.
_PASSWORD = _as_sent({"format": "password", "maxLength": PASSWORD_MAX})
_REFRESH_TOKEN = _as_sent({"pattern": REFRESH_TOKEN_PATTERN, "maxLength": REFRESH_TOKEN_LENGTH})
_GRANT_TYPE = _as_sent({"enum": [PASSWORD, REFRESH_TOKEN], "default": PASSWORD})


class TokenForm:
    """The token request's form fields; which are required depends on the grant. `scope` is
    read and ignored: the service has no scopes, and OAuth2 clients may send one."""

    def __init__(
        self,
        grant_type: Annotated[str, Form(), _GRANT_TYPE] = PASSWORD,
        username: Annotated[str | None, Form(), _USERNAME] = None,
        password: Annotated[str | None, Form(), _PASSWORD] = None,
        refresh_token: Annotated[str | None, Form(), _REFRESH_TOKEN] = None,
        scope: Annotated[str, Form()] = "",
    ) -> None:
        self.grant_type = grant_type
        self.username = username
        self.password = password
        self.refresh_token = refresh_token
        self.scope = scope


def oauth2_members(path: str, code: str, detail: str) -> dict[str, Any]:
    """The §5.2 members for an error answered by the token endpoint, none elsewhere."""
    if path != TOKEN_PATH:
        return {}
    error = _OAUTH2_ERRORS.get(code, OAuth2Error.INVALID_REQUEST)
    return {"error": error.value, "error_description": detail}
