"""`make new-context`'s names: what NAME and AGGREGATE become, and which are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scripts_loader import load_script

ROOT = Path(__file__).resolve().parents[2]


generator = load_script("new_context")


@pytest.mark.parametrize(
    ("name", "aggregate", "module"),
    [
        ("returns", "Return", "return_"),
        ("categories", "Category", "category"),
        ("stock_moves", "StockMove", "stock_move"),
        ("boxes", "Box", "box"),
        ("addresses", "Address", "address"),
    ],
)
def test_the_aggregate_is_the_names_singular_and_never_a_keyword(
    name: str, aggregate: str, module: str
) -> None:
    names = generator.names_of(name, None)
    assert (names.aggregate, names.module) == (aggregate, module)


def test_a_given_aggregate_names_every_file_and_url() -> None:
    names = generator.names_of("stock_moves", "HTTPTransfer")
    assert names.replacements["widget"] == "http_transfer"
    assert names.replacements["Widgets"] == "StockMoves"
    assert names.replacements["/api/v1/widgets"] == "/api/v1/stock-moves"
    target = generator.target_of(Path("src/domain/widgets/widget.py"), names, "0008")
    assert target == Path("src/domain/stock_moves/http_transfer.py")


def test_a_bare_name_in_python_becomes_an_identifier_and_prose_stays_prose() -> None:
    names = generator.names_of("returns", None)
    source = 'widget = Widget.create()  # a new widget\nwidget_id = "widget"\n'
    bare = generator.bare_names(source)
    assert generator.substituted(source, names, bare) == (
        'return_ = Return.create()  # a new return\nreturn_id = "return"\n'
    )


@pytest.mark.parametrize(
    ("name", "aggregate", "reason"),
    [
        ("Returns", None, "NAME must be snake_case"),
        ("stock-moves", None, "NAME must be snake_case"),
        ("class", None, "is a Python keyword"),
        ("inventory", None, "needs a name other than the context's"),
        ("returns", "return", "AGGREGATE must be PascalCase"),
    ],
)
def test_a_malformed_name_is_refused_with_one_line(
    name: str, aggregate: str | None, reason: str
) -> None:
    with pytest.raises(generator.RefusedError, match=reason):
        generator.names_of(name, aggregate)


@pytest.mark.parametrize(
    ("name", "aggregate", "reason"),
    [
        # Names of what `make strip-example` keeps, so the skeleton checks these rules too.
        ("identity", None, "context 'identity' exists already"),
        ("shared", "Share", "'shared' is taken: src/application/shared exists"),
        ("users", None, "a table named 'users' exists already"),
        ("refresh_tokens", None, "a table named 'refresh_tokens' exists already"),
        ("accounts", "User", "the OpenAPI document has UserPage, UserView already"),
        ("status", None, "'status' would shadow a name the generated code uses"),
    ],
)
def test_a_taken_name_is_refused(name: str, aggregate: str | None, reason: str) -> None:
    """Checked by `plan`, which reads the repository and writes nothing."""
    with pytest.raises(generator.RefusedError) as refused:
        generator.plan(name, aggregate)
    assert str(refused.value) == reason
