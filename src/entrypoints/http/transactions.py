"""Every write route runs in one transaction, through the runner the CLI and the relay use.

`TransactionalRoute` is the route class of every router. A GET runs as it is: reads go to
the read models and open no transaction. Any other method runs the whole route (its
dependencies, its use case and the shaping of its response) as the work of one
`TransactionRunner.run`:

- the route's use case is built on that transaction's unit of work (`use_cases.py`);
- the response is sent only after the commit, so a 2xx always means committed; an error
  rolls everything back;
- a request without `If-Match` that collided with a write it could not know about is run
  again from the start in a fresh transaction; with `If-Match` the conflict is the answer.

A dependency may end the request early, changing nothing (raise `Answered`: an idempotent
replay), or ask to see the response just before the commit (`before_commit`: storing it
with the effect).

Before any of that, and before the framework reads the body or the query, the route admits
the caller its use case declares (`Access`): an anonymous call to an endpoint that needs a
token is 401, and a customer calling a staff endpoint 403, whatever the request carries
(SPEC §5). A route open to anyone pays nothing for this.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import Response

from application.shared.caller import Access
from application.unit_of_work import ServiceUnitOfWork
from entrypoints.http.dependencies import caller_of, container_of

_READS = frozenset({"GET", "HEAD"})


class Answered(Exception):  # noqa: N818 - not an error: a response that is ready early
    """Raised by a dependency that already has the response; the transaction commits nothing."""

    def __init__(self, response: Response) -> None:
        super().__init__("answered before the route ran")
        self.response = response


@dataclass(slots=True)
class RequestTransaction:
    uow: ServiceUnitOfWork
    hooks: list[Callable[[Response], Awaitable[None]]] = field(default_factory=list)

    def before_commit(self, hook: Callable[[Response], Awaitable[None]]) -> None:
        self.hooks.append(hook)


def transaction_of(request: Request) -> RequestTransaction:
    transaction: RequestTransaction | None = request.scope["state"].get("transaction")
    if transaction is None:
        raise RuntimeError(f"{request.method} routes run without a transaction; read instead")
    return transaction


class TransactionalRoute(APIRoute):
    access: Access
    """Who may call the route's use case; set when the route is built."""
    takes_caller: bool
    """Whether a token means anything to the route (its OpenAPI `security`)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        return self._admitting(self._transactional(super().get_route_handler()))

    def _admitting(
        self, handle: Callable[[Request], Coroutine[Any, Any, Response]]
    ) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        calls = [dependant.call for dependant in self.dependant.dependencies]
        access = self.access = Access.strictest(
            getattr(call, "access", Access.ANYONE) for call in calls
        )
        self.takes_caller = any(getattr(call, "takes_caller", False) for call in calls)
        if access is Access.ANYONE:
            return handle

        async def admit_first(request: Request) -> Response:
            (await caller_of(request)).admit(access)
            return await handle(request)

        return admit_first

    def _transactional(
        self, handle: Callable[[Request], Coroutine[Any, Any, Response]]
    ) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        if set(self.methods or ()) <= _READS:
            return handle

        async def handle_in_transaction(request: Request) -> Response:
            async def work(uow: ServiceUnitOfWork) -> Response:
                transaction = RequestTransaction(uow)
                request.scope["state"]["transaction"] = transaction
                try:
                    response = await handle(request)
                except Answered as answer:
                    return answer.response
                for hook in transaction.hooks:
                    await hook(response)
                return response

            runner = container_of(request).transactions()
            retry = "if-match" not in request.headers
            response: Response = await runner.run(work, retry_conflicts=retry)
            return response

        return handle_in_transaction
