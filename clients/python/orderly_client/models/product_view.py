from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.money import Money


T = TypeVar("T", bound="ProductView")


@_attrs_define
class ProductView:
    """
    Attributes:
        active (bool):
        created_at (datetime.datetime):
        description (str):
        id (UUID):
        name (str):
        sku (str):
        stock (int):
        unit_price (Money): Positional (amount, currency) so the ORM can rebuild it from two columns.
        updated_at (datetime.datetime):
        version (int):
    """

    active: bool
    created_at: datetime.datetime
    description: str
    id: UUID
    name: str
    sku: str
    stock: int
    unit_price: Money
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active = self.active

        created_at = self.created_at.isoformat()

        description = self.description

        id = str(self.id)

        name = self.name

        sku = self.sku

        stock = self.stock

        unit_price = self.unit_price.to_dict()

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "active": active,
                "created_at": created_at,
                "description": description,
                "id": id,
                "name": name,
                "sku": sku,
                "stock": stock,
                "unit_price": unit_price,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.money import Money  # noqa: PLC0415

        d = dict(src_dict)
        active = d.pop("active")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        description = d.pop("description")

        id = UUID(d.pop("id"))

        name = d.pop("name")

        sku = d.pop("sku")

        stock = d.pop("stock")

        unit_price = Money.from_dict(d.pop("unit_price"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        product_view = cls(
            active=active,
            created_at=created_at,
            description=description,
            id=id,
            name=name,
            sku=sku,
            stock=stock,
            unit_price=unit_price,
            updated_at=updated_at,
            version=version,
        )

        product_view.additional_properties = d
        return product_view

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
