from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.payment_method import PaymentMethod

if TYPE_CHECKING:
    from ..models.money_in import MoneyIn


T = TypeVar("T", bound="PaymentIn")


@_attrs_define
class PaymentIn:
    """
    Attributes:
        amount (MoneyIn):
        method (PaymentMethod):
        reference (str):
    """

    amount: MoneyIn
    method: PaymentMethod
    reference: str

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount.to_dict()

        method = self.method.value

        reference = self.reference

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "method": method,
                "reference": reference,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.money_in import MoneyIn  # noqa: PLC0415

        d = dict(src_dict)
        amount = MoneyIn.from_dict(d.pop("amount"))

        method = PaymentMethod(d.pop("method"))

        reference = d.pop("reference")

        payment_in = cls(
            amount=amount,
            method=method,
            reference=reference,
        )

        return payment_in
