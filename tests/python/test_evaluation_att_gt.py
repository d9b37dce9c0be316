"""hp.evaluation.att_gt / aggte (Callaway and Sant'Anna 2021).

References: R's did on its mpdta example (values written at full precision by d2cml-ai/csdid's
csdid/test_csdid/r_ref/generate_reference.R, did 2.x, bstrap = FALSE); a numpy/statsmodels rewrite of the
published estimators (Sant'Anna and Zhao 2020 eq. 3.1 and its influence function; Callaway and Sant'Anna 2021
sec. 4) on a simulated panel with covariates; simulated panels with known heterogeneous effects.
"""
from __future__ import annotations

import doctest
import pickle
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

import healthyplaces as hp

DATA = Path(__file__).resolve().parents[1] / "data" / "mpdta.csv"


@pytest.fixture(scope="module")
def mpdta() -> pd.DataFrame:
    return pd.read_csv(DATA)


def _fit(df, **kw):
    kw.setdefault("n_resamples", 0)
    return hp.evaluation.att_gt(df, unit="countyreal", time="year", outcome="lemp", adoption="first.treat", **kw)


# R did, mpdta, never-treated controls, dr, xformla = ~1 (ref_attgt.csv "mpdta_nev_dr").
R_NEV_DR = {
    (2004, 2004): (-0.0105032462209624, 0.0232510363681664),
    (2004, 2007): (-0.100811363085404, 0.0343592258346732),
    (2006, 2005): (-0.00275081875051882, 0.0195585610358817),
    (2007, 2004): (0.0305066555832928, 0.01503356028013),
    (2007, 2007): (-0.0260544107191966, 0.0166554353492522),
}


def test_mpdta_matches_r_did(mpdta):
    res = _fit(mpdta)
    table = res.to_frame().set_index(["group", "period"])
    assert len(table) == 12
    for cell, (att, se) in R_NEV_DR.items():
        assert table.loc[cell, "att"] == pytest.approx(att, abs=1e-12)
        assert table.loc[cell, "se"] == pytest.approx(se, abs=1e-12)
    # aggte, bstrap = FALSE (ref_aggte.csv)
    simple = res.aggregate("simple")
    assert simple.overall_att == pytest.approx(-0.0399512751551763, abs=1e-12)
    assert simple.overall_se == pytest.approx(0.0120340127701854, abs=1e-12)
    dyn = res.aggte("dynamic")
    assert list(dyn.label) == [-3, -2, -1, 0, 1, 2, 3]
    assert dyn.overall_att == pytest.approx(-0.0772398214573151, abs=1e-12)
    assert dyn.overall_se == pytest.approx(0.0199649890618494, abs=1e-12)
    grp = hp.evaluation.aggte(res, "group")
    assert grp.statistic == pytest.approx(-0.0310182822287484, abs=1e-12)
    assert grp.se[0] == pytest.approx(0.0263677994350273, abs=1e-12)
    # did's Wald pre-test (ref_pretest.csv: W = 7.79123662720035, p = 0.16812, also printed in did's README)
    w, p, df = res.pretest()
    assert w == pytest.approx(7.79123662720035, abs=1e-9)
    assert round(p, 5) == 0.16812 and df == 5
    cal = res.aggregate("calendar")
    assert cal.att[2] == pytest.approx(-0.0488159842650431, abs=1e-12)
    assert cal.overall_se == pytest.approx(0.01597185188456, abs=1e-12)


def test_mpdta_not_yet_treated_and_covariate(mpdta):
    nyt = _fit(mpdta, control="notyet").to_frame().set_index(["group", "period"])
    assert nyt.loc[(2004, 2004), "att"] == pytest.approx(-0.0193723636759221, abs=1e-12)
    assert nyt.loc[(2006, 2006), "se"] == pytest.approx(0.0163355842468236, abs=1e-12)
    reg = _fit(mpdta, estimator="reg", covariates=["lpop"])
    t = reg.to_frame().set_index(["group", "period"])
    assert t.loc[(2004, 2006), "att"] == pytest.approx(-0.141080104628588, abs=1e-12)
    assert t.loc[(2007, 2005), "se"] == pytest.approx(0.0156699660373289, abs=1e-12)
    assert reg.aggregate("dynamic").overall_att == pytest.approx(-0.0807817453337615, abs=1e-12)
    assert reg.pretest()[0] == pytest.approx(6.8612749537136, abs=1e-9)


# --- a numpy/statsmodels rewrite of the estimator ----------------------------------------------------------

