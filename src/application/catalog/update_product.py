"""Use case: change a product's name, description, price, stock or active flag."""

from dataclasses import dataclass
from typing import ClassVar

from application.catalog.load import load_for_change
from application.catalog.ports import CatalogUnitOfWork, ProductView
from application.shared.caller import Access, Caller
from application.shared.ports import Clock
from domain.catalog.product import ProductChanges
from domain.shared.ids import ProductId


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateProductCommand:
    product_id: ProductId
    changes: ProductChanges
    expected_version: int | None = None


class UpdateProduct:
    """Changes a product.

    - Staff and admins only.
    - With `If-Match`, a stale version is refused (412 `precondition_failed`).
    - Without it, a concurrent write is still detected (409 `concurrent_modification`).
    - Stock never goes below zero; the price stays positive.
    """

    access: ClassVar[Access] = Access.STAFF

    def __init__(self, uow: CatalogUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def __call__(self, caller: Caller, command: UpdateProductCommand) -> ProductView:
        caller.admit(self.access)
        product = await load_for_change(self._uow, command.product_id, command.expected_version)
        product.change(command.changes, now=self._clock.now())
        return ProductView.of(product)
