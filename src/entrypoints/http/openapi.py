"""The OpenAPI document, made to say what the server does, for generated clients:

- each route's error responses come from the error table, and the framework's validation
  error schema is replaced by the problem document really sent; every operation may also
  answer 500 and 503, and one with a body 413;
- each operation's `security` comes from who may call its use case (`Access`);
- operation ids are the endpoints' names (`list_products`), and schemas have names a client
  can use (`ProductPage`, `TokenRequest`) rather than the framework's generated ones;
- the response headers the service sets are declared where it sets them.
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from application.shared.caller import Access
from entrypoints.http.error_table import ERRORS
from entrypoints.http.identity.oauth2 import TOKEN_PATH
from entrypoints.http.problems import PROBLEM_JSON
from entrypoints.http.schemas import ProblemOut
from entrypoints.http.transactions import TransactionalRoute

_PROBLEM_SCHEMA: dict[str, Any] = {"$ref": "#/components/schemas/Problem"}


def responses_for(*errors: type[Exception]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for a route, read from the same table the handlers use."""
    documented: dict[int | str, dict[str, Any]] = {}
    for error in errors:
        spec = ERRORS[error]
        entry = documented.setdefault(
            spec.status,
            {"description": spec.title, "content": {PROBLEM_JSON: {"schema": _PROBLEM_SCHEMA}}},
        )
        codes = entry.setdefault("x-codes", [])
        codes.append(error.code if hasattr(error, "code") else "error")
    return documented


def openapi_document(app: FastAPI) -> dict[str, Any]:
    """Built once, on first request of `/openapi.json`."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
        tags=_TAGS,
        servers=[{"url": "/", "description": "this service"}],
        contact={"name": "orderly maintainers", "url": "https://github.com/example/orderly"},
        license_info={"name": "MIT", "identifier": "MIT"},
    )
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Problem"] = ProblemOut.model_json_schema(
        ref_template="#/components/schemas/{model}"
    )
    components.pop("HTTPValidationError", None)
    components.pop("ValidationError", None)
    schema["components"]["securitySchemes"] = {_SCHEME: _OAUTH2_PASSWORD_FLOW}
    problem_ref = {PROBLEM_JSON: {"schema": _PROBLEM_SCHEMA}}
    routes = {
        (route.path, method.lower()): route
        for route in app.routes
        if isinstance(route, APIRoute)
        for method in route.methods or ()
    }
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            if "422" in operation.get("responses", {}):
                operation["responses"]["422"] = {
                    "description": "Invalid input",
                    "content": problem_ref,
                }
            route = routes[(path, method)]
            operation["operationId"] = route.name
            if isinstance(route, TransactionalRoute):
                _declare_security(operation, route, problem_ref)
            _declare_failures(operation, problem_ref)
            _declare_headers(operation, components)
    _link_to_reads(schema["paths"])
    schema = _renamed(schema, _readable_names(components))
    app.openapi_schema = schema
    return schema


_TAGS = [
    {"name": "catalog", "description": "Products: public reads, staff writes."},
    {"name": "ordering", "description": "Orders: placed by customers, shipped by staff."},
    {"name": "billing", "description": "Invoices, issued for every order, and payments."},
    {"name": "identity", "description": "Accounts, sign-in (OAuth2) and roles."},
    {"name": "health", "description": "Liveness and readiness probes (not problem+json)."},
]


def _declare_failures(operation: dict[str, Any], problem_ref: dict[str, Any]) -> None:
    """What any operation may answer besides its own errors: a body too large, an
    unexpected error, the database unavailable."""
    responses = operation.setdefault("responses", {})
    if "requestBody" in operation:
        responses.setdefault("413", {"description": "Body too large", "content": problem_ref})
    responses.setdefault("500", {"description": "Unexpected error", "content": problem_ref})
    responses.setdefault(
        "503",
        {
            "description": "Overloaded or database unreachable; retry",
            "content": problem_ref,
            "headers": {"Retry-After": _RETRY_AFTER},
        },
    )


def _declare_headers(operation: dict[str, Any], components: dict[str, Any]) -> None:
    for status, response in operation.get("responses", {}).items():
        headers = response.setdefault("headers", {})
        headers["X-Request-ID"] = _REQUEST_ID
        reference = (
            response.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref")
        )
        if status in {"200", "201"} and reference:
            name = reference.rsplit("/", 1)[-1]
            if name.startswith("Listing_"):
                headers["Link"] = _header('`<…?cursor=…>; rel="next"` when a next page exists.')
            elif "version" in components.get(name, {}).get("properties", {}):
                headers["ETag"] = _header("The representation's version, for If-Match.")
        if status == "429":
            headers["Retry-After"] = _RETRY_AFTER
        if "429" in operation["responses"] and status in {"200", "201", "429"}:
            headers.update(_RATE_LIMIT_HEADERS)
        if status == "201" and "Idempotency-Key" in _parameter_names(operation):
            headers["Idempotent-Replayed"] = _header("`true` on a replayed response.")
    if "If-None-Match" in _parameter_names(operation):
        operation["responses"]["304"] = {
            "description": "Not modified: the copy `If-None-Match` names is current.",
            "headers": {
                "ETag": _header("The current version."),
                "X-Request-ID": _REQUEST_ID,
            },
        }


def _header(description: str, kind: str = "string") -> dict[str, Any]:
    return {"description": description, "schema": {"type": kind}}


_REQUEST_ID = _header("The request's id, as in the service's logs.")
_RETRY_AFTER = _header("Seconds to wait before retrying.", "integer")
_RATE_LIMIT_HEADERS = {
    "RateLimit-Limit": _header("Requests allowed in the window.", "integer"),
    "RateLimit-Remaining": _header("Requests left in the window.", "integer"),
    "RateLimit-Reset": _header("Seconds until the full quota is back.", "integer"),
}


def _parameter_names(operation: dict[str, Any]) -> set[str]:
    return {parameter["name"] for parameter in operation.get("parameters", [])}


def _link_to_reads(paths: dict[str, Any]) -> None:
    """OpenAPI links from every operation that answers a resource to the operation that
    reads it again by its id (create → get, cancel → get …), for clients and stateful tests.
    A create at the resource's collection path also answers with its `Location`."""
    reads = {}
    for path, operations in paths.items():
        read = operations.get("get")
        parameters = [p["name"] for p in (read or {}).get("parameters", []) if p["in"] == "path"]
        if read and len(parameters) == 1 and path.endswith("{" + parameters[0] + "}"):
            reads[_answered_schema(read)] = (read["operationId"], parameters[0], path)
    for path, operations in paths.items():
        for operation in operations.values():
            answered = _answered_schema(operation)
            if answered not in reads or reads[answered][0] == operation["operationId"]:
                continue
            operation_id, parameter, read_path = reads[answered]
            status = "201" if "201" in operation["responses"] else "200"
            response = operation["responses"][status]
            response["links"] = {
                operation_id: {
                    "operationId": operation_id,
                    "parameters": {parameter: "$response.body#/id"},
                }
            }
            if status == "201" and read_path == f"{path}/{{{parameter}}}":
                response["headers"]["Location"] = _header("The created resource.")


