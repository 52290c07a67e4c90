"""In-memory identity adapters: the same contracts as PostgreSQL, for fast unit tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from uuid import UUID

from adapters.memory.store import InMemoryRepository, InMemoryStore, TrackedCopies
from application.identity.ports import UserCriteria, UserView
from application.identity.tokens import RefreshToken
from application.shared.pagination import Keyset, Page, PageRequest
from domain.identity.user import EmailTakenError, User
from domain.shared.errors import ConcurrentModificationError
from domain.shared.ids import UserId
from domain.shared.roles import Role


class InMemoryUserRepository(InMemoryRepository):
    """Hands out private copies; the unit of work writes them back on commit."""

    def __init__(self, store: InMemoryStore) -> None:
        self._users: dict[UserId, User] = store.table("users")
        self.copies: TrackedCopies[UserId, User] = TrackedCopies(self._users)

    async def get(self, user_id: UserId) -> User | None:
        return self.copies.get(user_id)

    async def get_by_email(self, email: str) -> User | None:
        for user in [*self.copies.added.values(), *self._users.values()]:
            if user.email == email:
                return self.copies.get(user.id)
        return None

    def add(self, user: User) -> None:
        self.copies.add(user.id, user)

    def check(self) -> None:
        """A stale version or a taken email refuses the whole commit, as in the database."""
        if users := self.copies.stale():
            raise ConcurrentModificationError(f"user {users[0]} changed concurrently")
        emails = {user.email for user in self._users.values()}
        for user in self.copies.added.values():
            if user.email in emails:
                raise EmailTakenError(f"{user.email} already has an account")
            emails.add(user.email)  # the unique constraint also compares new rows to each other

    def write_back(self) -> None:
        self.copies.write_back()


class InMemoryUserQueries:
    """Reads committed state only, as a query on another connection would."""

    def __init__(self, store: InMemoryStore) -> None:
        self._users: dict[UserId, User] = store.table("users")

    async def get(self, user_id: UserId) -> UserView | None:
        user = self._users.get(user_id)
        return None if user is None else UserView.of(user)

    async def list(self, criteria: UserCriteria, page: PageRequest) -> Page[UserView]:
        views = sorted(
            (UserView.of(user) for user in self._users.values() if _matches(user, criteria)),
            key=_sort_key,
        )
        if page.after is not None:
            after = (datetime.fromisoformat(page.after[0]), page.after[1])
            views = [view for view in views if _sort_key(view) > after]
        items = views[: page.limit]
        next_key = _keyset_of(items[-1]) if len(views) > page.limit else None
        return Page(items=items, next_key=next_key)


def _sort_key(view: UserView) -> tuple[datetime, str]:
    return (view.created_at, str(view.id))


def _keyset_of(view: UserView) -> Keyset:
    return (view.created_at.isoformat(), str(view.id))


def _matches(user: User, criteria: UserCriteria) -> bool:
    """`lower()`, not `casefold()`: ILIKE folds character by character, so `ss` never finds `ß`."""
    q = None if criteria.q is None else criteria.q.lower()
    return (criteria.role is None or user.role == criteria.role) and (
        q is None or q in user.email.lower() or q in user.full_name.lower()
    )


class InMemoryUserDirectory:
    """Reads committed state only, as the database's autocommit read does."""

    def __init__(self, store: InMemoryStore) -> None:
        self._users: dict[UserId, User] = store.table("users")

    async def active_role(self, user_id: UUID) -> Role | None:
        user = self._users.get(UserId(user_id))
        return user.role if user is not None and user.is_active else None


class InMemoryRefreshTokenStore(InMemoryRepository):
    """Stages additions and field updates; the unit of work merges them into the store.

    Updates are kept per field rather than as whole records, so a revocation committed by
    one unit of work and a rotation committed by another both survive.
    """

    def __init__(self, store: InMemoryStore) -> None:
        self._tokens: dict[str, RefreshToken] = store.table("refresh_tokens")
        self.added: dict[str, RefreshToken] = {}
        self.used: dict[str, datetime] = {}
        self.revoked: dict[str, datetime] = {}

    async def add(self, token: RefreshToken) -> None:
        self.added[token.token_hash] = token

    async def find_by_hash(self, token_hash: str) -> RefreshToken | None:
        return self._current(token_hash)

    async def mark_used(self, token_hash: str, *, now: datetime) -> bool:
        token = self._current(token_hash)
        if token is None or token.used_at is not None:
            return False
        self.used[token_hash] = now
        return True

    async def revoke_family(self, family_id: UUID, *, now: datetime) -> None:
        self._revoke(lambda token: token.family_id == family_id, now)

    async def revoke_all_for_user(self, user_id: UserId, *, now: datetime) -> None:
        self._revoke(lambda token: token.user_id == user_id, now)

    def check(self) -> None:
        """Another unit of work committed a rotation of a token this one rotated first."""
        if any(
            stored.used_at is not None
            for token_hash in self.used
            if (stored := self._tokens.get(token_hash)) is not None
        ):
            raise ConcurrentModificationError("a refresh token was rotated concurrently")

    def write_back(self) -> None:
        tokens = self._tokens
        tokens.update(self.added)
        for token_hash, used_at in self.used.items():
            tokens[token_hash] = replace(tokens[token_hash], used_at=used_at)
        for token_hash, revoked_at in self.revoked.items():
            if tokens[token_hash].revoked_at is None:
                tokens[token_hash] = replace(tokens[token_hash], revoked_at=revoked_at)

    def _revoke(self, matches: Callable[[RefreshToken], bool], now: datetime) -> None:
        for token_hash in {*self._tokens, *self.added}:
            token = self._current(token_hash)
            if token is not None and token.revoked_at is None and matches(token):
                self.revoked[token_hash] = now

    def _current(self, token_hash: str) -> RefreshToken | None:
        token = self.added.get(token_hash) or self._tokens.get(token_hash)
        if token is None:
            return None
        return replace(
            token,
            used_at=self.used.get(token_hash, token.used_at),
            revoked_at=self.revoked.get(token_hash, token.revoked_at),
        )
