"""`make migration`: autogenerate against a throwaway database writes the step from the
migrations to the tables, CHECK constraints included, or refuses when there is none."""

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from alembic import command

from adapters.postgres.migrator import alembic_config
from adapters.postgres.revisions import head_revision
from tests.integration.conftest import ROOT, drop_database, fresh_database_url, server_url
from tests.integration.tables_ahead import tables_ahead
from tests.integration.test_migrations import run_sql, schema_drift
from tests.scripts_loader import load_script

VERSIONS = ROOT / "src/adapters/postgres/migrations/versions"


@pytest.fixture
def script(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """scripts/new_migration.py as `make migration` runs it, with scripts/ on the path."""
    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    return load_script("new_migration")


@pytest.fixture
def scratch_url() -> Iterator[str]:
    url = fresh_database_url("new_migration_")
    try:
        yield url
    finally:
        drop_database(url)


def passes_ruff(path: Path) -> bool:
    """Checked as if it were among the package's migrations, with their ruff settings."""
    as_if = ["--stdin-filename", str(VERSIONS / path.name), "-"]
    ruff = [sys.executable, "-m", "ruff"]
    return all(
        subprocess.run(  # noqa: S603
            [*ruff, *what, *as_if], input=path.read_bytes(), capture_output=True, check=False
        ).returncode
        == 0
        for what in (["check", "--no-cache"], ["format", "--check"])
    )


def test_a_new_table_and_a_wider_check_become_the_next_migration(
    script: ModuleType, scratch_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ahead = tables_ahead(auditors=True, notes=True)
    monkeypatch.setattr(script, "every_table", lambda _contexts: ahead)
    head = head_revision()
    after_head = f"{int(head) + 1:04d}"

    path = script.new_migration("notes, and auditors", server_url(), tmp_path)

    assert path == tmp_path / f"{after_head}_notes_and_auditors.py"
    source = path.read_text()
    assert f'down_revision: str | None = "{head}"' in source
    assert 'op.create_table(\n        "notes",' in source
    assert 'op.drop_constraint(op.f("ck_users_role_known"), "users", type_="check")' in source
    assert "\"role IN ('admin', 'staff', 'customer', 'auditor')\"" in source
    assert passes_ruff(path)
    # It runs both ways: the tables match once it has, and its downgrade restores the check
    # (in PostgreSQL's spelling of it: the same values, so upgrading again matches again).
    config = alembic_config(scratch_url, tmp_path)
    command.upgrade(config, "head")
    assert schema_drift(scratch_url, ahead) == []
    command.downgrade(config, head)
    assert "'customer'" in role_check(scratch_url)
    assert "'auditor'" not in role_check(scratch_url)
    command.upgrade(config, "head")
    assert schema_drift(scratch_url, ahead) == []


def role_check(url: str) -> str:
    [row] = run_sql(
        url,
        "SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint"
        " WHERE conname = 'ck_users_role_known'",
    )
    definition: str = row["definition"]
    return definition


def test_no_difference_writes_nothing_and_says_so(
    script: ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", server_url())
    before = sorted(VERSIONS.glob("*.py"))

    assert script.main(["no change"]) == 1

    assert capsys.readouterr().err.splitlines()[-1] == script.NOTHING_TO_MIGRATE
    assert sorted(VERSIONS.glob("*.py")) == before
