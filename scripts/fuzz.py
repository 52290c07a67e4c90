#!/usr/bin/env python3
"""`make fuzz`: schemathesis against the running service, driven by its own OpenAPI document.

1. A fresh `orderly_fuzz` database on the server `DATABASE_URL` names (else the one
   scripts/pg_provision.py finds), migrated and seeded with the demo data, and
   `orderly serve` on it, with rate limits raised out of the fuzzer's way
   (`served_locally.py`).
2. schemathesis (run by uv at a pinned version, not a project dependency) with the demo
   admin's token: examples, coverage, fuzzing and stateful phases, the checks
   `not_a_server_error`, `status_code_conformance`, `response_schema_conformance`,
   `response_headers_conformance` and `negative_data_rejection`.
3. The server stopped and the database dropped, whatever happened. Exit status: schemathesis's.

The `UV` environment variable names the uv to use (the Makefile passes its own).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.parse
import urllib.request

from served_locally import DEMO_ADMIN, served

PORT = 18200
SCHEMATHESIS = "schemathesis==4.32.5"
CHECKS = ",".join(
    (
        "not_a_server_error",
        "status_code_conformance",
        "response_schema_conformance",
        "response_headers_conformance",
        "negative_data_rejection",
    )
)
GENEROUS = "1000000"
RATE_LIMITS = (
    "API_LIMIT_PER_CLIENT",
    "LOGIN_LIMIT_PER_IP",
    "LOGIN_LIMIT_PER_EMAIL",
    "REGISTER_LIMIT_PER_IP",
)


def main() -> int:
    generous = dict.fromkeys(RATE_LIMITS, GENEROUS)
    with served("orderly_fuzz", PORT, **generous) as base:
        return _fuzz(base, _admin_token(base))


def _fuzz(base: str, token: str) -> int:
    uv = os.environ.get("UV", "uv")
    command = [uv, "tool", "run", "--from", SCHEMATHESIS, "schemathesis", "run"]
    command += [f"{base}/openapi.json", "--checks", CHECKS, "--max-examples", "50"]
    command += ["--header", f"Authorization: Bearer {token}"]
    return subprocess.run(command, check=False).returncode  # noqa: S603


def _admin_token(base: str) -> str:
    form = urllib.parse.urlencode({"username": DEMO_ADMIN[0], "password": DEMO_ADMIN[1]})
    request = urllib.request.Request(f"{base}/api/v1/auth/token", data=form.encode())  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - local URL
        token: str = json.load(response)["access_token"]
    return token


if __name__ == "__main__":
    sys.exit(main())
