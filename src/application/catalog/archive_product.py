"""Use case: take a product out of the catalog without deleting it."""

from dataclasses import dataclass
from typing import ClassVar

from application.catalog.load import load_for_change
from application.catalog.ports import CatalogUnitOfWork
from application.shared.caller import Access, Caller
from application.shared.ports import Clock
from domain.shared.ids import ProductId


@dataclass(frozen=True, slots=True, kw_only=True)
class ArchiveProductCommand:
    product_id: ProductId
    expected_version: int | None = None


class ArchiveProduct:
    """Archives a product (it becomes inactive).

    - Staff and admins only.
    - Archiving an archived product changes nothing.
    - Orders already placed keep their snapshot of the product.
    """

    access: ClassVar[Access] = Access.STAFF

    def __init__(self, uow: CatalogUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def __call__(self, caller: Caller, command: ArchiveProductCommand) -> None:
        caller.admit(self.access)
        product = await load_for_change(self._uow, command.product_id, command.expected_version)
        product.archive(now=self._clock.now())
