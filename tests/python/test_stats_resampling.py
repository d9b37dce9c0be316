"""hp.stats.bootstrap, exact_bootstrap_distribution and permutation_test against scipy.stats and brute force.

Tolerances and why:
- Deterministic quantities (named statistics; an interval computed from a given bootstrap distribution,
  including the jackknife and BCa; standard errors; exact permutation p-values) match scipy/numpy to
  rtol 1e-10 (p-values 1e-12): both compute the same formulas in floating point.
- Exact bootstrap distributions match brute-force enumeration of all n^n index resamples to rtol 1e-12
  (probabilities are products of proportions, summed).
- Monte Carlo intervals (ours and scipy's, with different random numbers) are compared with the exact
  bootstrap interval: a Monte Carlo end is the linear quantile of B draws at level a, so it lies between the
  exact inverse-CDF values at a -/+ 4 sqrt(a (1 - a) / B) (4 sd of the empirical CDF at that point: a false
  alarm has probability below 1e-4 per end). For BCa the level itself depends on the Monte Carlo estimate
  of z0, a share with sd <= 0.5 / sqrt(B): the band is widened to the levels z0 -/+ 4 such sds give.
- Sampled permutation p-values lie within 4 standard errors sqrt(p (1 - p) / B) (doubled for two-sided) of
  the exact p-value.
"""
from __future__ import annotations

import itertools
import math
import warnings

import numpy as np
import pandas as pd
import pytest
import scipy.stats as ss
from scipy.special import ndtr, ndtri

import healthyplaces as hp
from healthyplaces import _core

# Medians and modes of tied data often have an undefined BCa interval; the tests that care check the warning.
pytestmark = pytest.mark.filterwarnings("ignore::healthyplaces.stats.DegenerateDataWarning")

ALTS = ("two-sided", "less", "greater")
METHODS = ("percentile", "basic", "BCa")


def np_stat(name, p=0.5, quantile_method="linear", threshold=None):
    """The numpy/scipy statistic a named statistic must equal (vectorised over `axis`)."""
    if name == "mean":
        return lambda x, axis=-1: np.mean(x, axis=axis)
    if name == "median":
        return lambda x, axis=-1: np.median(x, axis=axis)
    if name == "mode":
        return lambda x, axis=-1: ss.mode(x, axis=axis).mode
    if name == "quantile":
        return lambda x, axis=-1: np.quantile(x, p, axis=axis, method=quantile_method)
    if name == "share_at_or_above":
        return lambda x, axis=-1: np.mean(x >= threshold, axis=axis)
    raise AssertionError(name)


STATS = [("mean", {}), ("median", {}), ("mode", {}), ("quantile", {"p": 0.25}),
         ("quantile", {"p": 0.9, "quantile_method": "nearest"}), ("share_at_or_above", {"threshold": 3})]

RNG = np.random.default_rng(20261123)
DATA = {
    "ordinal n=9": (RNG.integers(1, 5, 9).astype(float), RNG.integers(1, 5, 9).astype(float)),
    "ordinal n=60": (RNG.integers(1, 5, 60).astype(float), RNG.integers(1, 5, 60).astype(float)),
    "ordinal n=500": (RNG.choice([1., 2, 3, 4], 500, p=[.1, .2, .4, .3]), RNG.choice([1., 2, 3, 4], 500)),
    # counts chosen so that the median and the mode sit between two levels and BCa is defined for them
    "ordinal straddling n=60": (RNG.permutation(np.repeat([1., 2, 3, 4], [10, 20, 20, 10])),
                                RNG.permutation(np.repeat([1., 2, 3, 4], [12, 18, 18, 12]))),
    "normal n=40": (RNG.normal(3, 1, 40), RNG.normal(2.5, 1, 40)),
    "rounded n=80": (np.round(RNG.normal(3, 1, 80), 1), np.round(RNG.normal(3, 1.5, 80), 1)),
}


