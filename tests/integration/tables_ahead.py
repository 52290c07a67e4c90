"""Copies of the table definitions a step ahead of the migrations: what a developer has just
edited and not yet migrated, for the drift check and `make migration` to find."""

from enum import StrEnum

from sqlalchemy import Column, Integer, MetaData, Table, Text

from adapters.postgres.columns import known_values
from adapters.postgres.metadata import metadata
from domain.ordering.order import OrderStatus


class WiderOrderStatus(StrEnum):
    """`OrderStatus` with one member more, as if one were added without a migration."""

    PLACED = "placed"
    PAID = "paid"
    SHIPPED = "shipped"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"


def tables_ahead(*, refunded_orders: bool = False, notes: bool = False) -> MetaData:
    """Every table, with the order status check widened to `WiderOrderStatus` and a `notes`
    table added, as asked."""
    assert {status.value for status in OrderStatus} < {status.value for status in WiderOrderStatus}
    tables = MetaData(naming_convention=metadata.naming_convention)
    for table in metadata.sorted_tables:
        table.to_metadata(tables)
    if refunded_orders:
        orders = tables.tables["orders"]
        [known] = [check for check in orders.constraints if check.name == "ck_orders_status_known"]
        orders.constraints.discard(known)
        orders.append_constraint(known_values("status", WiderOrderStatus))
    if notes:
        Table("notes", tables, Column("id", Integer, primary_key=True), Column("body", Text))
    return tables
