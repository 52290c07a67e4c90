"""Every context the service runs, in the order their repositories, handlers and routes are
taken: the hottest reads first, so a request passes the fewest routes that are not its own.

Adding a context is adding its name here (docs/adding-a-context.md).
"""

from entrypoints.contexts import declared

CONTEXTS = declared(
    "catalog",
    "ordering",
    "billing",
    "identity",
)
