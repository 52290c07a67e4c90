"""Reference documentation that a test keeps in step with the code."""

from collections.abc import Iterable
from pathlib import Path

import pytest

from entrypoints.contexts import BoundedContext
from entrypoints.contexts.all import CONTEXTS
from entrypoints.http.error_table import ERRORS, STATUS_CODES
from entrypoints.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def codes_of(errors: Iterable[type[Exception]]) -> set[str]:
    return {str(getattr(error, "code", "")) for error in errors}


def undocumented(codes: set[str], page: Path) -> list[str]:
    documented = page.read_text()
    return sorted(code for code in codes if f"`{code}`" not in documented)


def test_every_shared_code_in_the_error_table_is_documented() -> None:
    of_contexts = {error for context in CONTEXTS for error in context.errors}
    codes = codes_of(set(ERRORS) - of_contexts) | set(STATUS_CODES.values())
    missing = undocumented(codes, ROOT / "docs" / "errors.md")
    assert not missing, f"add these codes to docs/errors.md: {missing}"


@pytest.mark.parametrize("context", CONTEXTS, ids=lambda context: context.name)
def test_every_code_of_a_context_is_documented_on_its_page(context: BoundedContext) -> None:
    page = ROOT / "docs" / "contexts" / f"{context.name}.md"
    missing = undocumented(codes_of(context.errors), page)
    assert not missing, f"add these codes to docs/contexts/{context.name}.md: {missing}"


def test_every_setting_is_in_the_env_example_and_the_readme() -> None:
    example = (ROOT / ".env.example").read_text()
    readme = (ROOT / "README.md").read_text()
    names = {name.upper() for name in Settings.model_fields}
    assert not {name for name in names if f"\n{name}=" not in example}, ".env.example"
    assert not {name for name in names if f"`{name}`" not in readme}, "README configuration"
