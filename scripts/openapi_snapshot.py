#!/usr/bin/env python3
"""Writes the served OpenAPI document to `docs/openapi.json` (`make openapi`).

The snapshot is what API consumers and generated clients read; `make test` fails while it
differs from what the service serves, and names any change that would break a client
(`tests/integration/http/test_openapi_snapshot.py`). Run this to accept a change on purpose.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from entrypoints.http.app import create_app
from entrypoints.settings import Settings

SNAPSHOT = Path(__file__).resolve().parents[1] / "docs" / "openapi.json"


def main() -> int:
    app = create_app(Settings(_env_file=None, persistence="memory"))  # type: ignore[call-arg]
    SNAPSHOT.write_text(json.dumps(app.openapi(), indent=2, sort_keys=True) + "\n")
    sys.stdout.write(f"wrote {SNAPSHOT}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
