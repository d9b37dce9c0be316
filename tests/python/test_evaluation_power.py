"""hp.evaluation power and sample size. References: Whitehead's (1993) worked example; statsmodels'
NormalIndPower / TTestIndPower with the design effect; numpy rewrites of the published formulas and of the
GLS variance from the full covariance matrix; statsmodels OLS with cluster-robust SEs for the simulation's
TWFE estimator; scipy's ttest_ind for the cluster-means test; simulation against the formulas (3 MC SEs)."""
from __future__ import annotations

import math
import pickle

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import healthyplaces as hp
from healthyplaces import _core

ev = hp.evaluation
sm_power = pytest.importorskip("statsmodels.stats.power")


# ---- ordinal ------------------------------------------------------------------------------------------------

def test_whitehead_worked_example():
    # Whitehead (1993, Stat Med 12:2257, p. 2260): control very good/good/moderate/poor 0.2/0.5/0.2/0.1,
    # P(good or better) 0.7 -> 0.85 (OR 2.4286), treated 0.378/0.472/0.106/0.044, alpha 0.05, power 0.9:
    # 187 patients. Our lists run worst to best.
    orat = 0.85 * 0.3 / (0.15 * 0.7)
    r = ev.power_ordinal([0.1, 0.2, 0.5, 0.2], odds_ratio=orat, power=0.9)
    assert r.n_required == 187
    assert r.n == pytest.approx(186.863, abs=5e-4)
    np.testing.assert_allclose(r.details["treated_probabilities"], [0.044, 0.106, 0.472, 0.378], atol=5e-4)
    assert r.solved == "n" and r.n_label == "total participants"
    # A dict keeps its order; treated probabilities give the same odds ratio back.
    r2 = ev.power_ordinal({1: 0.1, 2: 0.2, 3: 0.5, 4: 0.2}, treated=r.details["treated_probabilities"], power=0.9)
    assert r2.effect == pytest.approx(orat, rel=1e-10)
    assert r2.n == pytest.approx(r.n, rel=1e-10)


def _whitehead_numpy(control, orat, n, alpha, a):
    # numpy rewrite of Whitehead's formula: treated by proportional odds on the upper cumulative probabilities.
    c = np.asarray(control, float)
    up = np.cumsum(c[::-1])[::-1]
    sh = orat * up / (1 - up + orat * up)
    sh[0] = 1.0
    t = sh - np.append(sh[1:], 0.0)
    pb = (c + a * t) / (1 + a)
    se = math.sqrt(3 * (a + 1) ** 2 / (a * n * (1 - np.sum(pb ** 3))))
    z = stats.norm.isf(alpha / 2)
    d = abs(math.log(orat)) / se
    return stats.norm.cdf(d - z) + stats.norm.cdf(-d - z)


@pytest.mark.parametrize("seed", range(6))
def test_ordinal_matches_numpy_rewrite(seed):
    rng = np.random.default_rng(seed)
    k = int(rng.integers(2, 7))
    control = rng.dirichlet(np.ones(k))
    orat, n, a = float(rng.uniform(0.3, 4)), float(rng.uniform(20, 500)), float(rng.uniform(0.5, 3))
    r = ev.power_ordinal(control, orat, n, alpha=0.05, allocation_ratio=a)
    assert r.power == pytest.approx(_whitehead_numpy(control, orat, n, 0.05, a), rel=1e-12)


def test_ordinal_binary_is_the_log_odds_ratio_formula():
    # k = 2: n = 4 (z + z)^2 / ((log OR)^2 pbar qbar) in total (equal arms), one tail.
    p0, orat = 0.3, 2.0
    p1 = orat * p0 / (1 - p0 + orat * p0)
    pb = (p0 + p1) / 2
    z = stats.norm.isf(0.025) + stats.norm.isf(0.2)
    closed = 4 * z ** 2 / (math.log(orat) ** 2 * pb * (1 - pb))
    # at the closed-form n, power is 0.8 plus the far tail Phi(-d - z) that the one-tailed formula drops
    far = stats.norm.cdf(-(stats.norm.isf(0.025) + stats.norm.isf(0.2)) - stats.norm.isf(0.025))
    assert ev.power_ordinal([1 - p0, p0], orat, n=closed).power == pytest.approx(0.8 + far, rel=1e-12)
    assert ev.power_ordinal([1 - p0, p0], orat, power=0.8).n == pytest.approx(closed, rel=1e-5)


