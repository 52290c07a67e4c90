from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.shared.errors import DomainValidationError
from domain.shared.money import CurrencyMismatchError, Money

amounts = st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False)


def test_money_parses_the_wire_form_exactly() -> None:
    assert Money.of("19.99", "EUR") == Money(Decimal("19.99"), "EUR")
    assert str(Money.of("5", "USD")) == "5.00 USD"


@pytest.mark.parametrize(
    ("amount", "currency"),
    [
        ("1.999", "EUR"),
        ("abc", "EUR"),
        ("NaN", "EUR"),
        ("Infinity", "EUR"),
        ("1", "eur"),
        ("1", "EURO"),
        ("100000000000", "EUR"),
    ],
)
def test_invalid_money_is_refused(amount: str, currency: str) -> None:
    with pytest.raises(DomainValidationError):
        Money.of(amount, currency)


def test_a_float_never_becomes_money() -> None:
    with pytest.raises(DomainValidationError, match="never floats"):
        Money(19.99, "EUR")  # type: ignore[arg-type]


def test_amounts_in_different_currencies_do_not_mix() -> None:
    with pytest.raises(CurrencyMismatchError):
        Money.of("1", "EUR") + Money.of("1", "USD")


def test_zero_is_not_positive() -> None:
    assert not Money.zero("EUR").is_positive
    assert Money.of("0.01", "EUR").is_positive


@given(amounts, amounts, st.integers(min_value=0, max_value=1000))
def test_arithmetic_is_exact(a: Decimal, b: Decimal, n: int) -> None:
    left, right = Money(a, "EUR"), Money(b, "EUR")
    assert (left + right).amount == a + b
    assert (left - right).amount == a - b
    assert (left * n).amount == a * n
    assert (left + right) - right == left
