from enum import StrEnum


class ListOrdersOrderStatus(StrEnum):
    CANCELLED = "cancelled"
    PAID = "paid"
    PLACED = "placed"
    SHIPPED = "shipped"

    def __str__(self) -> str:
        return str(self.value)