def test_ordinal_bad_input():
    with pytest.raises(hp.DomainError, match="sum to 1.1; category probabilities must sum to 1"):
        ev.power_ordinal([0.5, 0.6], 2.0, n=100)
    with pytest.raises(hp.DomainError, match="category 2 has probability -0.2"):
        ev.power_ordinal([1.2, -0.2], 2.0, n=100)
    with pytest.raises(hp.DomainError, match="odds_ratio must be finite and > 0, got -1"):
        ev.power_ordinal([0.5, 0.5], -1.0, n=100)
    with pytest.raises(hp.DomainError, match="alpha must lie in"):
        ev.power_ordinal([0.5, 0.5], 2.0, n=100, alpha=1.5)
    with pytest.raises(hp.DomainError, match="power must lie in"):
        ev.power_ordinal([0.5, 0.5], 2.0, power=1.0)
    with pytest.raises(hp.DomainError, match="exactly one"):
        ev.power_ordinal([0.5, 0.5], 2.0)
    with pytest.raises(hp.DomainError, match="not proportional odds"):
        ev.power_ordinal([0.25, 0.25, 0.25, 0.25], treated=[0.1, 0.4, 0.1, 0.4], n=100)
    assert issubclass(hp.DomainError, ValueError)


# ---- cluster --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("m,icc,cv,delta", [(20, 0.05, 0.0, 0.5), (50, 0.01, 0.6, 0.3), (8, 0.2, 0.3, 0.8)])
def test_cluster_against_statsmodels_times_design_effect(m, icc, cv, delta):
    de = 1 + ((cv ** 2 + 1) * m - 1) * icc
    assert ev.design_effect(m, icc, cv) == pytest.approx(de, rel=1e-15)
    # individuals per arm by statsmodels, inflated by DE and divided by m = clusters per arm
    n_ind = sm_power.NormalIndPower().solve_power(effect_size=delta, alpha=0.05, power=0.8, ratio=1.0)
    r = ev.power_cluster(delta, power=0.8, cluster_size=m, icc=icc, cv=cv)
    assert r.n == pytest.approx(n_ind * de / m, rel=1e-6)
    k = 7.0
    p = ev.power_cluster(delta, k, cluster_size=m, icc=icc, cv=cv)
    assert p.power == pytest.approx(sm_power.NormalIndPower().power(delta, k * m / de, 0.05), rel=1e-12)
    # t correction: a t test on cluster means (df 2(k - 1)) is TTestIndPower with d = delta / sd(cluster mean)
    t = ev.power_cluster(delta, k, cluster_size=m, icc=icc, cv=cv, t_correction=True)
    d = delta / math.sqrt(de / m)
    assert t.power == pytest.approx(sm_power.TTestIndPower().power(d, k, 0.05), rel=1e-9)
    assert t.df == 2 * (k - 1)
    kt = ev.power_cluster(delta, power=t.power, cluster_size=m, icc=icc, cv=cv, t_correction=True)
    assert kt.n == pytest.approx(k, rel=1e-8)


def test_cluster_binary_by_hand():
    # p0 0.2, p1 0.3, m 50, ICC 0.02, k 10: var = (0.16 + 0.21) 1.98 / 500
    r = ev.power_cluster(clusters_per_arm=10, outcome="binary", control_proportion=0.2, treated_proportion=0.3,
                         cluster_size=50, icc=0.02)
    se = math.sqrt(0.37 * 1.98 / 500)
    z = stats.norm.isf(0.025)
    assert r.power == pytest.approx(stats.norm.cdf(0.1 / se - z) + stats.norm.cdf(-0.1 / se - z), rel=1e-12)
    assert r.details["treated_proportion"] == pytest.approx(0.3)
    e = ev.power_cluster(clusters_per_arm=10, power=r.power, outcome="binary", control_proportion=0.2,
                         cluster_size=50, icc=0.02)
    assert e.effect == pytest.approx(0.1, rel=1e-8)


