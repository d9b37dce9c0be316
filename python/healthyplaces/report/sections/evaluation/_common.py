"""Small helpers the evaluation sections share."""
from __future__ import annotations

from typing import Any

import numpy as np

from ... import _render


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
