"""Bootstrap confidence intervals and permutation tests, named and called as in scipy.stats.

Named statistics (``"mean"``, ``"median"``, ``"mode"``, ``"quantile"``, ``"share_at_or_above"``) run in C++:
on ordinal data (few distinct values) a bootstrap resample costs O(levels), small problems are solved
exactly, and the work is split over ``threads`` with the same numbers for any thread count. A Python
callable is accepted too, as in scipy, and is slow: C++ draws the very same resamples, Python evaluates the
callable on them, and C++ computes the interval.
"""
from __future__ import annotations

import inspect
import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Sequence, Union

import numpy as np
import pandas as pd

from .. import _core
from ._result import _NAN, ArrayLike, ConfidenceInterval, EstimateResult, TestResult, sample


if TYPE_CHECKING:  # matplotlib is imported when a chart is first drawn, not with healthyplaces
    import matplotlib.figure
    from matplotlib.axes import Axes

__all__ = ["BootstrapResult", "DegenerateDataWarning", "bootstrap", "exact_bootstrap_distribution",
           "permutation_test"]

_S = _core.stats
Statistic = Union[str, Callable[..., Any]]
_CHUNK = 1 << 22  # values per batch handed to a callable (about 32 MB of float64)


class DegenerateDataWarning(RuntimeWarning):
    """The interval could not be computed (its ends are NaN); the message says why."""


