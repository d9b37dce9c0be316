"""Ordinal statistics on small integer scales: frequencies, all modes, quantiles (numpy's methods).

Inputs may be lists, numpy arrays or pandas Series; NaN (or ``pd.NA``) marks a missing value.
"""
from __future__ import annotations

from typing import Sequence, Union

import numpy as np
import pandas as pd

from .. import _core

ArrayLike = Union[Sequence[float], np.ndarray, pd.Series]
OrdinalSummary = _core.stats.OrdinalSummary
Frequencies = _core.stats.Frequencies

__all__ = ["ArrayLike", "Frequencies", "OrdinalSummary", "frequencies", "modes", "quantile", "summarise"]


def _values(xs: ArrayLike) -> np.ndarray:
    if isinstance(xs, pd.Series):
        xs = xs.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    arr = np.asarray(xs, dtype=float)
    if arr.ndim != 1:
        raise _core.DomainError(f"expected a one-dimensional sequence of levels, got shape {arr.shape}")
    return arr


def frequencies(xs: ArrayLike, lo: int, hi: int) -> Frequencies:
    """Counts at each level lo..hi and the number missing. Off-scale values raise DomainError."""
    return _core.stats.frequencies(_values(xs), lo, hi)


def modes(xs: ArrayLike, lo: int, hi: int) -> list[int]:
    """Every most-common level, ascending: ties are reported, never broken. Empty when all are missing."""
    return list(_core.stats.modes(_values(xs), lo, hi))


def quantile(xs: ArrayLike, p: float, lo: int, hi: int, method: str = "linear") -> float:
    """The p-quantile, equal to ``numpy.quantile(xs[~isnan], p, method=method)``; computed from the counts."""
    return _core.stats.quantile(_values(xs), lo, hi, p, _core.stats.parse_quantile_method(method))


def summarise(xs: ArrayLike, lo: int, hi: int, method: str = "linear") -> OrdinalSummary:
    """Frequencies, all modes, median, quartiles (by ``method``) and mean in one pass."""
    return _core.stats.summarise(_values(xs), lo, hi, _core.stats.parse_quantile_method(method))
