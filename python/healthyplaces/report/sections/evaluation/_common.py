"""Small helpers the evaluation sections share."""
from __future__ import annotations

from typing import Any

import numpy as np

from .... import _result
from ... import _render

# Columns of weights and shares: synthetic control's V reaches 1e-7, which reads better as "<0.0001".
_WEIGHTS = {"v", "weight", "scm_weight"}


def _cell(value: Any, column: str) -> Any:
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (float, np.floating)):
        x = float(value)
        if column in _WEIGHTS and np.isfinite(x) and 0 < abs(x) < 1e-4:
            return "<0.0001"
        if column in ("pvalue", "p-value"):
            return _result.fmt_pvalue(x)
        return _result.fmt_number(x)
    return value


def table(frame: Any, caption: str, index_name: str | None = None) -> _render.Table:
    """A result's table with numbers for people (4 significant figures, no exponents, p-values as p-values)."""
    shown = frame.copy()
    for c in shown.columns:
        shown[c] = [_cell(v, str(c)) for v in shown[c].tolist()]
    return _render.frame_table(shown, caption, index_name=index_name)


def p_text(p: float) -> str:
    """A p-value in words for the page (the template escapes it)."""
    if not np.isfinite(p):
        return "p not available"
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def chart(result: Any, caption: str, label: str, **kwargs: Any) -> _render.Figure:
    """A result's own ``plot()`` (its house-style figure, sized for its content) as a page figure."""
    return _render.figure(result.plot(**kwargs), caption, label)


def level_text(level: float) -> str:
    """0.95 -> "95" (per cent, for "95% CI")."""
    return str(int(level * 100))
