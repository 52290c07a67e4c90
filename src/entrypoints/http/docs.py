"""`/docs` (Swagger UI) and `/redoc`, served with their scripts from the service itself.

The framework's pages load Swagger UI and ReDoc from a CDN, so they are blank where the
service has no internet access (an intranet, a laptop offline). The same pages here load
the copies packaged on PyPI (`fastapi-offline`), under `/docs/assets`. Swagger UI's
"Authorize" signs in through the OAuth2 password flow the document declares.
"""

from __future__ import annotations

from importlib.resources import files

from fastapi import FastAPI
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.staticfiles import StaticFiles
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Mount, Route

ASSETS = "/docs/assets"
OAUTH2_REDIRECT = "/docs/oauth2-redirect"


def docs_routes(app: FastAPI) -> list[Route | Mount]:
    assets = StaticFiles(directory=str(files("fastapi_offline") / "static"))

    async def swagger_ui(_: Request) -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=str(app.openapi_url),
            title=f"{app.title} - Swagger UI",
            oauth2_redirect_url=OAUTH2_REDIRECT,
            swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS}/favicon.png",
            swagger_ui_parameters={"persistAuthorization": True},
        )

    async def oauth2_redirect(_: Request) -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    async def redoc(_: Request) -> HTMLResponse:
        return get_redoc_html(
            openapi_url=str(app.openapi_url),
            title=f"{app.title} - ReDoc",
            redoc_js_url=f"{ASSETS}/redoc.standalone.js",
            redoc_favicon_url=f"{ASSETS}/favicon.png",
            with_google_fonts=False,
        )

    return [
        Route("/docs", swagger_ui, include_in_schema=False),
        Route(OAUTH2_REDIRECT, oauth2_redirect, include_in_schema=False),
        Route("/redoc", redoc, include_in_schema=False),
        Mount(ASSETS, app=assets, name="docs-assets"),
    ]
