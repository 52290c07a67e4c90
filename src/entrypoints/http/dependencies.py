"""What every route may need besides its use case: who is calling, and the conditional
request headers.

With `use_cases.py` this is the only bridge from a request to the container; route modules
never see the container. Each route resolves one dependency (its use case, see
`use_cases.py`), so the caller is worked out here once per request and kept on the request.
"""

from __future__ import annotations

from typing import Annotated, Any, cast

from fastapi import Depends, Header, Request

from application.identity.errors import InvalidTokenError
from application.shared.caller import Caller
from application.shared.health import HealthProbe
from application.shared.rate_limit import RateLimiter
from entrypoints.container import Container
from entrypoints.settings import Settings


def container_of(request: Request) -> Container:
    return cast(Container, request.app.state.container)


async def caller_of(request: Request) -> Caller:
    """Anonymous without credentials; credentials that are present must be a valid bearer
    token (else 401). Public endpoints accept both; use cases decide what each may do.
    Worked out once per request, however many dependencies ask.
    """
    state: dict[str, Any] = request.scope["state"]
    known: Caller | None = state.get("caller")
    if known is not None:
        return known
    authorization = request.headers.get("authorization")
    if authorization is None:
        caller = Caller.anonymous()
    else:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise InvalidTokenError("send credentials as `Authorization: Bearer <access token>`")
        caller = await container_of(request).identity().authenticate_token()(token)
        state["user_id"] = str(caller.user_id)
    state["caller"] = caller
    return caller


async def _health_probes(request: Request) -> list[HealthProbe]:
    return container_of(request).health_probes()


async def _rate_limiter(request: Request) -> RateLimiter:
    return cast(RateLimiter, container_of(request).rate_limiter())


async def _settings(request: Request) -> Settings:
    return container_of(request).settings()


HealthProbes = Annotated[list[HealthProbe], Depends(_health_probes)]
RateLimits = Annotated[RateLimiter, Depends(_rate_limiter)]
CurrentSettings = Annotated[Settings, Depends(_settings)]
IfMatch = Annotated[
    str | None,
    Header(
        description="ETag from a previous read, or `*`; 412 unless it names the current "
        "version (any other text names none).",
    ),
]

IF_NONE_MATCH: dict[str, Any] = {
    "parameters": [
        {
            "name": "If-None-Match",
            "in": "header",
            "required": False,
            "description": "ETags of cached copies, or `*`; 304 if one is current. Any other "
            "text matches nothing.",
            "schema": {"type": "string"},
        }
    ]
}
"""OpenAPI for a conditional GET: the header is read by `JsonWriter.read_response`, not
declared as a parameter, so the hot reads pay for no parameter they rarely get.
"""