def scipy_interval(data, fn, design, dist, method, confidence_level, alternative):
    """scipy.stats.bootstrap's interval for the given bootstrap distribution (n_resamples=0).

    BCa counts resamples whose statistic equals the observed one as ties. We count values within 100 eps
    (relative) of it as equal; scipy compares exactly, so on decimal data a resample mean equal to the observed
    mean in theory may fall either side of scipy's np.mean by rounding. To compare the formulas, such values are
    given to scipy as exactly its own observed value (they move by an ulp, which no interval end notices).
    """
    if design == "paired":
        stat, paired = (lambda x, y, axis=-1: fn(x - y, axis=axis)), True
    elif design == "two":
        stat, paired = (lambda x, y, axis=-1: fn(x, axis=axis) - fn(y, axis=axis)), False
    else:
        stat, paired = fn, False
    theta = stat(*data, axis=-1)
    dist = np.asarray(dist)
    dist = np.where(np.abs(dist - theta) <= 100 * np.finfo(float).eps * abs(theta), theta, dist)

    class Given:
        bootstrap_distribution = dist
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ss.bootstrap(data, stat, n_resamples=0, bootstrap_result=Given, method=method, paired=paired,
                            confidence_level=confidence_level, alternative=alternative, vectorized=True)


def constant_jackknife(data, fn, design):
    """True when every leave-one-out value of the statistic, in every sample, is the same (up to rounding)."""
    samples = [data[0] - data[1]] if design == "paired" else list(data)
    for a in samples:
        n = len(a)
        loo = np.arange(n - 1) + (np.arange(n - 1) >= np.arange(n)[:, None])
        values = fn(a[loo], axis=-1)
        if np.ptp(values) > 100 * np.finfo(float).eps * np.max(np.abs(values)):  # equal up to rounding
            return False
    return True


# ---- named statistics -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name,kw", STATS + [("quantile", {"p": 0.37, "quantile_method": m}) for m in
                                             ("inverted_cdf", "lower", "higher", "nearest", "midpoint", "linear")])
def test_named_statistics_equal_numpy_and_scipy(name, kw):
    for x, _ in DATA.values():
        got = _core.stats.evaluate_statistic(x, name, **kw)
        np.testing.assert_allclose(got, np_stat(name, **kw)(x), rtol=1e-12)


def test_mode_tie_policies_by_hand():
    x = np.array([1., 1, 4, 4, 2])  # 1 and 4 tie
    assert _core.stats.evaluate_statistic(x, "mode") == 1.0 == ss.mode(x).mode
    assert _core.stats.evaluate_statistic(x, "mode", tie_policy="highest") == 4.0
    assert _core.stats.evaluate_statistic(x, "mode", tie_policy="mean") == 2.5
    with pytest.raises(hp.DomainError, match="tie_policy is 'error'"):
        _core.stats.evaluate_statistic(x, "mode", tie_policy="error")


# ---- bootstrap: the interval from a distribution is scipy's, to 1e-10 --------------------------------------

@pytest.mark.parametrize("dataset", list(DATA))
@pytest.mark.parametrize("design", ["one", "two", "paired"])
@pytest.mark.parametrize("name,kw", STATS)
def test_bootstrap_intervals_equal_scipy_given_the_same_distribution(dataset, design, name, kw):
    x, y = DATA[dataset]
    data = (x,) if design == "one" else (x, y)
    fn = np_stat(name, **kw)
    for i, (method, alternative) in enumerate(itertools.product(METHODS, ALTS)):
        cl = (0.95, 0.9, 0.8)[i % 3]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", hp.stats.DegenerateDataWarning)
            res = hp.stats.bootstrap(data, name, paired=design == "paired", method=method, alternative=alternative,
                                     confidence_level=cl, n_resamples=1500, resampling="indices", seed=i, **kw)
        if method == "BCa" and constant_jackknife(data, fn, design):
            # every leave-one-out value is the same (up to rounding): the acceleration is 0/0 and BCa undefined.
            # scipy's deviations from their mean are then pure rounding (80 copies of 2.9 do not average to 2.9
            # exactly; differences x - y may hold 0.3 and 0.30000000000000004), and as the acceleration does not
            # depend on their scale it comes out arbitrary: noise, not an answer. We return NaN and warn.
            low, high = res.confidence_interval()
            assert math.isnan(low) if alternative != "less" else low == -math.inf
            assert math.isnan(high) if alternative != "greater" else high == math.inf
            assert math.isnan(res.acceleration)
            continue
        ref = scipy_interval(data, fn, design, res.bootstrap_distribution, method, cl, alternative)
        np.testing.assert_allclose(res.confidence_interval(), ref.confidence_interval, rtol=1e-10, atol=1e-12,
                                   equal_nan=True, err_msg=f"{method} {alternative}")
        np.testing.assert_allclose(res.standard_error, ref.standard_error, rtol=1e-10)
        # the observed statistic
        expected = fn(x - y) if design == "paired" else fn(x) - fn(y) if design == "two" else fn(x)
        np.testing.assert_allclose(res.statistic, expected, rtol=1e-12)


