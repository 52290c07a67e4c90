"""Which migration a ready database must be at, and which one it is at.

The readiness probe asks this of every serving process. The head is read from the migration
files' own `revision` / `down_revision` lines rather than through Alembic, which would load
Alembic and its templates (about 10 MB) into every worker only to answer the probe;
`tests/integration/test_migrations.py` checks that both agree.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from importlib.resources import files

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection


def head_revision() -> str:
    """Read once at start-up: the one revision no other revision builds on."""
    return head_of(_migration_sources())


def known_revisions() -> frozenset[str]:
    """Every revision this code ships; a database at any other one was migrated by a newer
    release (during a rolling update, before this process is replaced)."""
    return frozenset(str(_declared(source)["revision"]) for source in _migration_sources())


def _migration_sources() -> list[str]:
    versions = files("adapters.postgres") / "migrations" / "versions"
    return [
        script.read_text(encoding="utf-8")
        for script in versions.iterdir()
        if script.name.endswith(".py")
    ]


def head_of(migrations: Iterable[str]) -> str:
    """The head of the migrations whose sources are given; refuses zero or several heads."""
    revisions: set[str] = set()
    built_on: set[str] = set()
    for source in migrations:
        declared = _declared(source)
        revisions.add(str(declared["revision"]))
        if declared.get("down_revision") is not None:
            built_on.add(str(declared["down_revision"]))
    heads = revisions - built_on
    if len(heads) != 1:
        raise RuntimeError(f"the migrations must have exactly one head, not {sorted(heads)}")
    return heads.pop()


def _declared(source: str) -> dict[str, object]:
    """The module-level `revision` and `down_revision` constants of a migration."""
    found: dict[str, object] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.AnnAssign | ast.Assign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name) and target.id in {"revision", "down_revision"}:
                    found[target.id] = ast.literal_eval(node.value)
    return found


async def current_revision(connection: AsyncConnection) -> str | None:
    result = await connection.execute(text("SELECT version_num FROM alembic_version"))
    return result.scalar_one_or_none()
