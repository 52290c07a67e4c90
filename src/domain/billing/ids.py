"""Identifiers of the billing context, apart so that the aggregate and its events share them."""

from typing import NewType
from uuid import UUID

InvoiceId = NewType("InvoiceId", UUID)
PaymentId = NewType("PaymentId", UUID)
