#!/usr/bin/env python3
"""`make docs-check`: `/docs` in a real headless browser, with no internet, as a user would.

The service runs on a fresh, seeded database (`served_locally.py`). Chromium (the system's,
`CHROMIUM` or /usr/bin/chromium; never a downloaded build), driven by Playwright, opens
`/docs` with every request to another host refused, signs in through "Authorize" as the
demo admin (the OAuth2 password flow the document declares), runs `GET /users/me` with
"Try it out", and must see 200 and the admin's email. Exit status 0 when it does.
"""

from __future__ import annotations

import os
import sys
from urllib.parse import urlsplit

from playwright.sync_api import Route, sync_playwright
from served_locally import DEMO_ADMIN, served

PORT = 18300
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# No network but loopback, no background services: the check must not depend on the internet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def main() -> int:
    with served("orderly_docs_check", PORT) as base:
        status, body, refused = _sign_in_and_call_me(base)
    print(f"docs-check: requests to other hosts refused: {len(refused)} {sorted(refused)}")  # noqa: T201
    print(f"docs-check: GET /users/me from /docs after Authorize: {status} {body[:120]}")  # noqa: T201
    return 0 if status == "200" and DEMO_ADMIN[0] in body and not refused else 1


def _sign_in_and_call_me(base: str) -> tuple[str, str, set[str]]:
    refused: set[str] = set()

    def local_only(route: Route) -> None:
        host = urlsplit(route.request.url).hostname
        if host == "127.0.0.1":
            route.continue_()
        else:
            refused.add(str(host))
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.route("**/*", local_only)
        page.goto(f"{base}/docs")
        page.click("button.authorize")
        page.fill("#oauth_username", DEMO_ADMIN[0])
        page.fill("#oauth_password", DEMO_ADMIN[1])
        page.click(".auth-btn-wrapper button.authorize")
        page.get_by_role("button", name="Logout").first.wait_for()  # signed in: a token came back
        page.get_by_role("button", name="Close").first.click()
        page.click("#operations-identity-me .opblock-summary")
        page.click("#operations-identity-me button.try-out__btn")
        page.click("#operations-identity-me button.execute")
        live = "#operations-identity-me .live-responses-table .response"
        status = page.inner_text(f"{live} .response-col_status").strip()
        body = page.inner_text(f"{live} .microlight")
        browser.close()
    return status, body, refused


if __name__ == "__main__":
    sys.exit(main())
