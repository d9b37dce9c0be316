"""Tests of several independent samples and of stochastic equality: Kruskal–Wallis and Brunner–Munzel.

Both follow scipy.stats (same names, arguments and defaults, same numbers for the asymptotic tests) and add exact
and Monte Carlo permutation p-values computed in C++.
"""
from __future__ import annotations


from .. import _core
from ._result import ArrayLike, TestResult, fast_sample

__all__ = ["brunnermunzel", "kruskal"]


_values = fast_sample


def kruskal(*samples: ArrayLike, method: str = "auto", n_resamples: int = 9999, seed: int = 0, threads: int = 0,
            nan_policy: str = "raise") -> TestResult:
    """Kruskal–Wallis H test that k independent samples come from the same distribution.

    H is computed from mid-ranks with the tie correction, exactly as ``scipy.stats.kruskal``; ``df = k - 1``.

    ``method``:
      * ``"auto"`` / ``"asymptotic"``: chi-square(k − 1) upper tail — the same p-value as scipy.stats.kruskal;
      * ``"exact"``: the permutation distribution of H over every assignment of the pooled values to groups of
        the observed sizes (equal to ``scipy.stats.permutation_test(samples, H, n_resamples=np.inf)``). Ties make
        this cheap: only how many of each distinct value go to each group matters. Raises DomainError when there
        are more than 2,000,000 distinct assignments;
      * ``"monte_carlo"``: ``n_resamples`` random relabellings, p = (count + 1)/(n_resamples + 1). Seeded: the
        result depends on ``seed`` but not on ``threads`` (0 = all cores). If ``n_resamples`` is at least the
        number of arrangements, they are all enumerated instead (as scipy does).

    ``nan_policy``: "raise" (DataError naming the sample and position) or "omit".

    Reference: Kruskal & Wallis (1952), J. Am. Stat. Assoc. 47, 583–621.

    Parameters
    ----------
    *samples
        Two or more independent samples.
    method
        "auto", "asymptotic", "exact" or "monte_carlo" (see above).
    n_resamples, seed, threads
        Monte Carlo relabellings, their seed, and worker threads (0 = all cores; the numbers do not depend on it).
    nan_policy
        "raise" or "omit".

    Returns
    -------
    TestResult
        ``statistic`` (H), ``pvalue``, ``df`` (k - 1).

    Examples
    --------
    >>> import healthyplaces as hp
    >>> res = hp.stats.kruskal([1, 3, 5, 7, 9], [2, 4, 6, 8, 10])
    >>> round(res.statistic, 6), round(res.pvalue, 6)
    (0.272727, 0.601508)
    >>> hp.stats.kruskal([1, 1, 2], [2, 3, 3], [3, 4, 4], method="exact").pvalue < 0.05
    True
    """
    arrays = [_values(s, f"sample {i + 1}", nan_policy) for i, s in enumerate(samples)]
    core = _core.stats.kruskal_wallis(arrays, method, n_resamples, seed, threads)
    return TestResult.from_core("KruskalResult", core)


def brunnermunzel(x: ArrayLike, y: ArrayLike, alternative: str = "two-sided", distribution: str = "t",
                  nan_policy: str = "raise", *, method: str = "asymptotic", n_resamples: int = 9999, seed: int = 0,
                  threads: int = 0) -> TestResult:
    """Brunner–Munzel test of stochastic equality, P(X < Y) + ½P(X = Y) = ½, without assuming equal variances.

    The statistic studentizes p̂ = P(X < Y) + ½P(X = Y) (returned as ``estimate``; positive statistic ⇔ p̂ > ½,
    i.e. y tends to be larger). ``alternative="less"``: x tends to be smaller than y; ``"greater"``: larger.

    ``method``:
      * ``"asymptotic"`` (default, also ``"auto"``): Student t with Welch–Satterthwaite df, or the normal with
        ``distribution="normal"`` — equal to ``scipy.stats.brunnermunzel``;
      * ``"exact"``: the studentized permutation test of Neubert & Brunner (2007), enumerating every distinct
        assignment of the pooled values to x and y (recommended when a sample has fewer than about 10
        observations); equal to ``scipy.stats.permutation_test((x, y), W, n_resamples=np.inf)``;
      * ``"monte_carlo"``: seeded random relabellings, p = (count + 1)/(n_resamples + 1); independent of
        ``threads``.

    When the samples do not overlap at all the variance estimate is zero: the statistic is ±inf, ``df`` is NaN
    and the asymptotic p-value is its limit (0, or 1 for the opposite one-sided alternative) where scipy returns
    NaN for the t distribution. Use ``method="exact"`` for an honest p-value with small samples. Each sample needs
    at least 2 observations; all values equal raises DataError.

    References: Brunner & Munzel (2000), Biometrical Journal 42, 17–25; Neubert & Brunner (2007), Computational
    Statistics & Data Analysis 51, 5192–5204.

    Parameters
    ----------
    x, y
        The two independent samples.
    alternative
        "two-sided", "less" or "greater".
    distribution
        "t" or "normal" (the asymptotic reference).
    nan_policy
        "raise" or "omit".
    method
        "asymptotic" (also "auto"), "exact" or "monte_carlo".
    n_resamples, seed, threads
        Monte Carlo relabellings, their seed, and worker threads (0 = all cores; the numbers do not depend on it).

    Returns
    -------
    TestResult
        ``statistic``, ``pvalue``, ``df`` and ``estimate`` (p-hat).

    Examples
    --------
    >>> import healthyplaces as hp
    >>> x = [1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 2, 4, 1, 1]
    >>> y = [3, 3, 4, 3, 1, 2, 3, 1, 1, 5, 4]
    >>> res = hp.stats.brunnermunzel(x, y)
    >>> round(res.statistic, 4), round(res.pvalue, 6), round(res.estimate, 4)
    (3.1375, 0.005786, 0.789)
    """
    xs, ys = _values(x, "x", nan_policy), _values(y, "y", nan_policy)
    core = _core.stats.brunner_munzel(xs, ys, alternative, distribution, method, n_resamples, seed, threads)
    # df stays a field (NaN) when it is undefined: no overlap, the normal reference or a permutation p-value
    return TestResult.from_core("BrunnerMunzelResult", core, estimate=core.estimate)
