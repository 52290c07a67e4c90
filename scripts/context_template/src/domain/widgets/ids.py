"""Identifiers only this context speaks of; the shared ones are in `domain.shared.ids`.

An id another context must name (as ordering names a product) moves to the shared kernel.
"""

from typing import NewType
from uuid import UUID

WidgetId = NewType("WidgetId", UUID)
