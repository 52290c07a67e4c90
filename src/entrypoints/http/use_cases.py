"""How a route gets its use case, ready to call, as one typed dependency: each context
declares its own with `reads` and `writes` (`entrypoints/http/ordering/use_cases.py`:
`PlaceOrderDep`, …).

This is the one place that knows how each use case is made: those that write on the unit of
work of the request's transaction (which `TransactionalRoute` opened through the runner),
read-only ones once for the app. A use case that acts for someone comes bound to the
request's caller (`caller_of`), so a route resolves a single dependency and reads
*validate → call → shape the response*: `view = await get_product(product_id)`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any, ParamSpec, TypeVar

from fastapi import Depends, Request

from application.shared.caller import Access
from entrypoints.container import Container
from entrypoints.http.dependencies import caller_of, container_of
from entrypoints.http.transactions import transaction_of

P = ParamSpec("P")
R = TypeVar("R")

ForCaller = Callable[P, Awaitable[R]]
"""A use case with the request's caller already given: it takes the rest of its arguments."""


def writes(factory: Callable[[Container], Any], *, for_caller: bool = True) -> Any:
    """Built per request, on the unit of work of the request's transaction."""

    async def build(request: Request) -> Any:
        use_case = factory(container_of(request))(uow=transaction_of(request).uow)
        return partial(use_case, await caller_of(request)) if for_caller else use_case

    return Depends(_declaring_access(build, factory, takes_caller=for_caller))


def reads(instance: Callable[[Container], Any]) -> Any:
    """Built once for the app (a read-only use case holds nothing per request), bound to
    the request's caller.
    """

    async def provide(request: Request) -> Any:
        return partial(instance(container_of(request))(), await caller_of(request))

    return Depends(_declaring_access(provide, instance, takes_caller=True))


def _declaring_access(
    dependency: Any, provider: Callable[[Container], Any], *, takes_caller: bool
) -> Any:
    """Tells the route who may call its use case (the class's `access`), so the route can
    refuse a caller before the request's body and query are read (`transactions.py`), and
    whether a token means anything to it (the OpenAPI document's `security`)."""
    # On the container class, the lambda yields the provider itself, which names the class.
    use_case_class = provider(Container).provides  # type: ignore[arg-type]
    dependency.access = getattr(use_case_class, "access", Access.ANYONE)
    dependency.takes_caller = takes_caller
    return dependency
