"""The identity context: users and their sessions. It publishes no events and handles none.

Its refresh tokens outlive their use; the purge deletes those whose family is over. Every
authenticated request asks it who the caller is (`authenticate_token`), from a per-process
cache of users that PostgreSQL's NOTIFY keeps current (`user_changes`, ADR 0013).
"""

from dependency_injector import containers, providers

from adapters.memory.identity import (
    InMemoryRefreshTokenStore,
    InMemoryUserDirectory,
    InMemoryUserQueries,
    InMemoryUserRepository,
)
from adapters.postgres.identity.cached_directory import CachedUserDirectory
from adapters.postgres.identity.directory import SqlUserDirectory
from adapters.postgres.identity.mapping import map_identity
from adapters.postgres.identity.queries import SqlUserQueries
from adapters.postgres.identity.refresh_tokens import SqlRefreshTokenStore
from adapters.postgres.identity.repository import SqlUserRepository
from adapters.postgres.identity.retention import dead_refresh_tokens
from adapters.postgres.identity.user_changes import UserChanges
from adapters.security.argon2_hasher import Argon2Parameters, Argon2PasswordHasher
from adapters.security.jwt_tokens import JwtSettings, JwtTokenIssuer
from adapters.security.password_strength import ZxcvbnPasswordStrength
from adapters.security.secrets import UrlSafeSecretGenerator
from application.identity.authenticate import Authenticate
from application.identity.authenticate_token import AuthenticateToken
from application.identity.change_user import ChangeUser
from application.identity.create_admin import CreateAdmin
from application.identity.get_me import GetMe
from application.identity.list_users import ListUsers
from application.identity.logout import Logout
from application.identity.ports import IdentityUnitOfWork
from application.identity.refresh_tokens import RefreshTokens
from application.identity.register_user import RegisterUser
from application.identity.revoke_token_family import RevokeTokenFamily
from application.identity.sessions import SessionIssuer
from domain.identity.user import EmailTakenError
from entrypoints.contexts import BoundedContext
from entrypoints.http.identity.errors import IDENTITY_ERRORS


class IdentityUseCases(containers.DeclarativeContainer):
    """Reads are built once for the app; writes per transaction, on its unit of work."""

    kernel = providers.DependenciesContainer()
    settings = kernel.settings

    password_hasher = providers.Singleton(
        Argon2PasswordHasher,
        providers.Singleton(
            Argon2Parameters,
            time_cost=settings.provided.password_hash_time_cost,
            memory_cost_kib=settings.provided.password_hash_memory_kib,
        ),
    )
    password_strength = providers.Singleton(ZxcvbnPasswordStrength)
    token_issuer = providers.Singleton(
        JwtTokenIssuer, providers.Singleton(JwtSettings, secret=kernel.secret), kernel.clock
    )
    sessions = providers.Singleton(
        SessionIssuer,
        token_issuer,
        providers.Singleton(UrlSafeSecretGenerator),
        kernel.clock,
        kernel.ids,
    )
    user_directory = providers.Selector(
        kernel.persistence,
        postgres=providers.Singleton(
            CachedUserDirectory, providers.Singleton(SqlUserDirectory, kernel.read_pool)
        ),
        memory=providers.Singleton(InMemoryUserDirectory, kernel.memory_store),
    )
    user_changes = providers.Singleton(UserChanges, settings.provided.database_url, user_directory)
    user_queries = providers.Selector(
        kernel.persistence,
        postgres=providers.Singleton(SqlUserQueries, kernel.read_pool),
        memory=providers.Singleton(InMemoryUserQueries, kernel.memory_store),
    )

    authenticate_token = providers.Singleton(AuthenticateToken, user_directory, token_issuer)
    register_user = providers.Factory(
        RegisterUser,
        hasher=password_hasher,
        strength=password_strength,
        clock=kernel.clock,
        ids=kernel.ids,
    )
    authenticate = providers.Factory(
        Authenticate, hasher=password_hasher, sessions=sessions, clock=kernel.clock
    )
    revoke_token_family = providers.Singleton(RevokeTokenFamily, kernel.transactions, kernel.clock)
    refresh_tokens = providers.Factory(
        RefreshTokens, sessions=sessions, revoke_family=revoke_token_family, clock=kernel.clock
    )
    logout = providers.Factory(Logout, clock=kernel.clock)
    get_me = providers.Singleton(GetMe, user_queries)
    list_users = providers.Singleton(ListUsers, user_queries)
    change_user = providers.Factory(ChangeUser, clock=kernel.clock)
    create_admin = providers.Factory(
        CreateAdmin,
        hasher=password_hasher,
        strength=password_strength,
        clock=kernel.clock,
        ids=kernel.ids,
    )


CONTEXT = BoundedContext(
    name="identity",
    protocol=IdentityUnitOfWork,
    use_cases=IdentityUseCases,
    postgres={"users": SqlUserRepository, "refresh_tokens": SqlRefreshTokenStore},
    memory={"users": InMemoryUserRepository, "refresh_tokens": InMemoryRefreshTokenStore},
    mapping=map_identity,
    errors=IDENTITY_ERRORS,
    conflicts={"uq_users_email": EmailTakenError},
    purgers={"refresh_tokens": dead_refresh_tokens},
)
