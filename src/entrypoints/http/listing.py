"""Every list endpoint answers the same way: decode the cursor, fetch a page, link the next.

A list route passes its query (which knows its cursor scope), the use-case call and the
writer for its item type (the cursor codec is the app's); this keeps cursors, `Link` headers
and the body shape identical across resources.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Protocol, TypeVar

from starlette.requests import Request
from starlette.responses import Response

from application.shared.pagination import Page, PageRequest
from entrypoints.http.dependencies import container_of
from entrypoints.http.json import JsonWriter, Listing
from entrypoints.http.pagination import CursorCodec, next_link

T = TypeVar("T")


class ListQuery(Protocol):
    limit: int
    cursor: str | None

    def cursor_scope(self) -> dict[str, object]: ...


async def list_response(
    request: Request,
    query: ListQuery,
    fetch: Callable[[PageRequest], Awaitable[Page[T]]],
    writer: JsonWriter[Listing[T]],
) -> Response:
    codec: CursorCodec = container_of(request).cursor_codec()
    scope = query.cursor_scope()
    after = None if query.cursor is None else codec.decode(query.cursor, scope)
    page = await fetch(PageRequest(limit=query.limit, after=after))
    next_cursor = None if page.next_key is None else codec.encode(page.next_key, scope)
    headers = None if next_cursor is None else {"Link": next_link(request.scope, next_cursor)}
    return writer.response(Listing(page.items, next_cursor), headers=headers)
