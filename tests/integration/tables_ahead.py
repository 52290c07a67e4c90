"""Copies of the table definitions a step ahead of the migrations: what a developer has just
edited and not yet migrated, for the drift check and `make migration` to find.

They change the users' table, which every service built from this template keeps.
"""

from enum import StrEnum

from sqlalchemy import Column, Integer, MetaData, Table, Text

from adapters.postgres.columns import known_values
from adapters.postgres.metadata import metadata
from domain.shared.roles import Role


class WiderRole(StrEnum):
    """`Role` with one member more, as if one were added without a migration."""

    ADMIN = "admin"
    STAFF = "staff"
    CUSTOMER = "customer"
    AUDITOR = "auditor"


def tables_ahead(*, auditors: bool = False, notes: bool = False) -> MetaData:
    """Every table, with the users' role check widened to `WiderRole` and a `notes` table
    added, as asked."""
    assert {role.value for role in Role} < {role.value for role in WiderRole}
    tables = MetaData(naming_convention=metadata.naming_convention)
    for table in metadata.sorted_tables:
        table.to_metadata(tables)
    if auditors:
        users = tables.tables["users"]
        [known] = [check for check in users.constraints if check.name == "ck_users_role_known"]
        users.constraints.discard(known)
        users.append_constraint(known_values("role", WiderRole))
    if notes:
        Table("notes", tables, Column("id", Integer, primary_key=True), Column("body", Text))
    return tables
