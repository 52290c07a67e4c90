"""The inbox: what turns at-least-once delivery into an exactly-once effect."""

from collections.abc import Collection
from typing import Protocol
from uuid import UUID


class Inbox(Protocol):
    """A handler claims the event in the same transaction as its effect, so both commit or
    neither does, and a redelivered event finds its claim already there.
    """

    async def claim(self, event_id: UUID, handler: str) -> bool:
        """True the first time `handler` claims `event_id`; False once it has been claimed,
        also by a concurrent transaction (whichever commits first wins).
        """
        ...

    async def handled(self, event_id: UUID, handlers: Collection[str]) -> bool:
        """True when every one of `handlers` has claimed `event_id` in a committed
        transaction: a broker's worker asks before handling the event's successor."""
        ...