def test_cluster_bad_input():
    with pytest.raises(hp.DomainError, match=r"icc must lie in \[0, 1\), got 1"):
        ev.power_cluster(0.5, 5, cluster_size=10, icc=1.0)
    with pytest.raises(hp.DomainError, match="cluster_size must be finite and >= 1"):
        ev.power_cluster(0.5, 5, cluster_size=0.5, icc=0.1)
    with pytest.raises(hp.DomainError, match="needs control_proportion"):
        ev.power_cluster(0.1, 5, cluster_size=10, icc=0.1, outcome="binary")
    with pytest.raises(hp.DomainError, match="unknown outcome"):
        ev.power_cluster(0.1, 5, cluster_size=10, icc=0.1, outcome="count")


# ---- stepped wedge ------------------------------------------------------------------------------------------

def _gls_numpy(x, s2, t2):
    # numpy rewrite: stack every cluster-period, period dummies + treatment, block-diagonal covariance.
    i_n, t_n = x.shape
    z = np.zeros((i_n * t_n, t_n + 1))
    for i in range(i_n):
        z[i * t_n:(i + 1) * t_n, :t_n] = np.eye(t_n)
        z[i * t_n:(i + 1) * t_n, t_n] = x[i]
    v = np.kron(np.eye(i_n), s2 * np.eye(t_n) + t2 * np.ones((t_n, t_n)))
    info = z.T @ np.linalg.solve(v, z)
    return np.linalg.inv(info)[-1, -1]


@pytest.mark.parametrize("kind,kw", [("stepped_wedge", dict(steps=4, clusters_per_step=3)),
                                     ("stepped_wedge", dict(steps=3, clusters_per_step=2, baseline_periods=2)),
                                     ("parallel_baseline", dict(clusters_per_arm=4, periods=2, baseline_periods=2)),
                                     ("parallel", dict(clusters_per_arm=5, periods=3))])
def test_hussey_hughes_equals_numpy_gls(kind, kw):
    x = ev.stepped_wedge_design(kind, **kw)
    for t2 in (0.0, 0.02, 1.0):
        hh = _core.evaluation.hussey_hughes_variance(x, 0.25, t2)
        assert hh == pytest.approx(_gls_numpy(x, 0.25, t2), rel=1e-10)
        assert _core.evaluation.gls_variance(x, 0.25 * np.eye(x.shape[1]) + t2) == pytest.approx(hh, rel=1e-10)
    r = ev.power_stepped_wedge(kind, effect=0.3, m=20, sigma=1.0, tau=0.1, **kw)
    se = math.sqrt(_gls_numpy(x, 1 / 20, 0.01))
    z = stats.norm.isf(0.025)
    assert r.power == pytest.approx(stats.norm.cdf(0.3 / se - z) + stats.norm.cdf(-0.3 / se - z), rel=1e-10)


def test_stepped_wedge_solves_and_icc():
    r = ev.power_stepped_wedge(steps=4, clusters_per_step=3, effect=0.2, power=0.8, icc=0.05)
    tau = math.sqrt(0.05 / 0.95)
    assert r.details["tau"] == pytest.approx(tau)
    back = ev.power_stepped_wedge(steps=4, clusters_per_step=3, effect=0.2, m=r.n, tau=tau)
    assert back.power == pytest.approx(0.8, rel=1e-9)
    eff = ev.power_stepped_wedge(steps=4, clusters_per_step=3, m=r.n, power=0.8, tau=tau)
    assert eff.effect == pytest.approx(0.2, rel=1e-8)
    # a parallel design's power is bounded as m grows (var -> 4 tau^2 / I); a stepped wedge's is not
    with pytest.raises(hp.DomainError, match="cannot be reached"):
        ev.power_stepped_wedge("parallel", clusters_per_arm=3, periods=2, effect=0.1, power=0.9, tau=0.5)
    assert ev.power_stepped_wedge(steps=2, clusters_per_step=1, effect=0.1, power=0.9, tau=0.5).n > 0


