from enum import StrEnum


class ListProductsProductSort(StrEnum):
    CREATED_AT = "created_at"
    NAME = "name"
    PRICE = "price"
    VALUE_1 = "-created_at"
    VALUE_3 = "-name"
    VALUE_5 = "-price"

    def __str__(self) -> str:
        return str(self.value)
