from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.invoice_status import InvoiceStatus

if TYPE_CHECKING:
    from ..models.money import Money
    from ..models.payment_view import PaymentView


T = TypeVar("T", bound="InvoiceView")


@_attrs_define
class InvoiceView:
    """
    Attributes:
        amount_due (Money): Positional (amount, currency) so the ORM can rebuild it from two columns.
        amount_paid (Money): Positional (amount, currency) so the ORM can rebuild it from two columns.
        customer_id (UUID):
        due_date (datetime.date):
        id (UUID):
        issued_at (datetime.datetime):
        number (str):
        order_id (UUID):
        payments (list[PaymentView]):
        refund_due (Money): Positional (amount, currency) so the ORM can rebuild it from two columns.
        status (InvoiceStatus):
        total (Money): Positional (amount, currency) so the ORM can rebuild it from two columns.
        version (int):
    """

    amount_due: Money
    amount_paid: Money
    customer_id: UUID
    due_date: datetime.date
    id: UUID
    issued_at: datetime.datetime
    number: str
    order_id: UUID
    payments: list[PaymentView]
    refund_due: Money
    status: InvoiceStatus
    total: Money
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount_due = self.amount_due.to_dict()

        amount_paid = self.amount_paid.to_dict()

        customer_id = str(self.customer_id)

        due_date = self.due_date.isoformat()

        id = str(self.id)

        issued_at = self.issued_at.isoformat()

        number = self.number

        order_id = str(self.order_id)

        payments = []
        for payments_item_data in self.payments:
            payments_item = payments_item_data.to_dict()
            payments.append(payments_item)

        refund_due = self.refund_due.to_dict()

        status = self.status.value

        total = self.total.to_dict()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount_due": amount_due,
                "amount_paid": amount_paid,
                "customer_id": customer_id,
                "due_date": due_date,
                "id": id,
                "issued_at": issued_at,
                "number": number,
                "order_id": order_id,
                "payments": payments,
                "refund_due": refund_due,
                "status": status,
                "total": total,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.money import Money  # noqa: PLC0415
        from ..models.payment_view import PaymentView  # noqa: PLC0415

        d = dict(src_dict)
        amount_due = Money.from_dict(d.pop("amount_due"))

        amount_paid = Money.from_dict(d.pop("amount_paid"))

        customer_id = UUID(d.pop("customer_id"))

        due_date = datetime.date.fromisoformat(d.pop("due_date"))

        id = UUID(d.pop("id"))

        issued_at = datetime.datetime.fromisoformat(d.pop("issued_at"))

        number = d.pop("number")

        order_id = UUID(d.pop("order_id"))

        payments = []
        _payments = d.pop("payments")
        for payments_item_data in _payments:
            payments_item = PaymentView.from_dict(payments_item_data)

            payments.append(payments_item)

        refund_due = Money.from_dict(d.pop("refund_due"))

        status = InvoiceStatus(d.pop("status"))

        total = Money.from_dict(d.pop("total"))

        version = d.pop("version")

        invoice_view = cls(
            amount_due=amount_due,
            amount_paid=amount_paid,
            customer_id=customer_id,
            due_date=due_date,
            id=id,
            issued_at=issued_at,
            number=number,
            order_id=order_id,
            payments=payments,
            refund_due=refund_due,
            status=status,
            total=total,
            version=version,
        )

        invoice_view.additional_properties = d
        return invoice_view

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
