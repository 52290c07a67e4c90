"""`docs/openapi.json` is what the service serves: a change to the API shows up as a change
to the snapshot in review, and one that would break a generated client is named."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx

from tests.openapi_compat import breaking_changes

SNAPSHOT = Path(__file__).resolve().parents[3] / "docs" / "openapi.json"


async def test_the_snapshot_is_the_served_document(client: httpx.AsyncClient) -> None:
    served: dict[str, Any] = (await client.get("/openapi.json")).json()
    snapshot: dict[str, Any] = json.loads(SNAPSHOT.read_text())

    breaking = breaking_changes(snapshot, served)
    assert not breaking, "changes that break clients:\n" + "\n".join(breaking)
    assert served == snapshot, "the API changed: review it, then run `make openapi`"
