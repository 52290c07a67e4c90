"""Keyset pages newest first by `(timestamp, id)`, shared by the order and invoice read models.

Each shape (which filters are present, first page or not) is compiled once; the matching
`(timestamp, id)` and `(customer_id, timestamp, id)` indexes serve the scan backwards.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, Generic, TypeVar
from uuid import UUID

from sqlalchemy import Column, ColumnElement, bindparam, select, tuple_

from adapters.postgres.read_pool import CompiledQuery, ReadPool
from application.shared.pagination import Page, PageRequest

V = TypeVar("V")


class NewestFirst(Generic[V]):
    def __init__(
        self,
        columns: tuple[ColumnElement[Any], ...],
        filters: Mapping[str, ColumnElement[bool]],
        timestamp: Column[datetime],
        id_: Column[UUID],
        view: Callable[[Any], V],
        key: Callable[[V], tuple[datetime, UUID]],
    ) -> None:
        self._columns = columns
        self._filters = filters
        self._timestamp = timestamp
        self._id = id_
        self._view = view
        self._key = key
        self._compiled: dict[tuple[frozenset[str], bool], CompiledQuery] = {}

    async def page(
        self, pool: ReadPool, filters: Mapping[str, object], page: PageRequest
    ) -> Page[V]:
        """`filters` holds the values of the filters in use (absent or None: not filtered)."""
        values = {name: value for name, value in filters.items() if value is not None}
        query = self._query(frozenset(values), after=page.after is not None)
        if page.after is not None:
            timestamp, last_id = page.after
            values["after_timestamp"] = datetime.fromisoformat(timestamp)
            values["after_id"] = UUID(last_id)
        values["limit"] = page.limit + 1
        rows = await pool.fetch(query, values)
        views = [self._view(row) for row in rows[: page.limit]]
        if len(rows) <= page.limit:
            return Page(items=views, next_key=None)
        timestamp_, id_ = self._key(views[-1])
        return Page(items=views, next_key=(timestamp_.isoformat(), str(id_)))

    def _query(self, filters: frozenset[str], *, after: bool) -> CompiledQuery:
        shape = (filters, after)
        if shape not in self._compiled:
            conditions = [self._filters[name] for name in sorted(filters)]
            if after:
                bound = tuple_(
                    bindparam("after_timestamp", type_=self._timestamp.type),
                    bindparam("after_id", type_=self._id.type),
                )
                conditions.append(tuple_(self._timestamp, self._id) < bound)
            statement = (
                select(*self._columns)
                .where(*conditions)
                .order_by(self._timestamp.desc(), self._id.desc())
                .limit(bindparam("limit"))
            )
            self._compiled[shape] = CompiledQuery.of(statement)
        return self._compiled[shape]
