"""The documented error catalogue lists every code the service can answer with."""

from pathlib import Path

from entrypoints.http.problems import ERRORS, STATUS_CODES

CATALOGUE = Path(__file__).resolve().parents[2] / "docs" / "errors.md"


def test_every_code_in_the_error_table_is_documented() -> None:
    documented = CATALOGUE.read_text()
    codes = {str(getattr(error, "code", "")) for error in ERRORS} | set(STATUS_CODES.values())
    missing = {code for code in codes if f"`{code}`" not in documented}
    assert not missing, f"add these codes to docs/errors.md: {sorted(missing)}"
