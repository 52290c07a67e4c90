"""RFC 9457 problem details: the one way an error leaves the service."""

from __future__ import annotations

from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response

from entrypoints.http.identity.oauth2 import oauth2_members

PROBLEM_JSON = "application/problem+json"
TYPE_PREFIX = "urn:orderly:problem:"
# Bounds on a problem's message and on its list of invalid inputs, so neither grows with the
# input that caused it: far above any message the service writes (the longest names 50 SKUs).
DETAIL_MAX = 4000
MAX_ERRORS = 100


@dataclass(frozen=True, slots=True)
class ProblemSpec:
    """How one error class is answered: its status and its human-readable title."""

    status: int
    title: str


def problem(
    request: Request,
    *,
    status: int,
    code: str,
    detail: str,
    title: str | None = None,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> Response:
    detail = detail[:DETAIL_MAX]
    body: dict[str, Any] = {
        "type": TYPE_PREFIX + code,
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        "code": code,
        "request_id": request.scope.get("state", {}).get("request_id"),
        **(extra or {}),
        **oauth2_members(request.url.path, code, detail),
    }
    return Response(
        orjson.dumps(body),
        status_code=status,
        headers=headers,
        media_type=PROBLEM_JSON,
    )
