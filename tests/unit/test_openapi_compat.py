"""The breaking-change check finds each kind of break, and lets additions through."""

from __future__ import annotations

import copy
from typing import Any

from tests.openapi_compat import breaking_changes

DOCUMENT: dict[str, Any] = {
    "paths": {
        "/things": {
            "get": {
                "parameters": [{"name": "limit", "in": "query", "required": False}],
                "responses": {
                    "200": {
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}
                        }
                    }
                },
            },
            "post": {
                "requestBody": {
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/ThingIn"}}
                    }
                },
                "responses": {},
            },
        }
    },
    "components": {
        "schemas": {
            "Thing": {"properties": {"id": {}, "name": {}}},
            "ThingIn": {"properties": {"name": {}, "colour": {}}, "required": ["name"]},
            "Colour": {"enum": ["red", "green"]},
        }
    },
}


def changed(change: Any) -> dict[str, Any]:
    document = copy.deepcopy(DOCUMENT)
    change(document)
    return document


def test_additions_break_nothing() -> None:
    def add(document: dict[str, Any]) -> None:
        document["paths"]["/others"] = {"get": {"responses": {}}}
        document["components"]["schemas"]["Thing"]["properties"]["size"] = {}
        document["components"]["schemas"]["Colour"]["enum"].append("blue")
        document["paths"]["/things"]["get"]["parameters"].append({"name": "q", "in": "query"})

    assert breaking_changes(DOCUMENT, changed(add)) == []


def test_each_kind_of_break_is_named() -> None:
    def break_everything(document: dict[str, Any]) -> None:
        del document["paths"]["/things"]["post"]
        del document["components"]["schemas"]["Thing"]["properties"]["name"]
        document["paths"]["/things"]["get"]["parameters"][0]["required"] = True
        document["components"]["schemas"]["Colour"]["enum"].remove("green")

    assert breaking_changes(DOCUMENT, changed(break_everything)) == [
        "GET /things: parameter limit is now required",
        "POST /things: operation removed",
        "schema Thing: field name removed",
        "enum Colour: value 'green' removed",
    ]


def test_a_body_field_becoming_required_is_named() -> None:
    def require_colour(document: dict[str, Any]) -> None:
        document["components"]["schemas"]["ThingIn"]["required"].append("colour")

    assert breaking_changes(DOCUMENT, changed(require_colour)) == [
        "POST /things: body field colour is now required"
    ]
