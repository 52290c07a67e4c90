"""Reading one's own account, and admins listing and changing accounts."""

from datetime import timedelta

import pytest

from adapters.memory.identity import InMemoryUserQueries
from adapters.memory.store import InMemoryStore
from application.identity.errors import InvalidTokenError
from application.identity.get_me import GetMe
from application.identity.list_users import ListUsers
from application.identity.ports import UserCriteria, UserView
from application.shared.caller import Caller, NotAuthenticatedError
from application.shared.errors import PermissionDeniedError, PreconditionFailedError
from application.shared.pagination import Keyset, Page, PageRequest
from domain.identity.user import InvalidUserError, UserChanges, UserNotFoundError
from domain.shared.ids import UserId
from domain.shared.roles import Role
from tests.unit.identity.conftest import Edge


async def list_users(
    edge: Edge, caller: Caller, criteria: UserCriteria, page: PageRequest | None = None
) -> Page[UserView]:
    return await ListUsers(InMemoryUserQueries(edge.store))(caller, criteria, page or PageRequest())


async def get_me(edge: Edge, caller: Caller) -> UserView:
    return await GetMe(InMemoryUserQueries(edge.store))(caller)


def as_principal(view: UserView) -> Caller:
    return Caller(user_id=view.id, role=view.role)


async def test_a_user_reads_their_own_account(edge: Edge) -> None:
    ann = await edge.register()
    assert await get_me(edge, as_principal(ann)) == ann


async def test_an_anonymous_caller_has_no_account_to_read(edge: Edge) -> None:
    with pytest.raises(NotAuthenticatedError):
        await get_me(edge, Caller.anonymous())


async def test_admins_list_users_oldest_first_a_page_at_a_time(edge: Edge, admin: Caller) -> None:
    for name in ("ann", "bob", "cat"):
        edge.clock.advance(timedelta(seconds=1))
        await edge.register(email=f"{name}@example.com", full_name=name.title())
    seen: list[str] = []
    after: Keyset | None = None
    while True:
        page = await list_users(edge, admin, UserCriteria(), PageRequest(limit=2, after=after))
        seen += [view.email for view in page.items]
        if page.next_key is None:
            break
        after = page.next_key
    assert seen == ["root@example.com", "ann@example.com", "bob@example.com", "cat@example.com"]


async def test_users_are_filtered_by_role(edge: Edge, admin: Caller) -> None:
    await edge.register()
    page = await list_users(edge, admin, UserCriteria(role=Role.ADMIN))
    assert [view.email for view in page.items] == ["root@example.com"]


@pytest.mark.parametrize("q", ["ANN@", "n EXA"])
async def test_q_matches_email_or_name_case_insensitively(
    edge: Edge, admin: Caller, q: str
) -> None:
    await edge.register(email="ann@example.com", full_name="Ann Example")
    await edge.register(email="bob@elsewhere.org", full_name="Bob")
    page = await list_users(edge, admin, UserCriteria(q=q))
    assert [view.email for view in page.items] == ["ann@example.com"]


async def test_q_is_a_literal_not_a_pattern(edge: Edge, admin: Caller) -> None:
    await edge.register(email="ann@example.com")
    assert (await list_users(edge, admin, UserCriteria(q="a%"))).items == []


@pytest.mark.parametrize("role", [Role.STAFF, Role.CUSTOMER])
async def test_only_admins_list_users(edge: Edge, role: Role) -> None:
    ann = await edge.register()
    with pytest.raises(PermissionDeniedError):
        await list_users(edge, Caller(user_id=ann.id, role=role), UserCriteria())


async def test_admins_change_a_users_role_and_name(edge: Edge, admin: Caller) -> None:
    ann = await edge.register()
    changed = await edge.change(
        admin, ann.id, UserChanges(role=Role.STAFF, full_name="Ann Staff"), expected_version=1
    )
    assert (changed.role, changed.full_name, changed.version) == (Role.STAFF, "Ann Staff", 2)


async def test_staff_may_not_change_users(edge: Edge) -> None:
    ann = await edge.register()
    with pytest.raises(PermissionDeniedError):
        await edge.change(
            Caller(user_id=ann.id, role=Role.STAFF), ann.id, UserChanges(role=Role.ADMIN)
        )


async def test_changing_an_unknown_user_is_not_found(edge: Edge, admin: Caller) -> None:
    with pytest.raises(UserNotFoundError):
        await edge.change(admin, UserId(edge.ids.new_id()), UserChanges(is_active=False))


async def test_a_change_with_a_stale_version_is_refused(edge: Edge, admin: Caller) -> None:
    ann = await edge.register()
    await edge.change(admin, ann.id, UserChanges(full_name="Ann B"))
    with pytest.raises(PreconditionFailedError):
        await edge.change(admin, ann.id, UserChanges(role=Role.STAFF), expected_version=1)


async def test_an_invalid_name_is_refused(edge: Edge, admin: Caller) -> None:
    ann = await edge.register()
    with pytest.raises(InvalidUserError):
        await edge.change(admin, ann.id, UserChanges(full_name=" "))


async def test_a_role_change_takes_effect_on_the_next_request(edge: Edge, admin: Caller) -> None:
    ann = await edge.register()
    access_token = (await edge.login()).access_token
    await edge.change(admin, ann.id, UserChanges(role=Role.STAFF))
    assert (await edge.authenticate(access_token)).role is Role.STAFF


async def test_deactivation_refuses_access_tokens_on_the_next_request(
    edge: Edge, admin: Caller
) -> None:
    ann = await edge.register()
    access_token = (await edge.login()).access_token
    await edge.change(admin, ann.id, UserChanges(is_active=False))
    with pytest.raises(InvalidTokenError):
        await edge.authenticate(access_token)


async def test_deactivation_revokes_every_refresh_token_of_the_user(
    edge: Edge, admin: Caller, store: InMemoryStore
) -> None:
    ann = await edge.register()
    await edge.login()
    await edge.login()
    await edge.change(admin, ann.id, UserChanges(is_active=False))
    mine = [token for token in store.table("refresh_tokens").values() if token.user_id == ann.id]
    assert len(mine) == 2
    assert all(token.revoked_at == edge.clock.now() for token in mine)


async def test_a_failed_change_revokes_nothing(
    edge: Edge, admin: Caller, store: InMemoryStore
) -> None:
    ann = await edge.register()
    pair = await edge.login()
    with pytest.raises(PreconditionFailedError):
        await edge.change(admin, ann.id, UserChanges(is_active=False), expected_version=7)
    await edge.refresh(pair.refresh_token)


async def test_an_unknown_access_token_is_refused(edge: Edge) -> None:
    with pytest.raises(InvalidTokenError):
        await edge.authenticate("forged")


async def test_a_token_of_a_user_who_no_longer_exists_is_refused(
    edge: Edge, store: InMemoryStore
) -> None:
    ann = await edge.register()
    access_token = (await edge.login()).access_token
    del store.table("users")[ann.id]
    with pytest.raises(InvalidTokenError):
        await edge.authenticate(access_token)