def _answered_schema(operation: dict[str, Any]) -> str | None:
    for status in ("201", "200"):
        content = operation.get("responses", {}).get(status, {}).get("content", {})
        reference = content.get("application/json", {}).get("schema", {}).get("$ref")
        if isinstance(reference, str):
            return reference
    return None


def _readable_names(components: dict[str, Any]) -> dict[str, str]:
    """`Listing_ProductView_` → `ProductPage`; the sign-in form → `TokenRequest`."""
    names = {}
    for name in components:
        if name.startswith("Listing_") and name.endswith("View_"):
            names[name] = name.removeprefix("Listing_").removesuffix("View_") + "Page"
        elif name.startswith("Body_issue_token"):
            names[name] = "TokenRequest"
    return names


def _renamed(schema: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    text = orjson.dumps(schema).decode()
    for old, new in names.items():
        text = text.replace(f'"#/components/schemas/{old}"', f'"#/components/schemas/{new}"')
    renamed: dict[str, Any] = orjson.loads(text)
    components = renamed["components"]["schemas"]
    for old, new in names.items():
        components[new] = {**components.pop(old), "title": new}
    return renamed


_SCHEME = "OAuth2"
_OAUTH2_PASSWORD_FLOW: dict[str, Any] = {
    "type": "oauth2",
    "description": "Sign in with an email and password; send the access token as "
    "`Authorization: Bearer <token>`.",
    "flows": {
        "password": {
            "tokenUrl": TOKEN_PATH,
            "refreshUrl": TOKEN_PATH,
            "scopes": {},
        }
    },
}


def _declare_security(
    operation: dict[str, Any], route: TransactionalRoute, problem_ref: dict[str, Any]
) -> None:
    """A token required (401 without, 403 for a role that may not act), optional (public
    reads that show staff more), or meaningless (sign-up, sign-in)."""
    responses = operation.setdefault("responses", {})
    if route.access is not Access.ANYONE:
        operation["security"] = [{_SCHEME: []}]
        responses.setdefault("401", {"description": "Not authenticated", "content": problem_ref})
        if route.access in {Access.STAFF, Access.ADMIN}:
            responses.setdefault("403", {"description": "Forbidden", "content": problem_ref})
    elif route.takes_caller:
        operation["security"] = [{}, {_SCHEME: []}]
        responses.setdefault(
            "401", {"description": "A token was sent and is not valid", "content": problem_ref}
        )
