"""Issue 15's reproducers for stats, indicators, demography and power: each replays the hostile input and
asserts the correct answer or the clear error (its message checked)."""
from __future__ import annotations

import math
import pickle

import numpy as np
import pytest
from scipy import stats as ss

import healthyplaces as hp

def _scaled(xs, k):
    return [math.ldexp(v, k) for v in xs]


# ---- 1. exact Mann–Whitney past n ≈ 650 -------------------------------------------------------------------


def test_exact_mann_whitney_at_700_is_right():
    # was p = 0.0 (asymptotic 0.963): the double-double recursion keeps the distribution (about 1 s)
    x = np.arange(700.0)
    exact = hp.stats.mannwhitneyu(x, x + 0.5, method="exact")
    asym = hp.stats.mannwhitneyu(x, x + 0.5)
    assert asym.pvalue == pytest.approx(0.963, abs=5e-4)
    assert exact.pvalue == pytest.approx(asym.pvalue, abs=1e-3)


def test_exact_mann_whitney_past_its_limits_refuses_naming_the_methods():
    # was p = 0.0 against ~0.386 at 800 per group
    rng = np.random.default_rng(1)
    with pytest.raises(hp.DomainError, match=r"n1=800, n2=800 .*at most 700 values.*use the asymptotic or monte_carlo"):
        hp.stats.mannwhitneyu(rng.normal(size=800), rng.normal(size=800), method="exact")
    assert hp.stats.mannwhitneyu(rng.normal(size=800), rng.normal(size=800)).pvalue > 0


def test_exact_mann_whitney_where_the_fast_recursion_drifts_is_now_right():
    # 200 and 300 per group: the normalised-double recursion was off by 2e-12 and 2e-9 of the largest
    # probability (5e-7 at 400, everything lost by 650); double-double arithmetic now used there keeps every
    # entry to ~1e-15. Checked: the total, the closed form of P(U = 0), and the asymptotic p-value (within the
    # normal approximation's error at this size).
    x = np.arange(200.0)
    exact = hp.stats.mannwhitneyu(x, x + 0.5, method="exact")
    asym = hp.stats.mannwhitneyu(x, x + 0.5, method="asymptotic")
    assert exact.pvalue == pytest.approx(asym.pvalue, abs=2e-3)
    null = hp.stats.mann_whitney_null(200, 200)
    assert null.cdf(40000) == 1.0
    assert null.cdf(19999) + null.pmf(20000) / 2 == pytest.approx(0.5, abs=1e-13)
    # P(U = 0) = P(U = 1) = 1 / C(400, 200); P(U = 2) = 2 / C(400, 200)
    p0 = math.exp(-(math.lgamma(401) - 2 * math.lgamma(201)))
    assert null.pmf(0) == pytest.approx(p0, rel=1e-11)
    assert null.pmf(2) == pytest.approx(2 * p0, rel=1e-11)


def test_exact_mann_whitney_matches_scipy_where_scipy_can():
    rng = np.random.default_rng(5)
    x, y = rng.normal(size=40), rng.normal(0.4, size=45)
    ours = hp.stats.mannwhitneyu(x, y, method="exact")
    theirs = ss.mannwhitneyu(x, y, method="exact")
    assert ours.statistic == theirs.statistic
    assert ours.pvalue == pytest.approx(theirs.pvalue, rel=1e-9)


def test_exact_hodges_lehmann_at_n_1000_refuses_and_agrees_with_asymptotic_where_computed():
    rng = np.random.default_rng(2)
    x, y = rng.normal(size=1000), rng.normal(size=1000)
    with pytest.raises(hp.DomainError, match="asymptotic or monte_carlo"):
        hp.stats.hodges_lehmann(x, y, method="exact")
    # at 200 per group (double-double) the exact order statistics are near the asymptotic ones
    x, y = x[:200], y[:200]
    ex = hp.stats.hodges_lehmann(x, y, method="exact").confidence_interval()
    asy = hp.stats.hodges_lehmann(x, y, method="asymptotic").confidence_interval()
    d = np.sort(np.subtract.outer(x, y).ravel())
    step = np.max(np.diff(d[np.searchsorted(d, asy.low) - 3: np.searchsorted(d, asy.high) + 3]))
    assert abs(ex.low - asy.low) <= 2 * step and abs(ex.high - asy.high) <= 2 * step


# ---- 2. permutation test of values near the double max ---------------------------------------------------


