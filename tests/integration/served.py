"""`orderly serve` in a process of its own, as deployed: real sockets, real signals."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(*arguments: str, log: Path | None = None, **settings: str) -> Iterator[str]:
    """Yields the base URL of a started server; on leaving, SIGTERM must end it with 0.

    The in-memory adapters serve unless `settings` (environment variables) say otherwise.
    With `log`, everything the process writes (stdout and stderr) goes to that file.
    """
    port = _free_port()
    env = {**os.environ, "PERSISTENCE": "memory", "LOG_LEVEL": "WARNING", **settings}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    command = [sys.executable, "-m", "entrypoints.cli", "serve", "--port", str(port), *arguments]
    output = log.open("wb") if log else None
    server = subprocess.Popen(  # noqa: S603 - the project's own command
        command,
        env=env,
        stdout=output or subprocess.DEVNULL,
        stderr=subprocess.STDOUT if output else subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{base}/health/live", timeout=1)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline, "the server did not start within 30 s"
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        status = server.wait(timeout=30)
        if output:
            output.close()
    assert status == 0, "SIGTERM must end the server with status 0"
