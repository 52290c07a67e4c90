"""The head revision the readiness probe expects, read from the migrations' own lines."""

import pytest

from adapters.postgres.revisions import head_of


def migration(revision: str, down: str | None) -> str:
    return f'revision: str = "{revision}"\ndown_revision: str | None = {down!r}\n'


def test_the_head_is_the_revision_nothing_builds_on() -> None:
    sources = [migration("0002", "0001"), migration("0001", None), migration("0003", "0002")]
    assert head_of(sources) == "0003"


def test_plain_assignments_count_too() -> None:
    assert (
        head_of(['revision = "a"\ndown_revision = None\n', 'revision = "b"\ndown_revision = "a"'])
        == "b"
    )


def test_a_branch_is_refused() -> None:
    sources = [migration("0001", None), migration("0002", "0001"), migration("0003", "0001")]
    with pytest.raises(RuntimeError, match="exactly one head"):
        head_of(sources)
