"""`make new-context`: the template makes a context that passes every check as generated.

A copy of the repository gets a context named `returns` (its aggregate, `Return`, is a Python
keyword in snake case: the hard case), then runs what `make test` runs on it: ruff, mypy
--strict, import-linter, and the tests that concern it (its own, the migration drift check,
the declarations and the documentation). The copy is thrown away; the template changes
nothing here, so it is checked against the code as it is today and cannot rot.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.conftest import ROOT

BIN = Path(sys.executable).parent
COPIED = ("pyproject.toml", "src", "tests", "scripts", "docs")
# Each one's aggregate is a keyword in snake case (`return`, `pass`, `class`): the hard case.
# The first not taken yet: a fork that has generated `returns` still checks its template.
NAME = next(
    name
    for name in ("returns", "passes", "classes")
    if not (ROOT / "src/entrypoints/contexts" / f"{name}.py").exists()
)
SINGULAR = {"returns": "return", "passes": "pass", "classes": "class"}[NAME]


def checked_tests(name: str) -> list[str]:
    """The generated context's tests, and those that check every context's declaration
    (those the tree has: `make strip-example` removes the event codec's, which samples the
    example's events)."""
    generated = [
        f"tests/unit/{name}",
        f"tests/unit/test_{name}_contract_in_memory.py",
        f"tests/integration/test_{name}_contract_postgres.py",
        f"tests/integration/http/test_{name}_api.py",
    ]
    every_context = (
        "tests/integration/test_migrations.py::test_the_migrated_schema_matches_the_table_definitions",
        "tests/unit/test_contexts.py",
        "tests/unit/test_context_boundaries.py",
        "tests/unit/test_event_codec.py",
        "tests/integration/test_documentation.py::test_every_code_of_a_context_is_documented_on_its_page",
    )
    return [
        *generated,
        *(test for test in every_context if (ROOT / test.partition("::")[0]).exists()),
    ]


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What the checks read, and mypy's cache (fresh: `make test` type-checks first)."""
    root = tmp_path_factory.mktemp("new_context")
    ignored = shutil.ignore_patterns("__pycache__", ".pytest_cache", "node_modules")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=ignored)
        else:
            shutil.copy2(source, root / name)
    if (ROOT / ".mypy_cache").is_dir():
        shutil.copytree(ROOT / ".mypy_cache", root / ".mypy_cache")
    return root


def run(copy: Path, *command: str) -> subprocess.Popen[str]:
    """In the copy, importing the copy's `src` rather than the installed one."""
    env = {**os.environ, "PYTHONPATH": str(copy / "src")}
    env.pop("COVERAGE_PROCESS_START", None)
    return subprocess.Popen(  # noqa: S603 - the project's own tools
        command, cwd=copy, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def test_a_generated_context_passes_every_check(copy: Path) -> None:
    generated = run(copy, sys.executable, "scripts/new_context.py", NAME)
    output, _ = generated.communicate()
    assert generated.returncode == 0, output
    assert f"wrote src/domain/{NAME}/{SINGULAR}_.py" in output.splitlines()
    assert output.splitlines()[-1] == f'added to src/entrypoints/contexts/all.py: "{NAME}",'

    checks = {
        "ruff check": run(copy, str(BIN / "ruff"), "check", "--no-cache", "."),
        "ruff format": run(copy, str(BIN / "ruff"), "format", "--check", "--no-cache", "."),
        "mypy": run(copy, str(BIN / "mypy")),
        "lint-imports": run(copy, str(BIN / "lint-imports"), "--no-cache"),
        "pytest": run(
            copy, sys.executable, "-m", "pytest", "-q", "--no-cov", "-p", "no:cacheprovider",
            *checked_tests(NAME),
        ),
    }  # fmt: skip
    failed = {}
    for name, process in checks.items():
        output, _ = process.communicate()
        if process.returncode != 0:
            failed[name] = output[-4000:]
    assert not failed, "\n\n".join(f"{name}:\n{output}" for name, output in failed.items())


def test_the_generator_refuses_a_taken_name_and_writes_nothing(copy: Path) -> None:
    before = sorted(copy.rglob("*.py"))
    refused = run(copy, sys.executable, "scripts/new_context.py", "identity")
    output, _ = refused.communicate()
    assert refused.returncode == 1
    assert output == "context 'identity' exists already\n"
    assert sorted(copy.rglob("*.py")) == before
