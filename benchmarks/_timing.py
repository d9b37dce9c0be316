"""What every benchmark script shares: the fastest of a few runs, and a row comparing the library with a peer.
Not a benchmark itself (``make bench`` runs only the files not starting with an underscore)."""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Callable


def best_of(fn: Callable[[], Any], repeat: int = 5) -> tuple[float, Any]:
    """The shortest of ``repeat`` wall-clock times in seconds, and the last result."""
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


@dataclass
class Case:
    """One row: the healthyplaces call, the peer's call on the same input, and a check that the two agree."""

    name: str
    hp: Callable[[], Any]
    peer: Callable[[], Any]
    agree: Callable[[Any, Any], tuple[bool, str]]
    target: float | None = None  # the speed-up the issue asks for