def test_multinomial_distribution_gives_scipy_intervals_too():
    x = DATA["ordinal n=500"][0]
    res = hp.stats.bootstrap((x,), "mean", n_resamples=4000, resampling="multinomial")
    assert res.resampling == "multinomial"
    ref = scipy_interval((x,), np_stat("mean"), "one", res.bootstrap_distribution, "BCa", 0.95, "two-sided")
    np.testing.assert_allclose(res.confidence_interval(), ref.confidence_interval, rtol=1e-10)


# ---- exact bootstrap distribution ---------------------------------------------------------------------------

def brute_force(x, fn):
    """Every one of the n^n index resamples: the definition of the exact bootstrap distribution."""
    n = len(x)
    idx = np.array(list(itertools.product(range(n), repeat=n)))
    values = fn(x[idx], axis=-1)
    uniq, inverse = np.unique(values, return_inverse=True)
    return uniq, np.bincount(inverse.ravel()) / len(idx)


@pytest.mark.parametrize("x", [[1., 2, 2], [1., 2, 4, 4], [3., 1, 4, 1, 5], [0.5, -1.25, 2, 7, 7, 3]])
@pytest.mark.parametrize("name,kw", STATS)
def test_exact_bootstrap_distribution_equals_brute_force(x, name, kw):
    x = np.array(x)
    got = hp.stats.exact_bootstrap_distribution((x,), name, **kw)
    values, probs = brute_force(x, np_stat(name, **kw))
    np.testing.assert_allclose(got.value, values, rtol=1e-13)
    np.testing.assert_allclose(got.probability, probs, rtol=1e-12)
    k = len(np.unique(x))
    assert got.attrs["n_resamples"] == math.comb(len(x) + k - 1, k - 1)


def test_exact_bootstrap_distribution_by_hand():
    # x = {1, 2, 2}: the resampled median is 1 when at least two of three draws are 1:
    # 3 (1/3)^2 (2/3) + (1/3)^3 = 7/27.
    d = hp.stats.exact_bootstrap_distribution([1, 2, 2], "median")
    assert d.value.tolist() == [1.0, 2.0]
    np.testing.assert_allclose(d.probability, [7 / 27, 20 / 27], rtol=1e-13)
    # two samples: stat(x) - stat(y), independent resamples
    d2 = hp.stats.exact_bootstrap_distribution(([1, 2, 2], [5, 5, 6]), "median")
    # y's median is 5 with probability 20/27, 6 with 7/27
    np.testing.assert_allclose(d2.value, [-5, -4, -3])
    np.testing.assert_allclose(d2.probability, [7 / 27 * 7 / 27, 7 / 27 * 20 / 27 + 20 / 27 * 7 / 27, 20 / 27 * 20 / 27],
                               rtol=1e-12)


def _inverse_cdf(exact, level):
    cum = np.cumsum(exact.probability.to_numpy())
    return exact.value.to_numpy()[min(np.searchsorted(cum, level - 1e-12), len(cum) - 1)]


@pytest.mark.parametrize("name,data", [("median", (RNG.integers(1, 5, 25).astype(float),)),
                                       ("mean", (RNG.integers(1, 5, 25).astype(float),)),
                                       ("mean", (RNG.normal(0, 1, 9),)),
                                       ("median", (RNG.normal(0, 1, 9),))])
