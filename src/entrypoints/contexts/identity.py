"""The identity context: users and their sessions. It publishes no events and handles none."""

from adapters.memory.identity import InMemoryRefreshTokenStore, InMemoryUserRepository
from adapters.postgres.identity.refresh_tokens import SqlRefreshTokenStore
from adapters.postgres.identity.repository import SqlUserRepository
from entrypoints.contexts import BoundedContext

IDENTITY = BoundedContext(
    name="identity",
    postgres={"users": SqlUserRepository, "refresh_tokens": SqlRefreshTokenStore},
    memory={"users": InMemoryUserRepository, "refresh_tokens": InMemoryRefreshTokenStore},
)
