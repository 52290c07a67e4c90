"""CHECK constraints compared by what PostgreSQL makes of them: an Alembic autogenerate plugin.

Alembic compares check constraints by name at most, because PostgreSQL stores their text
rewritten (`status IN ('a', 'b')` comes back as `(status)::text = ANY (ARRAY[...])`), so a
changed check looks like an unchanged one. An enum's allowed values live in such a check
(`columns.known_values`), so without this a new member would reach the table definitions,
and not the database, with no drift reported. Here PostgreSQL rewrites the tables' checks
too, on a temporary twin of the table inside a savepoint that is rolled back, and the two
rewritings are compared: a check that differs is dropped and created again, a missing one
is created, one no table declares is dropped. `migrations/env.py` turns the plugin on for
autogenerate (`make migration`); the migration drift test turns it on for `compare_metadata`.
"""

from alembic.autogenerate.api import AutogenContext
from alembic.operations import ops
from alembic.runtime.plugins import Plugin
from alembic.util import PriorityDispatchResult
from sqlalchemy import CheckConstraint, Column, Connection, MetaData, Table, text

PLUGIN = "orderly.check_constraints"
AUTOGENERATE_PLUGINS = ["alembic.autogenerate.*", PLUGIN]

_DEFINITIONS = text(
    "SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint"
    " WHERE contype = 'c' AND conrelid = to_regclass(format('%I.%I',"
    " COALESCE(CAST(:schema AS text), current_schema()), CAST(:table AS text)))"
)


def _checks_of(table: Table) -> list[CheckConstraint]:
    return [each for each in table.constraints if isinstance(each, CheckConstraint)]


def _definitions(connection: Connection, schema: str | None, table: str) -> dict[str, str]:
    rows = connection.execute(_DEFINITIONS, {"schema": schema, "table": table})
    return {row.name: row.definition for row in rows}


def _as_postgresql_stores(connection: Connection, table: Table) -> dict[str, str]:
    """The table's declared checks as PostgreSQL would store them: the columns' types decide
    its casts, so the twin has the same columns (nothing else) and the same checks."""
    twin = Table(
        table.name,
        MetaData(),
        *(Column(column.name, column.type) for column in table.columns),
        *(CheckConstraint(check.sqltext, name=check.name) for check in _checks_of(table)),
        prefixes=["TEMPORARY"],
    )
    savepoint = connection.begin_nested()
    try:
        twin.create(connection)
        return _definitions(connection, "pg_temp", table.name)
    finally:
        savepoint.rollback()


def compare_check_constraints(
    autogen_context: AutogenContext,
    modify_table_ops: ops.ModifyTableOps,
    schema: str | None,
    table_name: str,
    conn_table: Table | None,
    metadata_table: Table | None,
) -> PriorityDispatchResult:
    """Adds the drop and create operations that make the stored checks the declared ones.

    A table created or dropped whole carries its checks with it, so only tables on both
    sides are compared. The stored check to drop is the reflected one, so the downgrade
    can create it again.
    """
    connection = autogen_context.connection
    if conn_table is None or metadata_table is None or connection is None:
        return PriorityDispatchResult.CONTINUE
    stored = _definitions(connection, schema, table_name)
    wanted = _as_postgresql_stores(connection, metadata_table)
    reflected = {check.name: check for check in _checks_of(conn_table)}
    declared = {check.name: check for check in _checks_of(metadata_table)}
    for name in sorted(stored.keys() - wanted.keys()):
        modify_table_ops.ops.append(ops.DropConstraintOp.from_constraint(reflected[name]))
    for name in sorted(wanted):
        if stored.get(name) == wanted[name]:
            continue
        if name in stored:
            modify_table_ops.ops.append(ops.DropConstraintOp.from_constraint(reflected[name]))
        modify_table_ops.ops.append(ops.AddConstraintOp.from_constraint(declared[name]))
    return PriorityDispatchResult.CONTINUE


Plugin(PLUGIN).add_autogenerate_comparator(compare_check_constraints, "table", "checks")
