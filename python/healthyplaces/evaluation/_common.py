"""What the evaluation results share in presentation: how charts name the outcome and the time axis."""
from __future__ import annotations

from typing import Any

import numpy as np


def outcome_text(label: str | None, name: str) -> str:
    """The outcome as a chart names it: the label the caller gave (with its unit), else the column's name."""
    return label if label else name


def time_label(periods: Any) -> str:
    """The time axis's label: "year" when the periods are plainly years, else "time period" (never a bare
    "period", which says nothing of the unit)."""
    p = np.asarray(periods, dtype=float)
    p = p[np.isfinite(p)]
    if p.size and p.min() >= 1800 and p.max() <= 2200:
        return "year"
    return "time period"


def since_label(periods: Any) -> str:
    """The event-time axis's label: "years since adoption" for yearly panels, else "periods since adoption"."""
    return "years since adoption" if time_label(periods) == "year" else "periods since adoption"
