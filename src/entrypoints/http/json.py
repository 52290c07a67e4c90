"""JSON responses serialised once by pydantic-core, with the conditional-request headers."""

from __future__ import annotations

from pydantic import BaseModel
from starlette.responses import Response

from entrypoints.http.etags import etag


def json_response(
    model: BaseModel,
    *,
    status: int = 200,
    version: int | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    response = Response(
        model.__pydantic_serializer__.to_json(model),
        status_code=status,
        media_type="application/json",
        headers=headers,
    )
    if version is not None:
        response.headers["ETag"] = etag(version)
    return response


def not_modified(version: int) -> Response:
    return Response(status_code=304, headers={"ETag": etag(version)})
