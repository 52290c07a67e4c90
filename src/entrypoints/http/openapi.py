"""The OpenAPI document, made to say what the server does, for generated clients:

- each route's error responses come from the error table, and the framework's validation
  error schema is replaced by the problem document really sent; every operation may also
  answer 500 and 503, and one with a body 413;
- each operation's `security` comes from who may call its use case (`Access`);
- operation ids are the endpoints' names (`list_products`), and schemas have names a client
  can use (`ProductPage`, `TokenRequest`) rather than the framework's generated ones;
- the response headers the service sets are declared where it sets them (once, under
  `components/headers`), the rate limit on every API operation among them;
- the limits the service holds values to (lengths, patterns, ranges, item counts), also on
  the core's views, which carry none themselves (`view_fields`).

`.spectral.yaml` lints the result with the OWASP API security rules (`make api-lint`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import orjson
from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from application.shared.caller import Access
from entrypoints.http.context_api import ContextApi
from entrypoints.http.error_table import ERRORS
from entrypoints.http.identity.oauth2 import TOKEN_PATH
from entrypoints.http.problems import PROBLEM_JSON
from entrypoints.http.schemas import INT64_MAX, MONEY_VIEW, REQUEST_ID_PATTERN, ProblemOut
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


def openapi_document(app: FastAPI, apis: Mapping[str, ContextApi]) -> dict[str, Any]:
    """Built once, on first request of `/openapi.json`; each context names a tag, and
    states the limits of its views."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
        tags=[
            *({"name": name, "description": api.description} for name, api in apis.items()),
            _HEALTH_TAG,
        ],
        servers=_SERVERS,
        contact={"name": "orderly maintainers", "url": "https://github.com/example/orderly"},
        license_info={"name": "MIT", "identifier": "MIT"},
    )
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    problem = ProblemOut.model_json_schema(ref_template="#/components/schemas/{model}")
    components.update(problem.pop("$defs"))
    components["Problem"] = problem
    components.pop("HTTPValidationError", None)
    components.pop("ValidationError", None)
    _constrain_views(components, [api.views for api in apis.values()])
    schema["components"]["securitySchemes"] = {_SCHEME: _OAUTH2_PASSWORD_FLOW}
    schema["components"]["headers"] = _HEADERS
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
            rate_limited = path.startswith(_RATE_LIMITED_PATHS)
            _declare_failures(operation, problem_ref, rate_limited=rate_limited)
            _declare_headers(operation, components, rate_limited=rate_limited)
            _parameters_as_sent(operation)
    _link_to_reads(schema["paths"])
    schema = _renamed(schema, _readable_names(components))
    _fixed_lengths(schema)
    _share_request_headers(schema)
    app.openapi_schema = schema
    return schema


_SERVERS = [
    {
        "url": "/",
        "description": "This service, local or production: the host serving this document.",
        "x-internal": False,
    }
]
# Every API request counts against its client's budget (`ClientLimit`); the health probes,
# `/docs` and `/metrics` do not.
_RATE_LIMITED_PATHS = "/api/"


_HEALTH_TAG = {"name": "health", "description": "Liveness and readiness probes (not problem+json)."}


def _declare_failures(
    operation: dict[str, Any], problem_ref: dict[str, Any], *, rate_limited: bool
) -> None:
    """What any operation may answer besides its own errors: a body too large, the client's
    budget spent, an unexpected error, the database unavailable."""
    responses = operation.setdefault("responses", {})
    if "requestBody" in operation:
        responses.setdefault("413", {"description": "Body too large", "content": problem_ref})
    if rate_limited:
        responses.setdefault(
            "429",
            {
                "description": "Too many requests: the client's budget is spent; retry after "
                "`Retry-After` seconds",
                "content": problem_ref,
                "x-codes": ["rate_limited"],
            },
        )
    responses.setdefault("500", {"description": "Unexpected error", "content": problem_ref})
    responses.setdefault(
        "503", {"description": "Overloaded or database unreachable; retry", "content": problem_ref}
    )


def _declare_headers(
    operation: dict[str, Any], components: dict[str, Any], *, rate_limited: bool
) -> None:
    for status, response in operation.get("responses", {}).items():
        headers = response.setdefault("headers", {})
        names = [*_ON_EVERY_RESPONSE, *(_RATE_LIMIT if rate_limited else ())]
        reference = (
            response.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref")
        )
        if status in {"200", "201"} and reference:
            name = reference.rsplit("/", 1)[-1]
            if name.startswith("Listing_"):
                names.append("Link")
            elif "version" in components.get(name, {}).get("properties", {}):
                names.append("ETag")
        if status in {"429", "503"}:
            names.append("Retry-After")
        if status == "201" and "Idempotency-Key" in _parameter_names(operation):
            names.append("Idempotent-Replayed")
        headers.update(_refs(*names))
    if "If-None-Match" in _parameter_names(operation):
        operation["responses"]["304"] = {
            "description": "Not modified: the copy `If-None-Match` names is current.",
            "headers": _refs("ETag", *_ON_EVERY_RESPONSE, *(_RATE_LIMIT if rate_limited else ())),
        }


def _refs(*names: str) -> dict[str, Any]:
    return {name: {"$ref": f"#/components/headers/{name}"} for name in names}


