"""Registering a customer account."""

import pytest

from adapters.memory.store import InMemoryStore
from application.identity.register_user import RegisterUser, RegisterUserCommand
from domain.identity.user import EmailTakenError, WeakPasswordError
from domain.shared.roles import Role
from tests.fakes import memory_uow
from tests.unit.identity.conftest import STRONG_PASSWORD, Edge


async def test_a_new_account_is_an_active_customer(edge: Edge, store: InMemoryStore) -> None:
    view = await edge.register(email=" Ann@Example.com ", full_name=" Ann Example ")
    assert (view.email, view.full_name, view.role, view.is_active, view.version) == (
        "ann@example.com",
        "Ann Example",
        Role.CUSTOMER,
        True,
        1,
    )
    assert view.id in store.table("users")


async def test_only_a_hash_of_the_password_is_stored(edge: Edge, store: InMemoryStore) -> None:
    view = await edge.register()
    assert (
        store.table("users")[view.id].password_hash == f"v1${STRONG_PASSWORD}"
    )  # the fake's "hash"


async def test_an_email_is_taken_whatever_its_case(edge: Edge) -> None:
    await edge.register(email="ann@example.com")
    with pytest.raises(EmailTakenError):
        await edge.register(email="ANN@example.com")


async def test_a_taken_email_is_refused_before_the_password_is_judged(edge: Edge) -> None:
    await edge.register(email="ann@example.com")
    with pytest.raises(EmailTakenError):
        await edge.register(email="ann@example.com", password="short")


async def test_two_concurrent_sign_ups_with_one_email_leave_one_account(
    edge: Edge, store: InMemoryStore
) -> None:
    command = RegisterUserCommand(
        email="ann@example.com", password=STRONG_PASSWORD, full_name="Ann Example"
    )
    async with memory_uow(store) as first, memory_uow(store) as second:
        for uow in (first, second):
            await RegisterUser(uow, edge.hasher, edge.strength, edge.clock, edge.ids)(command)
        await first.commit()
        with pytest.raises(EmailTakenError):
            await second.commit()
    assert len(store.table("users")) == 1


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("Sh0rt!pass", "shorter than 12 characters"),
        ("x9#" * 43, "longer than 128 characters"),
        ("password1234", "a common password"),
        ("qwertyuiopasdf", "a keyboard walk"),
        ("quentinzabriskie", "the user's own name"),
        ("quentin.zabriskie@example.com", "the user's own email"),
    ],
)
async def test_weak_passwords_are_refused(edge: Edge, password: str, why: str) -> None:
    with pytest.raises(WeakPasswordError):
        await edge.register(
            email="quentin.zabriskie@example.com",
            password=password,
            full_name="Quentin Zabriskie",
        )


async def test_a_password_of_exactly_128_characters_is_accepted(edge: Edge) -> None:
    await edge.register(password="correct horse battery staple " * 4 + "x" * 12)


async def test_a_refused_password_says_what_is_wrong(edge: Edge) -> None:
    with pytest.raises(WeakPasswordError, match="very common password"):
        await edge.register(password="password1234")