@dataclass(eq=False, repr=False)
class BootstrapResult(EstimateResult):
    """Result of :func:`bootstrap`, shaped like scipy's: ``confidence_interval()``, ``bootstrap_distribution``,
    ``standard_error`` and ``statistic`` (the observed value, also ``estimate``), plus ``method`` in words,
    ``interval`` (``"percentile"``, ``"basic"`` or ``"BCa"``), ``resampling`` (``"exact"``, ``"multinomial"``
    or ``"indices"``), ``n_resamples`` and, for BCa, ``bias_correction`` and ``acceleration``. For an exact
    distribution, ``bootstrap_distribution`` holds its distinct values and ``bootstrap_probabilities`` their
    probabilities (``None`` for Monte Carlo).

    Examples
    --------
    >>> import healthyplaces as hp
    >>> res = hp.stats.bootstrap(([1, 2, 2, 3, 3, 3, 4, 4, 2, 3],), "mean", method="percentile")
    >>> res.resampling, res.estimate
    ('exact', 2.7)
    >>> low, high = res.confidence_interval()
    >>> fig = res.plot()
    """

    alternative: str = "two-sided"
    interval: str = "BCa"
    resampling: str = "indices"
    n_resamples: int = 0
    bias_correction: float = _NAN
    acceleration: float = _NAN
    bootstrap_distribution: np.ndarray = field(default_factory=lambda: np.empty(0))
    bootstrap_probabilities: np.ndarray | None = None
    name: str = "BootstrapResult"

    def confidence_interval(self, confidence_level: float | None = None) -> ConfidenceInterval:
        """The bootstrap interval, at the level computed or, for percentile and basic intervals, another one.

        Parameters
        ----------
        confidence_level
            ``None``: the level of the result. Another level is recomputed from ``bootstrap_distribution``
            for percentile and basic intervals; a BCa interval of a named statistic is computed again from the
            samples the result keeps (same seed: the numbers of a fresh call at that level), and of a callable
            raises a DomainError (call :func:`bootstrap` with that ``confidence_level``).

        Returns
        -------
        ConfidenceInterval

        Examples
        --------
        >>> import healthyplaces as hp
        >>> res = hp.stats.bootstrap(([1, 2, 2, 3, 3, 3, 4, 4, 2, 3],), "mean", method="percentile")
        >>> [round(v, 2) for v in res.confidence_interval(0.5)]
        [2.5, 2.9]
        """
        if confidence_level is None or confidence_level == self.confidence_level:
            return ConfidenceInterval(self.ci_low, self.ci_high)
        _core.stats.check_confidence_level(confidence_level)
        if self.interval == "BCa" and self._rerun is not None:
            again = bootstrap(*self._rerun[1], confidence_level=confidence_level, **self._rerun[2])
            return ConfidenceInterval(again.ci_low, again.ci_high)
        if self.interval == "BCa":
            raise _core.DomainError(
                f"a BCa interval at another confidence_level needs the jackknife again: call hp.stats.bootstrap "
                f"with confidence_level={confidence_level:g}")
        ci = _S.bootstrap_interval(self.bootstrap_distribution, self.bootstrap_probabilities, self.estimate, [],
                                   self.interval, confidence_level, self.alternative)
        return ConfidenceInterval(ci.low, ci.high)

    def plot(self, ax: Axes | None = None) -> matplotlib.figure.Figure:
        """The bootstrap distribution, with the observed statistic and the interval marked.

        Parameters
        ----------
        ax
            Axes to draw on; ``None`` for a new figure.

        Returns
        -------
        matplotlib.figure.Figure

        Examples
        --------
        >>> import healthyplaces as hp
        >>> fig = hp.stats.bootstrap(([1, 2, 2, 3, 3, 3, 4, 4, 2, 3],), "mean").plot()
        >>> fig.axes[0].get_ylabel()
        '% of resamples'
        """
        from .. import _figure

        fig, ax = _figure.axes(ax)
        values = np.asarray(self.bootstrap_distribution, dtype=float)
        if self.bootstrap_probabilities is not None:
            probs = np.asarray(self.bootstrap_probabilities, dtype=float)
            width = np.min(np.diff(values)) * 0.8 if len(values) > 1 else 1.0
            ax.bar(values, 100 * probs, width=width, color=_figure.PALETTE[5], label="exact bootstrap distribution")
        else:
            finite = values[np.isfinite(values)]
            weights = np.full(len(finite), 100.0 / max(len(finite), 1))
            ax.hist(finite, bins=min(50, max(10, len(np.unique(finite)))), weights=weights, color=_figure.PALETTE[5],
                    label="bootstrap distribution")
        ax.axvline(self.estimate, color=_figure.PALETTE[0], linewidth=2, label="observed")
        pct = f"{self.confidence_level * 100:g}%"
        for end in (self.ci_low, self.ci_high):
            if np.isfinite(end):
                ax.axvline(end, color=_figure.PALETTE[1], linestyle="--", label=f"{pct} interval ({self.interval})")
        handles, labels = ax.get_legend_handles_labels()
        keep = dict(zip(labels, handles))
        _figure.legend_outside(ax, list(keep.values()), ncol=3)
        what = self.method.split("bootstrap of ", 1)[-1].split(";", 1)[0] if "bootstrap of " in self.method else ""
        if not what or "callable" in what:
            what = "the statistic"
        ax.set_xlabel(f"{what} in each resample (units of the data)")
        ax.set_ylabel("% of resamples")
        _figure.percent_axis(ax.yaxis, decimals=None)
        return fig


def _as_samples(data: Any) -> list[np.ndarray]:
    """scipy's `data` (a sequence of samples) to float64 arrays; one bare sample is accepted too."""
    if isinstance(data, pd.Series) or (isinstance(data, np.ndarray) and data.ndim == 1):
        data = (data,)
    elif isinstance(data, np.ndarray):
        data = list(data)
    elif isinstance(data, (list, tuple)) and len(data) > 0 and np.ndim(data[0]) == 0:
        data = (data,)
    if not isinstance(data, (list, tuple)) or len(data) == 0:
        raise _core.DomainError("data must be a sequence of samples, e.g. (x,) or (x, y)")
    names = ["x", "y"] + [f"sample {i}" for i in range(2, len(data))]
    return [sample(d, names[i]) for i, d in enumerate(data)]