def test_permutation_mean_difference_near_double_max_is_finite_and_scale_equivariant():
    x = [1e308, -1e308, 1e308, -1e308, 0]
    y = [1e308, 1e308, -1e308, 0, 1]
    res = hp.stats.permutation_test((x, y), "mean_difference")  # was statistic NaN with p 0.0
    assert res.statistic == pytest.approx(-2e307, rel=1e-12)
    # scaling by an exact power of two changes nothing but the statistic's scale
    small = hp.stats.permutation_test(([math.ldexp(v, -1000) for v in x], [math.ldexp(v, -1000) for v in y]),
                                      "mean_difference")
    assert res.pvalue == small.pvalue
    assert res.statistic == pytest.approx(math.ldexp(small.statistic, 1000), rel=1e-12)
    assert np.all(np.isfinite(res.null_distribution))


def test_sign_flip_permutation_near_double_max_is_finite_and_scale_equivariant():
    d = [1.7e308, -1.7e308, 1e308, 1.2e308, -0.5e308]
    res = hp.stats.permutation_test((d,), "mean", permutation_type="samples")
    small = hp.stats.permutation_test((_scaled(d, -900),), "mean", permutation_type="samples")
    assert res.statistic == pytest.approx(math.ldexp(small.statistic, 900), rel=1e-14)
    assert res.pvalue == small.pvalue
    assert np.all(np.isfinite(res.null_distribution))


def test_permutation_statistic_beyond_double_range_is_refused():
    with pytest.raises(hp.DomainError, match="beyond the double range"):
        hp.stats.permutation_test(([1.7e308] * 3, [-1.7e308] * 3), "mean_difference")


# ---- 3. values near the double max: computed correctly, or refused clearly -------------------------------

HUGE = [1.0e308, 1.7e308, 1.5e308, 1.2e308, -1.0e308, -1.7e308]


@pytest.mark.parametrize("statistic", ["median", "mean"])
@pytest.mark.parametrize("method", ["BCa", "percentile"])
def test_bootstrap_of_huge_values_is_the_rescaled_bootstrap_of_small_ones(statistic, method):
    # was a median interval of (-inf, inf): now every number is the same as for the data scaled by 2^-900
    # (an exact scaling), scaled back
    big = hp.stats.bootstrap((HUGE,), statistic, n_resamples=999, method=method)
    small = hp.stats.bootstrap((_scaled(HUGE, -900),), statistic, n_resamples=999, method=method)
    ci, ci_small = big.confidence_interval(), small.confidence_interval()
    assert np.isfinite([big.statistic, ci.low, ci.high, big.standard_error]).all()
    assert big.statistic == pytest.approx(math.ldexp(small.statistic, 900), rel=1e-14)
    assert ci.low == pytest.approx(math.ldexp(ci_small.low, 900), rel=1e-12)
    assert ci.high == pytest.approx(math.ldexp(ci_small.high, 900), rel=1e-12)
    assert big.standard_error == pytest.approx(math.ldexp(small.standard_error, 900), rel=1e-12)


def test_bootstrap_basic_interval_beyond_the_double_range_is_refused():
    with pytest.raises(hp.DomainError, match="basic interval .* beyond the double range"):
        hp.stats.bootstrap((HUGE,), "median", n_resamples=999, method="basic")


def test_paired_differences_beyond_the_double_range_are_refused_naming_the_position():
    # were "differences: infinite value at position 0; remove it" (a value the user never gave) or NaN
    x, y = [1.0, 1.7e308, 2.0], [0.5, -1.7e308, 1.0]
    msg = r"the difference x - y at position 1 \(x = 1\.7e\+308, y = -1\.7e\+308\) is beyond the double range"
    for call in (lambda: hp.stats.wilcoxon(x, y), lambda: hp.stats.sign_test(x, y),
                 lambda: hp.stats.hodges_lehmann(x, y, paired=True),
                 lambda: hp.stats.permutation_test((x, y), "mean", permutation_type="samples"),
                 lambda: hp.stats.bootstrap((x, y), "mean", paired=True, n_resamples=99)):
        with pytest.raises(hp.DataError, match=msg):
            call()


