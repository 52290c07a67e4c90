"""FastAPI dependencies: the only bridge from a request to the container.

Route signatures stay short through the `Annotated` aliases at the bottom.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, cast

from fastapi import Depends, Header, Request

from application.identity.errors import InvalidTokenError
from application.shared.principal import Principal
from application.unit_of_work import UnitOfWork
from domain.shared.errors import DomainError
from entrypoints.container import Container
from entrypoints.http.idempotency import Idempotent, idempotent_request


async def get_container(request: Request) -> Container:
    """`async` on purpose: FastAPI runs plain `def` dependencies in a worker thread."""
    return cast(Container, request.app.state.container)


async def unit_of_work(request: Request) -> AsyncIterator[UnitOfWork]:
    """One transaction per request, committed after the route returns and before the
    response is sent, so a 2xx always means committed; any exception rolls it back, except
    a refusal that declares its changes must survive (`DomainError.preserves_changes`).
    """
    async with (await get_container(request)).unit_of_work() as uow:
        try:
            yield uow
        except DomainError as refusal:
            if refusal.preserves_changes:
                await uow.commit()
            raise
        await uow.commit()


async def current_principal(request: Request) -> Principal:
    """Anonymous without credentials; credentials that are present must be a valid bearer
    token (else 401). Public endpoints accept both; use cases decide what each may do.
    """
    authorization = request.headers.get("authorization")
    if authorization is None:
        return Principal.anonymous()
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise InvalidTokenError("send credentials as `Authorization: Bearer <access token>`")
    principal = await (await get_container(request)).authenticate_token()(token)
    request.state.user_id = str(principal.user_id)
    return principal


ContainerDep = Annotated[Container, Depends(get_container)]
IfMatch = Annotated[str | None, Header(description="ETag from a previous read; 412 if stale.")]
IfNoneMatch = Annotated[str | None, Header(description="ETag of a cached copy; 304 if current.")]
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
