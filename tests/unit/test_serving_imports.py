"""What a serving process loads stays resident for the life of each worker."""

from tests.served_modules import modules_a_server_loads


def test_serving_loads_no_migration_tooling() -> None:
    """Alembic (and Mako with it) is about 12 MB per worker; only `orderly migrate` needs it."""
    assert modules_a_server_loads("alembic", "mako", "adapters.postgres.migrator") == []
