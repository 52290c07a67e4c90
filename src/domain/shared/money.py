"""Money as a value object: an exact decimal amount in one ISO 4217 currency.

Amounts are `Decimal` quantised to two places so that arithmetic never drifts and a float
can never sneak in: constructing `Money` from a float is refused outright.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from domain.shared.errors import DomainValidationError

_CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("9999999999.99")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


class CurrencyMismatchError(DomainValidationError):
    """Two amounts in different currencies cannot be combined."""

    code = "currency_mismatch"


@dataclass(frozen=True, slots=True)
class Money:
    """Positional (amount, currency) so the ORM can rebuild it from two columns."""

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal):
            raise DomainValidationError("money amounts must be decimals, never floats")
        if not self.amount.is_finite():
            raise DomainValidationError("money amounts must be finite")
        quantised = self.amount.quantize(_CENT, rounding=ROUND_HALF_EVEN)
        if quantised != self.amount:
            raise DomainValidationError("money amounts have at most two decimal places")
        if abs(quantised) > MAX_AMOUNT:
            raise DomainValidationError("money amount is out of range")
        if not _CURRENCY.fullmatch(self.currency):
            raise DomainValidationError("currency must be an ISO 4217 code like 'EUR'")
        object.__setattr__(self, "amount", quantised)

    @classmethod
    def of(cls, amount: str, currency: str) -> Money:
        """Parses the decimal-string form used on the wire."""
        try:
            value = Decimal(amount)
        except InvalidOperation:
            raise DomainValidationError(f"{amount!r} is not a decimal amount") from None
        return cls(value, currency)

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(Decimal("0.00"), currency)

    @property
    def is_positive(self) -> bool:
        return self.amount > 0

    def __add__(self, other: Money) -> Money:
        self._require_same_currency(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._require_same_currency(other)
        return Money(self.amount - other.amount, self.currency)

    def __mul__(self, factor: int) -> Money:
        return Money(self.amount * factor, self.currency)

    def _require_same_currency(self, other: Money) -> None:
        if other.currency != self.currency:
            raise CurrencyMismatchError(
                f"cannot combine {self.currency} with {other.currency}",
            )

    def __str__(self) -> str:
        return f"{self.amount:.2f} {self.currency}"