def _scale(scale: Any) -> tuple[int, int] | None:
    if scale is None:
        return None
    if isinstance(scale, range) and scale.step == 1 and len(scale) > 0:
        return (scale.start, scale.stop - 1)
    try:
        lo, hi = scale
    except (TypeError, ValueError):
        raise _core.DomainError("scale must be a pair (lowest, highest), e.g. scale=(1, 4)") from None
    if lo != int(lo) or hi != int(hi):
        raise _core.DomainError(f"scale must be integers, got ({lo}, {hi})")
    return (int(lo), int(hi))


def _is_vectorized(statistic: Callable, vectorized: bool | None) -> bool:
    if vectorized is None:
        try:
            return "axis" in inspect.signature(statistic).parameters
        except (TypeError, ValueError):
            return False
    return bool(vectorized)


def _warn(message: str) -> None:
    if message:
        warnings.warn(message, DegenerateDataWarning, stacklevel=3)


def bootstrap(data: Sequence[ArrayLike] | ArrayLike, statistic: Statistic = "median", *, n_resamples: int = 9999,
              confidence_level: float = 0.95, method: str = "BCa", alternative: str = "two-sided",
              paired: bool = False, scale: tuple[int, int] | range | None = None, tie_policy: str = "lowest",
              p: float = 0.5, quantile_method: str = "linear", threshold: float | None = None,
              resampling: str = "auto", seed: int = 0, threads: int = 0, vectorized: bool | None = None,
              batch: int | None = None, max_exact: int = 10_000_000) -> BootstrapResult:
    """Bootstrap confidence interval of a statistic, as ``scipy.stats.bootstrap`` computes it.

    ``data`` is a tuple of samples as in scipy: ``(x,)`` for one sample; ``(x, y)`` for the difference
    ``stat(x) - stat(y)`` of two independent samples, or, with ``paired=True``, for the statistic of the
    paired differences ``stat(x - y)`` (pairs are resampled together). A bare sample is accepted as ``(x,)``.

    ``statistic`` names a built-in statistic (fast): ``"mean"``, ``"median"`` (numpy's), ``"mode"`` (ties
    resolved by ``tie_policy``: ``"lowest"`` as scipy.stats.mode, ``"highest"``, ``"mean"``, or ``"error"``
    to refuse any tie, in the data or in a resample), ``"quantile"`` (``p`` and numpy's ``quantile_method``)
    or ``"share_at_or_above"`` (the share of values >= ``threshold``); ``"median_difference"`` etc. say the same
    for two samples. A callable ``statistic(*samples[, axis])`` is accepted too, as in scipy, and is slow:
    it is called on resamples drawn in C++ (vectorised over a batch when it takes ``axis`` or
    ``vectorized=True``).

    ``method`` is ``"percentile"``, ``"basic"`` or ``"BCa"``, defined exactly as in scipy 1.17 (linear
    quantiles of the bootstrap distribution; BCa's bias correction from the share of resamples below the
    observed value, ties counted half, and acceleration from the jackknife). When BCa is undefined (e.g.
    every leave-one-out median is equal, common with heavy ties) the ends are NaN and a
    :class:`DegenerateDataWarning` says why, as scipy does.

    ``resampling`` says how the bootstrap distribution is obtained: ``"exact"`` enumerates every distinct
    resample (count vector) with its multinomial probability; ``"multinomial"`` draws each resample as
    counts at the distinct values (O(levels) per resample: the fast path for ordinal data); ``"indices"``
    draws n observations (O(n)). ``"auto"`` is exact when there are at most ``n_resamples`` distinct
    resamples (and at most ``max_exact``), multinomial when the data have few distinct values (n at least 10
    times their number: a binomial draw costs about ten index draws), indices otherwise. Exact intervals are the limits of the Monte Carlo ones (inverse-CDF
    quantiles of the exact distribution) and the standard error is the exact distribution's. ``scale=(lo,
    hi)`` declares an ordinal scale: values off it raise DataError.

    ``seed`` and ``threads`` (0 = all cores): resample b draws only from stream (seed, b), so the numbers do
    not depend on the thread count. The GIL is released while C++ works.

    References: B. Efron and R. Tibshirani, *An Introduction to the Bootstrap* (1993), ch. 13-14;
    scipy.stats.bootstrap.

    Parameters
    ----------
    data
        The samples, ``(x,)``, ``(x, y)``; a bare sample counts as ``(x,)``.
    statistic
        A built-in statistic's name, or a callable (slow).
    n_resamples
        Bootstrap resamples (Monte Carlo), or the most distinct resamples an automatic exact run may enumerate.
    confidence_level
        The interval's level, in (0, 1).
    method
        "percentile", "basic" or "BCa".
    alternative
        "two-sided", "less" or "greater" (a one-sided interval).
    paired
        Resample (x, y) as pairs; the statistic is of x - y.
    scale
        ``(lowest, highest)`` of an ordinal scale to check the data against, e.g. ``(1, 4)``.
    tie_policy
        How "mode" resolves ties: "lowest", "highest", "mean" or "error".
    p, quantile_method
        The quantile and numpy's method, for "quantile" (and "median"'s method).
    threshold
        The cut-off of "share_at_or_above".
    resampling
        "auto", "exact", "multinomial" or "indices".
    seed, threads
        Seed of the resamples and worker threads (0 = all cores; the numbers do not depend on it).
    vectorized, batch
        For a callable: whether it takes ``axis``, and how many resamples to hand it at once.
    max_exact
        The most distinct resamples exact enumeration will visit.

    Returns
    -------
    BootstrapResult

    Examples
    --------
    >>> import healthyplaces as hp
    >>> res = hp.stats.bootstrap(([1, 2, 2, 3, 3, 3, 4, 4, 2, 3],), "mean", method="percentile")
    >>> res.resampling
    'exact'
    >>> lo, hi = res.confidence_interval()
    """
    arrays = _as_samples(data)
    if callable(statistic):
        return _bootstrap_callable(arrays, statistic, paired=paired, n_resamples=n_resamples,
                                   confidence_level=confidence_level, method=method, alternative=alternative,
                                   seed=seed, threads=threads, vectorized=vectorized, batch=batch,
                                   resampling=resampling, scale=_scale(scale))
    if not isinstance(statistic, str):
        raise _core.DomainError("statistic must be a name ('mean', 'median', 'mode', 'quantile', "
                                "'share_at_or_above') or a callable")
    res = _S.bootstrap(arrays, statistic, paired, p, quantile_method, threshold, tie_policy, method,
                       confidence_level, alternative, n_resamples, resampling, _scale(scale), seed, threads,
                       max_exact)
    _warn(res.warning)
    e = res.estimate
    probabilities = (None if res.probabilities is None or len(res.probabilities) == 0
                     else np.array(res.probabilities))
    return BootstrapResult(estimate=e.estimate, ci_low=e.ci_low, ci_high=e.ci_high,
                           confidence_level=e.confidence_level, method=e.method, n=int(e.n),
                           standard_error=e.standard_error, alternative=res.alternative, interval=res.method,
                           resampling=res.resampling, n_resamples=int(res.n_resamples),
                           bias_correction=res.bias_correction, acceleration=res.acceleration,
                           bootstrap_distribution=np.array(res.distribution), bootstrap_probabilities=probabilities,
                           _rerun=("bootstrap", (tuple(arrays), statistic),
                                   dict(n_resamples=n_resamples, method=method, alternative=alternative,
                                        paired=paired, scale=scale, tie_policy=tie_policy, p=p,
                                        quantile_method=quantile_method, threshold=threshold, resampling=resampling,
                                        seed=seed, max_exact=max_exact)))


