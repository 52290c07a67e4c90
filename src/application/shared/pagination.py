"""Keyset pagination, independent of how a cursor travels over the wire.

A position is the sort key of the last row seen, as strings, so any adapter can resume the
scan with an index seek instead of an OFFSET that rereads every earlier row.
"""

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

Keyset = tuple[str, ...]

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20


@dataclass(frozen=True, slots=True, kw_only=True)
class PageRequest:
    limit: int = DEFAULT_PAGE_SIZE
    after: Keyset | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Page(Generic[T]):
    items: list[T]
    next_key: Keyset | None
