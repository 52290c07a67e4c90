"""The JWT adapter remembers the tokens it has verified, and gives nothing away for it.

A client presents the same access token on every request for its 15 minutes, so the
adapter keeps what a genuine token verified to (ADR 0022). These tests pin what that must
not change: expiry is judged on every use by the clock port, only the exact string that
verified is remembered, the memory is bounded, and the user directory still decides role
and whether the account is active on every request.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import jwt
import pytest

from adapters.security import jwt_tokens
from adapters.security.jwt_tokens import JwtSettings, JwtTokenIssuer
from application.identity.authenticate_token import AuthenticateToken
from application.identity.errors import InvalidTokenError
from application.shared.caller import Caller
from domain.identity.user import UserChanges
from domain.shared.ids import UserId
from domain.shared.roles import Role
from tests.fakes import FixedClock
from tests.unit.identity.conftest import Edge

SETTINGS = JwtSettings(secret="a-test-secret-that-is-at-least-32-bytes-long")
USER = UserId(UUID(int=7))


@pytest.fixture
def clock() -> FixedClock:
    """PyJWT checks `iat` and `exp` against the system time, so this clock starts there."""
    return FixedClock(datetime.now(UTC))


@pytest.fixture
def decodes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every token PyJWT is asked to decode, in order."""
    seen: list[str] = []
    decode: Callable[..., Any] = jwt_tokens.jwt.decode

    def counting(token: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(token)
        return decode(token, *args, **kwargs)

    monkeypatch.setattr(jwt_tokens.jwt, "decode", counting)
    return seen


def test_a_token_presented_again_is_not_decoded_again(
    clock: FixedClock, decodes: list[str]
) -> None:
    issuer = JwtTokenIssuer(SETTINGS, clock)
    token = issuer.issue(user_id=USER, role=Role.CUSTOMER).token
    first = issuer.verify(token)
    assert [issuer.verify(token) for _ in range(3)] == [first] * 3
    assert decodes == [token]


def test_a_remembered_token_is_refused_once_it_expires(clock: FixedClock) -> None:
    issuer = JwtTokenIssuer(SETTINGS, clock)
    token = issuer.issue(user_id=USER, role=Role.CUSTOMER).token
    issuer.verify(token)
    clock.advance(SETTINGS.lifetime + SETTINGS.leeway - timedelta(seconds=1))
    issuer.verify(token)  # the same few seconds of skew as on first sight
    clock.advance(timedelta(seconds=1))
    with pytest.raises(InvalidTokenError):
        issuer.verify(token)
    with pytest.raises(InvalidTokenError):  # and stays refused
        issuer.verify(token)


def test_expiry_is_judged_by_the_clock_port_on_first_sight_too(clock: FixedClock) -> None:
    token = JwtTokenIssuer(SETTINGS, clock).issue(user_id=USER, role=Role.CUSTOMER).token
    clock.advance(SETTINGS.lifetime + SETTINGS.leeway)
    with pytest.raises(InvalidTokenError):
        JwtTokenIssuer(SETTINGS, clock).verify(token)


def _forge_role(token: str) -> str:
    header, _, signature = token.split(".")
    payload = jwt.decode(token, options={"verify_signature": False}) | {"role": "admin"}
    forged = base64.urlsafe_b64encode(json.dumps(payload).encode()).rstrip(b"=").decode()
    return f"{header}.{forged}.{signature}"


def _flip_signature(token: str) -> str:
    return token[:-2] + ("AA" if not token.endswith("AA") else "BB")


@pytest.mark.parametrize(
    "tamper",
    [_forge_role, _flip_signature, lambda token: token + "A", lambda token: f" {token}"],
    ids=["payload", "signature", "appended", "padded"],
)
def test_a_tampered_token_is_refused_while_its_genuine_twin_is_remembered(
    clock: FixedClock, tamper: Callable[[str], str]
) -> None:
    issuer = JwtTokenIssuer(SETTINGS, clock)
    token = issuer.issue(user_id=USER, role=Role.CUSTOMER).token
    issuer.verify(token)
    with pytest.raises(InvalidTokenError):
        issuer.verify(tamper(token))
    assert issuer.verify(token).role is Role.CUSTOMER


def test_a_refused_token_is_not_remembered(clock: FixedClock, decodes: list[str]) -> None:
    issuer = JwtTokenIssuer(SETTINGS, clock)
    forged = _forge_role(issuer.issue(user_id=USER, role=Role.CUSTOMER).token)
    decodes.clear()  # forging read the payload through PyJWT too
    for _ in range(2):
        with pytest.raises(InvalidTokenError):
            issuer.verify(forged)
    assert decodes == [forged, forged]


def test_the_memory_is_bounded_and_keeps_the_tokens_in_use(
    clock: FixedClock, decodes: list[str]
) -> None:
    issuer = JwtTokenIssuer(JwtSettings(secret=SETTINGS.secret, remembered_tokens=2), clock)
    first, second, third = (issuer.issue(user_id=USER, role=Role.STAFF).token for _ in range(3))
    for token in (first, second, first, third):  # `second` is the least recently used
        issuer.verify(token)
    assert decodes == [first, second, third]
    issuer.verify(first)
    issuer.verify(third)
    issuer.verify(second)  # forgotten, so decoded again; `first` makes way for it
    issuer.verify(first)
    assert decodes == [first, second, third, second, first]


def test_remembering_can_be_switched_off(clock: FixedClock, decodes: list[str]) -> None:
    issuer = JwtTokenIssuer(JwtSettings(secret=SETTINGS.secret, remembered_tokens=0), clock)
    token = issuer.issue(user_id=USER, role=Role.STAFF).token
    issuer.verify(token)
    issuer.verify(token)
    assert decodes == [token, token]


# --- through the use case: the user directory still decides on every request ---------------


async def test_a_role_change_applies_to_a_remembered_token_on_the_next_request(
    edge: Edge, admin: Caller
) -> None:
    ann = await edge.register()
    tokens = JwtTokenIssuer(SETTINGS, edge.clock)
    authenticate = AuthenticateToken(edge.directory, tokens)
    token = tokens.issue(user_id=ann.id, role=ann.role).token
    assert (await authenticate(token)).role is Role.CUSTOMER
    await edge.change(admin, ann.id, UserChanges(role=Role.STAFF))
    assert (await authenticate(token)).role is Role.STAFF


async def test_deactivation_refuses_a_remembered_token_on_the_next_request(
    edge: Edge, admin: Caller
) -> None:
    ann = await edge.register()
    tokens = JwtTokenIssuer(SETTINGS, edge.clock)
    authenticate = AuthenticateToken(edge.directory, tokens)
    token = tokens.issue(user_id=ann.id, role=ann.role).token
    await authenticate(token)
    await edge.change(admin, ann.id, UserChanges(is_active=False))
    with pytest.raises(InvalidTokenError):
        await authenticate(token)
