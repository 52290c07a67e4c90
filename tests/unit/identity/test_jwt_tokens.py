"""The JWT adapter against the attacks a bearer-token scheme must survive."""

import base64
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
import pytest
from uuid6 import uuid7

from adapters.clock import SystemClock
from adapters.security.jwt_tokens import JwtSettings, JwtTokenIssuer
from application.identity.errors import InvalidTokenError
from domain.shared.ids import UserId
from domain.shared.roles import Role
from tests.fakes import FixedClock

SECRET = "a-test-secret-that-is-at-least-32-bytes-long"
SETTINGS = JwtSettings(secret=SECRET)
USER = UserId(uuid7())


@pytest.fixture
def issuer() -> JwtTokenIssuer:
    return JwtTokenIssuer(SETTINGS, SystemClock())


def claims(**overrides: Any) -> dict[str, Any]:
    now = datetime.now(UTC)
    return {
        "sub": str(USER),
        "role": "admin",
        "iat": now,
        "exp": now + timedelta(minutes=15),
        "jti": "an-id",
        "iss": SETTINGS.issuer,
        "aud": SETTINGS.audience,
        **overrides,
    }


def signed(payload: dict[str, Any], secret: str = SECRET, algorithm: str = "HS256") -> str:
    return jwt.encode(payload, secret, algorithm=algorithm)


def test_an_issued_token_verifies_to_its_claims(issuer: JwtTokenIssuer) -> None:
    access = issuer.issue(user_id=USER, role=Role.STAFF)
    verified = issuer.verify(access.token)
    assert (verified.user_id, verified.role, access.expires_in) == (USER, Role.STAFF, 900)
    assert verified.expires_at - datetime.now(UTC) <= timedelta(seconds=900)


def test_a_token_carries_every_claim_the_spec_names(issuer: JwtTokenIssuer) -> None:
    token = issuer.issue(user_id=USER, role=Role.CUSTOMER).token
    payload = jwt.decode(token, options={"verify_signature": False})
    assert set(payload) == {"sub", "role", "iat", "exp", "jti", "iss", "aud"}
    assert payload["exp"] - payload["iat"] == 900
    assert jwt.get_unverified_header(token)["alg"] == "HS256"


def test_every_token_gets_its_own_id(issuer: JwtTokenIssuer) -> None:
    first = issuer.verify(issuer.issue(user_id=USER, role=Role.ADMIN).token)
    second = issuer.verify(issuer.issue(user_id=USER, role=Role.ADMIN).token)
    assert first.jti != second.jti


def test_an_unsigned_alg_none_token_is_refused(issuer: JwtTokenIssuer) -> None:
    with pytest.raises(InvalidTokenError):
        issuer.verify(jwt.encode(claims(), key=None, algorithm="none"))


@pytest.mark.filterwarnings("ignore::jwt.InsecureKeyLengthWarning")
def test_a_token_signed_with_another_hmac_algorithm_is_refused(issuer: JwtTokenIssuer) -> None:
    with pytest.raises(InvalidTokenError):
        issuer.verify(signed(claims(), algorithm="HS512"))


def test_a_tampered_payload_is_refused(issuer: JwtTokenIssuer) -> None:
    token = issuer.issue(user_id=USER, role=Role.CUSTOMER).token
    header, _, signature = token.split(".")
    payload = jwt.decode(token, options={"verify_signature": False}) | {"role": "admin"}
    forged = base64.urlsafe_b64encode(json.dumps(payload).encode()).rstrip(b"=").decode()
    with pytest.raises(InvalidTokenError):
        issuer.verify(f"{header}.{forged}.{signature}")


def test_a_tampered_signature_is_refused(issuer: JwtTokenIssuer) -> None:
    token = issuer.issue(user_id=USER, role=Role.CUSTOMER).token
    flipped = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    with pytest.raises(InvalidTokenError):
        issuer.verify(flipped)


def test_a_token_signed_with_a_foreign_secret_is_refused(issuer: JwtTokenIssuer) -> None:
    with pytest.raises(InvalidTokenError):
        issuer.verify(signed(claims(), secret="another-secret-of-at-least-32-bytes!!"))


def test_an_expired_token_is_refused() -> None:
    past = FixedClock(datetime.now(UTC) - timedelta(minutes=16))
    token = JwtTokenIssuer(SETTINGS, past).issue(user_id=USER, role=Role.ADMIN).token
    with pytest.raises(InvalidTokenError):
        JwtTokenIssuer(SETTINGS, SystemClock()).verify(token)


def test_a_few_seconds_of_clock_skew_are_tolerated(issuer: JwtTokenIssuer) -> None:
    now = datetime.now(UTC)
    issuer.verify(signed(claims(iat=now + timedelta(seconds=3), exp=now - timedelta(seconds=3))))


@pytest.mark.parametrize(
    "overrides",
    [
        {"aud": "someone-else"},
        {"iss": "someone-else"},
        {"sub": "not-a-uuid"},
        {"sub": 42},
        {"role": "superuser"},
    ],
)
def test_a_token_with_a_wrong_claim_is_refused(
    issuer: JwtTokenIssuer, overrides: dict[str, Any]
) -> None:
    with pytest.raises(InvalidTokenError):
        issuer.verify(signed(claims(**overrides)))


@pytest.mark.parametrize("missing", ["sub", "role", "iat", "exp", "jti", "iss", "aud"])
def test_a_token_missing_a_claim_is_refused(issuer: JwtTokenIssuer, missing: str) -> None:
    payload = claims()
    del payload[missing]
    with pytest.raises(InvalidTokenError):
        issuer.verify(signed(payload))


@pytest.mark.parametrize("garbage", ["", "abc", "a.b.c", "Bearer x.y.z"])
def test_garbage_is_refused(issuer: JwtTokenIssuer, garbage: str) -> None:
    with pytest.raises(InvalidTokenError):
        issuer.verify(garbage)
