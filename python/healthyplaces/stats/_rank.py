"""Rank tests for two samples and for paired data, and the Hodges–Lehmann estimates that invert them.

``mannwhitneyu`` and ``wilcoxon`` take scipy.stats' arguments and defaults (so the import can be swapped) and
return the same statistic and p-value; ``sign_test`` and ``hodges_lehmann`` have no scipy counterpart.
Inputs may be lists, numpy arrays or pandas Series. The work is done in C++ (``healthyplaces._core.stats``).
"""
from __future__ import annotations

import math
from typing import Any, Optional

import numpy as np
import pandas as pd

from .. import _core
from ._result import ArrayLike, EstimateResult, TestResult, fast_sample

__all__ = ["SymmetricNull", "hodges_lehmann", "mann_whitney_null", "mannwhitneyu", "sign_test", "signed_rank_null",
           "wilcoxon"]

_stats = _core.stats

#: Exact null distributions without ties (``pmf``, ``cdf``, ``sf``, ``quantile``, ``lower_critical``), for
#: inverting the tests.
SymmetricNull = _stats.SymmetricNull
_values = fast_sample


def mann_whitney_null(n1: int, n2: int) -> SymmetricNull:
    """The exact null distribution of the Mann–Whitney U statistic without ties.

    Parameters
    ----------
    n1, n2
        The two sample sizes.

    Returns
    -------
    SymmetricNull
        On 0..n1·n2: ``pmf``, ``cdf``, ``sf``, ``quantile``, ``lower_critical``.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> null = hp.stats.mann_whitney_null(5, 4)
    >>> null.max, round(null.cdf(2), 4)
    (20, 0.0317)
    """
    return _stats.mann_whitney_null(n1, n2)


def signed_rank_null(n: int) -> SymmetricNull:
    """The exact null distribution of the Wilcoxon signed-rank statistic T+ without ties or zeros.

    Parameters
    ----------
    n
        The number of non-zero differences.

    Returns
    -------
    SymmetricNull
        On 0..n(n+1)/2: ``pmf``, ``cdf``, ``sf``, ``quantile``, ``lower_critical``.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> null = hp.stats.signed_rank_null(5)
    >>> null.max, null.pmf(0)
    (15, 0.03125)
    """
    return _stats.signed_rank_null(n)


def _paired(x: ArrayLike, y: ArrayLike, nan_policy: str) -> tuple[np.ndarray, np.ndarray]:
    if nan_policy != "omit":
        return _values(x, "x", nan_policy), _values(y, "y", nan_policy)
    # omit drops a pair when either of its values is missing
    xs, ys = _as_float(x, "x"), _as_float(y, "y")
    if xs.shape != ys.shape:
        raise _core.DataError(
            f"paired samples must have the same length, got x of {xs.size} and y of {ys.size}")
    keep = ~(np.isnan(xs) | np.isnan(ys))
    return np.ascontiguousarray(xs[keep]), np.ascontiguousarray(ys[keep])


def _as_float(xs: ArrayLike, name: str) -> np.ndarray:
    if isinstance(xs, pd.Series):
        xs = xs.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    arr = np.asarray(xs, dtype=np.float64)
    if arr.ndim != 1:
        raise _core.DataError(f"{name}: expected a one-dimensional sequence, got shape {arr.shape}")
    return arr


def _method(method: Any, n_resamples: int) -> tuple[str, int]:
    """A method name, or an object with ``n_resamples`` such as scipy.stats.PermutationMethod (infinite
    resamples: exact)."""
    if isinstance(method, str):
        return method, n_resamples
    n = getattr(method, "n_resamples", None)
    if n is None:
        raise _core.DomainError(
            f"unknown method {method!r}: use 'auto', 'exact', 'asymptotic' (or 'approx'), 'monte_carlo' "
            "(or 'permutation'), or a scipy.stats.PermutationMethod")
    if math.isinf(n):
        return "exact", n_resamples
    return "monte_carlo", int(n)


