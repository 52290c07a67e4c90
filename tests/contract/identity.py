"""The port contract every identity adapter must honour: users, refresh tokens, the directory.

Subclasses provide the `adapters` fixture; the same assertions then run against the
in-memory adapters (unit suite) and PostgreSQL (integration suite), so the fakes the unit
tests rely on cannot drift from the real thing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest
from uuid6 import uuid7

from application.identity.ports import (
    IdentityUnitOfWork,
    UserCriteria,
    UserDirectory,
    UserQueries,
    UserView,
)
from application.identity.tokens import RefreshToken
from application.shared.pagination import Page, PageRequest
from domain.identity.user import EmailTakenError, User, UserChanges
from domain.shared.errors import ConcurrentModificationError
from domain.shared.ids import UserId
from domain.shared.roles import Role

T0 = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
T1 = T0 + timedelta(minutes=5)
T2 = T0 + timedelta(minutes=10)


@dataclass
class IdentityAdapters:
    uow: Callable[[], IdentityUnitOfWork]
    directory: UserDirectory
    users: UserQueries


def user(
    email: str,
    *,
    full_name: str = "Ann Example",
    role: Role = Role.CUSTOMER,
    minutes: int = 0,
) -> User:
    return User.register(
        id=UserId(uuid7()),
        email=email,
        full_name=full_name,
        password_hash="argon2-hash",
        now=T0 + timedelta(minutes=minutes),
        role=role,
    )


def token(owner: User, family_id: UUID, name: str) -> RefreshToken:
    return RefreshToken(
        token_hash=f"hash-{name}",
        family_id=family_id,
        user_id=owner.id,
        issued_at=T0,
        expires_at=T0 + timedelta(days=30),
    )


async def save(adapters: IdentityAdapters, *users: User) -> None:
    async with adapters.uow() as uow:
        for item in users:
            uow.users.add(item)
        await uow.commit()


async def save_tokens(adapters: IdentityAdapters, *tokens: RefreshToken) -> None:
    async with adapters.uow() as uow:
        for item in tokens:
            await uow.refresh_tokens.add(item)
        await uow.commit()


async def find(adapters: IdentityAdapters, token_hash: str) -> RefreshToken | None:
    async with adapters.uow() as uow:
        return await uow.refresh_tokens.find_by_hash(token_hash)


async def list_users(
    adapters: IdentityAdapters, criteria: UserCriteria, page: PageRequest
) -> Page[UserView]:
    return await adapters.users.list(criteria, page)


async def revocation(adapters: IdentityAdapters, name: str) -> datetime | None:
    stored = await find(adapters, f"hash-{name}")
    assert stored is not None
    return stored.revoked_at


class IdentityContract:
    async def test_a_committed_user_reads_back_equal(self, adapters: IdentityAdapters) -> None:
        ann = user(" Ann@Example.com ", role=Role.STAFF)
        await save(adapters, ann)
        async with adapters.uow() as uow:
            loaded = await uow.users.get(ann.id)
            by_email = await uow.users.get_by_email("ann@example.com")
        assert loaded is not None
        assert by_email is not None
        assert by_email.id == ann.id
        assert (loaded.email, loaded.role, loaded.is_active, loaded.version) == (
            "ann@example.com",
            Role.STAFF,
            True,
            1,
        )
        assert type(loaded.role) is Role
        assert (loaded.password_hash, loaded.created_at) == ("argon2-hash", ann.created_at)
        view = await adapters.users.get(ann.id)
        assert view == UserView.of(loaded)
        assert type(view.role) is Role

    async def test_an_unknown_user_is_none(self, adapters: IdentityAdapters) -> None:
        async with adapters.uow() as uow:
            assert await uow.users.get(UserId(uuid7())) is None
            assert await uow.users.get_by_email("nobody@example.com") is None
        assert await adapters.users.get(UserId(uuid7())) is None

    async def test_uncommitted_work_is_rolled_back(self, adapters: IdentityAdapters) -> None:
        ann = user("ann@example.com")
        async with adapters.uow() as uow:
            uow.users.add(ann)
        async with adapters.uow() as uow:
            assert await uow.users.get(ann.id) is None
            assert await uow.users.get_by_email("ann@example.com") is None
        assert await adapters.directory.active_role(ann.id) is None
        assert await adapters.users.get(ann.id) is None

    async def test_a_duplicate_email_is_refused_at_commit(self, adapters: IdentityAdapters) -> None:
        await save(adapters, user("ann@example.com"))
        with pytest.raises(EmailTakenError):
            await save(adapters, user("ANN@example.com", full_name="Another Ann"))

    async def test_one_email_twice_in_one_unit_of_work_is_refused(
        self, adapters: IdentityAdapters
    ) -> None:
        with pytest.raises(EmailTakenError):
            await save(adapters, user("ann@example.com"), user("ann@example.com"))
        async with adapters.uow() as uow:
            assert await uow.users.get_by_email("ann@example.com") is None

    async def test_a_lost_update_is_detected(self, adapters: IdentityAdapters) -> None:
        ann = user("ann@example.com")
        await save(adapters, ann)
        async with adapters.uow() as first, adapters.uow() as second:
            mine = await first.users.get(ann.id)
            theirs = await second.users.get(ann.id)
            assert mine is not None
            assert theirs is not None
            mine.change(UserChanges(role=Role.STAFF), now=T1)
            theirs.change(UserChanges(is_active=False), now=T1)
            await first.commit()
            with pytest.raises(ConcurrentModificationError):
                await second.commit()
        async with adapters.uow() as uow:
            stored = await uow.users.get(ann.id)
        assert stored is not None
        assert (stored.role, stored.is_active, stored.version) == (Role.STAFF, True, 2)

    async def test_walking_the_pages_returns_every_user_once_oldest_first(
        self, adapters: IdentityAdapters
    ) -> None:
        people = [user(f"user{index}@example.com", minutes=index % 3) for index in range(7)]
        await save(adapters, *people)
        seen, after = [], None
        while True:
            page = await list_users(adapters, UserCriteria(), PageRequest(limit=2, after=after))
            seen.extend(page.items)
            if page.next_key is None:
                break
            after = page.next_key
        assert len(seen) == 7
        assert {view.id for view in seen} == {person.id for person in people}
        keys = [(view.created_at, str(view.id)) for view in seen]
        assert keys == sorted(keys)

    async def test_users_filter_by_role(self, adapters: IdentityAdapters) -> None:
        await save(
            adapters,
            user("ann@example.com", role=Role.STAFF),
            user("bob@example.com"),
            user("cy@example.com", role=Role.STAFF, minutes=1),
        )
        page = await list_users(adapters, UserCriteria(role=Role.STAFF), PageRequest())
        assert [view.email for view in page.items] == ["ann@example.com", "cy@example.com"]
        assert all(type(view.role) is Role for view in page.items)

    async def test_q_matches_email_or_name_literally_and_ignoring_case(
        self, adapters: IdentityAdapters
    ) -> None:
        await save(
            adapters,
            user("ann@example.com", full_name="Ann 100% Real", minutes=0),
            user("bob_smith@example.com", full_name="Bob Smith", minutes=1),
            user("cy@example.com", full_name="Cy Back\\slash", minutes=2),
            user("dee@example.org", full_name="Dee Bobbins", minutes=3),
            user("jo@example.com", full_name="Jo Straße", minutes=4),
        )

        async def emails(q: str) -> list[str]:
            page = await list_users(adapters, UserCriteria(q=q), PageRequest())
            return [view.email for view in page.items]

        assert await emails("%") == ["ann@example.com"]
        assert await emails("b_s") == ["bob_smith@example.com"]
        assert await emails("k\\s") == ["cy@example.com"]
        assert await emails("BOB") == ["bob_smith@example.com", "dee@example.org"]
        assert await emails("EXAMPLE.ORG") == ["dee@example.org"]
        assert await emails("STRASSE") == []
        assert await emails("nobody") == []

    async def test_a_refresh_token_reads_back_equal(self, adapters: IdentityAdapters) -> None:
        ann = user("ann@example.com")
        await save(adapters, ann)
        issued = token(ann, uuid7(), "one")
        await save_tokens(adapters, issued)
        assert await find(adapters, "hash-one") == issued
        assert await find(adapters, "hash-unknown") is None

    async def test_an_uncommitted_refresh_token_is_rolled_back(
        self, adapters: IdentityAdapters
    ) -> None:
        ann = user("ann@example.com")
        await save(adapters, ann)
        async with adapters.uow() as uow:
            await uow.refresh_tokens.add(token(ann, uuid7(), "one"))
            assert await uow.refresh_tokens.find_by_hash("hash-one") is not None
        assert await find(adapters, "hash-one") is None

    async def test_a_refresh_token_is_used_exactly_once(self, adapters: IdentityAdapters) -> None:
        ann = user("ann@example.com")
        await save(adapters, ann)
        await save_tokens(adapters, token(ann, uuid7(), "one"))
        async with adapters.uow() as first:
            assert await first.refresh_tokens.mark_used("hash-one", now=T1)
            assert not await first.refresh_tokens.mark_used("hash-one", now=T1)
            await first.commit()
        async with adapters.uow() as second:
            assert not await second.refresh_tokens.mark_used("hash-one", now=T2)
            await second.commit()
        used = await find(adapters, "hash-one")
        assert used is not None
        assert used.used_at == T1

    async def test_a_rolled_back_use_leaves_the_token_unused(
        self, adapters: IdentityAdapters
    ) -> None:
        ann = user("ann@example.com")
        await save(adapters, ann)
        await save_tokens(adapters, token(ann, uuid7(), "one"))
        async with adapters.uow() as abandoned:
            assert await abandoned.refresh_tokens.mark_used("hash-one", now=T1)
        async with adapters.uow() as uow:
            assert await uow.refresh_tokens.mark_used("hash-one", now=T2)
            assert not await uow.refresh_tokens.mark_used("unknown", now=T2)

    async def test_revoking_a_family_revokes_only_its_unrevoked_tokens(
        self, adapters: IdentityAdapters
    ) -> None:
        ann = user("ann@example.com")
        await save(adapters, ann)
        family, other_family = uuid7(), uuid7()
        await save_tokens(adapters, token(ann, family, "early"))
        async with adapters.uow() as uow:
            await uow.refresh_tokens.revoke_family(family, now=T1)
            await uow.commit()
        await save_tokens(adapters, token(ann, family, "late"), token(ann, other_family, "other"))
        async with adapters.uow() as uow:
            await uow.refresh_tokens.revoke_family(family, now=T2)
            await uow.commit()
        revoked_at = {name: await revocation(adapters, name) for name in ("early", "late", "other")}
        assert revoked_at == {"early": T1, "late": T2, "other": None}

    async def test_revoking_a_users_tokens_spares_other_users(
        self, adapters: IdentityAdapters
    ) -> None:
        ann, bob = user("ann@example.com"), user("bob@example.com")
        await save(adapters, ann, bob)
        await save_tokens(
            adapters,
            token(ann, uuid7(), "ann-1"),
            token(ann, uuid7(), "ann-2"),
            token(bob, uuid7(), "bob-1"),
        )
        async with adapters.uow() as uow:
            await uow.refresh_tokens.revoke_all_for_user(ann.id, now=T1)
            await uow.commit()
        revoked_at = {
            name: await revocation(adapters, name) for name in ("ann-1", "ann-2", "bob-1")
        }
        assert revoked_at == {"ann-1": T1, "ann-2": T1, "bob-1": None}

    async def test_a_revocation_applies_to_tokens_added_in_the_same_unit_of_work(
        self, adapters: IdentityAdapters
    ) -> None:
        ann = user("ann@example.com")
        await save(adapters, ann)
        family = uuid7()
        async with adapters.uow() as uow:
            await uow.refresh_tokens.add(token(ann, family, "one"))
            await uow.refresh_tokens.revoke_family(family, now=T1)
            await uow.commit()
        assert await revocation(adapters, "one") == T1

    async def test_the_directory_knows_the_current_role_of_active_users_only(
        self, adapters: IdentityAdapters
    ) -> None:
        ann, bob = user("ann@example.com"), user("bob@example.com")
        await save(adapters, ann, bob)
        assert await adapters.directory.active_role(ann.id) is Role.CUSTOMER
        assert await adapters.directory.active_role(uuid7()) is None
        async with adapters.uow() as uow:
            loaded_ann, loaded_bob = await uow.users.get(ann.id), await uow.users.get(bob.id)
            assert loaded_ann is not None
            assert loaded_bob is not None
            loaded_ann.change(UserChanges(role=Role.ADMIN), now=T1)
            loaded_bob.change(UserChanges(is_active=False), now=T1)
            assert await adapters.directory.active_role(ann.id) is Role.CUSTOMER
            await uow.commit()
        assert await adapters.directory.active_role(ann.id) is Role.ADMIN
        assert await adapters.directory.active_role(bob.id) is None
