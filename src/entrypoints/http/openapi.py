"""The OpenAPI document: each route's error responses come from the error table, the
framework's own validation error schema is replaced by the problem document it really sends,
and each operation's `security` comes from who may call its use case (`Access`).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

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
        title=app.title, version=app.version, description=app.description, routes=app.routes
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
        if isinstance(route, TransactionalRoute)
        for method in route.methods or ()
    }
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            if "422" in operation.get("responses", {}):
                operation["responses"]["422"] = {
                    "description": "Invalid input",
                    "content": problem_ref,
                }
            route = routes.get((path, method))
            if route is not None:
                _declare_security(operation, route, problem_ref)
    app.openapi_schema = schema
    return schema


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