@pytest.mark.parametrize("method", METHODS)
def test_monte_carlo_intervals_ours_and_scipys_within_monte_carlo_error_of_exact(name, data, method):
    """Both Monte Carlo intervals lie in the band the exact distribution gives (see the module docstring)."""
    B, cl = 20000, 0.9
    x = data[0]
    exact = hp.stats.exact_bootstrap_distribution(data, name)
    ex = hp.stats.bootstrap(data, name, method=method, confidence_level=cl, resampling="exact")
    assert ex.resampling == "exact"
    ours = hp.stats.bootstrap(data, name, method=method, confidence_level=cl, n_resamples=B, seed=3,
                              resampling="indices")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = ss.bootstrap(data, np_stat(name), method=method, confidence_level=cl, n_resamples=B,
                              rng=np.random.default_rng(4), vectorized=True)
    theta = float(np_stat(name)(x))
    alpha = (1 - cl) / 2
    if method == "BCa":
        if math.isnan(ex.acceleration):
            assert math.isnan(ours.acceleration)
            return
        v, p = exact.value.to_numpy(), exact.probability.to_numpy()
        share = (p[v < theta].sum() + p[v <= theta].sum()) / 2
        e = 4 * 0.5 / math.sqrt(B)
        z0s = ndtri(np.clip([share - e, share + e], 1e-12, 1 - 1e-12))
        a, z = ex.acceleration, ndtri(alpha)
        levels = [[ndtr(z0 + (z0 + s * z) / (1 - a * (z0 + s * z))) for z0 in z0s] for s in (1, -1)]
    else:
        levels = [[alpha, alpha], [1 - alpha, 1 - alpha]]

    def band(lo, hi):
        d = lambda q: 4 * math.sqrt(q * (1 - q) / B)
        return _inverse_cdf(exact, max(lo - d(lo), 0)), _inverse_cdf(exact, min(hi + d(hi), 1))

    for res in (ours, theirs):
        low, high = res.confidence_interval() if res is ours else res.confidence_interval  # scipy: an attribute
        if method == "basic":
            low, high = 2 * theta - high, 2 * theta - low
        lo_band, hi_band = band(*levels[0]), band(*levels[1])
        assert lo_band[0] - 1e-12 <= low <= lo_band[1] + 1e-12
        assert hi_band[0] - 1e-12 <= high <= hi_band[1] + 1e-12
        # the standard error: a sample sd of B draws has relative sd about 1 / sqrt(2B)
        assert res.standard_error == pytest.approx(ex.standard_error, rel=4 / math.sqrt(2 * B))


def test_multinomial_and_index_paths_agree_in_distribution():
    """Two-sample Kolmogorov-Smirnov test of the two bootstrap distributions (p > 0.001)."""
    x = DATA["ordinal n=500"][0]
    a = hp.stats.bootstrap((x,), "mean", method="percentile", n_resamples=20000, resampling="multinomial", seed=1)
    b = hp.stats.bootstrap((x,), "mean", method="percentile", n_resamples=20000, resampling="indices", seed=2)
    assert ss.ks_2samp(a.bootstrap_distribution, b.bootstrap_distribution).pvalue > 0.001


def test_automatic_choice_and_thread_invariance():
    x, y = DATA["ordinal n=500"]
    small = DATA["ordinal n=9"][0]
    assert hp.stats.bootstrap((small,), "median").resampling == "exact"
    assert hp.stats.bootstrap((x,), "median").resampling == "multinomial"
    assert hp.stats.bootstrap((DATA["normal n=40"][0],), "median").resampling == "indices"
    for how in ("multinomial", "indices"):
        runs = [hp.stats.bootstrap((x, y), "mean", n_resamples=3000, resampling=how, threads=t, seed=5)
                for t in (1, 2, 7, 1)]
        for r in runs[1:]:
            np.testing.assert_array_equal(r.bootstrap_distribution, runs[0].bootstrap_distribution)
            assert r.confidence_interval() == runs[0].confidence_interval()
    other = hp.stats.bootstrap((x, y), "mean", n_resamples=3000, seed=6)
    assert not np.array_equal(other.bootstrap_distribution, runs[0].bootstrap_distribution)


# ---- callables ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("design", ["one", "two", "paired"])
def test_callable_sees_the_same_resamples_as_the_named_statistic(design):
    x, y = DATA["rounded n=80"]
    data = (x,) if design == "one" else (x, y)
    if design == "paired":
        vec = lambda a, b, axis=-1: np.median(a - b, axis=axis)
        loop = lambda a, b: np.median(a - b)
    elif design == "two":
        vec = lambda a, b, axis=-1: np.median(a, axis=axis) - np.median(b, axis=axis)
        loop = lambda a, b: np.median(a) - np.median(b)
    else:
        vec = lambda a, axis=-1: np.median(a, axis=axis)
        loop = lambda a: np.median(a)
    kw = dict(paired=design == "paired", n_resamples=700, seed=9, method="BCa")
    named = hp.stats.bootstrap(data, "median", resampling="indices", **kw)
    for fn, vectorized in ((vec, None), (loop, False), (vec, True)):
        res = hp.stats.bootstrap(data, fn, vectorized=vectorized, batch=64, **kw)
        np.testing.assert_allclose(res.bootstrap_distribution, named.bootstrap_distribution, rtol=1e-12)
        np.testing.assert_allclose(res.confidence_interval(), named.confidence_interval(), rtol=1e-12, equal_nan=True)
        assert res.standard_error == pytest.approx(named.standard_error, rel=1e-12)
        assert res.resampling == "indices"


