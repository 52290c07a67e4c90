"""Wire shapes shared by every context: money, pages, problems."""

from __future__ import annotations

from typing import Annotated, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from domain.shared.money import Money

T = TypeVar("T")

AMOUNT_PATTERN = r"^-?\d{1,10}(\.\d{1,2})?$"
CURRENCY_PATTERN = r"^[A-Z]{3}$"

CUSTOMER_FILTER = "Staff: any customer. Customers: only their own id (another finds nothing)."

Amount = Annotated[str, Field(pattern=AMOUNT_PATTERN, examples=["19.99"])]
Currency = Annotated[str, Field(pattern=CURRENCY_PATTERN, examples=["EUR"])]


class Input(BaseModel):
    """Every request body: unknown fields refused, strings trimmed, no type coercion."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, strict=True)


class MoneyIn(Input):
    amount: Amount = Field(description="Decimal string with at most two places; never a number.")
    currency: Currency

    def to_money(self) -> Money:
        return Money.of(self.amount, self.currency)


class ProblemOut(BaseModel):
    """RFC 9457 problem details, as every error response carries them."""

    model_config = ConfigDict(title="Problem")

    type: str
    title: str
    status: int
    detail: str
    instance: str
    code: str
    request_id: str | None
    errors: list[dict[str, str]] | None = None
