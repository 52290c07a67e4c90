"""Use case: browse the catalog a page at a time."""

from dataclasses import replace

from application.catalog.ports import ProductCriteria, ProductQueries, ProductView
from application.shared.caller import Caller
from application.shared.pagination import Page, PageRequest


class ListProducts:
    """Lists products, newest first unless another sort is asked for.

    - Public. Anonymous callers and customers see active products only (asking them for
      inactive ones finds nothing); staff and admins see every product.
    - `q` matches a case-insensitive, literal substring of the name.
    - Price bounds are inclusive; combine them with `currency` to stay in one currency.
    """

    def __init__(self, queries: ProductQueries) -> None:
        self._queries = queries

    async def __call__(
        self,
        caller: Caller,
        criteria: ProductCriteria,
        page: PageRequest,
    ) -> Page[ProductView]:
        if not caller.is_staff:
            if criteria.active is False:
                return Page(items=[], next_key=None)
            criteria = replace(criteria, active=True)
        return await self._queries.list(criteria, page)
