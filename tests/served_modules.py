"""What a serving process keeps loaded: `orderly serve`'s workers import the CLI module and
build the app, and every module they load stays resident for the life of the worker. Asked
of a fresh interpreter, so nothing the test run itself imported counts."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def modules_a_server_loads(*packages: str) -> list[str]:
    """The loaded modules that are one of `packages` or inside one, sorted."""
    script = (
        "import json, sys; import entrypoints.cli; from entrypoints.http.app import create_app; "
        f"create_app(); packages = {list(packages)!r}; "
        "print(json.dumps(sorted(m for m in sys.modules "
        "if any(m == p or m.startswith(p + '.') for p in packages))))"
    )
    env = {**os.environ, "PERSISTENCE": "memory", "OTEL_EXPORTER_OTLP_ENDPOINT": ""}
    result = subprocess.run(  # noqa: S603 - the project's own interpreter
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    loaded: list[str] = json.loads(result.stdout.strip().splitlines()[-1])
    return loaded