def test_hodges_lehmann_near_the_double_max():
    # Walsh averages are midpoints (never overflow); two-sample differences that do are refused
    d = [1.7e308, 1.6e308, 1.65e308, 1.5e308, 1.55e308, 1.62e308, 1.58e308, 1.61e308]
    res = hp.stats.hodges_lehmann(d)
    small = hp.stats.hodges_lehmann(_scaled(d, -900))
    assert res.statistic == pytest.approx(math.ldexp(small.statistic, 900), rel=1e-15)
    assert tuple(res.confidence_interval()) == pytest.approx(
        tuple(math.ldexp(v, 900) for v in small.confidence_interval()), rel=1e-15)
    with pytest.raises(hp.DataError, match="hodges_lehmann: differences of the values exceed the double range"):
        hp.stats.hodges_lehmann(d, [-v for v in d])


def test_bootstrap_two_sample_difference_beyond_the_double_range_is_refused():
    with pytest.raises(hp.DomainError, match="bootstrap: the observed statistic .* beyond the double range"):
        hp.stats.bootstrap(([1.7e308, 1.6e308], [-1.7e308, -1.6e308]), "mean_difference", n_resamples=99)


def test_proportion_and_rate_counts_near_the_double_max_are_refused():
    # were NaN limits
    with pytest.raises(hp.DataError, match=r"proportion: group 0 has numerator 1e\+308; it must be at most 1e300"):
        hp.indicators.proportion([1e308], [1.5e308])
    with pytest.raises(hp.DataError, match=r"rate: group 0 has events .* exceed the double range"):
        hp.indicators.rate([1e300], [1e-300])
    with pytest.raises(hp.DataError, match="rate_ratio: group 0 has rates .* exceed the double range"):
        hp.indicators.rate_ratio([1e300], [1e-300], [1], [1e300])
    out = hp.indicators.proportion([1e299], [1e300])  # the largest accepted: finite limits around 0.1
    assert np.isfinite(out[["value", "lower", "upper"]].to_numpy()).all()
    assert out["lower"].iloc[0] <= 0.1 <= out["upper"].iloc[0]


def test_indicator_mean_of_huge_values_is_exact_or_refused():
    import statistics
    values = [1.6e308, 1.7e308, 1.65e308, 1.62e308, 1.68e308]  # their sum overflows; was mean and sd inf
    out = hp.indicators.mean(values)
    assert out["value"].iloc[0] == pytest.approx(statistics.mean(values), rel=1e-15)
    assert out["sd"].iloc[0] == pytest.approx(statistics.stdev(values), rel=1e-12)
    assert np.isfinite(out[["lower", "upper"]].to_numpy()).all()
    # an interval that itself passes the double max is refused, naming the group
    with pytest.raises(hp.DataError, match="mean: group 0 has values whose spread or interval .* exceeds the double range"):
        hp.indicators.mean([1e308, 1.7e308, 1.5e308])


@pytest.mark.filterwarnings("ignore:xmr.*trial limits")  # six points: trial limits, as expected
def test_xmr_limits_near_the_double_max_are_exact_or_refused():
    with pytest.raises(hp.DataError, match="xmr: point 0 has value 1e\\+308; values must be at most 2.8e307"):
        hp.indicators.xmr([1e308, -1e308, 1e308, -1e308, 0, 1e308])  # were NaN limits
    y = [2.8e307, -2.8e307, 2.0e307, -2.8e307, 0.0, 2.8e307]
    big = hp.indicators.xmr(y).to_frame()
    small = hp.indicators.xmr(_scaled(y, -900)).to_frame()
    for col in ("centre", "lower", "upper"):
        assert np.isfinite(big[col]).all()
        np.testing.assert_allclose(big[col], np.ldexp(small[col].to_numpy(), 900), rtol=1e-14)


BANDS = ["0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59",
         "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+"]


def test_standardised_rates_beyond_the_double_range_are_refused():
    import pandas as pd
    frame = pd.DataFrame({"age_band": BANDS, "events": [1e200] * 19, "population": [1e-100] * 19})
    with pytest.raises(hp.DataError, match="directly standardised rate or its limits exceed the double range"):
        hp.indicators.dsr(frame)  # was value 1e305 with NaN limits
    with pytest.raises(hp.DataError, match="standardised ratio or its limits exceed the double range"):
        hp.indicators.isr(pd.DataFrame({"observed": [1e300], "population": [1e300]}), expected=[1e-300])  # was inf


