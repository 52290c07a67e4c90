"""How a serving process sets up Python's garbage collector once it has started.

Everything built at start-up (routes, schemas, pools) is moved out of the collector's
sight, and the youngest generation may grow before a collection: requests allocate many
short-lived objects, and scanning the long-lived ones again and again is pure cost
(measured with `make bench`: docs/adr/0003-reads-through-a-read-model.md). Its own module,
free of the web stack, so the benchmark's baseline apps settle theirs the same way.
"""

from __future__ import annotations

import gc

YOUNG_GENERATION_THRESHOLD = 50_000


def settle_after_start_up() -> None:
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_GENERATION_THRESHOLD, *gc.get_threshold()[1:])
