"""Ordering endpoints: place, read, cancel and ship orders."""

from __future__ import annotations

from inspect import cleandoc
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from application.ordering.cancel_order import CancelOrder, CancelOrderCommand
from application.ordering.get_order import GetOrder
from application.ordering.list_orders import ListOrders
from application.ordering.place_order import PlaceOrder
from application.ordering.ports import OrderView
from application.ordering.ship_order import ShipOrder, ShipOrderCommand
from application.shared.errors import PermissionDeniedError, PreconditionFailedError
from application.shared.idempotency import (
    IdempotencyKeyReusedError,
    IdempotencyRequestInProgressError,
)
from application.shared.principal import NotAuthenticatedError
from domain.ordering.ids import OrderId
from domain.ordering.order import (
    InsufficientStockError,
    InvalidOrderError,
    InvalidOrderStateError,
    MixedCurrencyError,
    OrderNotFoundError,
    ProductUnavailableError,
)
from domain.shared.errors import ConcurrentModificationError
from entrypoints.http.dependencies import (
    Actor,
    ContainerDep,
    IfMatch,
    IfNoneMatch,
    OptionalIdempotency,
    UoW,
)
from entrypoints.http.etags import expected_version
from entrypoints.http.json import JsonWriter, Listing
from entrypoints.http.listing import list_response
from entrypoints.http.ordering.schemas import OrderIn, OrderListQuery
from entrypoints.http.problems import InvalidCursorError, InvalidIdempotencyKeyError, responses_for

router = APIRouter(prefix="/api/v1/orders", tags=["ordering"])

_ORDER: JsonWriter[OrderView] = JsonWriter(OrderView)
_ORDERS: JsonWriter[Listing[OrderView]] = JsonWriter(Listing[OrderView])
_TRANSITION_ERRORS = (
    NotAuthenticatedError,
    PermissionDeniedError,
    OrderNotFoundError,
    PreconditionFailedError,
    InvalidOrderStateError,
    ConcurrentModificationError,
)


@router.post(
    "",
    status_code=201,
    response_model=OrderView,
    summary="Place an order",
    description=cleandoc(PlaceOrder.__doc__ or ""),
    responses=responses_for(
        InvalidIdempotencyKeyError,
        NotAuthenticatedError,
        InsufficientStockError,
        IdempotencyRequestInProgressError,
        ProductUnavailableError,
        MixedCurrencyError,
        InvalidOrderError,
        IdempotencyKeyReusedError,
    ),
)
async def place_order(
    body: OrderIn,
    request: Request,
    actor: Actor,
    uow: UoW,
    idempotent: OptionalIdempotency,
    container: ContainerDep,
) -> Response:
    async def place() -> Response:
        view = await container.place_order(uow=uow)(actor, body.to_command())
        location = request.app.url_path_for("get_order", order_id=str(view.id))
        return _ORDER.response(
            view, status=201, version=view.version, headers={"Location": location}
        )

    return await idempotent.run(place)


@router.get(
    "",
    response_model=Listing[OrderView],
    summary="List orders",
    description=cleandoc(ListOrders.__doc__ or ""),
    responses=responses_for(NotAuthenticatedError, InvalidCursorError),
)
async def list_orders(
    query: Annotated[OrderListQuery, Query()],
    request: Request,
    actor: Actor,
    container: ContainerDep,
) -> Response:
    criteria = query.to_criteria()
    return await list_response(
        request,
        query,
        container.cursor_codec(),
        lambda page: container.list_orders()(actor, criteria, page),
        _ORDERS,
    )


@router.get(
    "/{order_id}",
    response_model=OrderView,
    summary="Get an order",
    description=cleandoc(GetOrder.__doc__ or ""),
    responses=responses_for(NotAuthenticatedError, OrderNotFoundError),
)
async def get_order(
    order_id: UUID,
    actor: Actor,
    container: ContainerDep,
    if_none_match: IfNoneMatch = None,
) -> Response:
    view = await container.get_order()(actor, OrderId(order_id))
    return _ORDER.read_response(view, version=view.version, if_none_match=if_none_match)


@router.post(
    "/{order_id}/cancel",
    response_model=OrderView,
    summary="Cancel an order",
    description=cleandoc(CancelOrder.__doc__ or ""),
    responses=responses_for(*_TRANSITION_ERRORS),
)
async def cancel_order(
    order_id: UUID,
    actor: Actor,
    uow: UoW,
    container: ContainerDep,
    if_match: IfMatch = None,
) -> Response:
    command = CancelOrderCommand(
        order_id=OrderId(order_id), expected_version=expected_version(if_match)
    )
    view = await container.cancel_order(uow=uow)(actor, command)
    return _ORDER.response(view, version=view.version)


@router.post(
    "/{order_id}/ship",
    response_model=OrderView,
    summary="Ship a paid order",
    description=cleandoc(ShipOrder.__doc__ or ""),
    responses=responses_for(*_TRANSITION_ERRORS),
)
async def ship_order(
    order_id: UUID,
    actor: Actor,
    uow: UoW,
    container: ContainerDep,
    if_match: IfMatch = None,
) -> Response:
    command = ShipOrderCommand(
        order_id=OrderId(order_id), expected_version=expected_version(if_match)
    )
    view = await container.ship_order(uow=uow)(actor, command)
    return _ORDER.response(view, version=view.version)
