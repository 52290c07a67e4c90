from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.money import Money


T = TypeVar("T", bound="OrderLineView")


@_attrs_define
class OrderLineView:
    """
    Attributes:
        line_total (Money): Positional (amount, currency) so the ORM can rebuild it from two columns.
        name (str):
        product_id (UUID):
        quantity (int):
        sku (str):
        unit_price (Money): Positional (amount, currency) so the ORM can rebuild it from two columns.
    """

    line_total: Money
    name: str
    product_id: UUID
    quantity: int
    sku: str
    unit_price: Money
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        line_total = self.line_total.to_dict()

        name = self.name

        product_id = str(self.product_id)

        quantity = self.quantity

        sku = self.sku

        unit_price = self.unit_price.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "line_total": line_total,
                "name": name,
                "product_id": product_id,
                "quantity": quantity,
                "sku": sku,
                "unit_price": unit_price,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.money import Money  # noqa: PLC0415

        d = dict(src_dict)
        line_total = Money.from_dict(d.pop("line_total"))

        name = d.pop("name")

        product_id = UUID(d.pop("product_id"))

        quantity = d.pop("quantity")

        sku = d.pop("sku")

        unit_price = Money.from_dict(d.pop("unit_price"))

        order_line_view = cls(
            line_total=line_total,
            name=name,
            product_id=product_id,
            quantity=quantity,
            sku=sku,
            unit_price=unit_price,
        )

        order_line_view.additional_properties = d
        return order_line_view

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
