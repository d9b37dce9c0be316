"""hp.finance.simulate, the arrangements and risk shares: the aggregate cost draws against numpy sums of
individual draws (two-sample KS, scipy), the lognormal moment matching against its exact moments, the spend
moments with a shared shock against the closed form (law of total variance) within 4 Monte Carlo SEs, the risk
measures against numpy order statistics, common random numbers across arrangements, seed/thread invariance and
the errors for bad input."""
from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import healthyplaces as hp
from healthyplaces import _core

hf = hp.finance
BANDS = ["0-64", "65-84", "85+"]
POP = (BANDS, [100000, 20000, 3000])


def services():
    return [hf.Service("admissions", "nhs", [0.02, 0.15, 0.4], hf.Gamma(2500, 1500), 1.2e7),
            hf.Service("residential care", "council", [0.0, 0.01, 0.12], hf.LogNormal(30000, 12000), 1.4e7,
                       counts="negative_binomial", dispersion=0.02),
            hf.Service("home care", "council", [0.001, 0.03, 0.2], hf.Gamma(6000, 4000), 6e6)]


def test_gamma_aggregate_matches_summing_individual_gamma_draws():
    # Gamma(20·k, θ) in one draw against the sum of 20 numpy Gamma(k, θ) draws: KS at the 0.1% level.
    cost = hf.Gamma(100, 80)
    agg = _core.finance.total_cost_draws(cost._core, 20, 5000, seed=3)
    rng = np.random.default_rng(3)
    summed = rng.gamma(cost.shape, cost.scale, size=(5000, 20)).sum(axis=1)
    assert stats.ks_2samp(agg, summed).pvalue > 1e-3
    # The test has power: 10% more shape is rejected.
    wrong = rng.gamma(cost.shape * 22, cost.scale, size=5000)
    assert stats.ks_2samp(agg, wrong).pvalue < 1e-6


def test_lognormal_totals_exact_up_to_32_events_and_moment_matched_beyond():
    cost = hf.LogNormal(100, 80)
    rng = np.random.default_rng(5)
    exact = _core.finance.total_cost_draws(cost._core, 10, 5000, seed=5)
    summed = rng.lognormal(cost.mu, cost.sigma, size=(5000, 10)).sum(axis=1)
    assert stats.ks_2samp(exact, summed).pvalue > 1e-3
    # 500 events: a lognormal with mean 500·100 and variance 500·80² exactly (Fenton–Wilkinson); checked within
    # 4 SE (mean: sd/√n; variance: from the lognormal's fourth central moment, written out).
    n, size = 500, 40000
    approx = _core.finance.total_cost_draws(cost._core, n, size, seed=6)
    m, v = n * 100.0, n * 80.0 ** 2
    s2 = math.log1p(v / m ** 2)
    w = math.exp(s2)
    mu4 = v ** 2 * (w ** 4 + 2 * w ** 3 + 3 * w ** 2 - 3)  # lognormal kurtosis: w⁴ + 2w³ + 3w² − 3
    assert abs(approx.mean() - m) < 4 * math.sqrt(v / size)
    assert abs(approx.var(ddof=1) - v) < 4 * math.sqrt((mu4 - v ** 2) / size)


def test_spend_with_a_shared_shock_has_the_closed_form_moments():
    # One service, λ = 60, Gamma(500, 200): given the multiplier M, E = λMμ, Var = λM·E[X²]; E[M] = 1,
    # Var(M) = e^{σ²} − 1. So E[S] = λμ and Var(S) = λ·E[X²] + (λμ)²(e^{σ²} − 1) (law of total variance).
    svc = [hf.Service("a", "nhs", [0.003], hf.Gamma(500, 200), 1)]
    sims, sigma = 100000, 0.2
    r = hf.simulate((["all"], [20000]), svc, n_sims=sims, shock_sd=sigma, seed=8)
    s = r.spend[:, 0, 0]
    lam, mu, ex2 = 60.0, 500.0, 200.0 ** 2 + 500.0 ** 2
    var = lam * ex2 + (lam * mu) ** 2 * math.expm1(sigma ** 2)
    assert abs(s.mean() - lam * mu) < 4 * math.sqrt(var / sims)
    # SE of the sample variance from the sample's own fourth central moment.
    m4 = np.mean((s - s.mean()) ** 4)
    assert abs(s.var(ddof=1) - var) < 4 * math.sqrt((m4 - var ** 2) / sims)