def _drdid_numpy(y1, y0, d, x, kind):
    """Sant'Anna-Zhao panel estimators from their formulas: logit by statsmodels GLM, OLS by lstsq."""
    n = len(d)
    dy = y1 - y0
    if kind in ("dr", "ipw"):
        ps = sm.GLM(d, x, family=sm.families.Binomial()).fit(tol=1e-14).fittedvalues
        ps = np.minimum(ps, 1 - 1e-6)
        keep = (d == 1) | (ps < 0.995)
        hess = np.linalg.inv((x * (ps * (1 - ps))[:, None]).T @ x) * n
        alr_ps = ((d - ps)[:, None] * x) @ hess
    ctl = d == 0
    if kind in ("dr", "reg"):
        beta = np.linalg.lstsq(x[ctl], dy[ctl], rcond=None)[0]
        fit = x @ beta
        xpx_inv = np.linalg.inv(x[ctl].T @ x[ctl] / n)
        alr_ols = ((1 - d) * (dy - fit))[:, None] * x @ xpx_inv
    if kind == "reg":
        eta_t = np.mean(d * dy) / np.mean(d)
        eta_c = np.mean(d * fit) / np.mean(d)
        inf_t = (d * dy - d * eta_t) / np.mean(d)
        inf_c = (d * fit - d * eta_c + alr_ols @ (x.T @ d / n)) / np.mean(d)
        return eta_t - eta_c, inf_t - inf_c
    wt = keep * d
    wc = keep * ps * (1 - d) / (1 - ps)
    r = dy - fit if kind == "dr" else dy
    eta_t = np.mean(wt * r) / np.mean(wt)
    eta_c = np.mean(wc * r) / np.mean(wc)
    m2 = np.mean((wc * (r - eta_c))[:, None] * x, axis=0)
    inf_t = wt * r - wt * eta_t
    inf_c = wc * r - wc * eta_c + alr_ps @ m2
    if kind == "dr":
        inf_t = inf_t - alr_ols @ np.mean(wt[:, None] * x, axis=0)
        inf_c = inf_c - alr_ols @ np.mean(wc[:, None] * x, axis=0)
    return eta_t - eta_c, inf_t / np.mean(wt) - inf_c / np.mean(wc)


def _att_gt_numpy(y, g, x, kind, control="never"):
    """Callaway-Sant'Anna cells with a varying base period; y units x periods (periods 1..T), g cohorts
    (0 = never), x a time-invariant covariate."""
    n, T = y.shape
    out = {}
    for gg in sorted(set(g[g > 0])):
        for t in range(2, T + 1):
            base = gg - 1 if t >= gg else t - 1
            ctl = (g == 0) if control == "never" else ((g == 0) | ((g > max(t, base)) & (g != gg)))
            rows = (g == gg) | ctl
            X = np.column_stack([np.ones(rows.sum()), x[rows]])
            att, psi = _drdid_numpy(y[rows, t - 1], y[rows, base - 1], (g[rows] == gg).astype(float), X, kind)
            full = np.zeros(n)
            full[rows] = psi * n / rows.sum()
            out[(gg, t)] = (att, np.sqrt(np.mean(full ** 2) / n))
    return out


