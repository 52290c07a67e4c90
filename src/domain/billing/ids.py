"""Identifiers only billing speaks of; the shared ones are in `domain.shared.ids`."""

from typing import NewType
from uuid import UUID

PaymentId = NewType("PaymentId", UUID)