def test_summary_matches_numpy_order_statistics():
    r = hf.simulate(POP, services(), arrangement="separate", n_sims=4000, shock_sd=0.1, shock_correlation=0.5, seed=2)
    s = r.to_frame(0.9)
    x = r.outturns["council"].to_numpy()
    assert s.loc["council", "mean_overspend"] == pytest.approx(x.mean(), rel=1e-12)
    assert s.loc["council", "sd"] == pytest.approx(x.std(ddof=1), rel=1e-12)
    assert s.loc["council", "p_overspend"] == np.mean(x > 0)
    assert s.loc["council", "VaR"] == np.quantile(x, 0.9, method="inverted_cdf")
    assert s.loc["council", "ES"] == pytest.approx(np.sort(x)[3600:].mean(), rel=1e-12)
    assert s.loc["total", "budget"] == pytest.approx(1.2e7 + 1.4e7 + 6e6)
    assert list(s.index) == ["nhs", "council", "total"]


def test_arrangements_share_the_same_draws_and_pooled_outturns_add_up():
    t = hf.compare_arrangements(POP, services(), n_sims=3000, shock_sd=0.1, seed=4,
                                risk_share=hf.RiskShare.fixed({"nhs": 0.5, "council": 0.5}))
    # Common random numbers: the total is the same under every arrangement (no friction given).
    totals = t.xs("total", level="partner")["mean_overspend"]
    assert np.allclose(totals, totals.iloc[0], rtol=0, atol=1e-6)
    assert (t.loc["separate", "pooling_benefit_VaR"] == 0).all()
    r = hf.simulate(POP, services(), arrangement="pooled", n_sims=3000, shock_sd=0.1, seed=4,
                    risk_share=hf.RiskShare.fixed({"nhs": 0.5, "council": 0.5}))
    o = r.outturns
    assert np.allclose(o["nhs"], o["council"])  # 50:50 of the pooled overspend
    sep = r.under("separate").outturns
    assert np.allclose(o["nhs"] + o["council"], sep["nhs"] + sep["council"], rtol=0, atol=1e-6)
    # hp.Budgets and an hp.Arrangement (its budgets dimension) work as well as the name.
    assert r.under(hp.Budgets.aligned).arrangement == "aligned"
    assert r.under(hp.preset("torbay")).arrangement == "pooled"


def test_friction_charges_disputed_cases_under_separate_budgets_only():
    r = hf.simulate(POP, services(), arrangement="separate", n_sims=500, seed=1, friction=(0.1, 200.0))
    plain = r.under("separate", friction=(0.0, 0.0))
    extra = 0.1 * 200.0 * r.events[:, 0, 1:].sum(axis=1)
    assert np.allclose(r.outturns["council"] - plain.outturns["council"], extra)
    assert np.allclose(r.under("aligned").outturns["council"], plain.outturns["council"])


