"""The Product aggregate mapped onto its table; the domain class stays unaware of the ORM."""

from sqlalchemy.orm import composite, registry

from adapters.postgres.catalog.tables import products
from domain.catalog.product import Product
from domain.shared.money import Money


def map_catalog(mappers: registry) -> None:
    """The domain keeps `version` itself, so the ORM checks it but never generates it."""
    mappers.map_imperatively(
        Product,
        products,
        properties={
            "unit_price": composite(Money, products.c.price_amount, products.c.price_currency),
        },
        version_id_col=products.c.version,
        version_id_generator=False,
    )
