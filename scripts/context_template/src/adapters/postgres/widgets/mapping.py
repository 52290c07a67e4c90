"""The Widget aggregate mapped onto its table; the domain class stays unaware of the ORM."""

from sqlalchemy.orm import registry

from adapters.postgres.widgets.tables import widgets
from domain.widgets.widget import Widget


def map_widgets(mappers: registry) -> None:
    """The domain keeps `version` itself, so the ORM checks it but never generates it."""
    mappers.map_imperatively(
        Widget, widgets, version_id_col=widgets.c.version, version_id_generator=False
    )
