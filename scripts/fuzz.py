#!/usr/bin/env python3
"""`make fuzz`: schemathesis against the running service, driven by its own OpenAPI document.

1. A fresh `orderly_fuzz` database on the server `DATABASE_URL` names (else the one
   scripts/pg_provision.py finds), migrated and seeded with the demo data.
2. `orderly serve` on it, with rate limits raised out of the fuzzer's way.
3. schemathesis (run by uv at a pinned version, not a project dependency) with the demo
   admin's token: examples, coverage, fuzzing and stateful phases, the checks
   `not_a_server_error`, `status_code_conformance`, `response_schema_conformance`,
   `response_headers_conformance` and `negative_data_rejection`.
4. The server stopped and the database dropped, whatever happened. Exit status: schemathesis's.

The `UV` environment variable names the uv to use (the Makefile passes its own).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from fresh_database import drop_database
from sqlalchemy import make_url

ROOT = Path(__file__).resolve().parents[1]
PORT = 18200
BASE = f"http://127.0.0.1:{PORT}"
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
DEMO_ADMIN = ("admin@example.com", "orderly-demo-2026!")
GENEROUS = "1000000"


def main() -> int:
    database_url = str(make_url(_server_url()).set(database="orderly_fuzz"))
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "WARNING",
        "LOGIN_LIMIT_PER_IP": GENEROUS,
        "LOGIN_LIMIT_PER_EMAIL": GENEROUS,
        "REGISTER_LIMIT_PER_IP": GENEROUS,
    }
    drop_database(database_url)
    orderly = str(Path(sys.executable).with_name("orderly"))
    subprocess.run([orderly, "migrate"], env=env, check=True)  # noqa: S603 - our own command
    subprocess.run([orderly, "seed"], env=env, check=True)  # noqa: S603
    server = subprocess.Popen(  # noqa: S603
        [orderly, "serve", "--port", str(PORT)], env=env, stdout=subprocess.DEVNULL
    )
    try:
        _wait_until_ready()
        return _fuzz(_admin_token())
    finally:
        server.terminate()
        server.wait(timeout=30)
        drop_database(database_url)


def _fuzz(token: str) -> int:
    uv = os.environ.get("UV", "uv")
    command = [uv, "tool", "run", "--from", SCHEMATHESIS, "schemathesis", "run"]
    command += [f"{BASE}/openapi.json", "--checks", CHECKS, "--max-examples", "50"]
    command += ["--header", f"Authorization: Bearer {token}"]
    return subprocess.run(command, check=False).returncode  # noqa: S603


def _admin_token() -> str:
    form = urllib.parse.urlencode({"username": DEMO_ADMIN[0], "password": DEMO_ADMIN[1]})
    request = urllib.request.Request(f"{BASE}/api/v1/auth/token", data=form.encode())  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - local URL
        token: str = json.load(response)["access_token"]
    return token


def _wait_until_ready() -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{BASE}/health/ready", timeout=2):  # noqa: S310
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("fuzz: the service did not become ready within 60 s")


def _server_url() -> str:
    if url := os.environ.get("DATABASE_URL"):
        return url
    provision = [sys.executable, str(ROOT / "scripts" / "pg_provision.py")]
    return subprocess.run(provision, capture_output=True, text=True, check=True).stdout.strip()  # noqa: S603


if __name__ == "__main__":
    sys.exit(main())
