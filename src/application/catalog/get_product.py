"""Use case: read one product."""

from application.catalog.ports import ProductQueries, ProductView
from application.shared.caller import Caller
from domain.catalog.product import ProductNotFoundError
from domain.shared.ids import ProductId


class GetProduct:
    """Reads one product.

    - Public. Anonymous callers and customers see active products only; an archived product
      is 404 to them. Staff and admins see every product.
    """

    def __init__(self, queries: ProductQueries) -> None:
        self._queries = queries

    async def __call__(self, caller: Caller, product_id: ProductId) -> ProductView:
        view = await self._queries.get(product_id, include_inactive=caller.is_staff)
        if view is None:
            raise ProductNotFoundError(f"product {product_id} does not exist")
        return view
