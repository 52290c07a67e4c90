"""Identity test kit: cheap fakes for the slow ports, and an edge that owns transactions."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TypeVar

import pytest

from adapters.ids import UuidV7Generator
from adapters.memory.identity import InMemoryUserDirectory
from adapters.memory.store import InMemoryStore
from adapters.memory.unit_of_work import InMemoryUnitOfWork
from adapters.security.password_strength import ZxcvbnPasswordStrength
from adapters.security.secrets import UrlSafeSecretGenerator
from application.identity.authenticate import Authenticate, AuthenticateCommand
from application.identity.authenticate_token import AuthenticateToken
from application.identity.change_user import ChangeUser, ChangeUserCommand
from application.identity.create_admin import CreateAdmin, CreateAdminCommand
from application.identity.errors import InvalidTokenError
from application.identity.logout import Logout, LogoutCommand
from application.identity.ports import UserView
from application.identity.refresh_tokens import RefreshTokens, RefreshTokensCommand
from application.identity.register_user import RegisterUser, RegisterUserCommand
from application.identity.revoke_token_family import RevokeTokenFamily
from application.identity.sessions import SessionIssuer
from application.identity.tokens import AccessToken, TokenClaims, TokenPair
from application.shared.caller import Caller
from domain.identity.user import UserChanges
from domain.shared.ids import UserId
from domain.shared.roles import Role
from tests.fakes import FixedClock, memory_transactions

T = TypeVar("T")

STRONG_PASSWORD = "correct horse battery staple"


class CheapHasher:
    """Readable "hashes" tagged with a scheme, so a test can change the scheme and watch
    old hashes get upgraded; counts verifications to show equal work on every path.
    """

    def __init__(self) -> None:
        self.scheme = "v1"
        self.verifications = 0

    async def hash(self, password: str) -> str:
        return f"{self.scheme}${password}"

    async def verify(self, password_hash: str, password: str) -> bool:
        self.verifications += 1
        return password_hash.partition("$")[2] == password

    async def verify_dummy(self, password: str) -> None:
        self.verifications += 1

    def needs_rehash(self, password_hash: str) -> bool:
        return not password_hash.startswith(f"{self.scheme}$")


class FakeTokenIssuer:
    """Remembers what it issued; the JWT adapter has its own tests against real crypto."""

    def __init__(self, clock: FixedClock) -> None:
        self._clock = clock
        self._issued: dict[str, TokenClaims] = {}

    def issue(self, *, user_id: UserId, role: Role) -> AccessToken:
        token = f"access-{len(self._issued)}"
        self._issued[token] = TokenClaims(
            user_id=user_id,
            role=role,
            jti=token,
            expires_at=self._clock.now() + timedelta(minutes=15),
        )
        return AccessToken(token=token, expires_in=900)

    def verify(self, token: str) -> TokenClaims:
        if token not in self._issued:
            raise InvalidTokenError("access token is not valid")
        return self._issued[token]


class Edge:
    """Plays the HTTP layer: one transaction per call, through the runner every entrypoint
    uses: committed when the use case returns, rolled back when it raises.
    """

    def __init__(self, store: InMemoryStore, clock: FixedClock) -> None:
        self.store = store
        self.clock = clock
        self.ids = UuidV7Generator()
        self.hasher = CheapHasher()
        self.strength = ZxcvbnPasswordStrength()
        self.tokens = FakeTokenIssuer(clock)
        self.directory = InMemoryUserDirectory(store)
        self.sessions = SessionIssuer(self.tokens, UrlSafeSecretGenerator(), clock, self.ids)
        self.transactions = memory_transactions(store)
        self.revoke_family = RevokeTokenFamily(self.transactions, clock)

    async def run(self, call: Callable[[InMemoryUnitOfWork], Awaitable[T]]) -> T:
        return await self.transactions.run(call)  # type: ignore[arg-type]

    async def register(
        self,
        email: str = "ann@example.com",
        password: str = STRONG_PASSWORD,
        full_name: str = "Ann Example",
    ) -> UserView:
        command = RegisterUserCommand(email=email, password=password, full_name=full_name)
        return await self.run(
            lambda uow: RegisterUser(uow, self.hasher, self.strength, self.clock, self.ids)(
                command,
            ),
        )

    async def login(
        self,
        email: str = "ann@example.com",
        password: str = STRONG_PASSWORD,
    ) -> TokenPair:
        command = AuthenticateCommand(email=email, password=password)
        return await self.run(
            lambda uow: Authenticate(uow, self.hasher, self.sessions, self.clock)(command),
        )

    async def refresh(self, refresh_token: str) -> TokenPair:
        command = RefreshTokensCommand(refresh_token=refresh_token)
        return await self.run(
            lambda uow: RefreshTokens(uow, self.sessions, self.revoke_family, self.clock)(command)
        )

    async def logout(self, refresh_token: str) -> None:
        command = LogoutCommand(refresh_token=refresh_token)
        await self.run(lambda uow: Logout(uow, self.clock)(command))

    async def authenticate(self, access_token: str) -> Caller:
        """No unit of work: like the real edge, it reads committed state outside a transaction."""
        return await AuthenticateToken(self.directory, self.tokens)(access_token)

    async def change(
        self,
        caller: Caller,
        user_id: UserId,
        changes: UserChanges,
        expected_version: int | None = None,
    ) -> UserView:
        command = ChangeUserCommand(
            user_id=user_id,
            changes=changes,
            expected_version=expected_version,
        )
        return await self.run(lambda uow: ChangeUser(uow, self.clock)(caller, command))

    async def create_admin(self, email: str, password: str = STRONG_PASSWORD) -> UserView:
        command = CreateAdminCommand(email=email, password=password)
        return await self.run(
            lambda uow: CreateAdmin(uow, self.hasher, self.strength, self.clock, self.ids)(
                command,
            ),
        )


@pytest.fixture
def edge(store: InMemoryStore, clock: FixedClock) -> Edge:
    return Edge(store, clock)


@pytest.fixture
async def admin(edge: Edge) -> Caller:
    view = await edge.create_admin("root@example.com", "a very long admin passphrase")
    return Caller(user_id=view.id, role=view.role)
