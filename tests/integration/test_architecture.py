"""The dependency rule is enforced: a forbidden import makes the contracts fail."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    return subprocess.run(  # noqa: S603
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "src", tmp_path / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def test_the_real_tree_keeps_every_contract(tree: Path) -> None:
    result = lint_imports(tree)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    ("module", "forbidden_import", "broken_contract"),
    [
        ("application/identity/get_me.py", "import sqlalchemy", "free of frameworks"),
        ("domain/identity/user.py", "import application.shared.errors", "Layers"),
        ("adapters/clock.py", "import entrypoints.settings", "Layers"),
    ],
)
def test_a_forbidden_import_breaks_a_contract(
    tree: Path, module: str, forbidden_import: str, broken_contract: str
) -> None:
    path = tree / "src" / module
    path.write_text(f"{forbidden_import}  # noqa\n{path.read_text()}")
    result = lint_imports(tree)
    assert result.returncode != 0
    assert any(
        broken_contract in line and "BROKEN" in line for line in result.stdout.splitlines()
    ), result.stdout
