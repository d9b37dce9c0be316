"""Small helpers the evaluation sections share."""
from __future__ import annotations

import numpy as np


def p_text(p: float) -> str:
    """A p-value in words for the page (the template escapes it)."""
    if not np.isfinite(p):
        return "p not available"
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def level_text(level: float) -> str:
    """0.95 -> "95" (per cent, for "95% CI")."""
    return str(int(level * 100))
