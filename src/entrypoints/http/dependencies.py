"""FastAPI dependencies for what every route may need besides its use case: who is calling,
the conditional-request headers, and the few app-scoped helpers of the edge.

With `use_cases.py` this is the only bridge from a request to the container; route modules
never see the container, only these `Annotated` aliases.
"""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import Depends, Header, Request

from application.identity.errors import InvalidTokenError
from application.shared.caller import Caller
from application.shared.health import HealthProbe
from application.shared.rate_limit import RateLimiter
from entrypoints.container import Container
from entrypoints.http.pagination import CursorCodec
from entrypoints.settings import Settings


def container_of(request: Request) -> Container:
    return cast(Container, request.app.state.container)


async def current_caller(request: Request) -> Caller:
    """Anonymous without credentials; credentials that are present must be a valid bearer
    token (else 401). Public endpoints accept both; use cases decide what each may do.
    """
    authorization = request.headers.get("authorization")
    if authorization is None:
        return Caller.anonymous()
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise InvalidTokenError("send credentials as `Authorization: Bearer <access token>`")
    caller = await container_of(request).authenticate_token()(token)
    request.state.user_id = str(caller.user_id)
    return caller


async def _cursor_codec(request: Request) -> CursorCodec:
    return container_of(request).cursor_codec()


async def _health_probes(request: Request) -> list[HealthProbe]:
    return container_of(request).health_probes()


async def _rate_limiter(request: Request) -> RateLimiter:
    return cast(RateLimiter, container_of(request).rate_limiter())


async def _settings(request: Request) -> Settings:
    return container_of(request).settings()


CurrentCaller = Annotated[Caller, Depends(current_caller)]
IfMatch = Annotated[str | None, Header(description="ETag from a previous read; 412 if stale.")]
IfNoneMatch = Annotated[str | None, Header(description="ETag of a cached copy; 304 if current.")]
Cursors = Annotated[CursorCodec, Depends(_cursor_codec)]
HealthProbes = Annotated[list[HealthProbe], Depends(_health_probes)]
RateLimits = Annotated[RateLimiter, Depends(_rate_limiter)]
CurrentSettings = Annotated[Settings, Depends(_settings)]
