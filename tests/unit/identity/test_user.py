"""The User aggregate's invariants."""

from datetime import UTC, datetime, timedelta

import pytest
from uuid6 import uuid7

from domain.identity.user import (
    InvalidEmailError,
    InvalidUserError,
    User,
    UserChanges,
    normalise_email,
)
from domain.shared.ids import UserId
from domain.shared.roles import Role

T0 = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
LATER = T0 + timedelta(hours=1)


def user(**overrides: str) -> User:
    fields = {"email": "ann@example.com", "full_name": "Ann Example", **overrides}
    return User.register(
        id=UserId(uuid7()),
        email=fields["email"],
        full_name=fields["full_name"],
        password_hash="hash",
        now=T0,
    )


def test_a_registered_user_is_an_active_customer_at_version_1() -> None:
    ann = user()
    assert (ann.role, ann.is_active, ann.version) == (Role.CUSTOMER, True, 1)


def test_emails_are_stored_trimmed_and_lower_cased() -> None:
    assert user(email="  Ann@Example.COM ").email == "ann@example.com"


@pytest.mark.parametrize(
    "email",
    [
        "",
        "ann",
        "ann@",
        "@example.com",
        "ann@example",
        "ann@@example.com",
        "a n@example.com",
        "ann@example..com",
        f"{'a' * 250}@example.com",
    ],
)
def test_malformed_emails_are_refused(email: str) -> None:
    with pytest.raises(InvalidEmailError):
        normalise_email(email)


def test_names_are_trimmed() -> None:
    assert user(full_name="  Ann Example ").full_name == "Ann Example"


@pytest.mark.parametrize("full_name", ["", "   ", "x" * 201])
def test_names_must_be_1_to_200_characters(full_name: str) -> None:
    with pytest.raises(InvalidUserError):
        user(full_name=full_name)


def test_a_change_applies_every_field_and_bumps_the_version() -> None:
    ann = user()
    ann.change(UserChanges(role=Role.STAFF, is_active=False, full_name=" Ann B "), now=LATER)
    assert (ann.role, ann.is_active, ann.full_name) == (Role.STAFF, False, "Ann B")
    assert (ann.version, ann.updated_at) == (2, LATER)


def test_a_change_with_an_invalid_name_changes_nothing() -> None:
    ann = user()
    with pytest.raises(InvalidUserError):
        ann.change(UserChanges(role=Role.ADMIN, full_name=""), now=LATER)
    assert (ann.role, ann.version) == (Role.CUSTOMER, 1)


def test_rehashing_replaces_the_hash_and_bumps_the_version() -> None:
    ann = user()
    ann.rehash("stronger", now=LATER)
    assert (ann.password_hash, ann.version) == ("stronger", 2)


def test_promoting_makes_an_active_admin() -> None:
    ann = user()
    ann.change(UserChanges(is_active=False), now=LATER)
    ann.promote_to_admin(now=LATER)
    assert (ann.role, ann.is_active, ann.version) == (Role.ADMIN, True, 3)


def test_promoting_an_active_admin_changes_nothing() -> None:
    ann = user()
    ann.promote_to_admin(now=LATER)
    ann.promote_to_admin(now=LATER)
    assert ann.version == 2
