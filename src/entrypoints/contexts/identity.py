"""The identity context: users and their sessions. It publishes no events and handles none.

Its refresh tokens outlive their use; the purge deletes those whose family is over.
"""

from adapters.memory.identity import InMemoryRefreshTokenStore, InMemoryUserRepository
from adapters.postgres.identity.refresh_tokens import SqlRefreshTokenStore
from adapters.postgres.identity.repository import SqlUserRepository
from adapters.postgres.identity.retention import dead_refresh_tokens
from entrypoints.contexts import BoundedContext

IDENTITY = BoundedContext(
    name="identity",
    postgres={"users": SqlUserRepository, "refresh_tokens": SqlRefreshTokenStore},
    memory={"users": InMemoryUserRepository, "refresh_tokens": InMemoryRefreshTokenStore},
    purgers={"refresh_tokens": dead_refresh_tokens},
)
