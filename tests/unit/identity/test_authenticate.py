"""Signing in with email and password."""

import pytest

from adapters.memory.store import InMemoryStore
from application.identity.errors import InvalidCredentialsError
from application.identity.tokens import hash_refresh_token
from application.shared.caller import Caller
from domain.identity.user import UserChanges
from domain.shared.roles import Role
from tests.unit.identity.conftest import STRONG_PASSWORD, Edge


async def test_signing_in_returns_an_access_token_and_a_refresh_token(
    edge: Edge, store: InMemoryStore
) -> None:
    ann = await edge.register()
    pair = await edge.login()
    assert pair.expires_in == 900
    assert len(pair.refresh_token) >= 43
    stored = store.table("refresh_tokens")[hash_refresh_token(pair.refresh_token)]
    assert stored.user_id == ann.id
    assert (stored.used_at, stored.revoked_at) == (None, None)
    assert (await edge.authenticate(pair.access_token)).user_id == ann.id


async def test_the_refresh_token_itself_is_never_stored(edge: Edge, store: InMemoryStore) -> None:
    await edge.register()
    pair = await edge.login()
    assert pair.refresh_token not in store.table("refresh_tokens")


async def test_each_sign_in_starts_a_new_token_family(edge: Edge, store: InMemoryStore) -> None:
    await edge.register()
    first, second = await edge.login(), await edge.login()
    families = {
        store.table("refresh_tokens")[hash_refresh_token(pair.refresh_token)].family_id
        for pair in (first, second)
    }
    assert len(families) == 2


async def test_the_email_is_matched_whatever_its_case(edge: Edge) -> None:
    await edge.register(email="ann@example.com")
    await edge.login(email="  ANN@Example.com")


async def test_an_unknown_email_and_a_wrong_password_are_refused_alike(edge: Edge) -> None:
    await edge.register()
    with pytest.raises(InvalidCredentialsError) as unknown:
        await edge.login(email="nobody@example.com")
    with pytest.raises(InvalidCredentialsError) as wrong:
        await edge.login(password="not the right password")
    assert (unknown.value.code, str(unknown.value)) == (wrong.value.code, str(wrong.value))


@pytest.mark.parametrize("email", ["nobody@example.com", "not an email"])
async def test_an_unknown_email_costs_one_password_verification(edge: Edge, email: str) -> None:
    with pytest.raises(InvalidCredentialsError):
        await edge.login(email=email)
    assert edge.hasher.verifications == 1


async def test_a_deactivated_user_cannot_sign_in_even_with_the_right_password(
    edge: Edge, admin: Caller
) -> None:
    ann = await edge.register()
    await edge.change(admin, ann.id, UserChanges(is_active=False))
    with pytest.raises(InvalidCredentialsError):
        await edge.login()


async def test_an_outdated_hash_is_upgraded_on_sign_in(edge: Edge, store: InMemoryStore) -> None:
    ann = await edge.register()
    edge.hasher.scheme = "v2"
    await edge.login()
    assert store.table("users")[ann.id].password_hash == f"v2${STRONG_PASSWORD}"
    assert store.table("users")[ann.id].version == 2


async def test_a_current_hash_is_left_alone(edge: Edge, store: InMemoryStore) -> None:
    ann = await edge.register()
    await edge.login()
    assert store.table("users")[ann.id].version == 1


async def test_a_failed_sign_in_upgrades_nothing(edge: Edge, store: InMemoryStore) -> None:
    ann = await edge.register()
    edge.hasher.scheme = "v2"
    with pytest.raises(InvalidCredentialsError):
        await edge.login(password="not the right password")
    assert store.table("users")[ann.id].password_hash.startswith("v1$")


async def test_the_token_carries_the_users_role(edge: Edge) -> None:
    await edge.register()
    caller = await edge.authenticate((await edge.login()).access_token)
    assert caller.role is Role.CUSTOMER