def test_population_and_projection_never_reach_infinity():
    with pytest.raises(hp.DataError, match="counts sum to more than the double range"):
        hp.demography.Population(bands=["0-64", "65+"], counts=[1e308, 1e308])
    p = hp.demography.Population(bands=["0-4", "5-9", "10+"], counts=[1e307, 1e307, 1e307])
    with pytest.raises(hp.DomainError, match="projected population exceeds the double range .* by year 10"):
        hp.demography.project(p, mortality=[0.0, 0.0, 0.0], fertility=[0, 5.0, 0], years=200)
    with pytest.raises(hp.DataError, match="fertility for band 1 .* gives births beyond the double range"):
        hp.demography.leslie(p, mortality=[1e308, 0, 0], fertility=[0, 1e308, 0])  # was a NaN in the matrix
    q = hp.demography.Population(bands=["0-15", "16-64", "65+"], counts=[1e300, 1e-300, 1e300])
    with pytest.raises(hp.DomainError, match="dependency_ratios: the ratios exceed the double range"):
        q.dependency_ratios()  # was inf
    assert "dependency ratio" not in str(q.summary())  # the summary leaves out what is not defined
    assert "Population(" in repr(q)


# ---- 4. power: the sample size to full precision ----------------------------------------------------------


def _proportional_odds(control, odds_ratio):
    cum = np.cumsum(control)[:-1]
    odds = cum / (1 - cum) * odds_ratio
    return np.diff(np.r_[0.0, odds / (1 + odds), 1.0])


@pytest.mark.parametrize("odds_ratio, power, allocation", [(2.0, 0.8, 1.0), (1.5, 0.9, 2.0), (0.6, 0.85, 1.0)])
def test_power_ordinal_n_is_the_formula_to_full_precision(odds_ratio, power, allocation):
    control = np.array([0.2, 0.3, 0.3, 0.2])
    res = hp.evaluation.power_ordinal(control, odds_ratio=odds_ratio, power=power, allocation_ratio=allocation)
    a = allocation
    pbar = (control + a * _proportional_odds(control, odds_ratio)) / (1 + a)
    info = 1 - np.sum(pbar ** 3)
    lr = abs(math.log(odds_ratio))
    za = ss.norm.isf(0.025)
    # Whitehead (1993): N = 3(A+1)^2 (z_{a/2} + z_b)^2 / (A log(OR)^2 (1 - sum pbar^3)), one tail of the test
    whitehead = 3 * (a + 1) ** 2 * (za + ss.norm.isf(1 - power)) ** 2 / (a * lr ** 2 * info)
    # with the test's other tail counted too, z_b solves power = Phi(d - z) + Phi(-d - z): the fixed point of
    # the same formula with z_b = Phi^-1(power - Phi(-d - z)) (converges in a few steps: the tail is ~1e-6)
    n = whitehead
    for _ in range(50):
        d = lr * math.sqrt(a * n * info / (3 * (a + 1) ** 2))
        n = 3 * (a + 1) ** 2 * (za + ss.norm.ppf(power - ss.norm.cdf(-d - za))) ** 2 / (a * lr ** 2 * info)
    assert res.n == pytest.approx(n, rel=1e-12)
    assert res.n == pytest.approx(whitehead, rel=1e-4)  # Whitehead's one-tail form, for scale
    assert res.n <= whitehead


# ---- 5. a repr never raises --------------------------------------------------------------------------------


def test_population_repr_with_one_open_band():
    p = hp.demography.Population(bands=["0+"], counts=[100_000])
    text = repr(p)
    assert "100,000 people" in text and "65+" not in text
    assert "share aged 65+" not in str(p.summary())


# ---- 6. funnel pickles -------------------------------------------------------------------------------------


def test_funnel_result_pickles_and_round_trips_equal():
    f = hp.indicators.funnel([10, 20, 45, 55], [100, 100, 100, 100], multiplier=100)
    again = pickle.loads(pickle.dumps(f))
    assert again == f
    assert again.outliers(0.998)["label"].tolist() == f.outliers(0.998)["label"].tolist()


# ---- 7. fuzz findings in the indicators (docs/fuzzing.md, 2, 5 and 6) ----------------------------------------


def test_rate_of_a_subnormal_count_has_exact_limits():
    # rate-exact-subnormal-events: was OverflowError (Boost's tgamma(5e-324)); the lower limit underflows to 0,
    # the upper is the gamma(1) quantile -ln(0.025)
    r = hp.indicators.rate(events=[5e-324], population=[1])
    assert r["lower"].iloc[0] == 0.0
    assert r["upper"].iloc[0] == pytest.approx(-math.log(0.025) * 1e5, rel=1e-14)


