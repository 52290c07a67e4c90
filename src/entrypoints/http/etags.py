"""Strong ETags derived from a resource's version, and the conditional headers that use them."""

from __future__ import annotations

import re

_ETAG = re.compile(r'^"(\d{1,18})"$')
NO_MATCH = -1


def etag(version: int) -> str:
    return f'"{version}"'


def expected_version(if_match: str | None) -> int | None:
    """`None` when there is no precondition; `NO_MATCH` for a tag no version can equal.

    `If-Match: *` only asks that the resource exists, which loading it already checks.
    """
    if if_match is None or if_match.strip() == "*":
        return None
    match = _ETAG.fullmatch(if_match.strip())
    return int(match.group(1)) if match else NO_MATCH


def matches_none(if_none_match: str | None, version: int) -> bool:
    """True when the client's cached copy is current (so the answer is 304)."""
    if if_none_match is None:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in tags or etag(version) in tags
