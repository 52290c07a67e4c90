"""What the HTTP app serves of each context: `entrypoints/http/<name>/routes.py`'s `API`.

The app finds it by the context's name, as the container finds the context's declaration
(`entrypoints/contexts/`), so a new context's routes need no line in `app.py`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from fastapi import APIRouter

from entrypoints.contexts import BoundedContext


@dataclass(frozen=True, slots=True, kw_only=True)
class ContextApi:
    router: APIRouter
    description: str
    """The OpenAPI tag's, which names the context."""
    views: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """The limits of its views' fields, by schema name (`view_fields`)."""


def context_apis(contexts: Sequence[BoundedContext]) -> dict[str, ContextApi]:
    apis = {}
    for context in contexts:
        api = getattr(import_module(f"entrypoints.http.{context.name}.routes"), "API", None)
        if not isinstance(api, ContextApi):
            raise TypeError(f"entrypoints/http/{context.name}/routes.py must declare API")
        apis[context.name] = api
    return apis
