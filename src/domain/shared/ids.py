"""Identifiers more than one context speaks of: an order's invoice, an invoice's customer, an
order line's product. They live in the shared kernel so that no context needs another's
modules to name them.
"""

from typing import NewType
from uuid import UUID

ProductId = NewType("ProductId", UUID)
UserId = NewType("UserId", UUID)
CustomerId = NewType("CustomerId", UUID)
OrderId = NewType("OrderId", UUID)
InvoiceId = NewType("InvoiceId", UUID)