def test_same_numbers_for_any_thread_count_and_every_population_form():
    a = hf.simulate(POP, services(), n_sims=5000, shock_sd=0.1, seed=9, threads=1, block_size=512)
    b = hf.simulate(POP, services(), n_sims=5000, shock_sd=0.1, seed=9, threads=2, block_size=512)
    assert np.array_equal(a.spend, b.spend) and np.array_equal(a.overspend, b.overspend)
    obj = SimpleNamespace(bands=BANDS, counts=np.array(POP[1]))
    c = hf.simulate(obj, services(), n_sims=5000, shock_sd=0.1, seed=9, block_size=512)
    assert np.array_equal(a.spend, c.spend)
    assert not np.array_equal(a.spend, hf.simulate(POP, services(), n_sims=5000, shock_sd=0.1, seed=10).spend)
    # A projection drives the rates year by year: three years, the last with twice the people.
    proj = SimpleNamespace(counts_by_year=pd.DataFrame([POP[1], POP[1], [2 * x for x in POP[1]]], columns=BANDS,
                                                       index=[2025, 2026, 2027]))
    p = hf.simulate(proj, services(), n_sims=4000, seed=1)
    assert p.spend.shape == (4000, 3, 3)
    ev = p.events[:, :, 0]
    lam = services()[0].expected_events(POP[1])
    assert abs(ev[:, 0].mean() - lam) < 4 * math.sqrt(lam / 4000)
    assert abs(ev[:, 2].mean() - 2 * lam) < 4 * math.sqrt(2 * lam / 4000)


def test_bad_input_names_the_field():
    with pytest.raises(hp.DataError, match='service "admissions": rates has 2 age bands but the population has 3'):
        hf.simulate(POP, [hf.Service("admissions", "nhs", [0.1, 0.2], hf.Gamma(1, 1), 1)])
    labelled = hf.Service("home care", "council", pd.Series([0.1, 0.2, 0.3], index=["0-64", "65-79", "80+"]),
                          hf.Gamma(1, 1), 1)
    with pytest.raises(hp.DataError, match='service "home care": rates are for bands'):
        hf.simulate(POP, [labelled])
    with pytest.raises(hp.DataError, match=r'service "x": rates\[0\] must be zero or positive'):
        hf.Service("x", "nhs", [-0.1], hf.Gamma(1, 1), 1)
    with pytest.raises(hp.DataError, match="population counts must be zero or positive, got -5"):
        hf.simulate((["a"], [-5]), [hf.Service("x", "nhs", [0.1], hf.Gamma(1, 1), 1)])
    with pytest.raises(hp.DomainError, match="years must be at least 1, got 0"):
        hf.simulate(POP, services(), years=0)
    with pytest.raises(hp.DataError, match="shares must sum to 1, got 0.9"):
        hf.simulate(POP, services(), n_sims=10, risk_share=hf.RiskShare.fixed({"nhs": 0.5, "council": 0.4}))
    with pytest.raises(hp.DataError, match=r"the cap \(0.01\) is below the collar \(0.02\)"):
        hf.simulate(POP, services(), n_sims=10,
                    risk_share=hf.RiskShare.capped({"nhs": 0.5, "council": 0.5}, cap=0.01, collar=0.02))
    with pytest.raises(hp.DataError, match='lead partner "ccg" is not one of the partners'):
        hf.simulate(POP, services(), n_sims=10, risk_share=hf.RiskShare.lead_partner("ccg"))
    with pytest.raises(hp.DomainError, match="arrangement must be one of separate"):
        hf.simulate(POP, services(), n_sims=10, arrangement="merged")
    with pytest.raises(hp.DataError, match=r"unit cost: sd must be from 0 to 1e12 \(£ per event\), got -1"):
        hf.Gamma(10, -1)


def test_result_shows_itself():
    import matplotlib

    matplotlib.use("Agg")
    r = hf.simulate(POP, services(), n_sims=500, seed=1, risk_share=hf.RiskShare.lead_partner("nhs"))
    assert "VaR" in r._repr_html_()
    assert r.plot().axes
    assert np.all(r.outturns["council"] == 0)  # the lead partner bears it all


@pytest.mark.parametrize("name", ["healthyplaces.finance._cost", "healthyplaces.finance._service",
                                  "healthyplaces.finance._simulate"])
