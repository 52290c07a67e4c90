"""Wire shapes shared by every context: money, pages, problems."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Self, TypeVar

from fastapi.exceptions import RequestValidationError
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)
from starlette.requests import Request

from domain.shared.money import Money

T = TypeVar("T")

AMOUNT_PATTERN = r"^-?\d{1,10}(\.\d{1,2})?$"
CURRENCY_PATTERN = r"^[A-Z]{3}$"

CUSTOMER_FILTER = "Staff: any customer. Customers: only their own id (another finds nothing)."

Amount = Annotated[str, Field(pattern=AMOUNT_PATTERN, examples=["19.99"])]
Currency = Annotated[str, Field(pattern=CURRENCY_PATTERN, examples=["EUR"])]

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


class MoneyIn(Input):
    amount: Amount = Field(description="Decimal string with at most two places; never a number.")
    currency: Currency

    def to_money(self) -> Money:
        return Money.of(self.amount, self.currency)


class ProblemOut(BaseModel):
    """RFC 9457 problem details, as every error response carries them."""

    model_config = ConfigDict(title="Problem")

    type: str
    title: str
    status: int
    detail: str
    instance: str
    code: str
    request_id: str | None
    errors: list[dict[str, str]] | None = None
