"""The Order aggregate mapped onto its table; the domain class stays unaware of the ORM."""

from sqlalchemy.orm import composite, registry

from adapters.postgres.ordering.tables import orders
from domain.ordering.order import Order
from domain.shared.money import Money


def map_ordering(mappers: registry) -> None:
    """The domain keeps `version` itself, so the ORM checks it but never generates it."""
    mappers.map_imperatively(
        Order,
        orders,
        properties={
            "total": composite(Money, orders.c.total_amount, orders.c.total_currency),
        },
        version_id_col=orders.c.version,
        version_id_generator=False,
    )
