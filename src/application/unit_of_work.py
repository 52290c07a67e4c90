"""The unit of work the service runs: every context's repositories in one transaction.

Use cases never ask for this one: each takes its own context's protocol (e.g.
`OrderingUnitOfWork`), so that contexts stay apart. Only what runs work of any context, the
relay's event handlers above all, names the union; so a context whose handlers the relay
runs must be part of it (mypy refuses its declaration otherwise), and the demo data
(`entrypoints/seed.py`) writes through it.
"""

from typing import Protocol

from application.billing.ports import BillingUnitOfWork
from application.catalog.ports import CatalogUnitOfWork
from application.identity.ports import IdentityUnitOfWork
from application.ordering.ports import OrderingUnitOfWork


class ServiceUnitOfWork(
    CatalogUnitOfWork,
    OrderingUnitOfWork,
    BillingUnitOfWork,
    IdentityUnitOfWork,
    Protocol,
):
    """A context that handles events adds its protocol here; adding a repository does not
    touch this."""