def _jackknife_rows(n: int, k0: int, k1: int) -> np.ndarray:
    """Rows k0..k1-1 of the leave-one-out index matrix: row k is 0..n-1 without k."""
    j = np.arange(n - 1)
    ks = np.arange(k0, k1)[:, None]
    return j + (j >= ks)


def _bootstrap_callable(arrays: list[np.ndarray], statistic: Callable, *, paired: bool, n_resamples: int,
                        confidence_level: float, method: str, alternative: str, seed: int, threads: int,
                        vectorized: bool | None, batch: int | None, resampling: str,
                        scale: tuple[int, int] | None) -> BootstrapResult:
    # C++ checks the options and samples as for a named statistic, and says what to resample.
    sizes = _S.plan_bootstrap(arrays, paired, n_resamples, confidence_level, method, alternative, resampling, scale)
    vec = _is_vectorized(statistic, vectorized)

    def call(samples: list[np.ndarray], rows: int) -> np.ndarray:
        if vec:
            return np.asarray(statistic(*samples, axis=-1), dtype=float).reshape(rows)
        return np.array([statistic(*(s[i] for s in samples)) for i in range(rows)], dtype=float)

    width = sum(sizes)
    step = batch or max(1, _CHUNK // width)
    dist = np.empty(n_resamples)
    offsets = np.cumsum([0] + sizes)
    for b0 in range(0, n_resamples, step):
        b1 = min(n_resamples, b0 + step)
        idx = _S.bootstrap_indices(sizes, seed, b0, b1, threads)
        if paired:
            resampled = [a[idx] for a in arrays]
        else:
            resampled = [a[idx[:, offsets[j]:offsets[j + 1]]] for j, a in enumerate(arrays)]
        dist[b0:b1] = call(resampled, b1 - b0)
    observed = float(np.asarray(statistic(*arrays, axis=-1) if vec else statistic(*arrays)))

    jackknife: list[np.ndarray] = []
    if method.lower() == "bca":
        groups = [list(range(len(arrays)))] if paired else [[j] for j in range(len(arrays))]
        for group in groups:
            n = len(arrays[group[0]])
            values = np.empty(n)
            rows = batch or max(1, _CHUNK // n)
            for k0 in range(0, n, rows):
                k1 = min(n, k0 + rows)
                loo = _jackknife_rows(n, k0, k1)
                samples = [a[loo] if j in group else np.broadcast_to(a, (k1 - k0, len(a)))
                           for j, a in enumerate(arrays)]
                values[k0:k1] = call(samples, k1 - k0)
            jackknife.append(values)
    ci = _S.bootstrap_interval(dist, None, observed, jackknife, method, confidence_level, alternative)
    _warn(ci.warning)
    interval = "BCa" if method.lower() == "bca" else method.lower()
    return BootstrapResult(
        estimate=observed, ci_low=ci.low, ci_high=ci.high, confidence_level=confidence_level,
        method=f"{interval} bootstrap of a Python callable; {n_resamples:,} index resamples",
        n=sum(len(a) for a in arrays) if not paired else len(arrays[0]),
        standard_error=_S.bootstrap_standard_error(dist), alternative=alternative, interval=interval,
        resampling="indices", n_resamples=n_resamples, bias_correction=ci.bias_correction,
        acceleration=ci.acceleration, bootstrap_distribution=dist)


def exact_bootstrap_distribution(data: Sequence[ArrayLike] | ArrayLike, statistic: str = "median", *,
                                 p: float = 0.5, quantile_method: str = "linear", threshold: float | None = None,
                                 tie_policy: str = "lowest", max_exact: int = 10_000_000,
                                 threads: int = 0) -> pd.DataFrame:
    """The exact bootstrap distribution of a named statistic: every distinct resample (count vector) with its
    multinomial probability, gathered by the statistic's value. One sample, or ``stat(x) - stat(y)`` for two.

    Returns a DataFrame with columns ``value`` (ascending) and ``probability``; ``attrs["n_resamples"]`` is
    the number of distinct resamples, C(n+k-1, k-1) for n observations with k distinct values (the product for
    two samples). Raises DomainError when that exceeds ``max_exact``.

    Parameters
    ----------
    data
        The samples, ``(x,)`` or ``(x, y)``.
    statistic
        A built-in statistic's name.
    p, quantile_method
        The quantile and numpy's method, for "quantile".
    threshold
        The cut-off of "share_at_or_above".
    tie_policy
        How "mode" resolves ties.
    max_exact
        The most distinct resamples to enumerate.
    threads
        Worker threads (0 = all cores; the numbers do not depend on it).

    Returns
    -------
    pandas.DataFrame
        Columns ``value`` and ``probability``; ``attrs["n_resamples"]``.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> d = hp.stats.exact_bootstrap_distribution(([1, 2, 2],), "median")
    >>> d.probability.round(4).tolist()   # medians 1, 2: P(median 1) = 7/27
    [0.2593, 0.7407]
    """
    arrays = _as_samples(data)
    d = _S.exact_bootstrap_distribution(arrays, statistic, p, quantile_method, threshold, tie_policy, max_exact,
                                        threads)
    frame = pd.DataFrame({"value": d.values, "probability": d.probabilities})
    frame.attrs["n_resamples"] = d.n_resamples
    return frame


def permutation_test(data: Sequence[ArrayLike], statistic: Statistic = "mean_difference", *,
                     permutation_type: str = "independent", n_resamples: int = 9999,
                     alternative: str = "two-sided", method: str = "auto", seed: int = 0, threads: int = 0,
                     p: float = 0.5, quantile_method: str = "linear", threshold: float | None = None,
                     tie_policy: str = "lowest", vectorized: bool | None = None, batch: int | None = None,
                     max_exact: int = 1 << 24) -> TestResult:
    """Permutation test, with p-values formed as ``scipy.stats.permutation_test`` forms them.

    ``permutation_type="independent"``: ``data = (x, y)``; the statistic is ``stat(x) - stat(y)`` and the
    null distribution comes from relabelling the pooled observations into groups of the same sizes.
    ``permutation_type="samples"``: ``data = (x, y)`` paired, with the statistic of the differences
    ``stat(x - y)`` against swaps within pairs (sign flips of the differences), or ``data = (d,)`` for sign
    flips of one sample.

    ``statistic`` names a built-in statistic as in :func:`bootstrap` (``"mean_difference"``, ``"median"``,
    ``"quantile"``, ...), or is a callable taking the samples (and ``axis`` when vectorised), as in scipy;
    a callable is slow.

    The null distribution is enumerated when there are at most ``n_resamples`` arrangements (scipy's rule:
    C(nx+ny, nx) relabellings or 2^n sign patterns) and sampled otherwise; ``method="exact"`` or
    ``"monte_carlo"`` forces either. p-values: the share of the null at least as extreme as the observed
    value, values within 100 machine epsilons (relative) of it counting as equal; a sampled null adds one to
    both counts; two-sided is twice the smaller one-sided p-value, capped at 1. An exact sign-flip null lists
    the 2^(non-zero differences) patterns once each (scipy repeats each 2^(zeros) times: same p-values).

    ``seed``/``threads`` as in :func:`bootstrap`; the sign-flip fast path takes 64 flips per random draw.

    Values may be any finite doubles, up to ±1.8e308: means are taken without overflow. An observed statistic
    beyond the double range (e.g. the mean difference of 1.7e308 and -1.7e308) is a ``DomainError`` asking
    to rescale the data, never an infinite or NaN statistic beside a p-value.

    Parameters
    ----------
    data
        The samples: ``(x, y)``, or ``(d,)`` for sign flips of one sample.
    statistic
        A built-in statistic's name, or a callable (slow).
    permutation_type
        "independent" (relabelling) or "samples" (swaps within pairs).
    n_resamples
        Random arrangements, or the most arrangements to enumerate.
    alternative
        "two-sided", "less" or "greater".
    method
        "auto", "exact" or "monte_carlo".
    seed, threads
        Seed of the arrangements and worker threads (0 = all cores; the numbers do not depend on it).
    p, quantile_method, threshold, tie_policy
        The named statistic's parameters, as in :func:`bootstrap`.
    vectorized, batch
        For a callable: whether it takes ``axis``, and how many arrangements to hand it at once.
    max_exact
        The most arrangements exact enumeration will visit.

    Returns
    -------
    TestResult
        ``statistic``, ``pvalue``, ``null_distribution`` and ``exact``.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> res = hp.stats.permutation_test(([3, 4, 4, 3, 2], [1, 2, 2, 1, 3]), "mean_difference")
    >>> round(res.pvalue, 4)   # exact: all C(10, 5) = 252 relabellings
    0.0794
    """
    arrays = _as_samples(data)
    if callable(statistic):
        return _permutation_callable(arrays, statistic, permutation_type=permutation_type,
                                     n_resamples=n_resamples, alternative=alternative, method=method, seed=seed,
                                     threads=threads, vectorized=vectorized, batch=batch, max_exact=max_exact)
    if not isinstance(statistic, str):
        raise _core.DomainError("statistic must be a name ('mean', 'median', 'mode', 'quantile', "
                                "'share_at_or_above') or a callable")
    res = _S.permutation_test(arrays, statistic, permutation_type, p, quantile_method, threshold, tie_policy,
                              alternative, method, n_resamples, seed, threads, max_exact)
    return TestResult.from_core("PermutationTestResult", res, null_distribution=np.array(res.null_distribution),
                                exact=bool(res.exact))


def _permutation_callable(arrays: list[np.ndarray], statistic: Callable, *, permutation_type: str,
                          n_resamples: int, alternative: str, method: str, seed: int, threads: int,
                          vectorized: bool | None, batch: int | None, max_exact: int) -> TestResult:
    # C++ checks the options and samples as for a named statistic, and decides exact or sampled.
    exact, B = _S.plan_permutation(arrays, permutation_type, alternative, method, n_resamples, max_exact)
    vec = _is_vectorized(statistic, vectorized)

    def call(samples: list[np.ndarray], rows: int) -> np.ndarray:
        if vec:
            return np.asarray(statistic(*samples, axis=-1), dtype=float).reshape(rows)
        return np.array([statistic(*(s[i] for s in samples)) for i in range(rows)], dtype=float)

    if permutation_type == "independent":
        x, y = arrays
        nx, ny = len(x), len(y)
        pooled = np.concatenate([x, y])
        step = batch or max(1, _CHUNK // (nx + ny))
        null = np.empty(B)
        for b0 in range(0, B, step):
            b1 = min(B, b0 + step)
            idx = _S.relabellings(nx, ny, exact, seed, b0, b1, threads)
            null[b0:b1] = call([pooled[idx[:, :nx]], pooled[idx[:, nx:]]], b1 - b0)
        n_obs = nx + ny
    else:
        d = arrays[0] - arrays[1] if len(arrays) == 2 else arrays[0]
        n_obs = len(d)
        step = batch or max(1, _CHUNK // n_obs)
        null = np.empty(B)
        for b0 in range(0, B, step):
            b1 = min(B, b0 + step)
            signs = _S.sign_flips(d, exact, seed, b0, b1, threads)
            if len(arrays) == 1:
                samples = [signs * d]
            else:
                keep = signs > 0  # the pair keeps its order (its difference keeps its sign)
                x, y = arrays
                samples = [np.where(keep, x, y), np.where(keep, y, x)]
            null[b0:b1] = call(samples, b1 - b0)
    observed = float(np.asarray(statistic(*arrays, axis=-1) if vec else statistic(*arrays)))
    pvalue = _S.permutation_pvalue(null, observed, alternative, exact)
    what = "exact" if exact else "Monte Carlo"
    return TestResult(name="PermutationTestResult", statistic=observed, pvalue=pvalue, alternative=alternative,
                      method=f"{what} permutation test of a Python callable ({B:,} arrangements)", n=n_obs,
                      null_distribution=null, exact=exact)
