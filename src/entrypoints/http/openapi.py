"""The OpenAPI document: each route's error responses come from the error table, and the
framework's own validation error schema is replaced by the problem document it really sends.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from entrypoints.http.error_table import ERRORS
from entrypoints.http.problems import PROBLEM_JSON
from entrypoints.http.schemas import ProblemOut

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
    problem_ref = {PROBLEM_JSON: {"schema": _PROBLEM_SCHEMA}}
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            if "422" in operation.get("responses", {}):
                operation["responses"]["422"] = {
                    "description": "Invalid input",
                    "content": problem_ref,
                }
    app.openapi_schema = schema
    return schema
