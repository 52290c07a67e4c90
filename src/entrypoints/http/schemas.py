"""Wire shapes shared by every context: money, pages, problems."""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime
from typing import Annotated, Any, Self, TypeVar

from fastapi.exceptions import RequestValidationError
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    field_validator,
)
from pydantic.json_schema import SkipJsonSchema
from starlette.requests import Request

from application.shared.pagination import MAX_PAGE_SIZE
from domain.shared.money import Money
from entrypoints.http.identity.oauth2 import OAuth2Error
from entrypoints.http.pagination import CURSOR_PATTERN, LONGEST_CURSOR
from entrypoints.http.problems import DETAIL_MAX, MAX_ERRORS, TYPE_PREFIX

T = TypeVar("T")

AMOUNT_PATTERN = r"^-?\d{1,10}(\.\d{1,2})?$"
CURRENCY_PATTERN = r"^[A-Z]{3}$"
INT32_MAX = 2**31 - 1  # an `Integer` column
INT64_MAX = 2**63 - 1
INT32: dict[str, Any] = {"format": "int32"}

CUSTOMER_FILTER = "Staff: any customer. Customers: only their own id (another finds nothing)."

# The pattern already bounds the length; `max_length` says so to clients that read only it.
Amount = Annotated[str, Field(pattern=AMOUNT_PATTERN, max_length=14, examples=["19.99"])]
Currency = Annotated[str, Field(pattern=CURRENCY_PATTERN, max_length=3, examples=["EUR"])]
Version = Annotated[int, Field(ge=1, le=INT32_MAX, json_schema_extra=INT32)]
PageSize = Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE, json_schema_extra=INT32)]
# Documented, not validated: a cursor this service did not issue is 400 `invalid_cursor`
# (SPEC §5), never 422, so these describe the cursors it issues rather than refuse others.
Cursor = Annotated[
    str,
    Field(
        description="`next_cursor` of the previous page; any other value is 400 `invalid_cursor`.",
        json_schema_extra={"pattern": CURSOR_PATTERN, "maxLength": LONGEST_CURSOR},
    ),
]
# Every timestamp the service sends: `2026-11-24T08:00:00.123456+05:30` is the longest form.
Instant = Annotated[datetime, Field(json_schema_extra={"maxLength": 32})]

_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")


def _rfc3339_text(value: object) -> object:
    """Only an RFC 3339 date-time, as documented: pydantic alone would also read `0.5` as a
    Unix timestamp, or a date without a time."""
    if isinstance(value, str) and not _RFC3339.fullmatch(value):
        raise ValueError("must be an RFC 3339 date-time with an offset, like 2026-11-24T08:00:00Z")
    return value


Timestamp = Annotated[datetime, BeforeValidator(_rfc3339_text)]


def storable(value: Any) -> Any:
    """Refuses text PostgreSQL cannot store: a NUL character, or a lone surrogate (which has
    no UTF-8 form). Checked once for every input, so no such string reaches a query."""
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError("text must not contain the NUL character (U+0000)")
        if not value.isascii():
            try:
                value.encode()
            except UnicodeEncodeError:
                raise ValueError("text must be valid Unicode (no lone surrogates)") from None
    elif isinstance(value, list | tuple):
        for item in value:
            storable(item)
    return value


def refuse_unstorable_form_fields(**fields: str) -> None:
    """The same rule for a form the framework parses (the OAuth2 sign-in form)."""
    errors = []
    for name, value in fields.items():
        try:
            storable(value)
        except ValueError as error:
            errors.append({"type": "value_error", "loc": ("body", name), "msg": str(error)})
    if errors:
        raise RequestValidationError(errors)


class Input(BaseModel):
    """Every request body: unknown fields refused, strings trimmed, no type coercion, and
    only text the database can store."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, strict=True)

    @field_validator("*", mode="after")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        return storable(value)


class QueryModel(BaseModel):
    """A list endpoint's query string, validated as one model by pydantic in one call.

    Routes call `from_request` rather than declaring `Annotated[Model, Query()]`: FastAPI
    examines every field's annotation again on every request, which on the list pages cost
    more than the rest of the request (measured; docs/adr/0003). Errors answer exactly as
    the framework's would (422 `validation_error`, each item naming its `parameter`), and
    `openapi()` documents the same parameters.
    """

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        return storable(value)

    @classmethod
    def from_request(cls, request: Request) -> Self:
        try:
            return cls.model_validate(dict(request.query_params))
        except ValidationError as error:
            raise RequestValidationError(
                [{**item, "loc": ("query", *item["loc"])} for item in error.errors()]
            ) from None

    @classmethod
    def openapi(cls) -> dict[str, Any]:
        """The route's `openapi_extra`: one query parameter per field, references inlined."""
        schema = cls.model_json_schema()
        definitions = schema.get("$defs", {})
        return {
            "parameters": [
                {
                    "name": name,
                    "in": "query",
                    "required": name in schema.get("required", ()),
                    "schema": _inlined(field, definitions),
                    **({"description": field["description"]} if "description" in field else {}),
                }
                for name, field in schema["properties"].items()
            ]
        }


