"""What in a new OpenAPI document would break a client generated from the old one.

Breaking: an operation removed; a field removed from a response schema; an input that
becomes required (a parameter or a body field, new or not); a value an enum no longer
allows. Anything else (new operations, new optional inputs, new response fields, wider
enums) keeps old clients working.
"""

from __future__ import annotations

from typing import Any

_METHODS = ("get", "put", "post", "patch", "delete")


def breaking_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    for path, method, before in _operations(old):
        after = new.get("paths", {}).get(path, {}).get(method)
        where = f"{method.upper()} {path}"
        if after is None:
            problems.append(f"{where}: operation removed")
            continue
        problems += _new_required_parameters(where, before, after)
        problems += _new_required_body_fields(where, old, new, before, after)
    problems += _removed_response_fields(old, new)
    problems += _narrowed_enums(old, new)
    return problems


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, operations in document.get("paths", {}).items()
        for method, operation in operations.items()
        if method in _METHODS
    ]


def _new_required_parameters(
    where: str, before: dict[str, Any], after: dict[str, Any]
) -> list[str]:
    required_before = {p["name"] for p in before.get("parameters", []) if p.get("required")}
    return [
        f"{where}: parameter {p['name']} is now required"
        for p in after.get("parameters", [])
        if p.get("required") and p["name"] not in required_before
    ]


def _new_required_body_fields(
    where: str,
    old: dict[str, Any],
    new: dict[str, Any],
    before: dict[str, Any],
    after: dict[str, Any],
) -> list[str]:
    fields_before = _required_fields(old, _body_schema(before))
    return [
        f"{where}: body field {name} is now required"
        for name in sorted(_required_fields(new, _body_schema(after)) - fields_before)
    ]


def _body_schema(operation: dict[str, Any]) -> dict[str, Any]:
    content = operation.get("requestBody", {}).get("content", {})
    for media in content.values():
        schema: dict[str, Any] = media.get("schema", {})
        return schema
    return {}


def _required_fields(document: dict[str, Any], schema: dict[str, Any]) -> set[str]:
    return set(_resolved(document, schema).get("required", []))


def _resolved(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    reference = schema.get("$ref")
    if isinstance(reference, str):
        name = reference.rsplit("/", 1)[-1]
        resolved: dict[str, Any] = document["components"]["schemas"].get(name, {})
        return resolved
    return schema


def _removed_response_fields(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Fields of every schema a response refers to; a schema gone entirely counts too."""
    old_schemas = old.get("components", {}).get("schemas", {})
    new_schemas = new.get("components", {}).get("schemas", {})
    problems = []
    for name in sorted(_response_schema_names(old)):
        before = set(old_schemas.get(name, {}).get("properties", {}))
        if name not in new_schemas:
            problems.append(f"schema {name} removed")
            continue
        after = set(new_schemas[name].get("properties", {}))
        problems += [f"schema {name}: field {field} removed" for field in sorted(before - after)]
    return problems


def _response_schema_names(document: dict[str, Any]) -> set[str]:
    names = set()
    for _, _, operation in _operations(document):
        for response in operation.get("responses", {}).values():
            for media in response.get("content", {}).values():
                reference = media.get("schema", {}).get("$ref", "")
                if reference:
                    names.add(reference.rsplit("/", 1)[-1])
    return names


def _narrowed_enums(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    new_schemas = new.get("components", {}).get("schemas", {})
    problems = []
    for name, schema in old.get("components", {}).get("schemas", {}).items():
        if "enum" in schema and name in new_schemas:
            dropped = set(schema["enum"]) - set(new_schemas[name].get("enum", []))
            problems += [f"enum {name}: value {value!r} removed" for value in sorted(dropped)]
    return problems
