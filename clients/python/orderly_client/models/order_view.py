from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.order_status import OrderStatus

if TYPE_CHECKING:
    from ..models.money import Money
    from ..models.order_line_view import OrderLineView


T = TypeVar("T", bound="OrderView")


@_attrs_define
class OrderView:
    """
    Attributes:
        created_at (datetime.datetime):
        customer_id (UUID):
        id (UUID):
        invoice_id (None | UUID):
        lines (list[OrderLineView]):
        status (OrderStatus):
        total (Money): Positional (amount, currency) so the ORM can rebuild it from two columns.
        updated_at (datetime.datetime):
        version (int):
    """

    created_at: datetime.datetime
    customer_id: UUID
    id: UUID
    invoice_id: UUID | None
    lines: list[OrderLineView]
    status: OrderStatus
    total: Money
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        customer_id = str(self.customer_id)

        id = str(self.id)

        invoice_id: str | None
        if isinstance(self.invoice_id, UUID):
            invoice_id = str(self.invoice_id)
        else:
            invoice_id = self.invoice_id

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        status = self.status.value

        total = self.total.to_dict()

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "customer_id": customer_id,
                "id": id,
                "invoice_id": invoice_id,
                "lines": lines,
                "status": status,
                "total": total,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.money import Money  # noqa: PLC0415
        from ..models.order_line_view import OrderLineView  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        customer_id = UUID(d.pop("customer_id"))

        id = UUID(d.pop("id"))

        def _parse_invoice_id(data: object) -> UUID | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                invoice_id_type_0 = UUID(data)

                return invoice_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        invoice_id = _parse_invoice_id(d.pop("invoice_id"))

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = OrderLineView.from_dict(lines_item_data)

            lines.append(lines_item)

        status = OrderStatus(d.pop("status"))

        total = Money.from_dict(d.pop("total"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        order_view = cls(
            created_at=created_at,
            customer_id=customer_id,
            id=id,
            invoice_id=invoice_id,
            lines=lines,
            status=status,
            total=total,
            updated_at=updated_at,
            version=version,
        )

        order_view.additional_properties = d
        return order_view

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
