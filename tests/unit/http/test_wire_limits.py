"""The limits the OpenAPI document states hold for what the service really sends."""

import re
from decimal import Decimal
from http import HTTPStatus

import pytest
from uuid6 import uuid7

from adapters.clock import SystemClock
from adapters.security.jwt_tokens import JwtSettings, JwtTokenIssuer
from adapters.security.secrets import UrlSafeSecretGenerator
from application.identity.ports import UserView
from domain.shared.ids import UserId
from domain.shared.money import MAX_AMOUNT, Money
from domain.shared.roles import Role
from entrypoints.http.error_table import ERRORS, STATUS_CODES
from entrypoints.http.identity.oauth2 import REFRESH_TOKEN_PATTERN
from entrypoints.http.identity.schemas import (
    ACCESS_TOKEN_LIFETIME_SECONDS,
    ACCESS_TOKEN_MAX,
    JWT_PATTERN,
    TokenOut,
)
from entrypoints.http.schemas import AMOUNT_PATTERN, CODE_MAX, TITLE_MAX, Amount, view_fields


@pytest.mark.parametrize("role", list(Role))
def test_access_tokens_are_as_long_and_shaped_as_documented(role: Role) -> None:
    issuer = JwtTokenIssuer(JwtSettings(secret="s" * 32), SystemClock())
    token = issuer.issue(user_id=UserId(uuid7()), role=role)
    assert len(token.token) <= ACCESS_TOKEN_MAX
    assert re.fullmatch(JWT_PATTERN, token.token)
    assert 1 <= token.expires_in <= ACCESS_TOKEN_LIFETIME_SECONDS


def test_refresh_tokens_are_shaped_as_documented() -> None:
    assert re.fullmatch(REFRESH_TOKEN_PATTERN, UrlSafeSecretGenerator().new_secret())
    declared = TokenOut.model_json_schema()["properties"]["refresh_token"]
    assert declared["pattern"] == REFRESH_TOKEN_PATTERN


def test_every_problem_code_and_title_fits_the_problem_schema() -> None:
    codes = [getattr(error, "code", "") for error in ERRORS] + list(STATUS_CODES.values())
    assert all(re.fullmatch(rf"[a-z][a-z0-9_]{{0,{CODE_MAX - 1}}}", code) for code in codes)
    titles = [spec.title for spec in ERRORS.values()] + [status.phrase for status in HTTPStatus]
    assert max(map(len, titles)) <= TITLE_MAX


@pytest.mark.parametrize("amount", [MAX_AMOUNT, -MAX_AMOUNT, Decimal("0.01"), Decimal(7)])
def test_amounts_are_written_as_the_amount_pattern_says(amount: Decimal) -> None:
    written = str(Money(amount, "EUR").amount)
    assert re.fullmatch(AMOUNT_PATTERN, written)
    assert len(written) <= 14


def test_a_limit_for_a_field_a_view_does_not_have_is_refused() -> None:
    assert view_fields(UserView, email=Amount)["UserView"]["email"]["maxLength"] == 14
    with pytest.raises(TypeError, match="no field colour"):
        view_fields(UserView, colour=Amount)
