"""Demo accounts for local runs: an admin and a customer, created once through the real use
cases. The example's shop (`seed_shop.py`) adds its catalog and orders on top."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, cast
from uuid import UUID

from application.identity.create_admin import CreateAdminCommand
from application.identity.register_user import RegisterUserCommand
from application.shared.caller import Caller
from application.shared.transactions import TransactionRunner
from application.unit_of_work import ServiceUnitOfWork
from domain.shared.roles import Role
from entrypoints.container import Container

DEMO_PASSWORD = "orderly-demo-2026!"  # noqa: S105 - a published demo credential, development only
DEMO_ADMIN = "admin@example.com"
DEMO_CUSTOMER = "customer@example.com"

SEEDER = Caller(user_id=UUID(int=0), role=Role.ADMIN)
"""Who the demo data is created as, where a use case asks."""

Work = Callable[[ServiceUnitOfWork], Awaitable[Any]]


async def seed_demo_accounts(container: Container) -> bool:
    """An admin and a customer with the published demo password; True if it created them."""

    async def create(uow: ServiceUnitOfWork) -> bool:
        if await uow.users.get_by_email(DEMO_ADMIN) is not None:
            return False
        admin = CreateAdminCommand(email=DEMO_ADMIN, password=DEMO_PASSWORD, full_name="Demo Admin")
        await container.identity().create_admin(uow=uow)(admin)
        customer = RegisterUserCommand(
            email=DEMO_CUSTOMER, password=DEMO_PASSWORD, full_name="Demo Customer"
        )
        await container.identity().register_user(uow=uow)(customer)
        return True

    return await transactions_of(container).run(create)


def transactions_of(container: Container) -> TransactionRunner[ServiceUnitOfWork]:
    return cast(TransactionRunner[ServiceUnitOfWork], container.transactions())


def work(use_case: Callable[..., Any], *arguments: Any) -> Work:
    """One use-case call as the runner's work: built on its unit of work, then called."""

    async def work(uow: ServiceUnitOfWork) -> Any:
        return await use_case(uow=uow)(*arguments)

    return work
