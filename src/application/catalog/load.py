"""Loading a product for a write, shared by every command that changes one."""

from application.catalog.ports import CatalogUnitOfWork
from application.shared.errors import require_version
from domain.catalog.product import Product, ProductNotFoundError
from domain.shared.ids import ProductId


async def load_for_change(
    uow: CatalogUnitOfWork,
    product_id: ProductId,
    expected_version: int | None,
) -> Product:
    """404 before 412: a caller learns a version is stale only for a product that exists."""
    product = await uow.products.get(product_id)
    if product is None:
        raise ProductNotFoundError(f"product {product_id} does not exist")
    require_version(f"product {product_id}", product.version, expected_version)
    return product
