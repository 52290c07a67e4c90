"""Cursor signing: only cursors this service issued, for this query, are accepted."""

import re

import pytest

from domain.identity.user import FULL_NAME_MAX
from entrypoints.http.edge_errors import InvalidCursorError
from entrypoints.http.pagination import CURSOR_PATTERN, LONGEST_CURSOR, CursorCodec

QUERY = {"sort": "name", "q": None}


def test_a_cursor_round_trips() -> None:
    codec = CursorCodec("s" * 32)
    assert codec.decode(codec.encode(("Mug", "id-1"), QUERY), QUERY) == ("Mug", "id-1")


def test_a_cursor_signed_with_another_secret_is_refused() -> None:
    cursor = CursorCodec("a" * 32).encode(("Mug", "id-1"), QUERY)
    with pytest.raises(InvalidCursorError, match="altered"):
        CursorCodec("b" * 32).decode(cursor, QUERY)


def test_a_signed_but_undecodable_payload_is_refused() -> None:
    """Only reachable with the secret (say, a cursor format from an older release)."""
    codec = CursorCodec("s" * 32)
    payload = "bm90IGpzb24"
    with pytest.raises(InvalidCursorError, match="malformed"):
        codec.decode(f"{payload}.{codec._sign(payload)}", QUERY)


def test_the_longest_cursor_the_service_issues_is_accepted_and_as_documented() -> None:
    """A page sorted by name that ends on a name as long as any the service keeps (200
    characters, a user's or a product's) and all characters JSON escapes to six bytes each
    (`\\u0001`): the longest keyset there is."""
    codec = CursorCodec("s" * 32)
    keyset = ("\x01" * FULL_NAME_MAX, "0190d0a8-9d3f-7c1e-8000-000000000001")
    cursor = codec.encode(keyset, QUERY)
    assert len(cursor) <= LONGEST_CURSOR
    assert re.fullmatch(CURSOR_PATTERN, cursor)
    assert codec.decode(cursor, QUERY) == keyset