def _simulate(n=1500, T=5, seed=1, effect=None):
    """Staggered adoption at periods 3, 4, 5 or never; trends depend on x, adoption more likely for large x
    (parallel trends only conditionally on x); effect(g, t) added from adoption on."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    score = rng.normal(size=n) + 0.8 * x
    g = np.where(score > 1.0, 3, np.where(score > 0.3, 4, np.where(score > -0.3, 5, 0)))
    unit_fe = rng.normal(size=n) + 0.5 * x
    y = np.empty((n, T))
    for t in range(1, T + 1):
        y[:, t - 1] = unit_fe + 0.3 * t + 0.4 * t * x + rng.normal(scale=0.5, size=n)
        if effect is not None:
            for gg in (3, 4, 5):
                m = (g == gg) & (t >= gg)
                y[m, t - 1] += effect(gg, t)
    return y, g, x


def _frame(y, g, x):
    n, T = y.shape
    return pd.DataFrame({"unit": np.repeat(np.arange(n), T).astype(str), "period": np.tile(np.arange(1, T + 1), n),
                         "y": y.ravel(), "g": np.repeat(g, T), "x": np.repeat(x, T)})


@pytest.mark.parametrize("kind", ["dr", "ipw", "reg"])
@pytest.mark.parametrize("control", ["never", "notyet"])
def test_matches_numpy_rewrite_with_a_covariate(kind, control):
    y, g, x = _simulate(n=800, seed=3)
    ref = _att_gt_numpy(y, g, x, kind, control)
    res = hp.evaluation.att_gt(_frame(y, g, x), unit="unit", time="period", outcome="y", adoption="g",
                               covariates=["x"], estimator=kind, control=control, n_resamples=0)
    table = res.to_frame().set_index(["group", "period"])
    assert len(table) == len(ref)
    for cell, (att, se) in ref.items():
        # statsmodels' IRLS stops at its own tolerance: agreement to ~1e-9 relative
        assert table.loc[cell, "att"] == pytest.approx(att, rel=1e-8, abs=1e-10)
        assert table.loc[cell, "se"] == pytest.approx(se, rel=1e-8)


def test_recovers_known_heterogeneous_effects():
    # Effects differ by cohort and grow with exposure: ATT(g, t) = 1 + 0.5 (t - g) + 0.3 g.
    effect = lambda g, t: 1 + 0.5 * (t - g) + 0.3 * g  # noqa: E731
    y, g, x = _simulate(n=4000, T=6, seed=11, effect=effect)
    df = _frame(y, g, x)
    for est in ("dr", "ipw", "reg"):
        res = hp.evaluation.att_gt(df, unit="unit", time="period", outcome="y", adoption="g", covariates=["x"],
                                   estimator=est, n_resamples=999, seed=5)
        s = res.to_frame()
        truth = np.where(s.period >= s.group, [effect(a, b) for a, b in zip(s.group, s.period)], 0.0)
        z = (s.att - truth) / s.se
        assert np.all(np.abs(z) < 4), (est, z.round(2).tolist())
        # the simultaneous band covers every true value (fixed seed)
        assert np.all((s.ci_low <= truth) & (truth <= s.ci_high)), est
        dyn = res.aggregate("dynamic")
        for e, att, se in zip(dyn.label, dyn.att, dyn.se):
            cells = s[(s.period - s.group == e)]
            w = np.array([(g == c).sum() for c in cells.group], float)
            true_e = np.sum(w * np.where(e >= 0, [effect(a, b) for a, b in zip(cells.group, cells.period)], 0)) / w.sum()
            assert abs(att - true_e) < 4 * se, (est, e)
    # Unconditional DiD is biased here (trends depend on x, which drives adoption): the covariate matters.
    naive = hp.evaluation.att_gt(df, unit="unit", time="period", outcome="y", adoption="g", n_resamples=0)
    s = naive.to_frame()
    post = s[s.period >= s.group]
    truth = np.array([effect(a, b) for a, b in zip(post.group, post.period)])
    assert np.max(np.abs((post.att - truth) / post.se)) > 4


def test_bootstrap_is_reproducible_and_thread_independent(mpdta):
    a = _fit(mpdta, n_resamples=500, seed=9, threads=1)
    b = _fit(mpdta, n_resamples=500, seed=9, threads=2)
    c = _fit(mpdta, n_resamples=500, seed=10, threads=2)
    np.testing.assert_array_equal(a.se, b.se)
    assert a.critical_value == b.critical_value
    assert not np.array_equal(a.se, c.se)
    assert a.uniform and a.critical_value > 1.96
    # aggregation reuses the run's bootstrap settings; bands are wider than pointwise intervals
    dyn = a.aggregate("dynamic")
    assert dyn.uniform and dyn.critical_value > 1.96
    assert np.all(dyn.ci_high - dyn.ci_low > 2 * 1.959 * dyn.se)


def test_result_objects(mpdta, tmp_path):
    res = _fit(mpdta, n_resamples=200, seed=1)
    s = res.to_frame()
    assert list(s.columns[:6]) == ["group", "period", "att", "se", "ci_low", "ci_high"]
    assert "ATTgtResult(12 group-time effects, 3 cohorts, 500 units" in repr(res)
    assert "<table" in res._repr_html_()
    assert np.all(res.ci_low < res.att) and np.all(res.att < res.ci_high)
    assert res.pvalues.shape == (12,)
    # the headline is the simple aggregation (R did: aggte(type = "simple") gives -0.0400 on mpdta)
    simple = res.aggregate("simple")
    assert res.statistic == simple.statistic and res.pvalue == simple.pvalue
    low, high = res.confidence_interval()
    assert low < res.statistic < high and (low, high) == simple.confidence_interval()
    narrow = res.confidence_interval(0.8)
    assert low < narrow.low < narrow.high < high
    back = pickle.loads(pickle.dumps(res))
    np.testing.assert_array_equal(back.att, res.att)
    np.testing.assert_array_equal(back.se, res.se)
    assert back.aggregate("group").overall_att == res.aggregate("group").overall_att
    agg = res.aggregate("dynamic")
    t = agg.to_frame()
    assert t.iloc[-1, 0] == "overall" and len(t) == 8
    assert "AggregateResult(kind=dynamic" in repr(agg)
    assert "<table" in agg._repr_html_()
    assert pickle.loads(pickle.dumps(agg)).to_frame().equals(t)
    ax = agg.plot().axes[0]
    assert ax.get_xlabel() == "years since adoption"
    fig = res.plot()
    ax = fig.axes[0]
    assert ax.get_ylabel().startswith("ATT(g, t)") and ax.get_xlabel() == "year"
    # the legend says which points are before adoption, whichever cohort has them
    assert any("before adoption" in t.get_text() for t in ax.get_legend().get_texts())
    assert all(float(t).is_integer() for t in ax.get_xticks())
    fig.savefig(tmp_path / "attgt.png")
    assert list(simple.to_frame()["label"]) == ["overall"]


def test_confidence_level_in_per_cent_suggests_the_proportion(mpdta):
    # one check (hp::stats::check_confidence_level) for the run, its aggregation and augsynth
    with pytest.raises(hp.DomainError, match=r"confidence_level .* got 95 \(did you mean 0\.95\?\)"):
        _fit(mpdta, confidence_level=95)
    with pytest.raises(hp.DomainError, match=r"did you mean 0\.9\?"):
        _fit(mpdta).aggregate("dynamic", confidence_level=90)
    with pytest.raises(hp.DomainError, match=r"did you mean 0\.95\?"):
        hp.evaluation.augsynth(hp.datasets.smoking(), unit="state", time="year", outcome="cigsale",
                               treated="California", treatment_period=1989, confidence_level=95)


def test_panel_input_and_universal_base(mpdta):
    panel = hp.evaluation.Panel.from_frame(mpdta, unit="countyreal", time="year", outcome="lemp",
                                           adoption="first.treat", covariates=["lpop"])
    a = hp.evaluation.att_gt(panel, covariates=["lpop"], estimator="reg", n_resamples=0)
    b = _fit(mpdta, covariates=["lpop"], estimator="reg")
    np.testing.assert_array_equal(a.att, b.att)
    u = _fit(mpdta, base_period="universal")
    s = u.to_frame().set_index(["group", "period"])
    assert len(s) == 15  # every period including 2003, against g - 1
    assert s.loc[(2006, 2005), "att"] == 0.0 and np.isnan(s.loc[(2006, 2005), "se"])
    # universal pre-period cell (2006, 2004) = -(varying cell (2006, 2005))
    v = _fit(mpdta).to_frame().set_index(["group", "period"])
    assert s.loc[(2006, 2004), "att"] == pytest.approx(-v.loc[(2006, 2005), "att"], abs=1e-14)


def test_bad_input_names_unit_and_period(mpdta):
    holed = mpdta.drop(index=7)  # county 8019, 2005
    with pytest.raises(hp.DomainError, match=r"8019.*2005|2005.*8019"):
        _fit(holed)
    early = mpdta.copy()
    early.loc[early.countyreal == 8001, "first.treat"] = 2003
    with pytest.raises(hp.DomainError, match='unit "8001" adopts in period 2003'):
        _fit(early)
    with pytest.raises(hp.DomainError, match="control must be"):
        _fit(mpdta, control="sometimes")
    with pytest.raises(hp.DomainError, match="estimator must be"):
        _fit(mpdta, estimator="ols")
    with pytest.raises(hp.DomainError, match="n_resamples"):
        _fit(mpdta, n_resamples=-1)
    with pytest.raises(hp.DomainError, match="unknown aggregation"):
        _fit(mpdta).aggregate("weekly")
    missing = mpdta.copy()
    missing.loc[0, "lpop"] = np.nan  # county 8001, 2003
    with pytest.raises(hp.DataError, match='covariate "lpop" is missing for unit "8001", period 2003'):
        _fit(missing, covariates=["lpop"])
    with pytest.raises(hp.DataError, match="no column 'population'"):
        _fit(mpdta, covariates=["population"])
    # a covariate that separates treated from controls: the logit error names the cell
    sep = mpdta.copy()
    sep["flag"] = (sep["first.treat"] == 2004).astype(float)
    with pytest.raises(hp.DomainError, match="separate the two classes perfectly.*|collinear"):
        _fit(sep, covariates=["flag"])


def test_docstring_and_doc_page_examples_run():
    import healthyplaces.evaluation._att_gt as module
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
    page = Path(__file__).resolve().parents[2] / "docs" / "evaluation-staggered.md"
    blocks = re.findall(r"```python\n(.*?)```", page.read_text(), re.S)
    assert blocks
    for block in blocks:
        exec(block, {})  # noqa: S102 - the user guide's own example
