from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.money_in import MoneyIn


T = TypeVar("T", bound="ProductPatch")


@_attrs_define
class ProductPatch:
    """Only the fields sent change; at least one is needed.

    Attributes:
        active (bool | None | Unset):
        description (None | str | Unset):
        name (None | str | Unset):
        stock (int | None | Unset):
        unit_price (MoneyIn | None | Unset):
    """

    active: bool | Unset | None = UNSET
    description: str | Unset | None = UNSET
    name: str | Unset | None = UNSET
    stock: int | Unset | None = UNSET
    unit_price: MoneyIn | Unset | None = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.money_in import MoneyIn  # noqa: PLC0415

        active: bool | Unset | None
        if isinstance(self.active, Unset):
            active = UNSET
        else:
            active = self.active

        description: str | Unset | None
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        name: str | Unset | None
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        stock: int | Unset | None
        if isinstance(self.stock, Unset):
            stock = UNSET
        else:
            stock = self.stock

        unit_price: dict[str, Any] | Unset | None
        if isinstance(self.unit_price, Unset):
            unit_price = UNSET
        elif isinstance(self.unit_price, MoneyIn):
            unit_price = self.unit_price.to_dict()
        else:
            unit_price = self.unit_price

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if active is not UNSET:
            field_dict["active"] = active
        if description is not UNSET:
            field_dict["description"] = description
        if name is not UNSET:
            field_dict["name"] = name
        if stock is not UNSET:
            field_dict["stock"] = stock
        if unit_price is not UNSET:
            field_dict["unit_price"] = unit_price

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.money_in import MoneyIn  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_active(data: object) -> bool | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        active = _parse_active(d.pop("active", UNSET))

        def _parse_description(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_name(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_stock(data: object) -> int | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        stock = _parse_stock(d.pop("stock", UNSET))

        def _parse_unit_price(data: object) -> MoneyIn | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                unit_price_type_0 = MoneyIn.from_dict(data)

                return unit_price_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MoneyIn | None | Unset, data)

        unit_price = _parse_unit_price(d.pop("unit_price", UNSET))

        product_patch = cls(
            active=active,
            description=description,
            name=name,
            stock=stock,
            unit_price=unit_price,
        )

        return product_patch
