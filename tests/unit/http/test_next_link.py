"""The `Link: rel="next"` header: the request's own URL with the next cursor set last.

Built without Starlette's URL objects on the common path, it must still read exactly as
`request.url.include_query_params(cursor=…)` wrote it (same URL, same encoding, same order
of parameters); these pin a few shapes literally and compare many against Starlette.
"""

from __future__ import annotations

from typing import Any

import pytest
from starlette.datastructures import URL

from entrypoints.http.pagination import CursorCodec, next_link

CURSOR = CursorCodec("s" * 32).encode(("2026-12-06T08:00:00+00:00", "0193a1b2"), {"limit": 20})


def scope(
    query: bytes,
    *,
    host: bytes | None = b"127.0.0.1:18000",
    scheme: str = "http",
    server: Any = ("127.0.0.1", 18000),
    path: str = "/api/v1/products",
    root_path: str = "",
) -> dict[str, Any]:
    headers = [(b"accept", b"*/*")] + ([] if host is None else [(b"host", host)])
    return {
        "type": "http",
        "scheme": scheme,
        "server": server,
        "path": path,
        "root_path": root_path,
        "query_string": query,
        "headers": headers,
    }


def starlette_link(of: dict[str, Any], cursor: str) -> str:
    return f'<{URL(scope=of).include_query_params(cursor=cursor)}>; rel="next"'


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (b"", "http://127.0.0.1:18000/api/v1/products?cursor={}"),
        (b"limit=20", "http://127.0.0.1:18000/api/v1/products?limit=20&cursor={}"),
        (
            b"cursor=old.one&limit=5&sort=-price",
            "http://127.0.0.1:18000/api/v1/products?limit=5&sort=-price&cursor={}",
        ),
        (
            b"limit=5&q=blue%20mug&cursor=old.one&currency=EUR",
            "http://127.0.0.1:18000/api/v1/products?limit=5&q=blue+mug&currency=EUR&cursor={}",
        ),
    ],
)
def test_the_next_link_reads_as_it_always_has(query: bytes, expected: str) -> None:
    assert next_link(scope(query), CURSOR) == f'<{expected.format(CURSOR)}>; rel="next"'


QUERIES = [
    b"",
    b"limit=20",
    b"limit=20&sort=-created_at",
    b"sort=name&limit=100&cursor=abc.def",
    b"cursor=abc.def",
    b"cursor=a.b&cursor=c.d&limit=3",
    b"limit=3&cursor=",
    b"cursor",
    b"limit",
    b"limit=&q=",
    b"=x&limit=2",
    b"limit=20&&sort=name",
    b"&limit=20&",
    b"q=blue+mug",
    b"q=blue%20mug&sort=-price",
    b"q=caf%C3%A9&currency=EUR",
    b"q=50%25+off",
    b"q=%26%3D%2B",
    b"q=~tilde.dot-dash_under",
    b"q=a%7Eb",
    b"q=%41",
    b"min_price=1.00&max_price=9.99&currency=EUR&active=true",
    b"tag=x&tag=y&tag=x",
    b"a=1;b=2",
    b"q=a#fragment",
    b"q=a=b=c",
    b"cur%73or=a.b&limit=2",
    b"CURSOR=a.b",
]


@pytest.mark.parametrize("query", QUERIES)
def test_the_next_link_is_starlettes_for_any_query(query: bytes) -> None:
    assert next_link(scope(query), CURSOR) == starlette_link(scope(query), CURSOR)


@pytest.mark.parametrize(
    "where",
    [
        {},
        {"host": None},
        {"host": None, "server": ("10.0.0.1", 80)},
        {"host": None, "server": ["10.0.0.1", 8080]},
        {"host": None, "server": None},
        {"host": b"api.example.com", "scheme": "https", "server": ("10.0.0.1", 443)},
        {"host": b"api.example.com:443", "scheme": "https"},
        {"host": b"[::1]:8000"},
        {"host": b"not a host"},
        {"host": b"[not-ipv6]:80"},
        {"root_path": "/shop", "path": "/shop/api/v1/products"},
        {"path": "/api/v1/orders"},
    ],
)
@pytest.mark.parametrize("query", [b"limit=20", b"q=blue+mug"])
def test_the_next_link_is_starlettes_for_any_host_and_path(
    where: dict[str, Any], query: bytes
) -> None:
    assert next_link(scope(query, **where), CURSOR) == starlette_link(scope(query, **where), CURSOR)


@pytest.mark.parametrize("cursor", ["a.b", "a b", "a+b/c", "é.x", ""])
def test_any_cursor_is_encoded_as_starlette_encodes_it(cursor: str) -> None:
    query = b"limit=20&sort=name"
    assert next_link(scope(query), cursor) == starlette_link(scope(query), cursor)
