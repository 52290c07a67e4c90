"""The Argon2id adapter, with parameters cheap enough for a unit test."""

import pytest

from adapters.security.argon2_hasher import Argon2Parameters, Argon2PasswordHasher

CHEAP = Argon2Parameters(time_cost=1, memory_cost_kib=8, parallelism=1)


@pytest.fixture
def hasher() -> Argon2PasswordHasher:
    return Argon2PasswordHasher(CHEAP)


async def test_a_hash_verifies_its_password_only(hasher: Argon2PasswordHasher) -> None:
    password_hash = await hasher.hash("correct horse battery staple")
    assert password_hash.startswith("$argon2id$")
    assert await hasher.verify(password_hash, "correct horse battery staple")
    assert not await hasher.verify(password_hash, "correct horse battery stapler")


async def test_the_same_password_hashes_differently_each_time(
    hasher: Argon2PasswordHasher,
) -> None:
    assert await hasher.hash("same password") != await hasher.hash("same password")


async def test_a_malformed_hash_verifies_nothing(hasher: Argon2PasswordHasher) -> None:
    assert not await hasher.verify("not-a-hash", "anything")


async def test_the_dummy_verification_raises_nothing(hasher: Argon2PasswordHasher) -> None:
    await hasher.verify_dummy("whatever was typed")


async def test_a_hash_made_with_other_parameters_needs_rehashing(
    hasher: Argon2PasswordHasher,
) -> None:
    stronger = Argon2PasswordHasher(Argon2Parameters(time_cost=2, memory_cost_kib=8, parallelism=1))
    old_hash = await hasher.hash("correct horse battery staple")
    assert stronger.needs_rehash(old_hash)
    assert not stronger.needs_rehash(await stronger.hash("correct horse battery staple"))
    assert stronger.needs_rehash("not-a-hash")
