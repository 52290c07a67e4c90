"""Identity request and response bodies."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from application.identity.ports import UserCriteria, UserView
from application.identity.tokens import TokenPair
from application.shared.pagination import DEFAULT_PAGE_SIZE
from domain.identity.user import EMAIL_MAX, EMAIL_PATTERN, FULL_NAME_MAX, UserChanges
from domain.shared.roles import Role
from entrypoints.http.identity.oauth2 import REFRESH_TOKEN_LENGTH, REFRESH_TOKEN_PATTERN
from entrypoints.http.schemas import (
    INT32,
    Cursor,
    Input,
    Instant,
    PageSize,
    QueryModel,
    Version,
    view_fields,
)

# The domain checks the pattern (422 `validation_error` on `/email`); stated here for clients.
Email = Annotated[
    str,
    Field(
        min_length=3,
        max_length=EMAIL_MAX,
        examples=["ann@example.com"],
        json_schema_extra={"pattern": EMAIL_PATTERN.pattern},
    ),
]
# Passwords are secrets: never trimmed, so what the user typed is what gets hashed.
Password = Annotated[
    str,
    StringConstraints(strip_whitespace=False, min_length=1, max_length=1024),
    Field(examples=["correct horse battery staple"], json_schema_extra={"format": "password"}),
]
FullName = Annotated[str, Field(min_length=1, max_length=FULL_NAME_MAX, examples=["Ann Example"])]
# Access tokens are HS256 JWTs of a few short claims, for 15 minutes.
JWT_PATTERN = r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$"
ACCESS_TOKEN_MAX = 512
ACCESS_TOKEN_LIFETIME_SECONDS = 900
# Documented, not validated on the way in: any other refresh token is refused as 401
# `invalid_token` (SPEC §5), never 422.
PRESENTED_REFRESH_TOKEN: dict[str, Any] = {
    "pattern": REFRESH_TOKEN_PATTERN,
    "maxLength": REFRESH_TOKEN_LENGTH,
    "description": "As issued; any other value is refused with 401 `invalid_token`.",
}

IDENTITY_VIEWS = view_fields(
    UserView,
    email=Email,
    full_name=FullName,
    created_at=Instant,
    updated_at=Instant,
    version=Version,
)


class RegisterIn(Input):
    email: Email
    password: Password
    full_name: FullName


class RefreshIn(Input):
    """Any string is a refresh token to look up: one not issued here, of whatever length or
    content, is refused as 401 `invalid_token` (SPEC §5). It is only ever hashed, never
    stored or sent to the database as text, so it is not checked as text to store."""

    refresh_token: Annotated[str, Field(json_schema_extra=PRESENTED_REFRESH_TOKEN)]

    @field_validator("*", mode="after")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        return value


class LogoutIn(RefreshIn):
    """Any string: signing out with a token that does not work (unknown, expired, revoked)
    succeeds too (RFC 7009), so nothing is refused for its form or length."""

    refresh_token: str


class UserPatch(Input):
    """Only the fields sent change; at least one is needed."""

    # Strict mode refuses a plain string for an enum; the value set is still enforced.
    role: Annotated[Role, Field(strict=False)] | None = None
    is_active: bool | None = None
    full_name: FullName | None = None

    @model_validator(mode="after")
    def _not_empty(self) -> UserPatch:
        if not self.model_fields_set:
            raise ValueError("send at least one field to change")
        return self

    def to_changes(self) -> UserChanges:
        return UserChanges(role=self.role, is_active=self.is_active, full_name=self.full_name)


class TokenOut(BaseModel):
    access_token: Annotated[str, Field(pattern=JWT_PATTERN, max_length=ACCESS_TOKEN_MAX)]
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 - the OAuth2 token type, no secret
    expires_in: Annotated[
        int,
        Field(ge=1, le=ACCESS_TOKEN_LIFETIME_SECONDS, examples=[900], json_schema_extra=INT32),
    ]
    refresh_token: Annotated[
        str, Field(pattern=REFRESH_TOKEN_PATTERN, max_length=REFRESH_TOKEN_LENGTH)
    ]

    @classmethod
    def of(cls, pair: TokenPair) -> TokenOut:
        return cls.model_construct(
            access_token=pair.access_token,
            token_type="bearer",  # noqa: S106 - the OAuth2 token type, no secret
            expires_in=pair.expires_in,
            refresh_token=pair.refresh_token,
        )


class UserListQuery(QueryModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    role: Role | None = None
    q: str | None = Field(default=None, min_length=1, max_length=200)
    limit: PageSize = DEFAULT_PAGE_SIZE
    cursor: Cursor | None = None

    def to_criteria(self) -> UserCriteria:
        return UserCriteria(role=self.role, q=self.q)

    def cursor_scope(self) -> dict[str, object]:
        return self.model_dump(exclude={"limit", "cursor"})