def test_stepped_wedge_bad_designs():
    with pytest.raises(hp.DomainError, match=r"cluster 0, period 2 is 2; a design holds 0 \(control\) or 1"):
        ev.power_stepped_wedge([[0, 1, 2], [0, 0, 1]], effect=0.5, m=10)
    with pytest.raises(hp.DomainError, match="cluster 1 is never treated by the last period"):
        ev.power_stepped_wedge([[0, 1, 1], [0, 0, 0]], effect=0.5, m=10)
    with pytest.raises(hp.DomainError, match="cluster 0 is treated in the first period"):
        ev.power_stepped_wedge(np.array([[1, 1, 1], [0, 0, 1]]), effect=0.5, m=10)
    # the same matrix is fine when the design allows always-treated clusters
    r = ev.power_stepped_wedge(np.array([[1, 1, 1], [0, 0, 1], [0, 0, 0]]), effect=0.5, m=10, require_switch=False)
    assert 0 < r.power < 1
    with pytest.raises(hp.DomainError, match="not identified"):
        ev.power_stepped_wedge([[0, 1, 1], [0, 1, 1]], effect=0.5, m=10)


# ---- difference-in-differences ---------------------------------------------------------------------------------

@pytest.mark.parametrize("est", ["post", "did", "ancova"])
@pytest.mark.parametrize("m,r,rho", [(1, 1, 0.0), (3, 2, 0.5), (2, 4, 0.8)])
def test_did_factor_against_numpy_covariance(est, m, r, rho):
    n1, n0, sd = 4, 6, 1.3
    t_n = m + r
    within = sd ** 2 * ((1 - rho) * np.eye(t_n) + rho)
    if est == "ancova":
        x = np.zeros((n1 + n0, t_n))
        x[:n1, m:] = 1
        z = np.zeros(((n1 + n0) * t_n, t_n + 1))
        for i in range(n1 + n0):
            z[i * t_n:(i + 1) * t_n, :t_n] = np.eye(t_n)
            z[i * t_n:(i + 1) * t_n, t_n] = x[i]
        v = np.kron(np.eye(n1 + n0), within)
        var = np.linalg.inv(z.T @ np.linalg.solve(v, z))[-1, -1]
    else:
        var = 0.0
        for w in (1 / n1, -1 / n0):
            c = np.zeros(t_n)
            c[m:] = w / r
            if est == "did":
                c[:m] = -w / m
            var += (n1 if w > 0 else n0) * c @ within @ c
    f = _core.evaluation.did_variance_factor(est, m, r, rho)
    assert sd ** 2 * (1 / n1 + 1 / n0) * f == pytest.approx(var, rel=1e-10)
    res = ev.power_did(0.5, n1, sd=sd, rho=rho, pre_periods=m, post_periods=r, ratio=n0 / n1, estimator=est)
    assert res.standard_error == pytest.approx(math.sqrt(var), rel=1e-10)


def test_did_from_panel_estimates_sd_and_rho():
    rng = np.random.default_rng(3)
    units, periods = 400, 6
    u = rng.normal(0, math.sqrt(0.6), units)
    y = u[:, None] + rng.normal(0, math.sqrt(0.4), (units, periods)) + np.arange(periods)
    df = pd.DataFrame({"area": np.repeat([f"a{i}" for i in range(units)], periods),
                       "year": np.tile(np.arange(2010, 2010 + periods), units), "y": y.ravel()})
    mom = ev.panel_moments(df, unit="area", time="year", outcome="y")
    assert mom["sd"] == pytest.approx(1.0, abs=0.05)
    assert mom["rho"] == pytest.approx(0.6, abs=0.05)
    r = ev.power_did(0.3, power=0.8, data=df, unit="area", time="year", outcome="y", pre_periods=2, post_periods=2)
    assert r.details["estimated_rho"] == mom["rho"]
    assert r.power == 0.8 and r.solved == "n"


