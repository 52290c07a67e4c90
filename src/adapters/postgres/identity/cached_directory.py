"""Who may act, remembered per process and forgotten the moment it changes.

Every authenticated request asks the same question (the caller's current role, and whether
they are still active); answering it from memory saves a round trip per request. The answer
stays exact because PostgreSQL tells this process, on commit, which users changed
(`UserChanges`), and because nothing is remembered while this process cannot hear it.
"""

from __future__ import annotations

from uuid import UUID

from application.identity.ports import UserDirectory
from domain.shared.roles import Role

MAX_ENTRIES = 100_000


class CachedUserDirectory:
    """A read that started before a change must not store its stale answer after the change
    was heard: every change moves `_epoch`, and a read only stores its answer if `_epoch`
    has not moved while it ran.
    """

    def __init__(self, directory: UserDirectory, max_entries: int = MAX_ENTRIES) -> None:
        self._directory = directory
        self._max_entries = max_entries
        self._known: dict[UUID, Role | None] = {}
        self._epoch = 0
        self.trusted = False

    async def active_role(self, user_id: UUID) -> Role | None:
        if user_id in self._known:
            return self._known[user_id]
        epoch = self._epoch
        role = await self._directory.active_role(user_id)
        if self.trusted and epoch == self._epoch:
            if len(self._known) >= self._max_entries:
                self._known.clear()
            self._known[user_id] = role
        return role

    def changed(self, user_id: UUID) -> None:
        self._known.pop(user_id, None)
        self._epoch += 1

    def listening(self) -> None:
        """From now on every change will be heard: answers may be remembered."""
        self._known.clear()
        self._epoch += 1
        self.trusted = True

    def deaf(self) -> None:
        """Changes may go unheard: forget everything, and remember nothing until told."""
        self.trusted = False
        self._known.clear()
        self._epoch += 1
