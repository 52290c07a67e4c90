#!/usr/bin/env python3
"""`make migration MSG="…"`: the migration that takes the schema to the table definitions.

Autogenerate compares the tables with a database at head, and a developer's own database
may be behind, ahead or full of experiments. So the comparison runs against a throwaway
`orderly_migration_*` database on the server `DATABASE_URL` names (else the one
scripts/pg_provision.py finds), migrated to head first and dropped afterwards, whatever
happened. The new file goes to migrations/versions/, numbered after the head and named
after the message (`0008_<message>.py`), formatted with the project's ruff; its path is
printed for review. CHECK constraints are compared too (`check_constraints.py`).

Exit status: 0 and the path; 1 and one line when the schema already matches the tables (no
file is written) or no server is found; 2 without a message.
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import uuid
from pathlib import Path

from alembic.util import CommandError
from fresh_database import drop_database
from pg_provision import ProvisioningError, find_database_url
from sqlalchemy import make_url

from adapters.postgres.migrator import autogenerate_revision, ensure_database, upgrade_to_head
from entrypoints.contexts import every_table
from entrypoints.contexts.all import CONTEXTS

ROOT = Path(__file__).resolve().parents[1]
NOTHING_TO_MIGRATE = "the schema already matches the tables: nothing to migrate"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("message", help="what the migration changes, in a few words")
    message = parser.parse_args(argv).message.strip()
    if not message:
        parser.error("the message is empty")
    try:
        path = new_migration(message, find_database_url("DATABASE_URL", "postgres"))
    except (ProvisioningError, CommandError) as error:
        sys.stderr.write(f"{error}\n")
        return 1
    if path is None:
        sys.stderr.write(f"{NOTHING_TO_MIGRATE}\n")
        return 1
    sys.stdout.write(f"{path}\n")
    return 0


def new_migration(message: str, server_url: str, beside: Path | None = None) -> Path | None:
    """The new migration's path, None when there is nothing to migrate (`beside` as in
    `autogenerate_revision`)."""
    name = f"orderly_migration_{uuid.uuid4().hex[:10]}"
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    asyncio.run(ensure_database(url))
    try:
        upgrade_to_head(url)
        path = autogenerate_revision(url, message, every_table(CONTEXTS), beside)
    finally:
        drop_database(url)
    if path is not None:
        _format(path)
    return path


def _format(path: Path) -> None:
    """Alembic renders single quotes and its own line breaks; the project's ruff settles
    them, so the file passes `make lint` as written. What ruff cannot fix it prints."""
    ruff = [sys.executable, "-m", "ruff"]
    config = ["--config", str(ROOT / "pyproject.toml"), "--quiet"]
    subprocess.run([*ruff, "format", *config, str(path)], check=True)  # noqa: S603
    subprocess.run([*ruff, "check", "--fix", *config, str(path)], check=False)  # noqa: S603


if __name__ == "__main__":
    sys.exit(main())
