"""Every context the service runs, in the order their repositories and handlers are taken."""

from entrypoints.contexts.billing import BILLING
from entrypoints.contexts.catalog import CATALOG
from entrypoints.contexts.identity import IDENTITY
from entrypoints.contexts.ordering import ORDERING

CONTEXTS = (CATALOG, IDENTITY, ORDERING, BILLING)
