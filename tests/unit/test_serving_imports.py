"""What a serving process loads: `orderly serve`'s workers import the CLI module and build
the app, and every module they load stays resident for the life of the worker."""

import os
import subprocess
import sys


def test_serving_loads_no_migration_tooling() -> None:
    """Alembic (and Mako with it) is about 12 MB per worker; only `orderly migrate` needs it."""
    script = (
        "import sys; import entrypoints.cli; from entrypoints.http.app import create_app; "
        "create_app(); print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('alembic', 'mako') or m == 'adapters.postgres.migrator'))"
    )
    env = {**os.environ, "PERSISTENCE": "memory", "OTEL_EXPORTER_OTLP_ENDPOINT": ""}
    result = subprocess.run(  # noqa: S603 - the project's own interpreter
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"
