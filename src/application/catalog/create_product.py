"""Use case: add a product to the catalog."""

from dataclasses import dataclass
from typing import ClassVar

from application.catalog.ports import CatalogUnitOfWork, ProductView
from application.shared.caller import Access, Caller
from application.shared.ports import Clock, IdGenerator
from domain.catalog.product import Product, SkuTakenError
from domain.shared.ids import ProductId
from domain.shared.money import Money


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateProductCommand:
    sku: str
    name: str
    description: str
    unit_price: Money
    stock: int


class CreateProduct:
    """Adds a product to the catalog.

    - Staff and admins only.
    - The SKU is unique across the catalog, archived products included (409 `sku_taken`).
    - The product starts active, at version 1.
    """

    access: ClassVar[Access] = Access.STAFF

    def __init__(self, uow: CatalogUnitOfWork, clock: Clock, ids: IdGenerator) -> None:
        self._uow = uow
        self._clock = clock
        self._ids = ids

    async def __call__(self, caller: Caller, command: CreateProductCommand) -> ProductView:
        caller.admit(self.access)
        product = Product.create(
            id=ProductId(self._ids.new_id()),
            sku=command.sku,
            name=command.name,
            description=command.description,
            unit_price=command.unit_price,
            stock=command.stock,
            now=self._clock.now(),
        )
        if await self._uow.products.get_by_sku(command.sku) is not None:
            raise SkuTakenError(f"sku {command.sku} is already in the catalog")
        self._uow.products.add(product)
        return ProductView.of(product)