def test_docstring_examples_run(name):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize("lam", [3.0, 40.0, 2500.0])
def test_event_counts_follow_the_poisson_pmf(lam):
    # Inversion below λ = 10, Hörmann's PTRS above: chi-square goodness of fit against scipy's Poisson pmf over
    # bins with at least 20 expected counts (tails pooled), at the 0.1% level.
    sims = 50000
    r = hf.simulate((["all"], [lam * 1000]), [hf.Service("a", "nhs", [0.001], hf.Gamma(1, 1), 1)], n_sims=sims, seed=12)
    k = r.events[:, 0, 0].astype(int)
    lo, hi = int(stats.poisson.ppf(1e-4, lam)), int(stats.poisson.ppf(1 - 1e-4, lam))
    edges = np.arange(lo, hi + 2)
    probs = np.diff(stats.poisson.cdf(edges - 1, lam))
    probs[0] += stats.poisson.cdf(lo - 1, lam)
    probs[-1] += stats.poisson.sf(hi, lam)
    observed = np.bincount(np.clip(k, lo, hi) - lo, minlength=hi - lo + 1)
    # merge bins until each expects >= 20
    obs_m, exp_m, o_acc, e_acc = [], [], 0, 0.0
    for o, p in zip(observed, probs * sims):
        o_acc, e_acc = o_acc + o, e_acc + p
        if e_acc >= 20:
            obs_m.append(o_acc)
            exp_m.append(e_acc)
            o_acc, e_acc = 0, 0.0
    obs_m[-1] += o_acc
    exp_m[-1] += e_acc
    assert stats.chisquare(obs_m, exp_m).pvalue > 1e-3


def test_costs_services_and_risk_shares_pickle():
    import pickle

    for obj in services():
        back = pickle.loads(pickle.dumps(obj))
        assert (back.name, back.owner, back.unit_cost, back.budget, back.counts, back.dispersion) == \
            (obj.name, obj.owner, obj.unit_cost, obj.budget, obj.counts, obj.dispersion)
        assert np.array_equal(back.rates, obj.rates)
    share = pickle.loads(pickle.dumps(hf.RiskShare.capped({"nhs": 0.5, "council": 0.5}, cap=0.02)))
    assert repr(share) == "RiskShare.capped({'nhs': 0.5, 'council': 0.5}, cap=0.02, collar=-0.02)"


def test_simulation_results_pickle_with_their_draws():
    # Results travel between processes (a Dask worker returns its block): the draws, the settled outturns and
    # the summary come back identical, and a damaged state is a clear error rather than garbage.
    import pickle

    t = hp.finance.torbay_like()
    r = hp.finance.simulate(t.population, t.services, n_sims=300, shock_sd=0.08, shock_correlation=0.7, seed=3)
    back = pickle.loads(pickle.dumps(r))
    assert np.array_equal(back.spend, r.spend) and np.array_equal(back.events, r.events)
    assert np.array_equal(back.overspend, r.overspend)
    pd.testing.assert_frame_equal(back.to_frame(), r.to_frame())
    assert back == r
    state = r.simulated.__getstate__()
    broken = hp._core.finance.SpendDraws.__new__(hp._core.finance.SpendDraws)
    with pytest.raises(hp.DataError, match="a pickled matrix holds 18 values, its shape says"):
        broken.__setstate__((state[0], state[1], state[2], np.zeros(18), state[4]))


def test_slices_of_a_run_are_its_rows_bit_for_bit():
    # What splitting a run over workers relies on: replications are drawn in blocks keyed by (seed, area, block),
    # so the slice that starts at block k is rows k*block_size... of the full run, whatever ran it.
    t = hp.finance.torbay_like()
    args = dict(shock_sd=0.08, shock_correlation=0.7, seed=5, block_size=64)
    full = hp.finance.simulate(t.population, t.services, n_sims=3 * 64, **args)
    parts = [hp.finance.simulate(t.population, t.services, n_sims=64, first_block=k, **args) for k in range(3)]
    assert np.array_equal(np.concatenate([p.spend for p in parts]), full.spend)
    assert np.array_equal(np.concatenate([p.events for p in parts]), full.events)
    other_area = hp.finance.simulate(t.population, t.services, n_sims=64, area=1, **args)
    assert not np.array_equal(other_area.spend, parts[0].spend)