def test_did_bad_input():
    with pytest.raises(hp.DomainError, match=r"rho must lie in \[0, 1\), got 1"):
        ev.power_did(0.5, 10, rho=1.0)
    with pytest.raises(hp.DomainError, match="unknown estimator 'x'"):
        ev.power_did(0.5, 10, estimator="x")
    with pytest.raises(hp.DomainError, match="pre_periods and post_periods must be >= 1"):
        ev.power_did(0.5, 10, pre_periods=0)


# ---- simulation ----------------------------------------------------------------------------------------------

def test_twfe_matches_statsmodels_cluster_robust():
    smf = pytest.importorskip("statsmodels.formula.api")
    rng = np.random.default_rng(11)
    x = ev.PowerDesign.staggered({2: 3, 4: 3, None: 4}, periods=6).treatment
    y = rng.normal(size=x.shape) + 0.7 * x + rng.normal(size=(x.shape[0], 1))
    est = _core.evaluation.estimate_twfe(y, x)
    i, t = np.indices(x.shape)
    df = pd.DataFrame({"y": y.ravel(), "d": x.ravel(), "unit": i.ravel(), "period": t.ravel()})
    fit = smf.ols("y ~ d + C(unit) + C(period)", df).fit(cov_type="cluster", cov_kwds={"groups": df["unit"]},
                                                          use_t=True)
    assert est.estimate == pytest.approx(fit.params["d"], rel=1e-10)
    # statsmodels counts the unit dummies in K (N - 1)/(N - K); we do not (fixest's nested convention, Stata's
    # xtreg, fe): K = I + T there, T here.
    n_obs, n_units, n_periods = x.size, x.shape[0], x.shape[1]
    rescale = math.sqrt((n_obs - n_units - n_periods) / (n_obs - n_periods))
    assert est.se == pytest.approx(fit.bse["d"] * rescale, rel=1e-10)
    assert est.df == x.shape[0] - 1
    # the p-value uses the t on G - 1 df, as statsmodels' cluster inference with use_t
    p_sm = 2 * stats.t.sf(abs(fit.params["d"] / fit.bse["d"]), est.df)
    assert p_sm == pytest.approx(fit.pvalues["d"], rel=1e-8)


def test_cluster_means_matches_scipy_ttest():
    rng = np.random.default_rng(5)
    x = ev.PowerDesign.parallel(5, periods=4, baseline_periods=2).treatment
    y = rng.normal(size=x.shape)
    est = _core.evaluation.estimate_cluster_means(y, x)
    treated = x.sum(axis=1) > 0
    means = y[:, 2:].mean(axis=1)
    tt = stats.ttest_ind(means[treated], means[~treated])
    assert est.estimate / est.se == pytest.approx(tt.statistic, rel=1e-12)
    assert est.df == 8


def test_simulation_same_for_any_thread_count_and_python_path_sees_the_same_panels():
    d = ev.PowerDesign.parallel(8, periods=4, baseline_periods=2, unit_sd=0.5, rho=0.3, errors="ar1")
    a = ev.power_simulate(d, effect=0.6, n_sims=300, seed=9, threads=1)
    b = ev.power_simulate(d, effect=0.6, n_sims=300, seed=9, threads=2)
    assert a.power == b.power and a.details["mean_estimate"] == b.details["mean_estimate"]

    def twfe_pvalue(y, x):
        e = _core.evaluation.estimate_twfe(y, x)
        return 2 * stats.t.sf(abs(e.estimate / e.se), e.df)

    c = ev.power_simulate(d, effect=0.6, n_sims=300, seed=9, estimator=twfe_pvalue)
    assert c.details["rejections"] == a.details["rejections"]
    np.testing.assert_array_equal(d.panel(0.6, seed=9, index=17),
                                  _core.evaluation.simulate_panel(d.treatment, 0.6, 0.5, 0.0, 1.0, 0.3, "ar1", 9, 17))


