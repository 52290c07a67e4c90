"""Opaque, signed cursors and the `Link` header for keyset pagination.

A cursor carries the last row's sort key plus a fingerprint of the sort and filters it was
issued for, signed with HMAC: a client can neither forge a position nor reuse a cursor with
another query (both → 400 `invalid_cursor`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from collections.abc import Mapping

import orjson
from starlette.datastructures import URL

from application.shared.pagination import Keyset
from entrypoints.http.edge_errors import InvalidCursorError


class CursorCodec:
    def __init__(self, secret: str) -> None:
        """Derives its own key, so a cursor signature is never usable as a token signature."""
        self._key = hmac.new(secret.encode(), b"orderly-cursor-v1", hashlib.sha256).digest()

    def encode(self, keyset: Keyset, query: Mapping[str, object]) -> str:
        payload = _b64(orjson.dumps([list(keyset), _fingerprint(query)]))
        return f"{payload}.{self._sign(payload)}"

    def decode(self, cursor: str, query: Mapping[str, object]) -> Keyset:
        if len(cursor) > LONGEST_CURSOR or not cursor.isascii():
            raise InvalidCursorError("the cursor is malformed")
        payload, _, signature = cursor.partition(".")
        if not hmac.compare_digest(signature, self._sign(payload)):
            raise InvalidCursorError("the cursor is malformed or has been altered")
        try:
            keyset, fingerprint = orjson.loads(_unb64(payload))
        except (ValueError, binascii.Error):
            raise InvalidCursorError("the cursor is malformed") from None
        if fingerprint != _fingerprint(query):
            raise InvalidCursorError("the cursor belongs to another sort or filter")
        return tuple(str(part) for part in keyset)

    def _sign(self, payload: str) -> str:
        return _b64(hmac.new(self._key, payload.encode(), hashlib.sha256).digest()[:18])


# Above any cursor this service issues, so a longer one was not issued here and is refused
# before any decoding work. The longest keyset is a product name sorted by name: 200
# characters that JSON may escape to six bytes each (`\u0001`), so about 1,300 bytes,
# 1,750 characters of base64 once signed.
LONGEST_CURSOR = 2048
CURSOR_PATTERN = r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$"


def next_link(url: URL, cursor: str) -> str:
    return f'<{url.include_query_params(cursor=cursor)}>; rel="next"'


def _fingerprint(query: Mapping[str, object]) -> str:
    canonical = orjson.dumps(
        {k: str(v) for k, v in query.items() if v is not None}, option=orjson.OPT_SORT_KEYS
    )
    return _b64(hashlib.sha256(canonical).digest()[:12])


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
