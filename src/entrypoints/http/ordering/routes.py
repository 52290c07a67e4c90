"""Ordering endpoints: place, read, cancel and ship orders."""

from __future__ import annotations

from inspect import cleandoc
from uuid import UUID

from fastapi import APIRouter, Request
from starlette.responses import Response

from application.ordering.cancel_order import CancelOrder, CancelOrderCommand
from application.ordering.get_order import GetOrder
from application.ordering.list_orders import ListOrders
from application.ordering.place_order import PlaceOrder
from application.ordering.ports import OrderView
from application.ordering.ship_order import ShipOrder, ShipOrderCommand
from application.shared.caller import NotAuthenticatedError
from application.shared.errors import PermissionDeniedError, PreconditionFailedError
from domain.ordering.order import (
    InsufficientStockError,
    InvalidOrderError,
    InvalidOrderStateError,
    MixedCurrencyError,
    OrderNotFoundError,
    ProductUnavailableError,
)
from domain.shared.errors import ConcurrentModificationError, DomainValidationError
from domain.shared.ids import OrderId
from entrypoints.http.context_api import ContextApi
from entrypoints.http.dependencies import IF_NONE_MATCH, IfMatch
from entrypoints.http.edge_errors import (
    IdempotencyKeyReusedError,
    IdempotencyRequestInProgressError,
    InvalidCursorError,
    InvalidIdempotencyKeyError,
)
from entrypoints.http.etags import expected_version
from entrypoints.http.idempotency import idempotent
from entrypoints.http.json import JsonWriter, Listing
from entrypoints.http.listing import list_response
from entrypoints.http.openapi import responses_for
from entrypoints.http.ordering.schemas import ORDERING_VIEWS, OrderIn, OrderListQuery
from entrypoints.http.ordering.use_cases import (
    CancelOrderDep,
    GetOrderDep,
    ListOrdersDep,
    PlaceOrderDep,
    ShipOrderDep,
)
from entrypoints.http.transactions import TransactionalRoute

router = APIRouter(prefix="/api/v1/orders", tags=["ordering"], route_class=TransactionalRoute)

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
    dependencies=[idempotent(required=False)],
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
async def place_order(body: OrderIn, request: Request, place: PlaceOrderDep) -> Response:
    view = await place(body.to_command())
    location = request.app.url_path_for("get_order", order_id=str(view.id))
    return _ORDER.response(view, status=201, version=view.version, headers={"Location": location})


@router.get(
    "",
    response_model=Listing[OrderView],
    summary="List orders",
    description=cleandoc(ListOrders.__doc__ or ""),
    responses=responses_for(NotAuthenticatedError, InvalidCursorError, DomainValidationError),
    openapi_extra=OrderListQuery.openapi(),
)
async def list_orders(request: Request, list_: ListOrdersDep) -> Response:
    query = OrderListQuery.from_request(request)
    criteria = query.to_criteria()
    return await list_response(request, query, lambda page: list_(criteria, page), _ORDERS)


@router.get(
    "/{order_id}",
    response_model=OrderView,
    summary="Get an order",
    description=cleandoc(GetOrder.__doc__ or ""),
    responses=responses_for(NotAuthenticatedError, OrderNotFoundError),
    openapi_extra=IF_NONE_MATCH,
)
async def get_order(order_id: UUID, request: Request, get: GetOrderDep) -> Response:
    view = await get(OrderId(order_id))
    return _ORDER.read_response(request, view, version=view.version)


@router.post(
    "/{order_id}/cancel",
    response_model=OrderView,
    summary="Cancel an order",
    description=cleandoc(CancelOrder.__doc__ or ""),
    responses=responses_for(*_TRANSITION_ERRORS),
)
async def cancel_order(
    order_id: UUID, cancel: CancelOrderDep, if_match: IfMatch = None
) -> Response:
    command = CancelOrderCommand(
        order_id=OrderId(order_id), expected_version=expected_version(if_match)
    )
    view = await cancel(command)
    return _ORDER.response(view, version=view.version)


@router.post(
    "/{order_id}/ship",
    response_model=OrderView,
    summary="Ship a paid order",
    description=cleandoc(ShipOrder.__doc__ or ""),
    responses=responses_for(*_TRANSITION_ERRORS),
)
async def ship_order(order_id: UUID, ship: ShipOrderDep, if_match: IfMatch = None) -> Response:
    command = ShipOrderCommand(
        order_id=OrderId(order_id), expected_version=expected_version(if_match)
    )
    view = await ship(command)
    return _ORDER.response(view, version=view.version)


API = ContextApi(
    router=router,
    description="Orders: placed by customers, shipped by staff.",
    views=ORDERING_VIEWS,
)
