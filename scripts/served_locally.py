"""The service on a fresh, seeded database, in its own process, for the scripts that drive it
from outside (`make fuzz`, `make docs-check`)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fresh_database import drop_database
from sqlalchemy import make_url

ROOT = Path(__file__).resolve().parents[1]
DEMO_ADMIN = ("admin@example.com", "orderly-demo-2026!")


@contextmanager
def served(database: str, port: int, **settings: str) -> Iterator[str]:
    """Yields the base URL; stops the server and drops the database on the way out."""
    database_url = str(make_url(_server_url()).set(database=database))
    env = {**os.environ, "DATABASE_URL": database_url, "LOG_LEVEL": "WARNING", **settings}
    drop_database(database_url)
    orderly = str(Path(sys.executable).with_name("orderly"))
    subprocess.run([orderly, "migrate"], env=env, check=True, capture_output=True)  # noqa: S603
    subprocess.run([orderly, "seed"], env=env, check=True, capture_output=True)  # noqa: S603
    server = subprocess.Popen(  # noqa: S603 - the project's own command
        [orderly, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_ready(base)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        drop_database(database_url)


def _wait_until_ready(base: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/health/ready", timeout=2):  # noqa: S310
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("the service did not become ready within 60 s")


def _server_url() -> str:
    if url := os.environ.get("DATABASE_URL"):
        return url
    provision = [sys.executable, str(ROOT / "scripts" / "pg_provision.py")]
    found = subprocess.run(provision, capture_output=True, text=True, check=True)  # noqa: S603
    return found.stdout.strip()
