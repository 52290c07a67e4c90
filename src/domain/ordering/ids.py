"""Identifiers of the ordering context, apart so that the aggregate and its events share them."""

from typing import NewType
from uuid import UUID

OrderId = NewType("OrderId", UUID)
CustomerId = NewType("CustomerId", UUID)
