"""The in-memory "database": committed state shared by every unit of work of one process."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from application.identity.tokens import RefreshToken
from application.shared.idempotency import IdempotencyRecord
from domain.catalog.product import Product, ProductId
from domain.identity.user import User, UserId


@dataclass
class InMemoryStore:
    """Holds only committed state; units of work change private copies until they commit."""

    products: dict[ProductId, Product] = field(default_factory=dict)
    users: dict[UserId, User] = field(default_factory=dict)
    refresh_tokens: dict[str, RefreshToken] = field(default_factory=dict)
    idempotency: dict[tuple[str, str], IdempotencyRecord] = field(default_factory=dict)
    held_keys: set[tuple[str, str]] = field(default_factory=set)
    commit_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
