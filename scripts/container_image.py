#!/usr/bin/env python3
"""Build the orderly image and prove it runs: `make image`, `make image-smoke`.

The same steps on a developer's machine, in CI (Docker) and here (podman, where no Docker
daemon runs): the engine is whichever of `docker` and `podman` answers, in that order.

The smoke test runs the image as production would, against a real PostgreSQL (DATABASE_URL,
else the one scripts/pg_provision.py finds), on the host's network:
1. `orderly migrate` in a fresh database exits 0;
2. `orderly serve` answers `GET /health/ready` with 200 (database up, schema at head);
3. the serving process does not run as root;
4. SIGTERM (`stop`) ends it with exit status 0.
It prints each step and the image's size, and exits 1 with the reason at the first failure.

Usage: ``python scripts/container_image.py build|smoke [--tag orderly:dev]``
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

from fresh_database import drop_database
from sqlalchemy import make_url

if TYPE_CHECKING:
    from collections.abc import Sequence

REPO_ROOT = Path(__file__).resolve().parents[1]
SMOKE_DATABASE = "orderly_image_smoke"
SMOKE_PORT = 18080
READY_WITHIN_SECONDS = 60.0
STOP_TIMEOUT_SECONDS = 30
HOST_CA_BUNDLE = Path("/etc/ssl/certs")


class SmokeError(RuntimeError):
    """A step of the smoke test failed; the message says which and why."""


def engine() -> str:
    """`docker` where its daemon answers, else `podman` (daemonless), else a clear failure."""
    docker = shutil.which("docker")
    if docker and _quiet([docker, "info"]) == 0:
        return docker
    podman = shutil.which("podman")
    if podman:
        return podman
    raise SmokeError(
        "no container engine: install Docker or podman "
        "(on a machine without a Docker daemon: ../shared/tools/local-container-engine)"
    )


def build(tool: str, tag: str) -> None:
    version = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]["version"]
    revision = _output(["git", "rev-parse", "HEAD"], check=False) or "unknown"
    command = [tool, "build", "--tag", tag, "--build-arg", f"VERSION={version}"]
    command += ["--build-arg", f"REVISION={revision}"]
    if Path(tool).name == "podman":
        # podman writes OCI images by default, which have no HEALTHCHECK; the Docker format keeps
        # it. The host network and CA bundle let the build reach the package index through a
        # machine's proxy; neither ends up in the image.
        command += ["--format", "docker", "--network", "host"]
        if HOST_CA_BUNDLE.is_dir():
            command += ["--volume", f"{HOST_CA_BUNDLE}:{HOST_CA_BUNDLE}:ro"]
    _step(f"building {tag} with {Path(tool).name}")
    _run([*command, str(REPO_ROOT)])
    size = int(_output([tool, "image", "inspect", "--format", "{{.Size}}", tag]))
    _step(f"built {tag}: {size / 1_000_000:.1f} MB")


def smoke(tool: str, tag: str, server_url: str) -> None:
    database_url = str(make_url(server_url).set(database=SMOKE_DATABASE))
    drop_database(database_url)
    environment = {"DATABASE_URL": database_url, "JWT_SECRET": secrets.token_urlsafe(48)}
    env_flags = [flag for name in environment for flag in ("--env", name)]
    name = f"orderly-smoke-{os.getpid()}"
    try:
        _step("orderly migrate")
        _run(
            [tool, "run", "--rm", "--network", "host", *env_flags, tag, "migrate"], env=environment
        )
        _step(f"orderly serve on 127.0.0.1:{SMOKE_PORT}")
        serve = ["serve", "--host", "127.0.0.1", "--port", str(SMOKE_PORT)]
        _run(
            [tool, "run", "--detach", "--name", name, "--network", "host", *env_flags, tag, *serve],
            env=environment,
        )
        _wait_until_ready(tool, name)
        uid = _output([tool, "exec", name, "id", "-u"])
        if uid == "0":
            raise SmokeError("the server runs as root")
        _step(f"serving process uid: {uid} (not root)")
        _run([tool, "stop", "--time", str(STOP_TIMEOUT_SECONDS), name])
        status = _output([tool, "inspect", "--format", "{{.State.ExitCode}}", name])
        if status != "0":
            raise SmokeError(f"after SIGTERM the server exited with {status}, not 0")
        _step("SIGTERM: exit status 0")
    finally:
        _quiet([tool, "rm", "--force", name])
        drop_database(database_url)


def _wait_until_ready(tool: str, name: str) -> None:
    url = f"http://127.0.0.1:{SMOKE_PORT}/health/ready"
    deadline = time.monotonic() + READY_WITHIN_SECONDS
    last = "no answer"
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                _step(f"GET /health/ready: {response.status} {response.read().decode()}")
                return
        except urllib.error.HTTPError as error:
            last = f"{error.code} {error.read().decode()}"
        except OSError as error:
            last = str(error)
        time.sleep(0.5)
    logs = _output([tool, "logs", name], check=False)
    raise SmokeError(f"not ready within {READY_WITHIN_SECONDS:.0f}s ({last}); logs:\n{logs}")


def _server_url() -> str:
    if url := os.environ.get("DATABASE_URL"):
        return url
    provision = [sys.executable, str(REPO_ROOT / "scripts" / "pg_provision.py")]
    return _output(provision)


def _run(command: Sequence[str], *, env: dict[str, str] | None = None) -> None:
    result = subprocess.run(  # noqa: S603 - fixed programs and arguments, no shell
        command, env={**os.environ, **(env or {})}, check=False
    )
    if result.returncode != 0:
        raise SmokeError(f"`{' '.join(command[:3])} …` exited with {result.returncode}")


def _output(command: Sequence[str], *, check: bool = True) -> str:
    result = subprocess.run(  # noqa: S603 - fixed programs and arguments, no shell
        command, capture_output=True, text=True, check=False
    )
    if check and result.returncode != 0:
        raise SmokeError(f"`{' '.join(command[:3])} …` failed: {result.stderr.strip()}")
    return result.stdout.strip()


def _quiet(command: Sequence[str]) -> int:
    return subprocess.run(command, capture_output=True, check=False).returncode  # noqa: S603


def _step(message: str) -> None:
    sys.stdout.write(f"image: {message}\n")
    sys.stdout.flush()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["build", "smoke"])
    parser.add_argument("--tag", default="orderly:dev")
    args = parser.parse_args(argv)
    try:
        tool = engine()
        build(tool, args.tag)
        if args.action == "smoke":
            smoke(tool, args.tag, _server_url())
            _step("smoke test passed")
    except SmokeError as error:
        sys.stderr.write(f"image: error: {error}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