def mannwhitneyu(x: ArrayLike, y: ArrayLike, use_continuity: bool = True, alternative: str = "two-sided",
                 method: Any = "auto", *, n_resamples: int = 9999, seed: int = 0, threads: int = 0,
                 nan_policy: str = "raise") -> TestResult:
    """Mann–Whitney U test that x and y come from the same distribution (scipy.stats.mannwhitneyu).

    ``statistic`` is U of x (pairs with x_i > y_j, ties counting one half: scipy's), ``pvalue`` the p-value for
    ``alternative`` ("two-sided", "less": x tends to be smaller, "greater").

    ``method``:
      * "auto": scipy 1.17's rule, exact when one sample has at most 8 values and there are no ties,
        asymptotic otherwise.
      * "exact": the exact distribution of U without ties; with ties the exact permutation distribution of the
        mid-rank sum given the tie pattern (scipy's "exact" ignores ties; this equals scipy's
        ``PermutationMethod(n_resamples=np.inf)``, computed by dynamic programming instead of enumeration).
        Limits without ties: up to 700 values in the smaller sample while min² × max is at most 8e8 (under
        a second at 700 and 700, instant below 150 values), and only when the table passes an accuracy check
        (estimated error at most 2.5e-13 of the largest probability); otherwise a ``DomainError`` naming the
        "asymptotic" and "monte_carlo" methods.
      * "asymptotic" (or "approx"): normal approximation with tie correction, and the continuity correction
        when ``use_continuity``; ``zstatistic`` is reported.
      * "monte_carlo" (or "permutation", or a ``scipy.stats.PermutationMethod``): ``n_resamples`` random
        relabellings seeded by ``seed``, identical for any ``threads``; every arrangement instead when there are
        no more of them than ``n_resamples``. p = (hits + 1) / (n_resamples + 1), as scipy.

    Two-sided p-values are twice the smaller tail, at most 1. ``nan_policy``: "raise" or "omit".
    Reference: Mann & Whitney (1947), Ann. Math. Statist. 18, 50–60.

    Parameters
    ----------
    x, y
        The two independent samples (lists, arrays or Series).
    use_continuity
        Continuity correction of the normal approximation.
    alternative
        "two-sided", "less" or "greater".
    method
        "auto", "exact", "asymptotic", "monte_carlo" or a ``scipy.stats.PermutationMethod`` (see above).
    n_resamples, seed, threads
        Monte Carlo relabellings, their seed, and worker threads (0 = all cores; the numbers do not depend on it).
    nan_policy
        "raise" or "omit".

    Returns
    -------
    TestResult
        ``statistic`` (U of x), ``pvalue``; ``zstatistic`` for the normal approximation.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> res = hp.stats.mannwhitneyu([19, 22, 16, 29, 24], [20, 11, 17, 12], method="exact")
    >>> res.statistic, round(res.pvalue, 4)
    (17.0, 0.1111)
    """
    xs = _values(x, "x", nan_policy)
    ys = _values(y, "y", nan_policy)
    name, n_res = _method(method, n_resamples)
    core = _stats.mann_whitney(xs, ys, alternative, name, use_continuity, n_res, seed, threads)
    return TestResult.from_core("MannwhitneyuResult", core)


def wilcoxon(x: ArrayLike, y: Optional[ArrayLike] = None, zero_method: str = "wilcox", correction: bool = False,
             alternative: str = "two-sided", method: Any = "auto", *, n_resamples: int = 9999, seed: int = 0,
             threads: int = 0, nan_policy: str = "raise") -> TestResult:
    """Wilcoxon signed-rank test that the differences x (or x − y) are symmetric about zero
    (scipy.stats.wilcoxon).

    ``statistic`` as scipy 1.17 reports it: min(T+, T−) for "two-sided", T+ (sum of the ranks of positive
    differences) for "less"/"greater". ``zero_method``: "wilcox" drops zeros, "pratt" ranks them and then drops
    them, "zsplit" splits their ranks between T+ and T−. ``correction``: continuity correction of the normal
    approximation.

    ``method``:
      * "auto": scipy 1.17's rule: asymptotic above 50 differences; otherwise exact without ties or zeros,
        exact over every sign flip with them (n <= 13), asymptotic beyond.
      * "exact": the exact distribution without ties or zeros; with them the exact distribution of T+ over
        all 2^n sign flips given the ranks (scipy's "exact" instead rounds T+ and uses the untied table; ours
        equals scipy's ``PermutationMethod(n_resamples=np.inf)``).
      * "asymptotic" (or "approx"): normal with tie correction and scipy's zero handling; ``zstatistic``
        reported (−|z| for two-sided, as scipy).
      * "monte_carlo" (or "permutation"): random sign flips, seeded, identical for any ``threads``.

    Too few observations (none, or all differences zero) raise DataError. Reference: Wilcoxon (1945),
    Biometrics Bulletin 1, 80–83; Pratt (1959), JASA 54, 655–667.

    Parameters
    ----------
    x
        The differences, or the first of two paired samples.
    y
        The second paired sample (``None``: x holds the differences).
    zero_method
        "wilcox", "pratt" or "zsplit".
    correction
        Continuity correction of the normal approximation.
    alternative
        "two-sided", "less" or "greater".
    method
        "auto", "exact", "asymptotic" or "monte_carlo" (see above).
    n_resamples, seed, threads
        Monte Carlo sign flips, their seed, and worker threads (0 = all cores; the numbers do not depend on it).
    nan_policy
        "raise", or "omit" (a pair with a missing value is dropped).

    Returns
    -------
    TestResult
        ``statistic`` as scipy's, ``pvalue``; ``zstatistic`` for the normal approximation.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> res = hp.stats.wilcoxon([1.5, 2, 3, 4, -0.5])
    >>> res.statistic, res.pvalue
    (1.0, 0.125)
    """
    if y is None:
        xs, ys = _values(x, "x", nan_policy), None
    else:
        xs, ys = _paired(x, y, nan_policy)
    name, n_res = _method(method, n_resamples)
    core = _stats.wilcoxon(xs, ys, zero_method, correction, alternative, name, n_res, seed, threads)
    return TestResult.from_core("WilcoxonResult", core)


