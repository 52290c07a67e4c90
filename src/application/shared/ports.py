"""Ports every context needs: time and identity generation, injected so tests control them."""

from datetime import datetime
from typing import Protocol
from uuid import UUID


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware UTC."""
        ...


class IdGenerator(Protocol):
    def new_id(self) -> UUID:
        """A new UUIDv7: time-ordered, so new rows land at the end of B-tree indexes."""
        ...
