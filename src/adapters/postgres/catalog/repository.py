"""Product aggregates loaded and saved through the ORM's imperative mapping."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.postgres.catalog.tables import products
from domain.catalog.product import Product
from domain.shared.ids import ProductId


class SqlProductRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, product_id: ProductId) -> Product | None:
        return await self._session.get(Product, product_id)

    async def get_by_sku(self, sku: str) -> Product | None:
        result = await self._session.execute(select(Product).where(products.c.sku == sku))
        return result.scalar_one_or_none()

    def add(self, product: Product) -> None:
        self._session.add(product)
