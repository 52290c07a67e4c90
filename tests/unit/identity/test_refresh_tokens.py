"""Rotating refresh tokens, and catching a stolen one when it is replayed."""

from datetime import timedelta

import pytest

from adapters.memory.store import InMemoryStore
from application.identity.errors import InvalidTokenError, RefreshTokenReusedError
from application.identity.ports import UserView
from application.identity.refresh_tokens import RefreshTokens, RefreshTokensCommand
from application.identity.tokens import TokenPair, hash_refresh_token
from application.shared.caller import Caller
from domain.identity.user import UserChanges
from domain.shared.errors import ConcurrentModificationError
from tests.fakes import memory_uow
from tests.unit.identity.conftest import Edge


@pytest.fixture
async def ann(edge: Edge) -> UserView:
    return await edge.register()


@pytest.fixture
async def session(edge: Edge, ann: UserView) -> TokenPair:
    return await edge.login()


async def test_a_refresh_token_buys_a_new_pair_in_the_same_family(
    edge: Edge, session: TokenPair, store: InMemoryStore
) -> None:
    renewed = await edge.refresh(session.refresh_token)
    assert renewed.refresh_token != session.refresh_token
    assert renewed.access_token != session.access_token
    old = store.table("refresh_tokens")[hash_refresh_token(session.refresh_token)]
    new = store.table("refresh_tokens")[hash_refresh_token(renewed.refresh_token)]
    assert old.family_id == new.family_id
    assert old.used_at == edge.clock.now()
    await edge.authenticate(renewed.access_token)


async def test_a_rotated_token_chain_keeps_working(edge: Edge, session: TokenPair) -> None:
    token = session.refresh_token
    for _ in range(3):
        token = (await edge.refresh(token)).refresh_token


async def test_reusing_a_rotated_refresh_token_revokes_the_whole_family(
    edge: Edge, session: TokenPair
) -> None:
    renewed = await edge.refresh(session.refresh_token)
    with pytest.raises(RefreshTokenReusedError) as refused:
        await edge.refresh(session.refresh_token)
    assert refused.value.code == "invalid_token"
    with pytest.raises(InvalidTokenError):
        await edge.refresh(renewed.refresh_token)


async def test_reuse_leaves_the_users_other_sessions_alone(edge: Edge, session: TokenPair) -> None:
    other_device = await edge.login()
    await edge.refresh(session.refresh_token)
    with pytest.raises(RefreshTokenReusedError):
        await edge.refresh(session.refresh_token)
    await edge.refresh(other_device.refresh_token)


async def test_the_revocation_on_reuse_outlives_the_refused_requests_rollback(
    edge: Edge, session: TokenPair, store: InMemoryStore
) -> None:
    """The refusing unit of work never commits; the revocation has a transaction of its own."""
    renewed = await edge.refresh(session.refresh_token)
    async with memory_uow(store) as uow:
        with pytest.raises(RefreshTokenReusedError):
            await RefreshTokens(uow, edge.sessions, edge.revoke_family, edge.clock)(
                RefreshTokensCommand(refresh_token=session.refresh_token),
            )
        assert not uow.committed
    revoked = store.table("refresh_tokens")[hash_refresh_token(renewed.refresh_token)].revoked_at
    assert revoked == edge.clock.now()


async def test_an_unknown_refresh_token_is_refused(edge: Edge, session: TokenPair) -> None:
    with pytest.raises(InvalidTokenError):
        await edge.refresh("A" * 43)


async def test_a_refresh_token_expires_after_30_days(edge: Edge, session: TokenPair) -> None:
    edge.clock.advance(timedelta(days=30))
    with pytest.raises(InvalidTokenError):
        await edge.refresh(session.refresh_token)


async def test_a_refresh_token_works_until_it_expires(edge: Edge, session: TokenPair) -> None:
    edge.clock.advance(timedelta(days=30) - timedelta(seconds=1))
    await edge.refresh(session.refresh_token)


async def test_a_deactivated_users_refresh_tokens_are_refused(
    edge: Edge, ann: UserView, session: TokenPair, admin: Caller
) -> None:
    await edge.change(admin, ann.id, UserChanges(is_active=False))
    with pytest.raises(InvalidTokenError):
        await edge.refresh(session.refresh_token)


async def test_a_reactivated_user_must_sign_in_again(
    edge: Edge, ann: UserView, session: TokenPair, admin: Caller
) -> None:
    await edge.change(admin, ann.id, UserChanges(is_active=False))
    await edge.change(admin, ann.id, UserChanges(is_active=True))
    with pytest.raises(InvalidTokenError):
        await edge.refresh(session.refresh_token)
    await edge.login()


async def test_of_two_concurrent_rotations_of_one_token_only_one_commits(
    edge: Edge, session: TokenPair, store: InMemoryStore
) -> None:
    command = RefreshTokensCommand(refresh_token=session.refresh_token)
    async with memory_uow(store) as first, memory_uow(store) as second:
        for uow in (first, second):
            await RefreshTokens(uow, edge.sessions, edge.revoke_family, edge.clock)(command)
        await first.commit()
        with pytest.raises(ConcurrentModificationError):
            await second.commit()
    assert len(store.table("refresh_tokens")) == 2
