"""Use case: browse orders a page at a time."""

from dataclasses import replace
from typing import ClassVar

from application.ordering.ports import OrderCriteria, OrderQueries, OrderView
from application.shared.caller import Access, Caller
from application.shared.pagination import Page, PageRequest


class ListOrders:
    """Lists orders, newest first.

    - Signed-in users only. Customers see their own orders (asking for another customer's
      finds nothing); staff and admins see every order and may filter by `customer_id`.
    - Filter by `status`; `created_after` is inclusive and `created_before` exclusive.
    """

    access: ClassVar[Access] = Access.SIGNED_IN

    def __init__(self, queries: OrderQueries) -> None:
        self._queries = queries

    async def __call__(
        self,
        caller: Caller,
        criteria: OrderCriteria,
        page: PageRequest,
    ) -> Page[OrderView]:
        user_id = caller.require_user()
        if not caller.is_staff:
            if criteria.customer_id not in {None, user_id}:
                return Page(items=[], next_key=None)
            criteria = replace(criteria, customer_id=user_id)
        return await self._queries.list(criteria, page)