def test_callable_bca_matches_scipy_given_the_distribution():
    x, y = DATA["normal n=40"]
    fn = lambda a, b, axis=-1: ss.pearsonr(a, b, axis=axis)[0]
    res = hp.stats.bootstrap((x, y), fn, paired=True, n_resamples=999, seed=1)

    class Given:
        bootstrap_distribution = res.bootstrap_distribution

    expected = ss.bootstrap((x, y), fn, paired=True, n_resamples=0, bootstrap_result=Given, vectorized=True)
    np.testing.assert_allclose(res.confidence_interval(), expected.confidence_interval, rtol=1e-10)


# ---- permutation tests --------------------------------------------------------------------------------------

PERM_DATA = {
    "ordinal 5 vs 6": (RNG.integers(1, 5, 5).astype(float), RNG.integers(1, 5, 6).astype(float)),
    "normal 7 vs 6": (RNG.normal(0, 1, 7), RNG.normal(0.8, 1, 6)),
    "ties 8 vs 4": (np.array([2., 2, 3, 3, 3, 4, 2, 3]), np.array([1., 2, 2, 3])),
}


@pytest.mark.parametrize("dataset", list(PERM_DATA))
@pytest.mark.parametrize("name,kw", STATS)
@pytest.mark.parametrize("alternative", ALTS)
def test_exact_independent_permutation_pvalues_equal_scipy(dataset, name, kw, alternative):
    x, y = PERM_DATA[dataset]
    fn = np_stat(name, **kw)
    res = hp.stats.permutation_test((x, y), name, alternative=alternative, **kw)
    ref = ss.permutation_test((x, y), lambda a, b, axis: fn(a, axis=axis) - fn(b, axis=axis), vectorized=True,
                              alternative=alternative, n_resamples=9999)
    assert res.exact
    np.testing.assert_allclose(res.pvalue, ref.pvalue, rtol=1e-12)
    np.testing.assert_allclose(res.statistic, ref.statistic, rtol=1e-12)
    np.testing.assert_allclose(np.sort(res.null_distribution), np.sort(ref.null_distribution), rtol=1e-12, atol=1e-14)


PAIRED = {
    "ordinal pairs n=12 (zeros)": (RNG.integers(1, 5, 12).astype(float), RNG.integers(1, 5, 12).astype(float)),
    "normal pairs n=10": (RNG.normal(0.4, 1, 10), RNG.normal(0, 1, 10)),
}


@pytest.mark.parametrize("dataset", list(PAIRED))
@pytest.mark.parametrize("name,kw", [("mean", {}), ("median", {}), ("quantile", {"p": 0.75}),
                                     ("share_at_or_above", {"threshold": 0.5})])