def sign_test(x: ArrayLike, y: Optional[ArrayLike] = None, mu: float = 0.0, alternative: str = "two-sided",
              method: str = "exact", *, nan_policy: str = "raise") -> TestResult:
    """Sign test that the median of x (or of x − y) is ``mu``.

    Differences equal to ``mu`` are dropped; ``statistic`` is the number above ``mu`` and ``n`` the number kept.
    "exact" (and "auto"): binomial(n, 1/2), two-sided by scipy.stats.binomtest's rule (the total probability of
    outcomes no more likely than the one observed); "asymptotic": normal approximation with continuity
    correction. Equivalent to ``scipy.stats.binomtest(statistic, n, 0.5, alternative)``.
    Reference: Conover (1999), Practical Nonparametric Statistics, 3rd ed., section 3.4.

    Parameters
    ----------
    x
        The sample, or the first of two paired samples.
    y
        The second paired sample (``None``: test x itself).
    mu
        The median under the null hypothesis.
    alternative
        "two-sided", "less" or "greater".
    method
        "exact" (also "auto") or "asymptotic".
    nan_policy
        "raise" or "omit".

    Returns
    -------
    TestResult
        ``statistic`` (the number above ``mu``), ``pvalue``, ``n`` (the number kept).

    Examples
    --------
    >>> import healthyplaces as hp
    >>> res = hp.stats.sign_test([3, 4, 5, 6], [1, 1, 1, 1], alternative="greater")
    >>> res.statistic, res.pvalue
    (4.0, 0.0625)
    """
    if y is None:
        xs, ys = _values(x, "x", nan_policy), None
    else:
        xs, ys = _paired(x, y, nan_policy)
    return TestResult.from_core("SignTestResult", _stats.sign_test(xs, ys, float(mu), alternative, method))


def hodges_lehmann(x: ArrayLike, y: Optional[ArrayLike] = None, *, paired: bool = False,
                   confidence_level: float = 0.95, method: str = "auto", use_continuity: bool = True,
                   nan_policy: str = "raise") -> EstimateResult:
    """Hodges–Lehmann estimate with its confidence interval.

    * Two samples (``y`` given, ``paired=False``): the shift of x relative to y, the median of all n1·n2
      differences x_i − y_j; the interval holds the shifts Δ that the two-sided Mann–Whitney test of x − Δ
      against y does not reject at 1 − ``confidence_level``.
    * One sample (``y`` None) or paired (``paired=True``, on x − y): the pseudo-median, the median of the
      Walsh averages (d_i + d_j)/2, i <= j, with the interval from the signed-rank test.

    ``method``: "exact" reads the bounds off the exact null distribution without ties (order statistics of the
    differences or Walsh averages; Bauer 1972); "asymptotic" solves for the bounds where the tie- and
    (``use_continuity``) continuity-corrected normal statistic crosses the normal quantile, as R's
    ``wilcox.test(conf.int=TRUE)``; "auto" is R's choice: exact when every sample has fewer than 50 values and
    there are no ties (or zeros), else asymptotic. Two-sample "exact" has the limits of
    :func:`mannwhitneyu`'s exact method (a ``DomainError`` naming "asymptotic" beyond). A bound is ±inf when the samples are too small for the
    confidence asked; with heavily tied data the interval can shrink to one value (every other shift rejected). The order statistics are found by selection, without forming all the differences.
    Reference: Hodges & Lehmann (1963), Ann. Math. Statist. 34, 598–611; Bauer (1972), JASA 67, 687–690.

    Parameters
    ----------
    x
        The first sample (or the differences).
    y
        The second sample; ``None`` for one sample.
    paired
        Treat x and y as pairs (the estimate of x - y's pseudo-median).
    confidence_level
        The interval's level, in (0, 1).
    method
        "auto", "exact" or "asymptotic".
    use_continuity
        Continuity correction of the asymptotic interval.
    nan_policy
        "raise" or "omit".

    Returns
    -------
    EstimateResult
        ``estimate`` and ``confidence_interval()``.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> res = hp.stats.hodges_lehmann([1, 2, 3, 4, 5], [6, 7, 8, 9, 10])
    >>> res.estimate, tuple(res.confidence_interval())
    (-5.0, (-8.0, -2.0))
    """
    if y is None:
        if paired:
            raise _core.DataError("hodges_lehmann: paired=True needs a second sample y")
        xs, ys = _values(x, "x", nan_policy), None
    elif paired:
        xs, ys = _paired(x, y, nan_policy)
    else:
        xs, ys = _values(x, "x", nan_policy), _values(y, "y", nan_policy)
    core = _stats.hodges_lehmann(xs, ys, paired, confidence_level, method, use_continuity)
    rerun = ((xs,) if ys is None else (xs, ys), {"paired": paired, "method": method, "use_continuity": use_continuity})
    return EstimateResult.from_core("HodgesLehmannResult", core, _rerun=("hodges_lehmann", *rerun))
