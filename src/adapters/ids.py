"""UUIDv7 identifiers: unique without coordination and ordered by creation time."""

from uuid import UUID

from uuid6 import uuid7


class UuidV7Generator:
    def new_id(self) -> UUID:
        return uuid7()
