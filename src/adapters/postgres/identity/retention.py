"""Which refresh tokens can no longer be needed, and their purge.

A token row does two jobs. While it is unused, unrevoked and unexpired it can be exchanged.
Once used, it is how a stolen copy is caught: presenting it again revokes its whole family
(`application/identity/refresh_tokens.py`), and that matters for as long as the family
still has a token that works, whichever party holds it. A used token expires 30 days after
it was issued, but its successor lives 30 days from its own, later, issue: a token's own
expiry says nothing about whether its family is still alive.

So a row goes when both hold:
- it expired, or was revoked, before the cutoff (SPEC: more than N days ago);
- its family has no token left that could still be exchanged at the cutoff (unused,
  unrevoked and expiring at or after it). A family ends when its newest token expires or
  when it is revoked (logout, reuse, deactivation), and its rows go N days after that.

A revoked row is refused before it is checked for reuse, so deleting it changes no answer.
With N = 0, a family whose newest token still works keeps every row, used ones included.
"""

from datetime import datetime

from sqlalchemy import ColumnElement, and_, exists, or_
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.identity.tables import refresh_tokens as tokens
from adapters.postgres.retention import BATCH_SIZE, BatchedPurge

_usable = tokens.alias("usable")


def _no_longer_needed(before: datetime) -> ColumnElement[bool]:
    family_alive = exists().where(
        _usable.c.family_id == tokens.c.family_id,
        _usable.c.used_at.is_(None),
        _usable.c.revoked_at.is_(None),
        _usable.c.expires_at >= before,
    )
    return and_(or_(tokens.c.expires_at < before, tokens.c.revoked_at < before), ~family_alive)


def dead_refresh_tokens(engine: AsyncEngine, batch_size: int = BATCH_SIZE) -> BatchedPurge:
    """Walked by token digest: one pass over the primary key, the family check on the
    `family_id` index for each expired or revoked row.
    """
    return BatchedPurge(
        engine,
        tokens,
        keyset=["token_hash"],
        expired=_no_longer_needed,
        batch_size=batch_size,
    )