@pytest.mark.parametrize("events", [1e12, 9e15, 1e20])
def test_exact_rate_of_a_huge_count_matches_scipy(events):
    # rate-exact-huge-events: was RuntimeError ("Series evaluation exceeded 1000000 iterations") from ~1e11
    r = hp.indicators.rate(events=[events], population=[1e10], method="exact", confidence_level=0.998)
    assert r["lower"].iloc[0] == pytest.approx(ss.chi2.ppf(0.001, 2 * events) / 2 / 1e10 * 1e5, rel=1e-14)
    assert r["upper"].iloc[0] == pytest.approx(ss.chi2.isf(0.001, 2 * events + 2) / 2 / 1e10 * 1e5, rel=1e-14)


def test_exact_proportion_of_huge_counts_is_refused_naming_the_group():
    # proportion-exact-huge-counts: was RuntimeError from Boost
    with pytest.raises(hp.DataError, match=r"proportion: group 1 has counts 9\.3e\+18 of 1e\+19: exact "
                                           r"\(Clopper-Pearson\) limits are computed for totals up to 1e15; .*Wilson"):
        hp.indicators.proportion([1, 9.3e18], [2, 1e19], method="exact")
    with pytest.raises(hp.DataError, match=r"group 0 has counts 9\.3e\+14 of 1e\+15: their exact \(Clopper-Pearson\) "
                                           r"limits cannot be computed \(.*use the Wilson method"):
        hp.indicators.proportion([9.3e14], [1e15], method="exact")
    assert hp.indicators.proportion([5e-324], [1], method="exact")["lower"].iloc[0] == 0.0


def test_funnel_exact_limits_of_huge_counts_are_refused_and_chisq_computes_them():
    # the funnel's exact Poisson limits read Boost's Poisson cdf, which gives up from expected counts of ~3e10
    with pytest.raises(hp.DataError, match=r"funnel: organisation 1 has denominator 1e\+13: its exact Poisson "
                                           r"limits at level 0\.95 cannot be computed .*use method \"chisq\""):
        hp.indicators.funnel([10, 1e12], [100, 1e13], kind="rate", method="exact", confidence_level=0.95)
    f = hp.indicators.funnel([10, 1e12], [100, 1e13], kind="rate", method="chisq", confidence_level=0.95)
    e = f.target * 1e13  # the expected count at the target, about 1e12: the Cornish-Fisher side of the switch
    assert f.table["lower"].iloc[1] == pytest.approx(ss.chi2.ppf(0.025, 2 * e) / 2 / 1e13, rel=1e-14)
    assert f.table["upper"].iloc[1] == pytest.approx(ss.chi2.isf(0.025, 2 * e + 2) / 2 / 1e13, rel=1e-14)


def test_funnel_exact_poisson_limits_of_a_hang_input_return_at_once():
    # hang-exact-poisson-quantile: a target of 1e154 per 100 put the expected count past 2^53, where the search's
    # step r + 1 == r never moved (> 100 s); now the bisection stops and Boost's failure is a DataError
    import time
    t0 = time.perf_counter()
    with pytest.raises(hp.DataError, match=r"funnel: organisation 0 has denominator 50: its exact Poisson limits"):
        hp.indicators.funnel([5, 20, 50, 0, 100, 2], [50] * 6, kind="rate", target=1e154, multiplier=100,
                             confidence_level=[0.8, 0.95, 0.5])
    assert time.perf_counter() - t0 < 60.0  # a guard against the hang (> 100 s), not a speed target


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_xmr_times_more_than_2p63_apart():
    # usual-time-step-overflow: the difference overflowed int64 (the usual step came out -2^63)
    x = hp.indicators.xmr([1.0, 2.0, 3.0], dates=[-2**63, 0, 2**63 - 1])
    assert len(x.table) == 3 and list(x.gaps["position"]) == [1]  # steps 2^63 and 2^63 - 1: the smaller is usual
    with pytest.raises(hp.DataError, match=r"usual_time_step: the usual step, between times -9223372036854775808 "
                                           r"\(point 0\) and 9223372036854775807 \(point 1\), is outside the 64-bit"):
        hp.indicators.xmr([1.0, 2.0], dates=[-2**63, 2**63 - 1])


def test_isr_of_a_subnormal_observed_count_has_exact_limits():
    # the same Boost overflow as rate-exact-subnormal-events, in isr's exact limits below 10 events
    r = hp.indicators.isr(observed=[5e-324], population=[100], expected=[2.0])
    assert r["lower"].iloc[0] == 0.0
    assert r["upper"].iloc[0] == pytest.approx(-math.log(0.025) / 2.0, rel=1e-14)
