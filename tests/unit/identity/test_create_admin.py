"""Bootstrapping an admin from the command line."""

import pytest

from application.identity.errors import InvalidTokenError
from application.shared.caller import Caller
from domain.identity.user import UserChanges, WeakPasswordError
from domain.shared.roles import Role
from tests.unit.identity.conftest import STRONG_PASSWORD, Edge

ADMIN_PASSWORD = "a very long admin passphrase"


async def test_a_new_email_gets_an_active_admin_account(edge: Edge) -> None:
    view = await edge.create_admin(" Root@Example.com", ADMIN_PASSWORD)
    assert (view.email, view.role, view.is_active) == ("root@example.com", Role.ADMIN, True)
    await edge.login("root@example.com", ADMIN_PASSWORD)


async def test_running_it_again_changes_nothing(edge: Edge) -> None:
    first = await edge.create_admin("root@example.com", ADMIN_PASSWORD)
    again = await edge.create_admin("root@example.com", ADMIN_PASSWORD)
    assert again == first


async def test_an_existing_user_is_promoted_and_keeps_their_account(edge: Edge) -> None:
    ann = await edge.register()
    promoted = await edge.create_admin(ann.email, STRONG_PASSWORD)
    assert (promoted.id, promoted.full_name, promoted.role) == (ann.id, ann.full_name, Role.ADMIN)


async def test_a_deactivated_user_is_reactivated(edge: Edge) -> None:
    root = await edge.create_admin("root@example.com", ADMIN_PASSWORD)
    ann = await edge.register()
    await edge.change(
        Caller(user_id=root.id, role=Role.ADMIN), ann.id, UserChanges(is_active=False)
    )
    assert (await edge.create_admin(ann.email, STRONG_PASSWORD)).is_active


async def test_an_existing_user_gets_the_given_password_and_loses_old_sessions(
    edge: Edge,
) -> None:
    await edge.register()
    old_session = await edge.login()
    await edge.create_admin("ann@example.com", ADMIN_PASSWORD)
    await edge.login(password=ADMIN_PASSWORD)
    with pytest.raises(InvalidTokenError):
        await edge.refresh(old_session.refresh_token)


async def test_an_unchanged_password_keeps_sessions(edge: Edge) -> None:
    await edge.register()
    session = await edge.login()
    await edge.create_admin("ann@example.com", STRONG_PASSWORD)
    await edge.refresh(session.refresh_token)


async def test_the_password_policy_applies(edge: Edge) -> None:
    with pytest.raises(WeakPasswordError):
        await edge.create_admin("root@example.com", "admin1234567")
