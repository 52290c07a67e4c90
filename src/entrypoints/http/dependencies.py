"""FastAPI dependencies: the only bridge from a request to the container.

Route signatures stay short through the `Annotated` aliases at the bottom.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, cast

from fastapi import Depends, Request

from application.shared.principal import Principal
from application.unit_of_work import UnitOfWork
from domain.shared.roles import Role
from entrypoints.container import Container
from entrypoints.http.idempotency import Idempotent, idempotent_request


def get_container(request: Request) -> Container:
    return cast(Container, request.app.state.container)


async def unit_of_work(request: Request) -> AsyncIterator[UnitOfWork]:
    """One transaction per request, committed after the route returns and before the
    response is sent, so a 2xx always means committed; any exception rolls it back.
    """
    async with get_container(request).unit_of_work() as uow:
        yield uow
        await uow.commit()


def current_principal(request: Request) -> Principal:
    """Authorization seam: until the identity context lands, every caller acts as staff.

    Replacing this one function with bearer-token authentication secures every route,
    because use cases already enforce roles on the principal they are given.
    """
    principal = Principal(user_id=None, role=Role.STAFF)
    request.state.user_id = principal.user_id
    return principal


ContainerDep = Annotated[Container, Depends(get_container)]
UoW = Annotated[UnitOfWork, Depends(unit_of_work, scope="function")]
Actor = Annotated[Principal, Depends(current_principal)]


def idempotency(*, required: bool) -> object:
    async def dependency(
        request: Request, uow: UoW, actor: Actor, container: ContainerDep
    ) -> Idempotent:
        scope = str(actor.user_id) if actor.user_id else "anonymous"
        guard = container.idempotency_guard(store=uow.idempotency)
        return Idempotent(guard, await idempotent_request(request, scope, required=required))

    return Depends(dependency, scope="function")


OptionalIdempotency = Annotated[Idempotent, idempotency(required=False)]
RequiredIdempotency = Annotated[Idempotent, idempotency(required=True)]
