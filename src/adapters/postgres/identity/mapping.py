"""The User aggregate mapped onto its table; the domain class stays unaware of the ORM.

Refresh tokens are not mapped: they change only through set-based statements
(`refresh_tokens.py`).
"""

from sqlalchemy.orm import registry

from adapters.postgres.identity.tables import users
from domain.identity.user import User


def map_identity(mappers: registry) -> None:
    """The domain keeps `version` itself, so the ORM checks it but never generates it."""
    mappers.map_imperatively(
        User,
        users,
        version_id_col=users.c.version,
        version_id_generator=False,
    )