@pytest.mark.parametrize("alternative", ALTS)
def test_exact_sign_flip_pvalues_equal_scipy(dataset, name, kw, alternative):
    x, y = PAIRED[dataset]
    d = x - y
    fn = np_stat(name, **kw)
    zeros = int(np.sum(d == 0))
    assert dataset.startswith("normal") or zeros > 0
    paired = hp.stats.permutation_test((x, y), name, permutation_type="samples", alternative=alternative, **kw)
    one = hp.stats.permutation_test((d,), name, permutation_type="samples", alternative=alternative, **kw)
    ref = ss.permutation_test((x, y), lambda a, b, axis: fn(a - b, axis=axis), permutation_type="samples",
                              vectorized=True, alternative=alternative, n_resamples=9999)
    ref1 = ss.permutation_test((d,), lambda a, axis: fn(a, axis=axis), permutation_type="samples",
                               vectorized=True, alternative=alternative, n_resamples=9999)
    for res in (paired, one):
        assert res.exact
        np.testing.assert_allclose(res.pvalue, ref.pvalue, rtol=1e-12)
        np.testing.assert_allclose(res.pvalue, ref1.pvalue, rtol=1e-12)
        # scipy lists each pattern of the non-zero differences 2^zeros times
        np.testing.assert_allclose(np.repeat(np.sort(res.null_distribution), 2 ** zeros),
                                   np.sort(ref.null_distribution), rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("alternative", ALTS)
def test_sampled_pvalues_within_four_standard_errors_of_exact(alternative):
    x, y = RNG.integers(1, 5, 9).astype(float), RNG.integers(1, 5, 9).astype(float)
    stat = lambda a, b, axis: a.mean(axis) - b.mean(axis)
    exact = ss.permutation_test((x, y), stat, vectorized=True, alternative=alternative, n_resamples=50000)
    assert len(exact.null_distribution) == math.comb(18, 9)
    B = 20000
    res = hp.stats.permutation_test((x, y), "mean_difference", alternative=alternative, n_resamples=B)
    assert not res.exact
    p = exact.pvalue / 2 if alternative == "two-sided" else exact.pvalue
    se = (2 if alternative == "two-sided" else 1) * math.sqrt(p * (1 - p) / B) + 1 / B
    assert abs(res.pvalue - exact.pvalue) < 4 * se
    d = np.round(RNG.normal(0.2, 1, 16), 1)
    exact = ss.permutation_test((d,), lambda a, axis: a.mean(axis), permutation_type="samples", vectorized=True,
                                alternative=alternative, n_resamples=70000)
    res = hp.stats.permutation_test((d,), "mean", permutation_type="samples", alternative=alternative, n_resamples=B)
    assert not res.exact
    p = exact.pvalue / 2 if alternative == "two-sided" else exact.pvalue
    se = (2 if alternative == "two-sided" else 1) * math.sqrt(p * (1 - p) / B) + 1 / B
    assert abs(res.pvalue - exact.pvalue) < 4 * se


def test_permutation_callable_matches_named_statistic():
    x, y = PERM_DATA["normal 7 vs 6"]
    for method in ("auto", "monte_carlo"):
        named = hp.stats.permutation_test((x, y), "median_difference", method=method, n_resamples=500, seed=2)
        call = hp.stats.permutation_test((x, y), lambda a, b, axis: np.median(a, axis) - np.median(b, axis),
                                         method=method, n_resamples=500, seed=2, batch=100)
        np.testing.assert_allclose(call.null_distribution, named.null_distribution, rtol=1e-12)
        assert call.pvalue == pytest.approx(named.pvalue, rel=1e-12)
        assert call.exact == named.exact
    x, y = PAIRED["ordinal pairs n=12 (zeros)"]
    for method in ("auto", "monte_carlo"):
        named = hp.stats.permutation_test((x, y), "mean", permutation_type="samples", method=method, seed=4)
        call = hp.stats.permutation_test((x, y), lambda a, b: np.mean(a - b), permutation_type="samples",
                                         method=method, seed=4, vectorized=False)
        np.testing.assert_allclose(call.null_distribution, named.null_distribution, rtol=1e-12)
        assert call.pvalue == pytest.approx(named.pvalue, rel=1e-12)


def test_permutation_threads_and_repeat_give_identical_numbers():
    d = RNG.normal(0.1, 1, 200)
    runs = [hp.stats.permutation_test((d,), "mean", permutation_type="samples", n_resamples=20000, threads=t)
            for t in (1, 2, 7, 1)]
    for r in runs[1:]:
        np.testing.assert_array_equal(r.null_distribution, runs[0].null_distribution)
        assert r.pvalue == runs[0].pvalue


# ---- results, inputs and errors -----------------------------------------------------------------------------

def test_result_objects_behave_like_scipys():
    x = pd.Series([1, 2, 2, 3, 3, 3, 4, 4, 2, 3, 1, 4])
    res = hp.stats.bootstrap(x.tolist(), "mean", method="percentile")
    res2 = hp.stats.bootstrap((x,), "mean", method="percentile")
    assert res.confidence_interval() == res2.confidence_interval()
    low, high = res.confidence_interval()
    assert res.confidence_interval() == (low, high) and res.confidence_interval().low == low
    assert res.statistic == pytest.approx(x.mean(), rel=1e-15)
    assert low < res.statistic < high
    assert "BootstrapResult(estimate=" in repr(res) and "resampling='exact'" in repr(res)
    frame = res.to_frame()
    assert {"estimate", "ci_low", "ci_high", "standard_error", "resampling"} <= set(frame.columns)
    assert "bootstrap_distribution" not in frame.columns
    assert res.bootstrap_probabilities is not None
    assert res.bootstrap_probabilities.sum() == pytest.approx(1.0, rel=1e-12)
    mc = hp.stats.bootstrap(np.array(x, dtype=float), "mean", resampling="multinomial", n_resamples=100)
    assert mc.bootstrap_probabilities is None and len(mc.bootstrap_distribution) == 100
    assert "<table>" in mc._repr_html_()
    perm = hp.stats.permutation_test(([3, 4, 4, 3, 2], [1, 2, 2, 1, 3]), "mean_difference")
    stat, p = perm
    assert stat == perm.statistic == pytest.approx(1.4) and p == perm.pvalue
    assert len(perm.null_distribution) == math.comb(10, 5)
    assert "PermutationTestResult(statistic=" in repr(perm)


def test_degenerate_bca_warns_and_gives_nan():
    x = [2, 2, 2, 2, 3, 1, 2, 2, 2, 2, 2, 2]
    with pytest.warns(hp.stats.DegenerateDataWarning, match="jackknife"):
        res = hp.stats.bootstrap((x,), "median")
    assert all(math.isnan(v) for v in res.confidence_interval())
    res = hp.stats.bootstrap((x,), "median", method="percentile")
    assert not any(math.isnan(v) for v in res.confidence_interval())


@pytest.mark.parametrize("call,exc,words", [
    (lambda: hp.stats.bootstrap(([],)), hp.DataError, "at least 2 observations"),
    (lambda: hp.stats.bootstrap(([1.0],)), hp.DataError, "x: the bootstrap needs at least 2"),
    (lambda: hp.stats.bootstrap(([1, np.nan, 2],)), hp.DataError, "position 1"),
    (lambda: hp.stats.bootstrap(([1, 2], [1, np.inf])), hp.DataError, "y: infinite value"),
    (lambda: hp.stats.bootstrap(([1, 2, 3],), n_resamples=0), hp.DomainError, "n_resamples"),
    (lambda: hp.stats.bootstrap(([1, 2, 3],), confidence_level=1.0), hp.DomainError, "between 0 and 1"),
    (lambda: hp.stats.bootstrap(([1, 2, 3],), confidence_level=0), hp.DomainError, "between 0 and 1"),
    (lambda: hp.stats.bootstrap(([1, 2, 3], [1, 2]), paired=True), hp.DataError, "same length"),
    (lambda: hp.stats.bootstrap(([1, 2, 3],), "average"), hp.DomainError, "unknown statistic 'average'"),
    (lambda: hp.stats.bootstrap(([1, 2, 3],), "median_difference"), hp.DomainError, "needs two samples"),
    (lambda: hp.stats.bootstrap(([1, 2, 3],), "quantile", p=1.2), hp.DomainError, "p must be in [0, 1]"),
    (lambda: hp.stats.bootstrap(([1, 2, 3],), "share_at_or_above"), hp.DomainError, "needs a threshold"),
    (lambda: hp.stats.bootstrap(([1, 2, 5],), scale=(1, 4)), hp.DataError, "off the declared scale"),
    (lambda: hp.stats.bootstrap(([1, 2, 3],), scale=(1, 2, 3)), hp.DomainError, "pair"),
    (lambda: hp.stats.bootstrap(([1, 2, 3],), method="studentized"), hp.DomainError, "'BCa'"),
    (lambda: hp.stats.bootstrap(([1, 2, 3],), alternative="bigger"), hp.DomainError, "alternative"),
    (lambda: hp.stats.bootstrap(([1, 2, 3],), resampling="fast"), hp.DomainError, "resampling"),
    (lambda: hp.stats.bootstrap(([1, 2, 3],), "mode", tie_policy="first"), hp.DomainError, "tie policy"),
    (lambda: hp.stats.bootstrap(([1, 1, 2, 2],), "mode", tie_policy="error"), hp.DomainError, "tie_policy is 'error'"),
    (lambda: hp.stats.bootstrap((np.arange(60.0),), resampling="exact"), hp.DomainError, "max_exact"),
    (lambda: hp.stats.bootstrap(([1, 2, 3],), np.mean, n_resamples=0), hp.DomainError, "n_resamples"),
    (lambda: hp.stats.bootstrap(([1, 2, 3],), np.mean, resampling="exact"), hp.DomainError, "named statistic"),
    (lambda: hp.stats.bootstrap(([1],), np.mean), hp.DataError, "at least 2"),
    (lambda: hp.stats.bootstrap(([1, 2, 3],), np.mean, paired=True), hp.DomainError, "needs two samples"),
    (lambda: hp.stats.bootstrap(([1, 2, 3], [1, 2]), np.mean, paired=True), hp.DataError, "same length"),
    (lambda: hp.stats.bootstrap(([1, 2, 3.5],), np.mean, scale=(1, 4)), hp.DataError, "position 2 is off"),
    (lambda: hp.stats.bootstrap(([1, 2, 3],), 42), hp.DomainError, "callable"),
    (lambda: hp.stats.permutation_test(([1, 2, 3], [1])), hp.DataError, "y: the permutation test needs at least 2"),
    (lambda: hp.stats.permutation_test(([1, 2, 3],)), hp.DomainError, "takes 2 samples"),
    (lambda: hp.stats.permutation_test(([1, 2, np.nan], [1, 2])), hp.DataError, "position 2"),
    (lambda: hp.stats.permutation_test(([1, 2, 3], [1, 2]), permutation_type="samples"), hp.DataError, "same length"),
    (lambda: hp.stats.permutation_test(([1, 2, 3], [1, 2]), permutation_type="pairings"), hp.DomainError,
     "permutation_type"),
    (lambda: hp.stats.permutation_test(([1, 2, 3], [1, 2]), n_resamples=0), hp.DomainError, "n_resamples"),
    (lambda: hp.stats.permutation_test(([1, 2, 3], [1, 2]), alternative="up"), hp.DomainError, "alternative"),
    (lambda: hp.stats.permutation_test(([1, 2, 3], [1, 2]), method="asymptotic"), hp.DomainError, "asymptotic"),
    (lambda: hp.stats.permutation_test(([1, 2, 3], [1, 2]), "avg"), hp.DomainError, "unknown statistic"),
    (lambda: hp.stats.permutation_test(([1, 2, 3],), "mean_difference", permutation_type="samples"),
     hp.DomainError, "needs two samples"),
    (lambda: hp.stats.permutation_test((np.arange(40.0), np.arange(40.0)), method="exact"), hp.DomainError,
     "max_exact"),
    (lambda: hp.stats.permutation_test(([1, 2, 3], [1, 2]), lambda a, b: 0.0, method="exact", max_exact=2),
     hp.DomainError, "max_exact"),
])
def test_bad_input_raises_a_clear_error(call, exc, words):
    with pytest.raises(exc, match=words.replace("[", r"\[").replace("]", r"\]").replace("(", r"\(")):
        call()


def test_docstring_examples_run():
    import doctest

    from healthyplaces.stats import _resampling

    assert doctest.testmod(_resampling).failed == 0


def test_runs_from_python_threads_give_the_same_numbers():
    """The GIL is released while C++ resamples: concurrent calls from Python threads are safe and agree."""
    from concurrent.futures import ThreadPoolExecutor

    x = DATA["ordinal n=500"][0]
    one = hp.stats.bootstrap((x,), "mean", n_resamples=20000, resampling="indices")
    with ThreadPoolExecutor(4) as pool:
        runs = list(pool.map(lambda _: hp.stats.bootstrap((x,), "mean", n_resamples=20000, resampling="indices"),
                             range(4)))
    for r in runs:
        np.testing.assert_array_equal(r.bootstrap_distribution, one.bootstrap_distribution)


def test_the_gil_is_released_during_long_runs():
    """While one thread resamples, another keeps running Python code. Were the GIL held through the C++ call,
    the main loop would stall for the whole call: its longest pause would be about the call's duration."""
    import threading
    import time

    x = np.tile(DATA["normal n=40"][0], 25)
    span = {}

    def work():
        t0 = time.perf_counter()
        hp.stats.bootstrap((x,), "mean", n_resamples=60000, resampling="indices", method="percentile")
        span["call"] = time.perf_counter() - t0

    worker = threading.Thread(target=work)
    longest, last = 0.0, time.perf_counter()
    worker.start()
    while worker.is_alive():
        now = time.perf_counter()
        longest, last = max(longest, now - last), now
    worker.join()
    assert span["call"] > 0.05
    assert longest < span["call"] / 2


def test_threads_far_beyond_the_cores_give_the_same_numbers_and_no_crash():
    """threads=40_000 used to abort the process; it now runs at most four threads per core, same numbers."""
    x = np.arange(50, dtype=float)
    a = hp.stats.bootstrap(x, "mean", method="percentile", n_resamples=2000, seed=3, threads=1)
    b = hp.stats.bootstrap(x, "mean", method="percentile", n_resamples=2000, seed=3, threads=40_000)
    assert np.array_equal(a.bootstrap_distribution, b.bootstrap_distribution)
