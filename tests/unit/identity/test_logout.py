"""Signing out."""

import pytest

from application.identity.errors import InvalidTokenError
from tests.unit.identity.conftest import Edge


async def test_logging_out_revokes_every_token_of_the_session(edge: Edge) -> None:
    await edge.register()
    first = await edge.login()
    second = await edge.refresh(first.refresh_token)
    await edge.logout(first.refresh_token)
    with pytest.raises(InvalidTokenError):
        await edge.refresh(second.refresh_token)


async def test_a_logged_out_token_cannot_be_refreshed(edge: Edge) -> None:
    await edge.register()
    pair = await edge.login()
    await edge.logout(pair.refresh_token)
    with pytest.raises(InvalidTokenError):
        await edge.refresh(pair.refresh_token)


async def test_logging_out_leaves_other_sessions_alone(edge: Edge) -> None:
    await edge.register()
    laptop, phone = await edge.login(), await edge.login()
    await edge.logout(laptop.refresh_token)
    await edge.refresh(phone.refresh_token)


async def test_logging_out_with_an_unknown_token_succeeds(edge: Edge) -> None:
    await edge.logout("not-a-token-we-ever-issued")


async def test_logging_out_twice_succeeds(edge: Edge) -> None:
    await edge.register()
    pair = await edge.login()
    await edge.logout(pair.refresh_token)
    await edge.logout(pair.refresh_token)
