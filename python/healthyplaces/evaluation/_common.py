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


def fmt_period(v: Any) -> str:
    """A period or cohort as written, without thousands separators (2004, not 2,004); text (e.g. "never",
    "overall") as it is."""
    if isinstance(v, str):
        return v
    try:
        f = float(v)
    except (TypeError, ValueError):
        return str(v)
    if not np.isfinite(f):
        return "–"
    return f"{int(f)}" if f == int(f) else f"{f:g}"


# Columns and rows that hold periods, cohorts or event times, for Summary(formats=...).
PERIOD_FORMATS = {k: fmt_period for k in ("group", "period", "base", "event_time", "label", "treatment period",
                                          "cohort")}


def fmt_weight(v: Any) -> str:
    """A weight or share to 4 significant figures; below 0.0001 (synthetic control's V often reaches 1e-7) as
    "<0.0001" rather than in exponent notation."""
    from .._result import fmt_number

    try:
        f = float(v)
    except (TypeError, ValueError):
        return str(v)
    if np.isfinite(f) and 0 < abs(f) < 1e-4:
        return "<0.0001" if f > 0 else "−<0.0001"
    return fmt_number(v)


WEIGHT_FORMATS = {k: fmt_weight for k in ("v", "weight", "scm_weight")}
