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

from application.identity.ports import UserCriteria
from application.identity.tokens import TokenPair
from application.shared.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from domain.identity.user import UserChanges
from domain.shared.roles import Role
from entrypoints.http.schemas import Input, QueryModel

Email = Annotated[str, Field(min_length=3, max_length=254, examples=["ann@example.com"])]
# Passwords are secrets: never trimmed, so what the user typed is what gets hashed.
Password = Annotated[
    str,
    StringConstraints(strip_whitespace=False, min_length=1, max_length=1024),
    Field(examples=["correct horse battery staple"]),
]
FullName = Annotated[str, Field(min_length=1, max_length=200, examples=["Ann Example"])]


class RegisterIn(Input):
    email: Email
    password: Password
    full_name: FullName


class RefreshIn(Input):
    """Any string is a refresh token to look up: one not issued here, of whatever length or
    content, is refused as 401 `invalid_token` (SPEC §5). It is only ever hashed, never
    stored or sent to the database as text, so it is not checked as text to store."""

    refresh_token: str

    @field_validator("*", mode="after")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        return value


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
    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 - the OAuth2 token type, no secret
    expires_in: int = Field(examples=[900])
    refresh_token: str

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
    limit: int = Field(default=DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)
    cursor: str | None = None  # any string: one not issued here is 400 invalid_cursor

    def to_criteria(self) -> UserCriteria:
        return UserCriteria(role=self.role, q=self.q)

    def cursor_scope(self) -> dict[str, object]:
        return self.model_dump(exclude={"limit", "cursor"})
