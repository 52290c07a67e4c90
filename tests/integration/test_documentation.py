"""Reference documentation that a test keeps in step with the code."""

from pathlib import Path

from entrypoints.http.error_table import ERRORS, STATUS_CODES
from entrypoints.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def test_every_code_in_the_error_table_is_documented() -> None:
    documented = (ROOT / "docs" / "errors.md").read_text()
    codes = {str(getattr(error, "code", "")) for error in ERRORS} | set(STATUS_CODES.values())
    missing = {code for code in codes if f"`{code}`" not in documented}
    assert not missing, f"add these codes to docs/errors.md: {sorted(missing)}"


def test_every_setting_is_in_the_env_example_and_the_readme() -> None:
    example = (ROOT / ".env.example").read_text()
    readme = (ROOT / "README.md").read_text()
    names = {name.upper() for name in Settings.model_fields}
    assert not {name for name in names if f"\n{name}=" not in example}, ".env.example"
    assert not {name for name in names if f"`{name}`" not in readme}, "README configuration"
