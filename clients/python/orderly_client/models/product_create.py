from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.money_in import MoneyIn


T = TypeVar("T", bound="ProductCreate")


@_attrs_define
class ProductCreate:
    """
    Attributes:
        name (str):
        sku (str):
        unit_price (MoneyIn):
        description (str | Unset):  Default: ''.
        stock (int | Unset):  Default: 0.
    """

    name: str
    sku: str
    unit_price: MoneyIn
    description: str | Unset = ""
    stock: int | Unset = 0

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        sku = self.sku

        unit_price = self.unit_price.to_dict()

        description = self.description

        stock = self.stock

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "sku": sku,
                "unit_price": unit_price,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if stock is not UNSET:
            field_dict["stock"] = stock

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.money_in import MoneyIn  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        sku = d.pop("sku")

        unit_price = MoneyIn.from_dict(d.pop("unit_price"))

        description = d.pop("description", UNSET)

        stock = d.pop("stock", UNSET)

        product_create = cls(
            name=name,
            sku=sku,
            unit_price=unit_price,
            description=description,
            stock=stock,
        )

        return product_create
