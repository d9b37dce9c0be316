"""Rank tests and Hodges–Lehmann against scipy.stats (statistics and deterministic p-values to rtol 1e-10),
exact-with-ties against scipy's exhaustive PermutationMethod, Monte Carlo within 4 standard errors of the
exact value, Hodges–Lehmann intervals against inverting scipy's tests, and bad input."""
from __future__ import annotations

import itertools
import math
import warnings

import numpy as np
import pandas as pd
import pytest
import scipy.stats as ss

import healthyplaces as hp

RTOL = 1e-10
ALTERNATIVES = ["two-sided", "less", "greater"]
ZERO_METHODS = ["wilcox", "pratt", "zsplit"]
EXHAUSTIVE = ss.PermutationMethod(n_resamples=np.inf)

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning", "ignore::UserWarning")


def close(ours: float, ref: float) -> bool:
    """Relative agreement to RTOL, with no absolute slack (0 must match 0)."""
    return ours == pytest.approx(ref, rel=RTOL, abs=0)


def two_samples(kind: str, n1: int, n2: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    if kind == "ordinal":  # heavy ties: scores 1-4
        return rng.integers(1, 5, n1).astype(float), rng.integers(1, 5, n2).astype(float)
    return rng.normal(size=n1), rng.normal(0.4, size=n2)


def differences(kind: str, n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    if kind == "ordinal":  # differences of 1-4 scores: heavy ties and zeros
        d = (rng.integers(1, 5, n) - rng.integers(1, 5, n)).astype(float)
        if not d.any():
            d[0] = 1.0
        return d
    return rng.normal(0.3, size=n)


# --------------------------------------------------------------------------------------------------------
# Mann–Whitney

MW_SIZES = [(3, 3), (3, 5), (4, 4), (5, 7), (6, 6), (7, 8), (8, 8), (8, 20), (20, 20), (20, 35), (60, 60), (500, 500)]


@pytest.mark.parametrize("n1,n2", MW_SIZES)
@pytest.mark.parametrize("kind", ["continuous", "ordinal"])
@pytest.mark.parametrize("alternative", ALTERNATIVES)
def test_mannwhitneyu_matches_scipy(n1, n2, kind, alternative):
    x, y = two_samples(kind, n1, n2, seed=n1 * 1000 + n2)
    methods = ["auto", "asymptotic"]
    if kind == "continuous" and min(n1, n2) <= 60:  # scipy's exact ignores ties; beyond 60 it is too slow
        methods.append("exact")
    for method, continuity in itertools.product(methods, [True, False]):
        ours = hp.stats.mannwhitneyu(x, y, continuity, alternative, method)
        ref = ss.mannwhitneyu(x, y, continuity, alternative, method=method)
        assert ours.statistic == ref.statistic
        assert close(ours.pvalue, ref.pvalue), (method, continuity, ours.pvalue, ref.pvalue)
        if ours.method.startswith("asymptotic"):
            assert math.isfinite(ours.zstatistic)


@pytest.mark.parametrize("n1,n2", [(2, 2), (3, 4), (5, 5), (4, 8), (6, 7), (8, 8)])
@pytest.mark.parametrize("alternative", ALTERNATIVES)
def test_mannwhitneyu_exact_with_ties_is_scipys_exhaustive_permutation_test(n1, n2, alternative):
    for seed in range(3):
        x, y = two_samples("ordinal", n1, n2, seed)
        ours = hp.stats.mannwhitneyu(x, y, alternative=alternative, method="exact")
        ref = ss.mannwhitneyu(x, y, alternative=alternative, method=EXHAUSTIVE)
        assert close(ours.pvalue, ref.pvalue), (x, y, ours.pvalue, ref.pvalue)
        # a PermutationMethod passed straight through means the same thing
        assert hp.stats.mannwhitneyu(x, y, alternative=alternative, method=EXHAUSTIVE).pvalue == ours.pvalue


@pytest.mark.parametrize("alternative", ALTERNATIVES)
def test_mannwhitneyu_monte_carlo_within_four_standard_errors_and_thread_invariant(alternative):
    x, y = two_samples("ordinal", 14, 16, seed=5)
    exact = hp.stats.mannwhitneyu(x, y, alternative=alternative, method="exact").pvalue
    b = 40000
    runs = [hp.stats.mannwhitneyu(x, y, alternative=alternative, method="monte_carlo", n_resamples=b, seed=7,
                                  threads=t).pvalue for t in (1, 2, 0)]
    assert runs[0] == runs[1] == runs[2]
    se = math.sqrt(max(exact * (1 - exact), 1e-4) / b) * (2 if alternative == "two-sided" else 1)
    assert abs(runs[0] - exact) < 4 * se
    other_seed = hp.stats.mannwhitneyu(x, y, alternative=alternative, method="permutation", n_resamples=b, seed=8)
    assert other_seed.pvalue != runs[0]
    assert "40000 random relabellings" in other_seed.method


def test_mannwhitneyu_monte_carlo_enumerates_small_cases_like_scipy():
    x, y = [1.0, 2, 2, 3], [2.0, 4, 5]  # C(7, 3) = 35 arrangements <= 9999
    ours = hp.stats.mannwhitneyu(x, y, method="monte_carlo")
    ref = ss.mannwhitneyu(x, y, method=ss.PermutationMethod())
    assert close(ours.pvalue, ref.pvalue)
    assert ours.method.startswith("exact (all 35 arrangements")


def test_mannwhitneyu_result_and_inputs():
    x = pd.Series([3, 1, None, 4], dtype="Int64")
    res = hp.stats.mannwhitneyu(x, [2, 2, 5], nan_policy="omit")
    ref = ss.mannwhitneyu([3, 1, 4], [2, 2, 5])
    stat, p = res
    assert stat == ref.statistic and close(p, ref.pvalue)
    assert res.n == 6 and res.alternative == "two-sided"
    assert res.method == "asymptotic, continuity corrected, tie corrected"
    frame = res.to_frame()
    assert list(frame.columns[:4]) == ["statistic", "pvalue", "alternative", "method"]
    assert "MannwhitneyuResult" in repr(res)
    ints = hp.stats.mannwhitneyu(np.array([1, 5, 9]), np.array([2, 3]), method="exact")
    assert ints.statistic == ss.mannwhitneyu([1, 5, 9], [2, 3]).statistic
    # all values equal: p = 1 (scipy gives 1 with the continuity correction and NaN without)
    assert hp.stats.mannwhitneyu([2, 2], [2, 2, 2], use_continuity=False, method="asymptotic").pvalue == 1.0


# --------------------------------------------------------------------------------------------------------
# Wilcoxon signed-rank

WX_SIZES = [3, 4, 5, 6, 7, 8, 13, 20, 60, 500]


FLIP = {"two-sided": "two-sided", "less": "greater", "greater": "less"}


def _scipy_exact_accurate_side(d, zero_method, alternative):
    """scipy's exact signed-rank p-value, taken from the side where scipy sums the tail directly.

    Above the mean scipy forms the upper tail as 1 − cdf, which loses relative accuracy far out (5.7e-9 at
    n = 500, T+ = 79,593: checked against exact integer counts). The distribution is symmetric, so the
    reflected differences −d with the opposite alternative give the same p-value from the lower tail."""
    t_plus = ss.wilcoxon(d, zero_method=zero_method, alternative="greater", method="exact").statistic
    n = np.count_nonzero(d)
    if t_plus > n * (n + 1) / 4:
        return ss.wilcoxon(-d, zero_method=zero_method, alternative=FLIP[alternative], method="exact").pvalue
    return ss.wilcoxon(d, zero_method=zero_method, alternative=alternative, method="exact").pvalue


@pytest.mark.parametrize("n", WX_SIZES)
@pytest.mark.parametrize("kind", ["continuous", "ordinal"])
@pytest.mark.parametrize("zero_method", ZERO_METHODS)
@pytest.mark.parametrize("alternative", ALTERNATIVES)
def test_wilcoxon_matches_scipy(n, kind, zero_method, alternative):
    d = differences(kind, n, seed=n)
    untied = len(np.unique(np.abs(d))) == n and not (d == 0).any()
    cases = [("auto", False), ("asymptotic", False), ("asymptotic", True)]
    if untied or (zero_method == "wilcox" and len(np.unique(np.abs(d[d != 0]))) == np.count_nonzero(d)):
        cases.append(("exact", False))  # where scipy's exact is the exact distribution
    for method, correction in cases:
        if method == "auto" and n <= 13 and not untied and n > 10:
            continue  # scipy enumerates 2^n flips in Python here; covered with n <= 10 below
        ours = hp.stats.wilcoxon(d, zero_method=zero_method, correction=correction, alternative=alternative,
                                 method=method)
        ref = ss.wilcoxon(d, zero_method=zero_method, correction=correction, alternative=alternative, method=method)
        assert close(ours.statistic, ref.statistic), (method, ours.statistic, ref.statistic)
        ref_p = ref.pvalue
        if method == "exact" and ours.method == "exact":
            ref_p = _scipy_exact_accurate_side(d, zero_method, alternative)
        assert close(ours.pvalue, ref_p), (method, correction, ours.pvalue, ref_p)
        if method == "asymptotic":
            assert close(ours.zstatistic, ref.zstatistic)


@pytest.mark.parametrize("n", [2, 3, 5, 8, 10, 12])  # scipy's permutation_test needs n >= 2
@pytest.mark.parametrize("zero_method", ZERO_METHODS)
@pytest.mark.parametrize("alternative", ALTERNATIVES)
def test_wilcoxon_exact_with_ties_and_zeros_is_scipys_exhaustive_permutation_test(n, zero_method, alternative):
    # three data sets per size; one at n = 10 and 12, where scipy's exhaustive enumeration costs ~0.3-1 s per call
    for seed in range(3 if n < 10 else 1):
        d = differences("ordinal", n, seed=100 * n + seed)
        ours = hp.stats.wilcoxon(d, zero_method=zero_method, alternative=alternative, method="exact")
        ref = ss.wilcoxon(d, zero_method=zero_method, alternative=alternative, method=EXHAUSTIVE)
        assert close(ours.pvalue, ref.pvalue), (d, ours.pvalue, ref.pvalue)
        # scipy's auto picks the same exhaustive permutation test for n <= 13 with ties or zeros (asked of scipy up
        # to n = 10; at n = 12 its auto run repeats the 4,096-relabelling enumeration just done, ~1 s per seed)
        auto = ss.wilcoxon(d, zero_method=zero_method, alternative=alternative) if n <= 10 else ref
        assert close(hp.stats.wilcoxon(d, zero_method=zero_method, alternative=alternative).pvalue, auto.pvalue)


def test_wilcoxon_single_difference_by_hand():
    # one difference of −2: T+ is 0 or 1 with probability 1/2 each; T+ = 0
    assert hp.stats.wilcoxon([-2.0], method="exact").pvalue == 1.0
    assert hp.stats.wilcoxon([-2.0], alternative="less").pvalue == 0.5
    assert hp.stats.wilcoxon([-2.0], alternative="greater").pvalue == 1.0


def test_wilcoxon_paired_form_and_nan_policy():
    rng = np.random.default_rng(3)
    x = rng.integers(1, 5, 30).astype(float)
    y = rng.integers(1, 5, 30).astype(float)
    for zm in ZERO_METHODS:
        ours = hp.stats.wilcoxon(list(x), pd.Series(y), zero_method=zm)
        ref = ss.wilcoxon(x, y, zero_method=zm)
        assert close(ours.statistic, ref.statistic) and close(ours.pvalue, ref.pvalue)
    x[3], y[7] = np.nan, np.nan
    ours = hp.stats.wilcoxon(x, y, nan_policy="omit")
    ref = ss.wilcoxon(x, y, nan_policy="omit")
    assert ours.n == np.count_nonzero((x - y)[~np.isnan(x - y)]) and close(ours.pvalue, ref.pvalue)
    with pytest.raises(hp.DataError, match="position 3"):
        hp.stats.wilcoxon(x, y)


@pytest.mark.parametrize("alternative", ALTERNATIVES)
@pytest.mark.parametrize("zero_method", ZERO_METHODS)
def test_wilcoxon_monte_carlo_within_four_standard_errors_and_thread_invariant(alternative, zero_method):
    d = differences("ordinal", 40, seed=11)
    exact = hp.stats.wilcoxon(d, zero_method=zero_method, alternative=alternative, method="exact").pvalue
    b = 40000
    runs = [hp.stats.wilcoxon(d, zero_method=zero_method, alternative=alternative, method="monte_carlo",
                              n_resamples=b, seed=3, threads=t).pvalue for t in (1, 2, 0)]
    assert runs[0] == runs[1] == runs[2]
    se = math.sqrt(max(exact * (1 - exact), 1e-4) / b) * (2 if alternative == "two-sided" else 1)
    assert abs(runs[0] - exact) < 4 * se


def test_signed_rank_and_mann_whitney_null_tables_against_brute_force():
    n = 10  # all 1024 sign patterns
    sums = np.array([sum(r for r, s in zip(range(1, n + 1), bits) if s)
                     for bits in itertools.product([0, 1], repeat=n)])
    null = hp.stats.signed_rank_null(n)
    for t in range(null.max + 1):
        assert close(null.pmf(t), np.mean(sums == t)) and close(null.cdf(t), np.mean(sums <= t))
    n1, n2 = 4, 6  # all 210 labellings
    us = np.array([sum(1 for i in c for j in set(range(10)) - set(c) if i > j)
                   for c in itertools.combinations(range(10), n1)])
    mw = hp.stats.mann_whitney_null(n1, n2)
    for u in range(mw.max + 1):
        assert close(mw.cdf(u), np.mean(us <= u)) and mw.sf(u) == pytest.approx(np.mean(us > u), rel=1e-12, abs=1e-15)
    assert mw.quantile(0.5) == int(np.quantile(us, 0.5, method="inverted_cdf"))


# --------------------------------------------------------------------------------------------------------
# Sign test (scipy has binomtest, not a sign test)

@pytest.mark.parametrize("n", [1, 2, 3, 7, 10, 25, 100, 101, 1000])
@pytest.mark.parametrize("alternative", ALTERNATIVES)
def test_sign_test_is_binomtest_on_the_nonzero_differences(n, alternative):
    rng = np.random.default_rng(n)
    for k in sorted({0, 1, n // 2, (n + 1) // 2, n - 1, n, *rng.integers(0, n + 1, 4).tolist()}):
        if not 0 <= k <= n:
            continue
        d = np.r_[np.full(k, 2.5), np.full(n - k, -1.0), np.zeros(4)]
        rng.shuffle(d)
        ours = hp.stats.sign_test(d, alternative=alternative)
        ref = ss.binomtest(k, n, 0.5, alternative=alternative)
        assert ours.statistic == k and ours.n == n
        assert ours.pvalue == pytest.approx(ref.pvalue, rel=1e-12, abs=0), (k, n)


def test_sign_test_asymptotic_mu_and_paired():
    # 18 of 25 above 10: z = (18 − 0.5 − 12.5) / (sqrt(25)/2) = 2 for greater; (18 + 0.5 − 12.5)/2.5 = 2.4 for less
    d = np.r_[np.full(18, 11.0), np.full(7, 9.0), [10.0, 10.0]]
    g = hp.stats.sign_test(d, mu=10, alternative="greater", method="asymptotic")
    assert g.zstatistic == pytest.approx(2.0, rel=1e-15) and close(g.pvalue, ss.norm.sf(2.0))
    lo = hp.stats.sign_test(d, mu=10, alternative="less", method="asymptotic")
    assert close(lo.pvalue, ss.norm.cdf(2.4))
    two = hp.stats.sign_test(d, mu=10, method="asymptotic")
    assert close(two.pvalue, 2 * ss.norm.sf(2.0))
    paired = hp.stats.sign_test(d + 1.0, np.ones_like(d), mu=10)
    assert close(paired.pvalue, ss.binomtest(18, 25).pvalue)


# --------------------------------------------------------------------------------------------------------
# Hodges–Lehmann: point estimates against numpy, intervals against inverting scipy's tests

def _brackets(pvalue, low, high, alpha, far_low, far_high, eps=1e-7):
    """The test rejects just outside each bound and not just inside (an infinite bound: never rejects).

    With heavily tied data the interval can collapse to one value: every shift off it is rejected, so there
    is no inside to check."""
    if low == high:
        return pvalue(low - eps) <= alpha and pvalue(high + eps) <= alpha
    ok = True
    if math.isfinite(low):
        ok &= pvalue(low - eps) <= alpha < pvalue(low + eps)
    else:
        ok &= pvalue(far_low) > alpha
    if math.isfinite(high):
        ok &= pvalue(high + eps) <= alpha < pvalue(high - eps)
    else:
        ok &= pvalue(far_high) > alpha
    return ok


HL_SIZES = [(3, 3), (4, 6), (5, 5), (8, 12), (20, 20), (30, 45), (60, 60), (500, 500)]


@pytest.mark.parametrize("n1,n2", HL_SIZES)
@pytest.mark.parametrize("kind", ["continuous", "ordinal"])
@pytest.mark.parametrize("confidence", [0.8, 0.95, 0.99])
def test_hodges_lehmann_two_sample_inverts_mannwhitneyu(n1, n2, kind, confidence):
    x, y = two_samples(kind, n1, n2, seed=7 * n1 + n2)
    if kind == "continuous":
        x, y = x.round(4), y.round(4)
    diffs = np.subtract.outer(x, y).ravel()
    alpha = 1 - confidence
    methods = ["auto", "asymptotic"] + (["exact"] if n1 <= 60 else [])
    for method, cont in itertools.product(methods, [True, False]):
        res = hp.stats.hodges_lehmann(x, y, confidence_level=confidence, method=method, use_continuity=cont)
        assert res.estimate == pytest.approx(np.median(diffs), rel=1e-12, abs=1e-12)
        used = "exact" if res.method.startswith("exact") else "asymptotic"

        def p(delta):
            return ss.mannwhitneyu(x - delta, y, use_continuity=cont, method=used).pvalue

        ci = res.confidence_interval()
        assert _brackets(p, ci.low, ci.high, alpha, diffs.min() - 1, diffs.max() + 1), (method, cont, ci)


@pytest.mark.parametrize("n", [3, 5, 8, 12, 20, 49, 60, 500])
@pytest.mark.parametrize("kind", ["continuous", "ordinal"])
@pytest.mark.parametrize("confidence", [0.8, 0.95, 0.99])
def test_hodges_lehmann_one_sample_inverts_wilcoxon(n, kind, confidence):
    d = differences(kind, n, seed=n + 17)
    if kind == "continuous":
        d = d.round(4)
    i, j = np.triu_indices(n)
    walsh = ((d[:, None] + d[None, :]) / 2)[i, j]
    alpha = 1 - confidence
    methods = ["auto", "asymptotic"] + (["exact"] if n <= 60 else [])
    for method, cont in itertools.product(methods, [True, False]):
        res = hp.stats.hodges_lehmann(d, confidence_level=confidence, method=method, use_continuity=cont)
        assert res.estimate == pytest.approx(np.median(walsh), rel=1e-12, abs=1e-12)
        used = "exact" if res.method.startswith("exact") else "asymptotic"

        def p(mu):
            return ss.wilcoxon(d - mu, correction=cont, method=used).pvalue

        ci = res.confidence_interval()
        assert _brackets(p, ci.low, ci.high, alpha, walsh.min() - 1, walsh.max() + 1), (method, cont, ci)


def test_hodges_lehmann_paired_and_result():
    rng = np.random.default_rng(9)
    x, y = rng.normal(size=25).round(3), rng.normal(size=25).round(3)
    paired = hp.stats.hodges_lehmann(x, y, paired=True)
    one = hp.stats.hodges_lehmann(x - y)
    assert paired.estimate == one.estimate and paired.confidence_interval() == one.confidence_interval()
    assert paired.statistic == paired.estimate and paired.confidence_level == 0.95 and paired.n == 25
    lo, hi = paired.confidence_interval()
    assert lo < paired.estimate < hi
    frame = paired.to_frame()
    assert {"estimate", "ci_low", "ci_high", "method"} <= set(frame.columns)
    # too small for 99%: unbounded, and said so
    tiny = hp.stats.hodges_lehmann([1.0, 2.0], [0.5, 3.0], confidence_level=0.99)
    assert tiny.confidence_interval() == (-math.inf, math.inf) and "unbounded" in tiny.method


@pytest.mark.parametrize("method", ["exact", "asymptotic"])
@pytest.mark.parametrize("confidence", [0.001, 0.01, 0.2])
def test_hodges_lehmann_very_low_confidence_shrinks_to_the_middle(method, confidence):
    # 5 × 3 = 15 differences (odd): at these levels even the central gaps may be rejected
    x, y = np.array([1.1, 2.3, 3.2, 4.7, 5.05]), np.array([0.4, 2.9, 3.85])
    res = hp.stats.hodges_lehmann(x, y, confidence_level=confidence, method=method)
    diffs = np.subtract.outer(x, y).ravel()
    assert res.confidence_interval().low <= res.estimate <= res.confidence_interval().high

    def p(delta):
        return ss.mannwhitneyu(x - delta, y, method=method).pvalue

    ci = res.confidence_interval()
    assert _brackets(p, ci.low, ci.high, 1 - confidence, diffs.min() - 1, diffs.max() + 1)
    d = np.r_[x, -y]  # 8 values: 36 Walsh averages
    one = hp.stats.hodges_lehmann(d, confidence_level=confidence, method=method)
    assert one.confidence_interval().low <= one.estimate <= one.confidence_interval().high


def test_selection_matches_sorted_values_on_large_samples():
    rng = np.random.default_rng(4)
    x, y = rng.normal(size=700), rng.integers(1, 5, 400).astype(float)
    diffs = np.sort(np.subtract.outer(x, y).ravel())
    for k in [0, 1, 12345, diffs.size // 2, diffs.size - 1]:
        assert hp._core.stats.kth_pairwise_difference(x, y, k) == diffs[k]
    i, j = np.triu_indices(y.size)
    walsh = np.sort(((y[:, None] + y[None, :]) / 2)[i, j])
    for k in [0, 777, walsh.size // 2, walsh.size - 1]:
        assert hp._core.stats.kth_walsh_average(y, k) == walsh[k]


# --------------------------------------------------------------------------------------------------------
# Bad input

def test_bad_input_raises_clear_errors():
    with pytest.raises(hp.DataError, match="sample x is empty"):
        hp.stats.mannwhitneyu([], [1.0])
    with pytest.raises(hp.DataError, match=r"y: missing value \(NaN\) at position 1"):
        hp.stats.mannwhitneyu([1.0, 2.0], np.array([1.0, np.nan]))
    with pytest.raises(hp.DataError, match="position 2"):
        hp.stats.mannwhitneyu([1, 2, None], [1, 2])
    with pytest.raises(hp.DomainError, match="unknown alternative 'bigger'"):
        hp.stats.mannwhitneyu([1, 2], [3, 4], alternative="bigger")
    with pytest.raises(hp.DomainError, match="unknown method 'fast'"):
        hp.stats.mannwhitneyu([1, 2], [3, 4], method="fast")
    with pytest.raises(hp.DomainError, match="n_resamples must be a whole number from 1 to 1,000,000,000, got 0"):
        hp.stats.mannwhitneyu([1, 2, 3, 4, 5, 6, 7], [3, 4, 5, 6, 7, 8], method="monte_carlo", n_resamples=0)
    with pytest.raises(hp.DomainError, match="nan_policy"):
        hp.stats.mannwhitneyu([1, 2], [3, 4], nan_policy="propagate")
    with pytest.raises(hp.DomainError, match="too costly"):
        hp.stats.mannwhitneyu(np.arange(3000) % 997, np.arange(3000) % 991, method="exact")
    with pytest.raises(hp.DataError, match="all 3 differences are zero"):
        hp.stats.wilcoxon([1, 2, 3], [1, 2, 3])
    with pytest.raises(hp.DataError, match="no differences"):
        hp.stats.wilcoxon([])
    with pytest.raises(hp.DataError, match="same length, got x of 2 and y of 3"):
        hp.stats.wilcoxon([1, 2], [1, 2, 3])
    with pytest.raises(hp.DataError, match="same length"):
        hp.stats.wilcoxon([1, 2], [1, 2, 3], nan_policy="omit")
    with pytest.raises(hp.DomainError, match="unknown zero_method 'drop'"):
        hp.stats.wilcoxon([1, 2], zero_method="drop")
    with pytest.raises(hp.DataError, match="equal mu"):
        hp.stats.sign_test([2, 2], mu=2)
    with pytest.raises(hp.DomainError, match="monte_carlo"):
        hp.stats.sign_test([1, 2], method="monte_carlo")
    with pytest.raises(hp.DomainError, match="confidence_level must be strictly between 0 and 1"):
        hp.stats.hodges_lehmann([1, 2], [3, 4], confidence_level=1.0)
    with pytest.raises(hp.DomainError, match="confidence"):
        hp.stats.hodges_lehmann([1, 2], confidence_level=0)
    with pytest.raises(hp.DataError, match="paired=True needs a second sample"):
        hp.stats.hodges_lehmann([1, 2], paired=True)
    with pytest.raises(hp.DataError, match="same length"):
        hp.stats.hodges_lehmann([1, 2], [1, 2, 3], paired=True)
    with pytest.raises(hp.DataError, match="one-dimensional"):
        hp.stats.wilcoxon([[1, 2], [3, 4]])
    with pytest.raises(hp.DataError, match="sample x is empty"):
        hp.stats.hodges_lehmann([], [1.0])
    # every error is a ValueError, as scipy's are
    with pytest.raises(ValueError):
        hp.stats.wilcoxon([0.0])
