"""`make strip-example`: its manifest matches the tree, what it leaves imports nothing it
removes, and it refuses to run on a tree with uncommitted changes."""

import re
import shutil
import subprocess
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import Table

from adapters.postgres.billing import tables as billing
from adapters.postgres.catalog import tables as catalog
from adapters.postgres.ordering import tables as ordering
from tests.scripts_loader import load_script

ROOT = Path(__file__).resolve().parents[2]
GIT = shutil.which("git") or "git"
EXAMPLE_IMPORT = re.compile(
    r"^\s*(from|import) (domain|application|adapters\.\w+|entrypoints(\.\w+)?)"
    r"\.(catalog|ordering|billing)\b|^\s*from entrypoints\.seed_shop\b"
    r"|^\s*from tests\.(integration\.http\.products|contract\.(catalog|ordering)|unit\.ordering)\b",
    re.MULTILINE,
)


@pytest.fixture
def script() -> ModuleType:
    """scripts/strip_example.py as `make strip-example` runs it."""
    return load_script("strip_example")


def test_everything_the_manifest_names_is_in_the_tree(script: ModuleType) -> None:
    assert script.manifest_problems(ROOT) == []


def test_what_stays_imports_nothing_the_strip_removes(script: ModuleType, tmp_path: Path) -> None:
    listed = [GIT, "ls-files", "-z", "--cached", "--others", "--exclude-standard"]
    tracked = subprocess.run(listed, cwd=ROOT, capture_output=True, check=True).stdout  # noqa: S603
    for name in filter(None, tracked.decode().split("\0")):
        if (ROOT / name).is_file():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, tmp_path / name)

    script.strip(tmp_path)

    leftovers = [
        f"{path.relative_to(tmp_path)}: {found.group(0).strip()}"
        for folder in ("src", "tests", "scripts")
        for path in (tmp_path / folder).rglob("*.py")
        for found in EXAMPLE_IMPORT.finditer(path.read_text())
    ]
    assert leftovers == []
    assert "strip-example" not in (tmp_path / "Makefile").read_text()
    assert "stripped-skeleton" not in (tmp_path / ".github/workflows/ci.yml").read_text()


def test_a_tree_with_uncommitted_changes_is_refused(
    script: ModuleType,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    subprocess.run([GIT, "init", "-q", str(tmp_path)], check=True)  # noqa: S603
    (tmp_path / "notes.txt").write_text("not committed\n")
    monkeypatch.setattr(script, "ROOT", tmp_path)

    assert script.main() == 1

    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert "not clean" in error
    assert (tmp_path / "notes.txt").exists()


def test_its_migration_drops_exactly_the_example_tables_and_recreates_them(
    script: ModuleType,
) -> None:
    example = {
        value.name
        for module in (catalog, ordering, billing)
        for value in vars(module).values()
        if isinstance(value, Table)
    }
    source = (ROOT / script.MIGRATION).read_text()
    upgrade, _, downgrade = source.partition("def downgrade")
    assert set(re.findall(r'op\.drop_table\("(\w+)"\)', upgrade)) == example
    assert set(re.findall(r'op\.create_table\(\s*"(\w+)"', downgrade)) == example
    assert f'down_revision: str | None = "{script.TEMPLATE_HEAD}"' in source
