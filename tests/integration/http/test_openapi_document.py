"""The document says what the server does (for generated clients), and `/docs` works offline."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import httpx
import pytest
import yaml

from tests.integration.http.products import PRODUCTS, product_body


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


# -- The limits the service holds values to (Spectral's OWASP rules, `make api-lint`) --------

RULESET = Path(__file__).resolve().parents[3] / ".spectral.yaml"
API = "/api/"
RATE_LIMIT = {"RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"}


def schemas_of(node: Any, pointer: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema in the document of a type Spectral bounds, with its JSON pointer."""
    if isinstance(node, dict):
        if node.get("type") in ("string", "integer", "array"):
            yield pointer, node
        for key, value in node.items():
            yield from schemas_of(value, f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from schemas_of(value, f"{pointer}/{index}")


def excused(rule: str) -> list[str]:
    """The places `.spectral.yaml` turns `rule` off for, as JSON pointers."""
    overrides = yaml.safe_load(RULESET.read_text())["overrides"]
    return [
        unquote(place.partition("#")[2])
        for override in overrides
        if override["rules"].get(rule) == "off"
        for place in override["files"]
    ]


def resolve(document: dict[str, Any], pointer: str) -> Any:
    node: Any = document
    for escaped in pointer.split("/")[1:]:
        part = escaped.replace("~1", "/").replace("~0", "~")
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def test_every_place_the_ruleset_excuses_is_in_the_document(document: dict[str, Any]) -> None:
    """An override that names nothing (a field renamed, a parameter moved) fails here rather
    than hiding something else."""
    places = {
        place
        for override in yaml.safe_load(RULESET.read_text())["overrides"]
        for place in override["files"]
    }
    assert places
    for place in places:
        assert resolve(document, unquote(place.partition("#")[2])) is not None, place


def test_every_string_says_how_long_it_may_be(document: dict[str, Any]) -> None:
    free = excused("owasp:api4:2023-string-limit")
    unbounded = [
        pointer
        for pointer, schema in schemas_of(document)
        if schema["type"] == "string"
        and not {"maxLength", "enum", "const"} & set(schema)
        and not any(pointer == place or pointer.startswith(place + "/") for place in free)
    ]
    assert not unbounded


def test_every_integer_has_a_format_and_a_range(document: dict[str, Any]) -> None:
    integers = [schema for _, schema in schemas_of(document) if schema["type"] == "integer"]
    assert integers
    for schema in integers:
        assert schema["format"] in {"int32", "int64"}, schema
        assert schema["minimum"] <= schema["maximum"] < 2 ** int(schema["format"][3:]) / 2


def test_every_array_has_a_most_items(document: dict[str, Any]) -> None:
    arrays = [schema for _, schema in schemas_of(document) if schema["type"] == "array"]
    assert arrays
    assert all(schema["maxItems"] >= 1 for schema in arrays)


def responses_of(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, operations in document["paths"].items():
        for operation in operations.values():
            for status, response in operation["responses"].items():
                yield path, status, response


def test_every_api_response_declares_the_rate_limit_and_the_probes_none(
    document: dict[str, Any],
) -> None:
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            limited = path.startswith(API)
            assert ("429" in operation["responses"]) is limited, (method, path)
            if limited:
                assert "Retry-After" in operation["responses"]["429"]["headers"]
    for path, status, response in responses_of(document):
        declared = RATE_LIMIT & set(response["headers"])
        assert declared == (RATE_LIMIT if path.startswith(API) else set()), (path, status)


def test_every_response_declares_its_request_id_and_cors_origin(document: dict[str, Any]) -> None:
    headers = document["components"]["headers"]
    for path, status, response in responses_of(document):
        assert {"X-Request-ID", "Access-Control-Allow-Origin"} <= set(response["headers"])
        for name, header in response["headers"].items():
            assert header == {"$ref": f"#/components/headers/{name}"}, (path, status, name)
            assert name in headers


def test_the_token_scheme_and_the_server_say_what_they_are(document: dict[str, Any]) -> None:
    assert "RFC8725" in document["components"]["securitySchemes"]["OAuth2"]["description"]
    (server,) = document["servers"]
    assert server["x-internal"] is False
    assert "production" in server["description"]


def conforms(value: str, schema: dict[str, Any]) -> bool:
    """The few keywords the header schemas use."""
    if schema["type"] == "integer":
        return value.isdigit() and schema["minimum"] <= int(value) <= schema["maximum"]
    return (
        len(value) <= schema.get("maxLength", len(value))
        and value in schema.get("enum", [value])
        and re.fullmatch(schema.get("pattern", ".*"), value) is not None
    )


async def test_the_headers_sent_are_as_declared(
    staff: httpx.AsyncClient, document: dict[str, Any]
) -> None:
    """Each declared header a response carries holds to its schema: a create (Location,
    ETag, Idempotent-Replayed), a page with a next one (Link), a conditional read (304),
    refused input, and a probe."""
    headers = document["components"]["headers"]
    created = await staff.post(
        PRODUCTS, json=product_body("HDR-001"), headers={"Idempotency-Key": "hdr-1"}
    )
    await staff.post(PRODUCTS, json=product_body("HDR-002"))
    responses = [
        created,
        await staff.post(
            PRODUCTS, json=product_body("HDR-001"), headers={"Idempotency-Key": "hdr-1"}
        ),
        await staff.get(PRODUCTS, params={"limit": 1}),
        await staff.get(
            created.headers["location"], headers={"If-None-Match": created.headers["etag"]}
        ),
        await staff.post(PRODUCTS, json={"sku": "?"}),
        await staff.get("/health/live"),
    ]
    assert [response.status_code for response in responses] == [201, 201, 200, 304, 422, 200]
    assert "link" in responses[2].headers
    checked = 0
    for response in responses:
        for name, header in headers.items():
            if name in response.headers:
                assert conforms(response.headers[name], header["schema"]), (name, response)
                checked += 1
    assert checked >= 25
