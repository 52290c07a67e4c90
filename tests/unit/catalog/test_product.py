from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from domain.catalog.product import InvalidProductError, Product, ProductChanges
from domain.shared.ids import ProductId
from domain.shared.money import Money

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


def new_product(**overrides: object) -> Product:
    fields: dict[str, object] = {
        "id": ProductId(uuid4()),
        "sku": "MUG-001",
        "name": "Mug",
        "description": "",
        "unit_price": Money.of("9.99", "EUR"),
        "stock": 5,
        "now": NOW,
    }
    fields.update(overrides)
    return Product.create(**fields)  # type: ignore[arg-type]


def test_a_new_product_is_active_at_version_one() -> None:
    product = new_product()
    assert product.active
    assert product.version == 1
    assert product.created_at == product.updated_at == NOW


@pytest.mark.parametrize("sku", ["ab", "-ABC", "mug-001", "A" * 33, "MUG 001", "MÜG-1"])
def test_a_malformed_sku_is_refused(sku: str) -> None:
    with pytest.raises(InvalidProductError, match="sku"):
        new_product(sku=sku)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", " "),
        ("name", "x" * 201),
        ("description", "x" * 2001),
        ("unit_price", Money.of("0", "EUR")),
        ("stock", -1),
    ],
)
def test_invalid_fields_are_refused_on_create(field: str, value: object) -> None:
    with pytest.raises(InvalidProductError):
        new_product(**{field: value})


def test_a_change_applies_every_field_and_bumps_the_version() -> None:
    product = new_product()
    later = NOW + timedelta(minutes=1)
    product.change(
        ProductChanges(
            name="Big mug",
            description="Holds more",
            unit_price=Money.of("12.00", "EUR"),
            stock=9,
            active=False,
        ),
        now=later,
    )
    assert (product.name, product.description, product.stock, product.active) == (
        "Big mug",
        "Holds more",
        9,
        False,
    )
    assert product.unit_price == Money.of("12.00", "EUR")
    assert product.version == 2
    assert product.updated_at == later


def test_an_invalid_change_changes_nothing() -> None:
    product = new_product()
    with pytest.raises(InvalidProductError):
        product.change(ProductChanges(name="Renamed", stock=-5), now=NOW)
    assert product.name == "Mug"
    assert product.stock == 5
    assert product.version == 1


@pytest.mark.parametrize(
    "changes",
    [
        ProductChanges(description="x" * 2001),
        ProductChanges(unit_price=Money.of("-1", "EUR")),
    ],
)
def test_each_invalid_field_is_refused_on_change(changes: ProductChanges) -> None:
    with pytest.raises(InvalidProductError):
        new_product().change(changes, now=NOW)


def test_archiving_is_idempotent() -> None:
    product = new_product()
    product.archive(now=NOW)
    product.archive(now=NOW)
    assert not product.active
    assert product.version == 2