def test_simulation_agrees_with_the_formulas():
    # cluster trial (t on cluster means) and DiD with equal correlation (TWFE): within 3 Monte Carlo SEs
    analytic = ev.power_cluster(0.4, 6, cluster_size=15, icc=0.08, t_correction=True).power
    d = ev.PowerDesign.parallel(6, periods=1).with_icc(0.08, cluster_size=15)
    s = ev.power_simulate(d, effect=0.4, n_sims=3000, seed=2, estimator="cluster_means")
    assert abs(s.power - analytic) < 3 * s.mc_se
    analytic = ev.power_did(0.3, 50, rho=0.6, pre_periods=2, post_periods=3).power
    d = ev.PowerDesign.parallel(50, periods=3, baseline_periods=2, rho=0.6, errors="equicorrelated", period_sd=1)
    s = ev.power_simulate(d, effect=0.3, n_sims=3000, seed=2)
    assert abs(s.power - analytic) < 3 * s.mc_se


def test_simulation_from_panel_and_bad_input():
    rng = np.random.default_rng(1)
    units, periods = 30, 5
    y = rng.normal(size=(units, periods)) + rng.normal(size=(units, 1))
    df = pd.DataFrame({"area": np.repeat([f"a{i}" for i in range(units)], periods),
                       "year": np.tile(np.arange(2015, 2020), units), "y": y.ravel(),
                       "adopt": np.repeat([2018 if i < 10 else None for i in range(units)], periods)})
    r = ev.power_simulate(df, effect=1.0, n_sims=200, seed=3, unit="area", time="year", outcome="y", adoption="adopt")
    assert r.details["units"] == 30 and 0 < r.power <= 1
    with pytest.raises(hp.DomainError, match="unit_sd must be finite and >= 0"):
        ev.power_simulate(ev.PowerDesign.parallel(5, periods=2, baseline_periods=1, unit_sd=-1), effect=1.0)
    with pytest.raises(hp.DomainError, match="a design holds 0"):
        ev.PowerDesign(np.array([[0, 0.5], [0, 1]]))
    with pytest.raises(hp.DomainError, match="needs ever-treated and never-treated units"):
        ev.power_simulate(ev.PowerDesign.stepped_wedge(3, 2), effect=1.0, estimator="cluster_means")
    with pytest.raises(hp.DataError, match="return a p-value"):
        ev.power_simulate(ev.PowerDesign.parallel(5, periods=2, baseline_periods=1), effect=1.0, n_sims=2,
                          estimator=lambda y, x: "no")


# ---- result objects ------------------------------------------------------------------------------------------

def test_power_result_summary_plot_html_pickle():
    import matplotlib

    matplotlib.use("Agg")
    r = ev.power_cluster(0.5, power=0.8, cluster_size=20, icc=0.05)
    s = r.summary().tables[0][1]
    assert list(s.columns) == ["value", "meaning", "solved"]
    assert s.loc["n", "solved"] == "solved"
    assert "clusters per arm" in repr(r) and "<table>" in r._repr_html_()
    assert r.to_frame().shape[0] == 1
    c = r.curve()
    assert np.all(np.diff(c["power"]) > 0)
    fig = r.plot()
    assert fig.axes[0].get_ylabel().startswith("power") and fig.axes[0].get_xlabel() == "clusters per arm"
    r2 = pickle.loads(pickle.dumps(r))
    assert r2.n == r.n and r2.to_frame().equals(r.to_frame())
    sim = ev.power_simulate(ev.PowerDesign.parallel(10, periods=2, baseline_periods=1), effect=0.8, n_sims=100)
    assert sim.plot().axes[0].get_xlabel() == "treatment effect"
    assert pickle.loads(pickle.dumps(sim)).power == sim.power


def test_docstring_examples_run():
    import doctest

    import healthyplaces.evaluation._power as module

    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0 and result.attempted >= 15
