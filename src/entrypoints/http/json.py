"""JSON bodies written straight from the core's views by pydantic-core.

Views are frozen dataclasses; a `TypeAdapter` built once per shape serialises them (UUIDs,
RFC 3339 datetimes, decimal strings for money) without building intermediate models, and
the same shapes document the responses in OpenAPI, so what is documented is what is sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Generic, TypeVar

from pydantic import Field, TypeAdapter
from starlette.requests import Request
from starlette.responses import Response

from application.shared.pagination import MAX_PAGE_SIZE
from entrypoints.http.etags import etag, matches_none
from entrypoints.http.pagination import CURSOR_PATTERN, LONGEST_CURSOR

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Listing(Generic[T]):
    """The body of every list endpoint."""

    items: Annotated[list[T], Field(max_length=MAX_PAGE_SIZE)]
    next_cursor: Annotated[str, Field(pattern=CURSOR_PATTERN, max_length=LONGEST_CURSOR)] | None


class JsonWriter(Generic[T]):
    def __init__(self, shape: Any) -> None:
        self._adapter: TypeAdapter[T] = TypeAdapter(shape)

    def response(
        self,
        value: T,
        *,
        status: int = 200,
        version: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        if version is not None:
            headers = {**headers, "ETag": etag(version)} if headers else {"ETag": etag(version)}
        return Response(
            self._adapter.dump_json(value),
            status_code=status,
            media_type="application/json",
            headers=headers,
        )

    def read_response(self, request: Request, value: T, *, version: int) -> Response:
        """A conditional GET: 304 with the ETag when the client's `If-None-Match` is current."""
        if matches_none(request.headers.get("if-none-match"), version):
            return not_modified(version)
        return self.response(value, version=version)


def not_modified(version: int) -> Response:
    return Response(status_code=304, headers={"ETag": etag(version)})
