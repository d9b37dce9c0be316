"""Issue 15, hostile parameters: every bad seed, threads or count (negative, a float such as 10.5, None, a bool,
text, beyond 2**31, 2**63, 2**70) is one DomainError line naming the parameter and its allowed range, never
pybind11's "incompatible function arguments" with a signature dump and never silently truncated
(``att_gt(n_resamples=10.5)`` used to run); numpy integers are integers. And the finance overflows: a unit cost
of Gamma(1e308, 1e308), a Poisson mean above 2**63 and ``business_case(n_sims=0)`` are refused or say NaN,
never a NaN spend beside p_overspend = 0 or events of −9.22e18."""
from __future__ import annotations

import math
import pickle

import numpy as np
import pandas as pd
import pytest

import healthyplaces as hp

X = [3.0, 4, 4, 3, 2, 5, 4, 3, 6, 1]
Y = [1.0, 2, 2, 1, 3, 2, 1, 2, 0, 4]


def _panel() -> pd.DataFrame:
    rng = np.random.default_rng(1)
    n, T = 40, 4
    g = np.repeat([0, 3], n // 2)
    y = rng.normal(size=(n, T)) + (np.arange(1, T + 1) >= 3) * (g[:, None] == 3)
    return pd.DataFrame({"unit": np.repeat(np.arange(n), T).astype(str), "period": np.tile(np.arange(1, T + 1), n),
                         "y": y.ravel(), "g": np.repeat(g, T)})


PANEL = _panel()
SERVICE = [hp.finance.Service("admissions", "nhs", [0.01, 0.3], hp.finance.Gamma(2500, 1500), 1.5e6)]
POP = (["0-64", "65+"], [90000, 20000])
FLOWS = [hp.finance.one_off_cost("restructuring", 300_000),
         hp.finance.saving("posts", hp.finance.Uncertain.normal(100_000, 20_000))]
SII = pd.DataFrame({"q": np.arange(1, 11), "pop": np.full(10, 1000.0), "v": np.linspace(80, 70, 10),
                    "se": np.full(10, 0.5)})

# Synthetic control's panel: unit "t" treated from period 5 of 6, three donors.
SYNTH = pd.DataFrame({"unit": np.repeat(["t", "a", "b", "c"], 6), "period": np.tile(np.arange(1, 7), 4),
                      "y": np.array([[5, 6, 7, 8, 11, 12], [4, 5, 6, 7, 8, 9], [6, 7, 8, 9, 10, 11],
                                     [5, 5, 6, 6, 7, 7]], dtype=float).ravel()})
SYNTH_ARGS = {"treated": "t", "unit": "unit", "time": "period", "outcome": "y", "treatment_period": 5}

# (label, parameter, call with that parameter set to v, smallest valid value of the parameter)
CALLS = [
    ("mannwhitneyu", "seed", lambda v: hp.stats.mannwhitneyu(X, Y, method="monte_carlo", n_resamples=99, seed=v)),
    ("mannwhitneyu", "threads", lambda v: hp.stats.mannwhitneyu(X, Y, method="monte_carlo", n_resamples=99, threads=v)),
    ("mannwhitneyu", "n_resamples", lambda v: hp.stats.mannwhitneyu(X, Y, method="monte_carlo", n_resamples=v)),
    ("wilcoxon", "seed", lambda v: hp.stats.wilcoxon(X, Y, method="monte_carlo", n_resamples=99, seed=v)),
    ("wilcoxon", "n_resamples", lambda v: hp.stats.wilcoxon(X, Y, method="monte_carlo", n_resamples=v)),
    ("kruskal", "threads", lambda v: hp.stats.kruskal(X, Y, method="monte_carlo", n_resamples=99, threads=v)),
    ("kruskal", "n_resamples", lambda v: hp.stats.kruskal(X, Y, method="monte_carlo", n_resamples=v)),
    ("brunnermunzel", "seed", lambda v: hp.stats.brunnermunzel(X, Y, method="monte_carlo", n_resamples=99, seed=v)),
    ("permutation_test", "seed", lambda v: hp.stats.permutation_test((X, Y), "mean_difference", seed=v)),
    ("permutation_test", "threads", lambda v: hp.stats.permutation_test((X, Y), "mean_difference", threads=v)),
    ("permutation_test", "n_resamples",
     lambda v: hp.stats.permutation_test((X, Y), "mean_difference", n_resamples=v)),
    ("permutation_test(callable)", "seed",
     lambda v: hp.stats.permutation_test((X, Y), lambda a, b: np.mean(a) - np.mean(b), n_resamples=99, seed=v)),
    ("bootstrap", "seed", lambda v: hp.stats.bootstrap((X,), "mean", n_resamples=99, seed=v)),
    ("bootstrap", "threads", lambda v: hp.stats.bootstrap((X,), "mean", n_resamples=99, threads=v)),
    ("bootstrap", "n_resamples", lambda v: hp.stats.bootstrap((X,), "mean", n_resamples=v)),
    ("bootstrap(callable)", "seed", lambda v: hp.stats.bootstrap((X,), np.mean, n_resamples=99, seed=v)),
    ("bootstrap(callable)", "n_resamples", lambda v: hp.stats.bootstrap((X,), np.mean, n_resamples=v)),
    ("bootstrap(callable)", "threads", lambda v: hp.stats.bootstrap((X,), np.mean, n_resamples=99, threads=v)),
    ("bootstrap", "max_exact", lambda v: hp.stats.bootstrap((X,), "mean", max_exact=v)),
    ("permutation_test", "max_exact", lambda v: hp.stats.permutation_test((X, Y), "mean_difference", max_exact=v)),
    ("att_gt", "n_resamples", lambda v: hp.evaluation.att_gt(PANEL, unit="unit", time="period", outcome="y",
                                                             adoption="g", n_resamples=v)),
    ("att_gt", "seed", lambda v: hp.evaluation.att_gt(PANEL, unit="unit", time="period", outcome="y",
                                                      adoption="g", n_resamples=9, seed=v)),
    ("att_gt", "threads", lambda v: hp.evaluation.att_gt(PANEL, unit="unit", time="period", outcome="y",
                                                         adoption="g", n_resamples=9, threads=v)),
    ("power_simulate", "n_sims", lambda v: hp.evaluation.power_simulate(
        hp.evaluation.PowerDesign.parallel(4, periods=4, baseline_periods=2), effect=0.5, n_sims=v)),
    ("power_simulate", "seed", lambda v: hp.evaluation.power_simulate(
        hp.evaluation.PowerDesign.parallel(4, periods=4, baseline_periods=2), effect=0.5, n_sims=9, seed=v)),
    ("power_simulate", "threads", lambda v: hp.evaluation.power_simulate(
        hp.evaluation.PowerDesign.parallel(4, periods=4, baseline_periods=2), effect=0.5, n_sims=9, threads=v)),
    ("sii", "n_resamples", lambda v: hp.indicators.sii("q", "pop", "v", se="se", data=SII, n_resamples=v)),
    ("sii", "seed", lambda v: hp.indicators.sii("q", "pop", "v", se="se", data=SII, n_resamples=1000, seed=v)),
    ("project", "n_sims", lambda v: hp.demography.project(
        hp.demography.Population(["0-4", "5+"], [100, 80]), [0.1, 0.1], years=5,
        uncertainty=hp.demography.RateUncertainty(mortality_sd=0.1), n_sims=v)),
    ("project", "threads", lambda v: hp.demography.project(
        hp.demography.Population(["0-4", "5+"], [100, 80]), [0.1, 0.1], years=5,
        uncertainty=hp.demography.RateUncertainty(mortality_sd=0.1), n_sims=10, threads=v)),
    ("simulate", "n_sims", lambda v: hp.finance.simulate(POP, SERVICE, n_sims=v)),
    ("simulate", "seed", lambda v: hp.finance.simulate(POP, SERVICE, n_sims=10, seed=v)),
    ("simulate", "threads", lambda v: hp.finance.simulate(POP, SERVICE, n_sims=10, threads=v)),
    ("simulate", "block_size", lambda v: hp.finance.simulate(POP, SERVICE, n_sims=10, block_size=v)),
    ("business_case", "n_sims", lambda v: hp.finance.business_case(FLOWS, horizon=3, n_sims=v)),
    ("business_case", "seed", lambda v: hp.finance.business_case(FLOWS, horizon=3, n_sims=10, seed=v)),
    ("business_case", "threads", lambda v: hp.finance.business_case(FLOWS, horizon=3, n_sims=10, threads=v)),
    ("project", "years", lambda v: hp.demography.project(
        hp.demography.Population(["0-4", "5+"], [100, 80]), [0.1, 0.1], years=v)),
    ("synth", "max_evaluations", lambda v: hp.evaluation.synth(SYNTH, **SYNTH_ARGS, max_evaluations=v)),
    ("synth", "restarts", lambda v: hp.evaluation.synth(SYNTH, **SYNTH_ARGS, restarts=v)),
    ("synth_in_time", "max_evaluations", lambda v: hp.evaluation.synth_in_time(
        SYNTH, 3, **SYNTH_ARGS, max_evaluations=v)),
    ("augsynth", "n_lambda", lambda v: hp.evaluation.augsynth(SYNTH, **SYNTH_ARGS, n_lambda=v)),
    ("augsynth", "holdout", lambda v: hp.evaluation.augsynth(SYNTH, **SYNTH_ARGS, holdout=v)),
]

# Bad for every integer option; 2**64 is one past the largest seed.
ALWAYS_BAD = [-1, 10.5, None, True, "3", 2**64, 2**70, float("nan")]
# Bad for threads and counts, though fine seeds.
BAD_UNLESS_SEED = [2**31, 2**63]


def _cases():
    for label, param, call in CALLS:
        bad = ALWAYS_BAD + ([] if param == "seed" else BAD_UNLESS_SEED)
        for v in bad:
            yield pytest.param(call, param, v, id=f"{label}-{param}={v!r}")


@pytest.mark.parametrize("call,param,value", list(_cases()))
def test_bad_integer_option_is_one_line_naming_it(call, param, value):
    with pytest.raises(hp.DomainError) as e:
        call(value)
    msg = str(e.value)
    assert "\n" not in msg and "incompatible function arguments" not in msg
    assert msg.startswith(param + " must be") or f": {param} must be" in msg or f" {param} must be" in msg, msg
    assert "got" in msg


@pytest.mark.parametrize("label,param,call", [c for c in CALLS if c[1] in ("seed", "threads")],
                         ids=[f"{c[0]}-{c[1]}" for c in CALLS if c[1] in ("seed", "threads")])
def test_numpy_integers_are_integers_and_give_the_same_numbers(label, param, call):
    a, b = call(3), call(np.int64(3))
    assert pickle.dumps(type(a)) == pickle.dumps(type(b))
    if hasattr(a, "statistic"):
        assert a.statistic == b.statistic or (math.isnan(a.statistic) and math.isnan(b.statistic))


def test_aggregate_takes_none_as_the_fit_and_refuses_bad_values():
    res = hp.evaluation.att_gt(PANEL, unit="unit", time="period", outcome="y", adoption="g", n_resamples=9)
    assert res.aggregate("simple", n_resamples=None, seed=None, threads=None) is not None
    for param in ("n_resamples", "seed", "threads"):
        for v in (-1, 10.5, True, 2**70):
            with pytest.raises(hp.DomainError, match=f"^{param} must be .*, got "):
                res.aggregate("simple", **{param: v})


def test_messages_state_the_ranges():
    with pytest.raises(hp.DomainError, match=r"^threads must be 0 \(all cores\) or a positive number up to "
                                             r"2,147,483,647, got -1$"):
        hp.stats.bootstrap((X,), "mean", threads=-1)
    with pytest.raises(hp.DomainError, match=r"^seed must be a whole number from 0 to 2\*\*64 - 1, got -1$"):
        hp.stats.bootstrap((X,), "mean", seed=-1)
    with pytest.raises(hp.DomainError, match=r"^n_resamples must be a whole number from 1 to 1,000,000,000, "
                                             r"got 10.5$"):
        hp.stats.bootstrap((X,), "mean", n_resamples=10.5)
    with pytest.raises(hp.DomainError, match=r"^n_resamples must be a whole number from 0 to 1,000,000,000, "
                                             r"got 10.5$"):
        hp.evaluation.att_gt(PANEL, unit="unit", time="period", outcome="y", adoption="g", n_resamples=10.5)


def test_largest_seed_is_a_seed():
    a = hp.stats.bootstrap((X,), "mean", n_resamples=99, seed=2**64 - 1)
    b = hp.stats.bootstrap((X,), "mean", n_resamples=99, seed=np.uint64(2**64 - 1))
    assert a.confidence_interval() == b.confidence_interval()


def test_threads_do_not_change_numbers_with_chunked_work():
    # parallel_for hands out growing chunks; per-worker counts must add up the same for any thread count.
    rng = np.random.default_rng(5)
    x, y = rng.normal(size=30), rng.normal(size=25) + 0.3
    for f in (lambda t: hp.stats.mannwhitneyu(x, y, method="monte_carlo", n_resamples=20_000, threads=t).pvalue,
              lambda t: hp.stats.wilcoxon(x[:25], y, method="monte_carlo", n_resamples=20_000, threads=t).pvalue,
              lambda t: hp.stats.kruskal(x, y, method="monte_carlo", n_resamples=20_000, threads=t).pvalue,
              lambda t: hp.stats.brunnermunzel(x, y, method="monte_carlo", n_resamples=20_000, threads=t).pvalue,
              lambda t: hp.stats.permutation_test((x, y), "mean_difference", n_resamples=200_000, threads=t).pvalue):
        assert f(1) == f(2) == f(7)


def test_cpp_options_refuse_negative_threads_too():
    # The rule lives in C++ (hp::check_threads): a C++ caller's options are checked as Python's arguments are.
    with pytest.raises(hp.DomainError, match="threads must be 0"):
        hp._core.stats.bootstrap_indices([3], 0, 0, 2, -1)


# ---- finance overflow ---------------------------------------------------------------------------------------

def test_gamma_cost_near_the_double_limit_is_refused():
    with pytest.raises(hp.DataError, match=r"unit cost: mean must be positive and at most 1e12 \(£ per event\), "
                                           r"got 1e\+308"):
        hp.finance.Gamma(1e308, 1e308)
    with pytest.raises(hp.DataError, match="sd must be at most 1000 times the mean"):
        hp.finance.Gamma(1.0, 1e4)


def test_service_expecting_more_events_than_the_simulation_counts_is_refused():
    svc = [hp.finance.Service("s", "nhs", [1e19], hp.finance.Gamma(100, 10), 1e6)]
    with pytest.raises(hp.DomainError, match=r'service "s" expects 1e\+19 events in year 0, more than the 1e12'):
        hp.finance.simulate((["0+"], [1.0]), svc, n_sims=10)


def test_huge_budget_is_refused():
    with pytest.raises(hp.DataError, match=r"budget must be from 0 to 1e15"):
        hp.finance.simulate(POP, [hp.finance.Service("s", "nhs", [0.01, 0.1], hp.finance.Gamma(100, 10), 1e300)],
                            n_sims=10)


def test_shock_beyond_the_countable_is_refused_not_wrapped():
    # 1e12 expected events (the most accepted) and σ = 4.3 on the log scale: about one year in 10^5 has a
    # multiplier above 9,000, i.e. beyond 2^53 events; it must stop the run, not wrap to −9.22e18 events.
    svc = [hp.finance.Service("s", "nhs", [1e5], hp.finance.Gamma(100, 10), 1e6)]
    with pytest.raises(hp.DomainError, match=r'service "s" drew a year of .* expected events .* lower shock_sd'):
        hp.finance.simulate((["0+"], [1e7]), svc, n_sims=300_000, shock_sd=4.3, seed=1)


def test_largest_accepted_inputs_give_finite_spend_and_consistent_risk():
    svc = [hp.finance.Service("s", "nhs", [1e5], hp.finance.Gamma(1e12, 1e12), 1e15)]
    r = hp.finance.simulate((["0+"], [1e7]), svc, n_sims=200, seed=2)
    assert np.isfinite(r.spend).all() and (r.spend > 0).all()
    assert np.isfinite(r.events).all() and (r.events > 0).all()
    row = r.to_frame().iloc[0]
    # 1e12 events of £1e12 each: £1e24 a year against a £1e15 budget: always over.
    assert row["p_overspend"] == 1.0
    assert row["expected_spend"] == pytest.approx(1e24, rel=1e-3)


def test_business_case_without_psa_says_nan_not_zero():
    case = hp.finance.business_case(FLOWS, horizon=3, n_sims=0)
    for name in ("p_positive", "evpi", "mean_npv", "sd_npv", "se_mean_npv", "se_evpi"):
        assert math.isnan(getattr(case, name)), name
    assert math.isfinite(case.npv)
    assert "P(NPV > 0)" not in str(case.summary())
    assert pickle.loads(pickle.dumps(case)) == case


def test_business_case_overflowing_npv_is_refused():
    flows = [hp.finance.saving("s", 1e307), hp.finance.saving("t", 1e307)]
    with pytest.raises(hp.DomainError, match="NPV at the means overflowed"):
        hp.finance.business_case(flows, horizon=50, rate=0.0, n_sims=0)


def test_projection_years_synth_search_and_augsynth_grid_limits():
    # The largest values accepted and one past them (issue 15's parameter leftovers): the rule names the range.
    pop = hp.demography.Population(["0-4", "5+"], [100, 80])
    with pytest.raises(hp.DomainError, match=r"^years must be a whole number from 1 to 10,000, got 10001$"):
        hp.demography.project(pop, [0.1, 0.1], years=10_001)
    with pytest.raises(hp.DomainError, match=r"^n_lambda must be a whole number from 1 to 10,000, got 10001$"):
        hp.evaluation.augsynth(SYNTH, **SYNTH_ARGS, n_lambda=10_001)
    with pytest.raises(hp.DomainError, match=r"^restarts must be a whole number from 0 to 1,000,000,000, got -1$"):
        hp.evaluation.synth(SYNTH, **SYNTH_ARGS, restarts=-1)
    # numpy integers are integers; a float is never truncated (int(10.5) used to run with 10).
    assert hp.demography.project(pop, [0.1, 0.1], years=np.int64(5)).years == [0, 5]
    with pytest.raises(hp.DomainError, match=r"^years must be a whole number from 1 to 10,000, got 5.0$"):
        hp.demography.project(pop, [0.1, 0.1], years=5.0)
    fit = hp.evaluation.synth(SYNTH, **SYNTH_ARGS, max_evaluations=np.int64(50), restarts=0, in_space_placebos=False)
    assert np.isfinite(fit.att if hasattr(fit, "att") else fit.gaps().to_numpy(dtype=float)).all()
