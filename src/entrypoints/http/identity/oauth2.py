"""The token endpoint as OAuth2 clients expect it (RFC 6749): both grants, and errors they
recognise.

`POST /auth/token` takes the password grant (sign-in) and the refresh grant (§6, the same
rules as `/auth/refresh`). Its error bodies stay problem+json and also carry the members of
§5.2, `error` and `error_description`, because a standard client library decides whether a
response is a token or a refusal by looking for `error`.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Form

from entrypoints.http.edge_errors import EdgeError

TOKEN_PATH = "/api/v1/auth/token"  # noqa: S105 - a path, not a secret
PASSWORD, REFRESH_TOKEN = "password", "refresh_token"

# Our problem codes as RFC 6749 §5.2 error codes; anything else the endpoint refuses is a
# malformed request.
_OAUTH2_ERRORS = {
    "invalid_credentials": "invalid_grant",
    "invalid_token": "invalid_grant",
    "unsupported_grant_type": "unsupported_grant_type",
}


class UnsupportedGrantTypeError(EdgeError):
    code = "unsupported_grant_type"


class TokenForm:
    """The token request's form fields; which are required depends on the grant."""

    def __init__(
        self,
        grant_type: Annotated[str, Form(examples=[PASSWORD, REFRESH_TOKEN])] = PASSWORD,
        username: Annotated[str | None, Form()] = None,
        password: Annotated[str | None, Form(json_schema_extra={"format": "password"})] = None,
        refresh_token: Annotated[str | None, Form()] = None,
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
    return {"error": _OAUTH2_ERRORS.get(code, "invalid_request"), "error_description": detail}
