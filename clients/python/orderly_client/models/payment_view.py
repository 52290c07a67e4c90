from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.payment_method import PaymentMethod

if TYPE_CHECKING:
    from ..models.money import Money


T = TypeVar("T", bound="PaymentView")


@_attrs_define
class PaymentView:
    """
    Attributes:
        amount (Money): Positional (amount, currency) so the ORM can rebuild it from two columns.
        id (UUID):
        method (PaymentMethod):
        paid_at (datetime.datetime):
        reference (str):
    """

    amount: Money
    id: UUID
    method: PaymentMethod
    paid_at: datetime.datetime
    reference: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount.to_dict()

        id = str(self.id)

        method = self.method.value

        paid_at = self.paid_at.isoformat()

        reference = self.reference

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount": amount,
                "id": id,
                "method": method,
                "paid_at": paid_at,
                "reference": reference,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.money import Money  # noqa: PLC0415

        d = dict(src_dict)
        amount = Money.from_dict(d.pop("amount"))

        id = UUID(d.pop("id"))

        method = PaymentMethod(d.pop("method"))

        paid_at = datetime.datetime.fromisoformat(d.pop("paid_at"))

        reference = d.pop("reference")

        payment_view = cls(
            amount=amount,
            id=id,
            method=method,
            paid_at=paid_at,
            reference=reference,
        )

        payment_view.additional_properties = d
        return payment_view

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
