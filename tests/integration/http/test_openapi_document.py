"""The document says what the server does (for generated clients), and `/docs` works offline."""

from __future__ import annotations

from typing import Any

import httpx
import pytest


@pytest.fixture
async def document(client: httpx.AsyncClient) -> dict[str, Any]:
    response = await client.get("/openapi.json")
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


def test_the_oauth2_password_flow_is_declared(document: dict[str, Any]) -> None:
    scheme = document["components"]["securitySchemes"]["OAuth2"]
    assert scheme["type"] == "oauth2"
    assert scheme["flows"]["password"]["tokenUrl"] == "/api/v1/auth/token"


@pytest.mark.parametrize(
    ("path", "method", "security", "errors"),
    [
        ("/api/v1/products", "post", [{"OAuth2": []}], {"401", "403"}),
        ("/api/v1/orders", "post", [{"OAuth2": []}], {"401"}),
        ("/api/v1/users/me", "get", [{"OAuth2": []}], {"401"}),
        ("/api/v1/users", "get", [{"OAuth2": []}], {"401", "403"}),
        ("/api/v1/products", "get", [{}, {"OAuth2": []}], {"401"}),
    ],
)
def test_operations_declare_the_token_they_take(
    document: dict[str, Any], path: str, method: str, security: Any, errors: set[str]
) -> None:
    operation = document["paths"][path][method]
    assert operation["security"] == security
    assert errors <= set(operation["responses"])


def test_operations_that_take_no_token_declare_none(document: dict[str, Any]) -> None:
    for path in ("/api/v1/auth/register", "/api/v1/auth/token", "/api/v1/auth/refresh"):
        assert "security" not in document["paths"][path]["post"], path


def test_every_operation_that_needs_a_token_says_so(document: dict[str, Any]) -> None:
    secured = {
        (path, method)
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        if operation.get("security") == [{"OAuth2": []}]
    }
    assert len(secured) >= 12
    assert all("401" in document["paths"][path][method]["responses"] for path, method in secured)


async def test_the_docs_pages_load_their_scripts_from_the_service(
    client: httpx.AsyncClient,
) -> None:
    for page, script in (("/docs", "swagger-ui-bundle.js"), ("/redoc", "redoc.standalone.js")):
        html = (await client.get(page)).text
        assert f'src="/docs/assets/{script}"' in html
        assert "cdn." not in html
        asset = await client.get(f"/docs/assets/{script}")
        assert asset.status_code == 200
        assert len(asset.content) > 100_000
    assert (await client.get("/docs/oauth2-redirect")).status_code == 200


def test_operation_ids_are_the_endpoints_names(document: dict[str, Any]) -> None:
    ids = [
        operation["operationId"]
        for operations in document["paths"].values()
        for operation in operations.values()
    ]
    assert len(ids) == len(set(ids))
    assert {"list_products", "create_product", "place_order", "issue_token"} <= set(ids)


def test_pages_and_forms_have_names_a_client_can_use(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    assert {"ProductPage", "OrderPage", "InvoicePage", "UserPage", "TokenRequest"} <= set(schemas)
    assert not [name for name in schemas if name.startswith(("Listing", "Body_"))]
    assert schemas["ProductPage"]["title"] == "ProductPage"
    listing = document["paths"]["/api/v1/products"]["get"]["responses"]["200"]
    assert listing["content"]["application/json"]["schema"]["$ref"].endswith("/ProductPage")


def test_the_headers_the_service_sets_are_declared(document: dict[str, Any]) -> None:
    create = document["paths"]["/api/v1/products"]["post"]["responses"]
    assert {"ETag", "Location", "Idempotent-Replayed", "X-Request-ID"} <= set(
        create["201"]["headers"]
    )
    listing = document["paths"]["/api/v1/products"]["get"]["responses"]["200"]
    assert "Link" in listing["headers"]
    token = document["paths"]["/api/v1/auth/token"]["post"]["responses"]
    assert {"RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"} <= set(
        token["200"]["headers"]
    )
    assert "Retry-After" in token["429"]["headers"]
    assert {"413", "500", "503"} <= set(create)
    assert document["info"]["license"]["name"] == "MIT"
    assert {tag["name"] for tag in document["tags"]} >= {"catalog", "ordering", "billing"}


def test_conditional_reads_declare_not_modified(document: dict[str, Any]) -> None:
    for path in ("/api/v1/products/{product_id}", "/api/v1/orders/{order_id}"):
        responses = document["paths"][path]["get"]["responses"]
        assert "ETag" in responses["304"]["headers"], path


def test_operations_that_answer_a_resource_link_to_reading_it_again(
    document: dict[str, Any],
) -> None:
    created = document["paths"]["/api/v1/products"]["post"]["responses"]["201"]
    assert created["links"]["get_product"] == {
        "operationId": "get_product",
        "parameters": {"product_id": "$response.body#/id"},
    }
    placed = document["paths"]["/api/v1/orders"]["post"]["responses"]["201"]
    assert placed["links"]["get_order"]["parameters"] == {"order_id": "$response.body#/id"}
    read = document["paths"]["/api/v1/orders/{order_id}"]["get"]["responses"]["200"]
    assert "links" not in read


def test_location_is_declared_only_where_a_create_sends_it(document: dict[str, Any]) -> None:
    def created(path: str) -> dict[str, Any]:
        headers: dict[str, Any] = document["paths"][path]["post"]["responses"]["201"]["headers"]
        return headers

    assert "Location" in created("/api/v1/products")
    assert "Location" in created("/api/v1/orders")
    assert "Location" not in created("/api/v1/auth/register")
    assert "Location" not in created("/api/v1/invoices/{invoice_id}/payments")