def _header(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "schema": schema}


_SECONDS_OR_COUNT = {"type": "integer", "format": "int64", "minimum": 0, "maximum": INT64_MAX}
_UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_HEADERS: dict[str, Any] = {
    "X-Request-ID": _header(
        "The request's id, as in the service's logs: the client's own if well-formed.",
        {"type": "string", "pattern": REQUEST_ID_PATTERN, "maxLength": 128},
    ),
    "Access-Control-Allow-Origin": _header(
        "Only when the request's `Origin` is one of `CORS_ORIGINS`: that origin (or `*` when "
        "`CORS_ORIGINS` is `*`).",
        {"type": "string"},
    ),
    "RateLimit-Limit": _header("Requests allowed in the window.", _SECONDS_OR_COUNT),
    "RateLimit-Remaining": _header("Requests allowed right now.", _SECONDS_OR_COUNT),
    "RateLimit-Reset": _header("Seconds until the full budget is back.", _SECONDS_OR_COUNT),
    "Retry-After": _header("Seconds to wait before retrying.", _SECONDS_OR_COUNT),
    "ETag": _header(
        "The representation's version, for `If-Match` and `If-None-Match`.",
        {"type": "string", "pattern": r'^"\d{1,10}"$', "maxLength": 12},
    ),
    "Location": _header(
        "The created resource.",
        {"type": "string", "pattern": f"^/api/v1/[a-z]+/{_UUID}$", "maxLength": 64},
    ),
    "Link": _header(
        '`<…?cursor=…>; rel="next"` when a next page exists: the request\'s own URL and the '
        "next cursor.",
        {"type": "string", "pattern": '^<.+>; rel="next"$'},
    ),
    "Idempotent-Replayed": _header(
        "`true` on a replayed response.", {"type": "string", "enum": ["true"]}
    ),
}
_ON_EVERY_RESPONSE = ("X-Request-ID", "Access-Control-Allow-Origin")
_RATE_LIMIT = ("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset")


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
                response["headers"].update(_refs("Location"))


def _answered_schema(operation: dict[str, Any]) -> str | None:
    for status in ("201", "200"):
        content = operation.get("responses", {}).get(status, {}).get("content", {})
        reference = content.get("application/json", {}).get("schema", {}).get("$ref")
        if isinstance(reference, str):
            return reference
    return None


def _parameters_as_sent(operation: dict[str, Any]) -> None:
    """A query string or a header carries text, never `null`: an optional parameter is one
    the client leaves out, so its schema is the one of its value alone."""
    for parameter in operation.get("parameters", []):
        schema = parameter["schema"]
        branches = [branch for branch in schema.get("anyOf", ()) if branch != {"type": "null"}]
        if len(branches) == 1:
            del schema["anyOf"]
            schema.update(branches[0])


def _share_request_headers(schema: dict[str, Any]) -> None:
    """Each request header is declared once, under `components/parameters`, and referred to
    by the operations that read it, as the response headers are."""
    shared = schema["components"].setdefault("parameters", {})
    for operations in schema["paths"].values():
        for operation in operations.values():
            parameters = operation.get("parameters", [])
            for index, parameter in enumerate(parameters):
                if parameter["in"] != "header":
                    continue
                name = parameter["name"]
                if shared.setdefault(name, parameter) != parameter:
                    raise ValueError(f"two declarations of the request header {name}")
                parameters[index] = {"$ref": f"#/components/parameters/{name}"}


def _constrain_views(
    components: dict[str, Any], views: Iterable[Mapping[str, Mapping[str, Any]]]
) -> None:
    """The limits of the core's views' fields (`view_fields`), added to their schemas;
    `Money`'s wherever an operation carries money."""
    money = {name: fields for name, fields in MONEY_VIEW.items() if name in components}
    for view_limits in (money, *views):
        for name, fields in view_limits.items():
            properties = components[name]["properties"]
            for field, limits in fields.items():
                properties[field].update(limits)


def _fixed_lengths(node: Any) -> None:
    """Formats whose text has one length say it: a UUID is 36 characters (the service reads
    other spellings of one too, and writes only this), a date 10."""
    if isinstance(node, dict):
        if node.get("type") == "string" and node.get("format") in _FIXED_LENGTHS:
            node.setdefault("maxLength", _FIXED_LENGTHS[node["format"]])
        for value in node.values():
            _fixed_lengths(value)
    elif isinstance(node, list):
        for value in node:
            _fixed_lengths(value)


_FIXED_LENGTHS = {"uuid": 36, "date": 10}


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
    "`Authorization: Bearer <token>`. Access tokens are JWTs handled as RFC8725 (JSON Web "
    "Token Best Current Practices) asks: signed with HS256 under a secret of at least 32 "
    "bytes (production refuses a shorter one, or the development default); verified with "
    "the algorithm pinned (a token cannot choose its own, `none` included); `iss`, `aud`, "
    "`exp`, `iat`, `sub` and `jti` required and `iss`, `aud` and `exp` checked; valid for 15 "
    "minutes. The service issues no other kind of JWT, so none can pass for an access token. "
    "Refresh tokens are opaque, single-use and rotated.",
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
