"""Widgets endpoints: translate HTTP to use-case calls and back, nothing more."""

from __future__ import annotations

from inspect import cleandoc
from uuid import UUID

from fastapi import APIRouter, Request
from starlette.responses import Response

from application.shared.caller import NotAuthenticatedError
from application.shared.errors import PermissionDeniedError, PreconditionFailedError
from application.widgets.close_widget import CloseWidget, CloseWidgetCommand
from application.widgets.create_widget import CreateWidget
from application.widgets.get_widget import GetWidget
from application.widgets.list_widgets import ListWidgets
from application.widgets.ports import WidgetView
from domain.shared.errors import ConcurrentModificationError, DomainValidationError
from domain.widgets.ids import WidgetId
from domain.widgets.widget import InvalidWidgetStateError, WidgetNotFoundError
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
from entrypoints.http.transactions import TransactionalRoute
from entrypoints.http.widgets.schemas import WIDGETS_VIEWS, WidgetCreate, WidgetListQuery
from entrypoints.http.widgets.use_cases import (
    CloseWidgetDep,
    CreateWidgetDep,
    GetWidgetDep,
    ListWidgetsDep,
)

router = APIRouter(prefix="/api/v1/widgets", tags=["widgets"], route_class=TransactionalRoute)

_WIDGET: JsonWriter[WidgetView] = JsonWriter(WidgetView)
_WIDGETS: JsonWriter[Listing[WidgetView]] = JsonWriter(Listing[WidgetView])


@router.post(
    "",
    status_code=201,
    response_model=WidgetView,
    summary="Create a widget",
    description=cleandoc(CreateWidget.__doc__ or ""),
    dependencies=[idempotent(required=False)],
    responses=responses_for(
        InvalidIdempotencyKeyError,
        NotAuthenticatedError,
        PermissionDeniedError,
        IdempotencyRequestInProgressError,
        IdempotencyKeyReusedError,
        DomainValidationError,
    ),
)
async def create_widget(body: WidgetCreate, request: Request, create: CreateWidgetDep) -> Response:
    view = await create(body.to_command())
    location = request.app.url_path_for("get_widget", widget_id=str(view.id))
    return _WIDGET.response(view, status=201, version=view.version, headers={"Location": location})


@router.get(
    "",
    response_model=Listing[WidgetView],
    summary="List widgets",
    description=cleandoc(ListWidgets.__doc__ or ""),
    responses=responses_for(NotAuthenticatedError, InvalidCursorError, DomainValidationError),
    openapi_extra=WidgetListQuery.openapi(),
)
async def list_widgets(request: Request, list_: ListWidgetsDep) -> Response:
    query = WidgetListQuery.from_request(request)
    criteria = query.to_criteria()
    return await list_response(request, query, lambda page: list_(criteria, page), _WIDGETS)


@router.get(
    "/{widget_id}",
    response_model=WidgetView,
    summary="Get a widget",
    description=cleandoc(GetWidget.__doc__ or ""),
    responses=responses_for(NotAuthenticatedError, WidgetNotFoundError),
    openapi_extra=IF_NONE_MATCH,
)
async def get_widget(widget_id: UUID, request: Request, get: GetWidgetDep) -> Response:
    view = await get(WidgetId(widget_id))
    return _WIDGET.read_response(request, view, version=view.version)


@router.post(
    "/{widget_id}/close",
    response_model=WidgetView,
    summary="Close a widget",
    description=cleandoc(CloseWidget.__doc__ or ""),
    responses=responses_for(
        NotAuthenticatedError,
        PermissionDeniedError,
        WidgetNotFoundError,
        PreconditionFailedError,
        InvalidWidgetStateError,
        ConcurrentModificationError,
    ),
)
async def close_widget(widget_id: UUID, close: CloseWidgetDep, if_match: IfMatch = None) -> Response:
    command = CloseWidgetCommand(
        widget_id=WidgetId(widget_id), expected_version=expected_version(if_match)
    )
    view = await close(command)
    return _WIDGET.response(view, version=view.version)


API = ContextApi(
    router=router,
    description="Widgets: TODO one line on what a client does with them.",
    views=WIDGETS_VIEWS,
)
