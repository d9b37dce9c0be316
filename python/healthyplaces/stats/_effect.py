"""Effect sizes for two independent samples, with intervals, and adjusted p-values for multiple testing."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .. import _core
from ._result import ArrayLike, EstimateResult, sample

__all__ = ["adjust_pvalues", "cliffs_delta", "probability_of_superiority"]


def cliffs_delta(x: ArrayLike, y: ArrayLike, confidence_level: float = 0.95, *, variance: str = "unbiased",
                 distribution: str = "t", nan_policy: str = "raise") -> EstimateResult:
    """Cliff's delta d = P(X > Y) − P(X < Y) with Cliff's asymmetric confidence interval.

    For two independent samples d equals the rank-biserial correlation 2U/(nx·ny) − 1 (U: Mann–Whitney U of x),
    so the result also carries ``rank_biserial``. It is computed by sorting, in O(n log n), never from the
    nx·ny dominance matrix.

    The interval is Cliff's (1993) asymmetric one, (d − d³ ∓ z·s·√((1 − d²)² + z²s²)) / (1 − d² + z²s²), with the
    defaults of R's ``effsize::cliff.delta``: ``variance="unbiased"`` (Cliff 1993; or ``"consistent"``, Cliff 1996)
    and z from Student's t with nx + ny − 2 df (``distribution="t"``, Feng & Cliff 2004; or ``"normal"``). s² is
    kept at least (1 − d²)/(nx·ny − 1), Cliff's smallest allowable value, and for samples that do not overlap
    (|d| = 1) the interval is computed at d·(nx·ny − 1)/(nx·ny) with its outer bound at ±1, as effsize does.
    ``standard_error`` is s. Each sample needs at least 2 observations.

    References: Cliff (1993), Psychological Bulletin 114, 494–509; Cliff (1996), Ordinal Methods for Behavioral
    Data Analysis; Feng & Cliff (2004), J. Modern Applied Statistical Methods 3, 322–332.

    Parameters
    ----------
    x, y
        The two independent samples.
    confidence_level
        The interval's level, in (0, 1).
    variance
        "unbiased" (Cliff 1993) or "consistent" (Cliff 1996).
    distribution
        "t" (nx + ny - 2 df) or "normal".
    nan_policy
        "raise" or "omit".

    Returns
    -------
    EstimateResult
        ``estimate`` (d), ``confidence_interval()``, ``standard_error``, ``rank_biserial``.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> res = hp.stats.cliffs_delta([10, 20, 20, 20, 30, 30, 30, 40, 50, 100], [10, 20, 30, 40, 40, 50])
    >>> round(res.estimate, 4), [round(v, 4) for v in res.confidence_interval()]
    (-0.0667, [-0.6082, 0.5172])
    """
    xs, ys = sample(x, "x", nan_policy), sample(y, "y", nan_policy)
    core = _core.stats.cliffs_delta(xs, ys, confidence_level, variance, distribution)
    return EstimateResult.from_core("CliffsDeltaResult", core, rank_biserial=core.estimate,
                                    _rerun=("cliffs_delta", (xs, ys), {"variance": variance,
                                                                       "distribution": distribution}))


def probability_of_superiority(x: ArrayLike, y: ArrayLike, confidence_level: float = 0.95, *,
                               nan_policy: str = "raise") -> EstimateResult:
    """The probability of superiority (common-language effect size) P(X > Y) + ½P(X = Y), with an interval.

    The estimate is U/(nx·ny), U = ``scipy.stats.mannwhitneyu(x, y).statistic``. The interval is the
    Brunner–Munzel one: estimate ± t(df)·SE with the variance and Welch–Satterthwaite df of the Brunner–Munzel
    test (``brunnermunzel(y, x)`` studentizes this very estimate), clipped to [0, 1]. When that variance is zero
    (the samples do not overlap, or every value is equal) the interval is Cliff's delta's mapped by (1 + d)/2,
    and ``method`` says so. Each sample needs at least 2 observations.

    References: McGraw & Wong (1992), Psychological Bulletin 111, 361–365; Vargha & Delaney (2000), J. Educ.
    Behav. Stat. 25, 101–132; Brunner & Munzel (2000).

    Parameters
    ----------
    x, y
        The two independent samples.
    confidence_level
        The interval's level, in (0, 1).
    nan_policy
        "raise" or "omit".

    Returns
    -------
    EstimateResult
        ``estimate`` (P(X > Y) + ½P(X = Y)) and ``confidence_interval()``.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> res = hp.stats.probability_of_superiority([3, 3, 4, 3, 1, 2, 3, 1, 1, 5, 4],
    ...                                           [1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 2, 4, 1, 1])
    >>> round(res.estimate, 4), [round(v, 4) for v in res.confidence_interval()]
    (0.789, [0.5952, 0.9827])
    """
    xs, ys = sample(x, "x", nan_policy), sample(y, "y", nan_policy)
    core = _core.stats.probability_of_superiority(xs, ys, confidence_level)
    return EstimateResult.from_core("ProbabilityOfSuperiorityResult", core,
                                    _rerun=("probability_of_superiority", (xs, ys), {}))


def adjust_pvalues(p: ArrayLike, method: str = "holm") -> np.ndarray | pd.Series:
    """Adjusted p-values for multiple testing, in the input order and capped at 1.

    ``method``: ``"bonferroni"``, ``"holm"`` (step-down), ``"hochberg"`` (step-up; also ``"simes-hochberg"``),
    ``"bh"`` (Benjamini–Hochberg false discovery rate; also ``"fdr_bh"``, ``"BH"``, ``"fdr"``) or ``"by"``
    (Benjamini–Yekutieli, valid under any dependence; also ``"fdr_by"``, ``"BY"``). The numbers equal
    ``statsmodels.stats.multitest.multipletests(p, method=...)[1]`` and ``scipy.stats.false_discovery_control``.

    Returns a numpy array, or a Series with the same index and name when given a Series. A value that is NaN or
    outside [0, 1] raises DataError naming its position; so does an empty input.

    References: Holm (1979); Hochberg (1988); Benjamini & Hochberg (1995); Benjamini & Yekutieli (2001).

    Parameters
    ----------
    p
        The p-values (list, array or Series).
    method
        "bonferroni", "holm", "hochberg", "bh" or "by" (and the aliases above).

    Returns
    -------
    numpy.ndarray or pandas.Series
        The adjusted p-values, in the input's order (a Series keeps its index).

    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.stats.adjust_pvalues([0.01, 0.04, 0.03, 0.5], method="holm").tolist()
    [0.04, 0.09, 0.09, 0.5]
    """
    if isinstance(p, pd.Series):
        values = p.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        return pd.Series(_core.stats.adjust_pvalues(values, method), index=p.index, name=p.name)
    return _core.stats.adjust_pvalues(np.ascontiguousarray(p, dtype=np.float64), method)
