"""Catalog endpoints: translate HTTP to use-case calls and back, nothing more."""

from __future__ import annotations

from inspect import cleandoc
from uuid import UUID

from fastapi import APIRouter, Request
from starlette.responses import Response

from application.catalog.archive_product import ArchiveProduct, ArchiveProductCommand
from application.catalog.create_product import CreateProduct
from application.catalog.get_product import GetProduct
from application.catalog.list_products import ListProducts
from application.catalog.ports import ProductView
from application.catalog.update_product import UpdateProduct, UpdateProductCommand
from application.shared.errors import PermissionDeniedError, PreconditionFailedError
from domain.catalog.product import ProductNotFoundError, SkuTakenError
from domain.shared.errors import ConcurrentModificationError, DomainValidationError
from domain.shared.ids import ProductId
from entrypoints.http.catalog.schemas import (
    CATALOG_VIEWS,
    ProductCreate,
    ProductListQuery,
    ProductPatch,
)
from entrypoints.http.catalog.use_cases import (
    ArchiveProductDep,
    CreateProductDep,
    GetProductDep,
    ListProductsDep,
    UpdateProductDep,
)
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

router = APIRouter(prefix="/api/v1/products", tags=["catalog"], route_class=TransactionalRoute)

_PRODUCT: JsonWriter[ProductView] = JsonWriter(ProductView)
_PRODUCTS: JsonWriter[Listing[ProductView]] = JsonWriter(Listing[ProductView])
_WRITE_ERRORS = (PermissionDeniedError, ProductNotFoundError, ConcurrentModificationError)


@router.get(
    "",
    response_model=Listing[ProductView],
    summary="List products",
    description=cleandoc(ListProducts.__doc__ or ""),
    responses=responses_for(InvalidCursorError, DomainValidationError),
    openapi_extra=ProductListQuery.openapi(),
)
async def list_products(request: Request, list_: ListProductsDep) -> Response:
    query = ProductListQuery.from_request(request)
    criteria = query.to_criteria()
    return await list_response(request, query, lambda page: list_(criteria, page), _PRODUCTS)


@router.get(
    "/{product_id}",
    response_model=ProductView,
    summary="Get a product",
    description=cleandoc(GetProduct.__doc__ or ""),
    responses=responses_for(ProductNotFoundError),
    openapi_extra=IF_NONE_MATCH,
)
async def get_product(product_id: UUID, request: Request, get: GetProductDep) -> Response:
    view = await get(ProductId(product_id))
    return _PRODUCT.read_response(request, view, version=view.version)


@router.post(
    "",
    status_code=201,
    response_model=ProductView,
    summary="Create a product",
    description=cleandoc(CreateProduct.__doc__ or ""),
    dependencies=[idempotent(required=False)],
    responses=responses_for(
        InvalidIdempotencyKeyError,
        PermissionDeniedError,
        SkuTakenError,
        IdempotencyRequestInProgressError,
        IdempotencyKeyReusedError,
        DomainValidationError,
    ),
)
async def create_product(
    body: ProductCreate, request: Request, create: CreateProductDep
) -> Response:
    view = await create(body.to_command())
    location = request.app.url_path_for("get_product", product_id=str(view.id))
    return _PRODUCT.response(view, status=201, version=view.version, headers={"Location": location})


@router.patch(
    "/{product_id}",
    response_model=ProductView,
    summary="Change a product",
    description=cleandoc(UpdateProduct.__doc__ or ""),
    responses=responses_for(*_WRITE_ERRORS, PreconditionFailedError, DomainValidationError),
)
async def update_product(
    product_id: UUID,
    body: ProductPatch,
    update: UpdateProductDep,
    if_match: IfMatch = None,
) -> Response:
    command = UpdateProductCommand(
        product_id=ProductId(product_id),
        changes=body.to_changes(),
        expected_version=expected_version(if_match),
    )
    view = await update(command)
    return _PRODUCT.response(view, version=view.version)


@router.delete(
    "/{product_id}",
    status_code=204,
    summary="Archive a product",
    description=cleandoc(ArchiveProduct.__doc__ or ""),
    responses=responses_for(*_WRITE_ERRORS, PreconditionFailedError),
)
async def archive_product(
    product_id: UUID,
    archive: ArchiveProductDep,
    if_match: IfMatch = None,
) -> Response:
    command = ArchiveProductCommand(
        product_id=ProductId(product_id),
        expected_version=expected_version(if_match),
    )
    await archive(command)
    return Response(status_code=204)


API = ContextApi(
    router=router, description="Products: public reads, staff writes.", views=CATALOG_VIEWS
)