def _inlined(schema: Any, definitions: dict[str, Any]) -> Any:
    if isinstance(schema, dict):
        reference = schema.get("$ref")
        if isinstance(reference, str):
            return _inlined(definitions[reference.rsplit("/", 1)[-1]], definitions)
        return {key: _inlined(value, definitions) for key, value in schema.items()}
    if isinstance(schema, list):
        return [_inlined(item, definitions) for item in schema]
    return schema


def view_fields(view: type, **fields: Any) -> dict[str, dict[str, dict[str, Any]]]:
    """How some fields of one of the core's views travel, for the document.

    Views are the core's plain dataclasses (no pydantic there), so the limits the domain holds
    their fields to are stated here, with the types the request bodies validate with (or a
    schema fragment, for an array's `maxItems`). Only the document reads them: responses are
    written from the views as they are. A name that is no field of the view is an error, so
    this cannot drift from the view.
    """
    unknown = set(fields) - {field.name for field in dataclasses.fields(view)}
    if unknown:
        raise TypeError(f"{view.__name__} has no field {', '.join(sorted(unknown))}")
    return {
        view.__name__: {
            name: kind if isinstance(kind, dict) else TypeAdapter(kind).json_schema()
            for name, kind in fields.items()
        }
    }


class MoneyIn(Input):
    amount: Amount = Field(description="Decimal string with at most two places; never a number.")
    currency: Currency

    def to_money(self) -> Money:
        return Money.of(self.amount, self.currency)


MONEY_VIEW = view_fields(Money, amount=Amount, currency=Currency)


def _no_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


def sometimes(description: str) -> Any:
    """A member sent only when it applies: absent otherwise, never `null`."""
    return Field(default=None, description=description, json_schema_extra=_no_default)


CODE_MAX = 64
_CODE = rf"[a-z][a-z0-9_]{{0,{CODE_MAX - 1}}}"
TITLE_MAX = 100
REQUEST_ID_PATTERN = r"^[A-Za-z0-9._:-]{1,128}$"  # what the edge keeps from a client, or makes


class ProblemError(BaseModel):
    """One invalid input: where it is, and what is wrong with it."""

    model_config = ConfigDict(title="ProblemError")

    pointer: (
        Annotated[str, Field(json_schema_extra={"format": "json-pointer"})] | SkipJsonSchema[None]
    ) = sometimes("RFC 6901 pointer into the body, to the field the client sent.")
    parameter: str | SkipJsonSchema[None] = sometimes(
        "The query, path or header parameter, by the name the client sent."
    )
    detail: Annotated[str, Field(max_length=DETAIL_MAX)]


class ProblemOut(BaseModel):
    """RFC 9457 problem details, as every error response carries them."""

    model_config = ConfigDict(title="Problem")

    type: Annotated[
        str, Field(pattern=rf"^{TYPE_PREFIX}{_CODE}$", max_length=len(TYPE_PREFIX) + CODE_MAX)
    ]
    title: Annotated[str, Field(max_length=TITLE_MAX)]
    status: Annotated[int, Field(ge=100, le=599, json_schema_extra=INT32)]
    detail: Annotated[str, Field(max_length=DETAIL_MAX)]
    instance: Annotated[str, Field(description="The request's path, as the client sent it.")]
    code: Annotated[str, Field(pattern=rf"^{_CODE}$", max_length=CODE_MAX)]
    request_id: Annotated[str, Field(pattern=REQUEST_ID_PATTERN, max_length=128)]
    errors: Annotated[list[ProblemError], Field(max_length=MAX_ERRORS)] | SkipJsonSchema[None] = (
        sometimes(f"422 only: each invalid input, the first {MAX_ERRORS} found.")
    )
    error: OAuth2Error | SkipJsonSchema[None] = sometimes(
        "`POST /auth/token` only: the RFC 6749 §5.2 error code."
    )
    error_description: Annotated[str, Field(max_length=DETAIL_MAX)] | SkipJsonSchema[None] = (
        sometimes("`POST /auth/token` only: the same as `detail`.")
    )
