"""The Invoice aggregate mapped onto its table; the domain class stays unaware of the ORM.

Counters are not mapped: numbers are allocated by one upsert (`invoice_numbers.py`).
"""

from sqlalchemy.orm import composite, registry

from adapters.postgres.billing.tables import invoices
from domain.billing.invoice import Invoice
from domain.shared.money import Money


def map_billing(mappers: registry) -> None:
    """The domain keeps `version` itself, so the ORM checks it but never generates it."""
    mappers.map_imperatively(
        Invoice,
        invoices,
        properties={
            "total": composite(Money, invoices.c.total_amount, invoices.c.total_currency),
            "refund_due": composite(
                Money, invoices.c.refund_due_amount, invoices.c.refund_due_currency
            ),
        },
        version_id_col=invoices.c.version,
        version_id_generator=False,
    )
