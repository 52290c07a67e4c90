"""Substring search that matches literally: `q` filters are LIKE patterns built here.

The read models compile each query shape once with the pattern as a bind parameter, so the
user's text is escaped in Python rather than by SQLAlchemy's `autoescape` (which needs the
value at compile time).
"""

ESCAPE = "\\"


def contains(text: str) -> str:
    """A pattern matching `text` anywhere: LIKE's wildcards and its escape lose their meaning."""
    escaped = text.replace(ESCAPE, ESCAPE * 2).replace("%", f"{ESCAPE}%").replace("_", f"{ESCAPE}_")
    return f"%{escaped}%"
