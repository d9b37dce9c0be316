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
    """Counts at each level lo..hi and the number missing. Off-scale values raise DomainError.

    Parameters
    ----------
    xs
        The scores; NaN (or ``pd.NA``) is missing.
    lo, hi
        The scale's lowest and highest level.

    Returns
    -------
    Frequencies
        ``counts`` (one per level), ``n_missing``.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> f = hp.stats.frequencies([1, 2, 2, 4], 1, 4)
    >>> list(f.counts), f.n_missing
    ([1, 2, 0, 1], 0)
    """
    return _core.stats.frequencies(_values(xs), lo, hi)


def modes(xs: ArrayLike, lo: int, hi: int) -> list[int]:
    """Every most-common level, ascending: ties are reported, never broken. Empty when all are missing.

    Parameters
    ----------
    xs
        The scores; NaN is missing.
    lo, hi
        The scale's lowest and highest level.

    Returns
    -------
    list of int

    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.stats.modes([1, 2, 2, 3, 3], 1, 4)
    [2, 3]
    """
    return list(_core.stats.modes(_values(xs), lo, hi))


def quantile(xs: ArrayLike, p: float, lo: int, hi: int, method: str = "linear") -> float:
    """The p-quantile, equal to ``numpy.quantile(xs[~isnan], p, method=method)``; computed from the counts.

    Parameters
    ----------
    xs
        The scores; NaN is missing.
    p
        The probability, in [0, 1].
    lo, hi
        The scale's lowest and highest level.
    method
        numpy.quantile's method name ("linear", "inverted_cdf", ...).

    Returns
    -------
    float

    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.stats.quantile([1, 2, 2, 3, 4], 0.25, 1, 4)
    2.0
    """
    return _core.stats.quantile(_values(xs), p, lo, hi, _core.stats.parse_quantile_method(method))


def summarise(xs: ArrayLike, lo: int, hi: int, method: str = "linear") -> OrdinalSummary:
    """Frequencies, all modes, median, quartiles (by ``method``) and mean in one pass.

    Parameters
    ----------
    xs
        The scores; NaN is missing.
    lo, hi
        The scale's lowest and highest level.
    method
        numpy.quantile's method for the median and quartiles.

    Returns
    -------
    OrdinalSummary

    Examples
    --------
    >>> import healthyplaces as hp
    >>> s = hp.stats.summarise([1, 2, 2, 3, 4], 1, 4)
    >>> list(s.modes), s.median, s.q1, s.q3
    ([2], 2.0, 2.0, 3.0)
    """
    return _core.stats.summarise(_values(xs), lo, hi, _core.stats.parse_quantile_method(method))
