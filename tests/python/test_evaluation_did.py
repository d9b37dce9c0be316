"""hp.evaluation.did / event_study / bacon and the OLS engine under them, against statsmodels' OLS on the same
design (to 1e-10: params, standard errors, p-values, intervals and Wald tests for nonrobust, HC1 and cluster
covariances, t and normal references), Card and Krueger's Table 3 by hand, simulated panels with known effects
and the Goodman-Bacon identity (weights sum to 1, the weighted sum of 2x2s is the two-way estimate)."""
from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest

sm = pytest.importorskip("statsmodels.api")
smf = pytest.importorskip("statsmodels.formula.api")

import healthyplaces as hp  # noqa: E402
from healthyplaces import _core  # noqa: E402

TOL = dict(rtol=1e-10, atol=1e-12)
COV_TYPES = ["nonrobust", "HC1", "cluster"]


def _sm_fit(model, cov_type, groups, use_t):
    if cov_type == "cluster":
        return model.fit(cov_type="cluster", cov_kwds={"groups": groups}, use_t=use_t)
    return model.fit(cov_type=cov_type, use_t=use_t)


# -- the OLS engine ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("cov_type", COV_TYPES)
@pytest.mark.parametrize("use_t", [True, False])
def test_ols_matches_statsmodels(cov_type, use_t):
    rng = np.random.default_rng(7)
    n = 120
    X = np.column_stack([np.ones(n), rng.normal(size=n), rng.integers(0, 2, n), rng.gamma(2.0, size=n)])
    groups = rng.integers(0, 15, n)
    # heteroskedastic, cluster-correlated errors so the three covariances differ
    y = X @ [1.0, 0.5, -2.0, 0.3] + rng.normal(size=n) * (1 + X[:, 3]) + rng.normal(size=15)[groups]
    ours = _core.numerics.ols(X, y, ["const", "x1", "x2", "x3"], cov_type=cov_type, use_t=use_t,
                                clusters=groups.astype(np.int64))
    ref = _sm_fit(sm.OLS(y, X), cov_type, groups, use_t)
    np.testing.assert_allclose(ours.params, ref.params, **TOL)
    np.testing.assert_allclose(ours.bse, ref.bse, **TOL)
    np.testing.assert_allclose(ours.cov, ref.cov_params(), **TOL)
    np.testing.assert_allclose(ours.statistic, ref.tvalues, **TOL)
    np.testing.assert_allclose(ours.pvalues, ref.pvalues, **TOL)
    ci = ref.conf_int(alpha=0.05)
    np.testing.assert_allclose(ours.ci_low, ci[:, 0], **TOL)
    np.testing.assert_allclose(ours.ci_high, ci[:, 1], **TOL)
    np.testing.assert_allclose(ours.ssr, ref.ssr, **TOL)
    assert ours.df_resid == ref.df_resid
    if use_t:
        assert ours.df == (15 - 1 if cov_type == "cluster" else n - 4)
    # joint Wald test of x1 and x2 (statsmodels: F with use_t, chi2 without)
    stat, p, df_num, df_denom, is_f = ours.wald_test([1, 2])
    w = ref.wald_test(np.eye(4)[[1, 2]], scalar=True)
    assert is_f == use_t
    np.testing.assert_allclose([stat, p], [w.statistic, w.pvalue], rtol=1e-9, atol=1e-300)
    assert df_num == 2


def test_ols_collinear_term_is_named():
    x = np.arange(6.0)
    X = np.column_stack([np.ones(6), x, 3 * x - 1])
    with pytest.raises(hp.DomainError, match=r'term "beds x 3" is a linear combination of the terms before it \(const, beds\)'):
        _core.numerics.ols(X, x ** 2, ["const", "beds", "beds x 3"])
    with pytest.raises(hp.DomainError, match="needs groups="):
        _core.numerics.ols(X[:, :2], x ** 2, ["const", "beds"], cov_type="cluster")
    with pytest.raises(hp.DomainError, match='unknown cov_type "HC0"'):
        _core.numerics.ols(X[:, :2], x ** 2, ["const", "beds"], cov_type="HC0")


# -- 2x2 difference-in-differences ---------------------------------------------------------------------------------

def card_krueger() -> pd.DataFrame:
    # Stores whose group means are exactly Card and Krueger's (1994) Table 3 FTE means: New Jersey 20.44 before,
    # 21.03 after; Pennsylvania 23.33 before, 21.17 after. NJ before 19.44 + 21.44 + 20.00 + 20.88 = 81.76 = 4 x 20.44,
    # after 20.03 + 22.03 + 21.50 + 20.56 = 84.12 = 4 x 21.03; PA before 22.33 + 24.33 + 23.33 = 69.99 = 3 x 23.33,
    # after 20.17 + 21.67 + 21.67 = 63.51 = 3 x 21.17.
    before = {"NJ1": 19.44, "NJ2": 21.44, "NJ3": 20.00, "NJ4": 20.88, "PA1": 22.33, "PA2": 24.33, "PA3": 23.33}
    after = {"NJ1": 20.03, "NJ2": 22.03, "NJ3": 21.50, "NJ4": 20.56, "PA1": 20.17, "PA2": 21.67, "PA3": 21.67}
    rows = [(s, 1, v) for s, v in before.items()] + [(s, 2, v) for s, v in after.items()]
    df = pd.DataFrame(rows, columns=["store", "wave", "fte"])
    df["nj"] = df["store"].str.startswith("NJ").astype(int)
    df["min_wage"] = ((df["nj"] == 1) & (df["wave"] == 2)).astype(int)
    return df


def test_card_krueger_by_hand():
    # DiD from the rounded Table 3 means: (21.03 - 20.44) - (21.17 - 23.33) = 0.59 - (-2.16) = 2.75. The published
    # 2.76 comes from unrounded means; rounding four means by up to 0.005 each moves the difference by <= 0.02.
    df = card_krueger()
    for cov_type in COV_TYPES:
        r = hp.evaluation.did(df, unit="store", time="wave", outcome="fte", treated="min_wage", cov_type=cov_type)
        assert r.method == "2x2"
        assert r.statistic == pytest.approx(2.75, abs=1e-12)
        assert abs(r.statistic - 2.76) <= 0.02
        t = r.table
        assert t.loc["treated", "before"] == pytest.approx(20.44, abs=1e-12)
        assert t.loc["treated", "after"] == pytest.approx(21.03, abs=1e-12)
        assert t.loc["control", "before"] == pytest.approx(23.33, abs=1e-12)
        assert t.loc["control", "after"] == pytest.approx(21.17, abs=1e-12)
        assert t.loc["difference", "change"] == pytest.approx(2.75, abs=1e-12)
        assert t.loc["treated", "change"] == pytest.approx(0.59, abs=1e-12)


def simulated_two_period(n=40, seed=3, covariate=True) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    unit = np.repeat([f"area{i:02d}" for i in range(n)], 2)
    period = np.tile([2019, 2021], n)
    treat = np.repeat(rng.random(n) < 0.4, 2).astype(int)
    post = (period == 2021).astype(int)
    x = rng.normal(size=2 * n)
    y = 10 + 2 * treat + 1.5 * post + 3.0 * treat * post + 0.7 * x + np.repeat(rng.normal(size=n), 2) + \
        rng.normal(size=2 * n) * (1 + treat)
    return pd.DataFrame({"unit": unit, "year": period, "y": y, "treat": treat, "post": post, "D": treat * post,
                         "beds": x})


@pytest.mark.parametrize("cov_type", COV_TYPES)
@pytest.mark.parametrize("use_t", [True, False])
@pytest.mark.parametrize("covariates", [(), ("beds",)])
def test_did_2x2_matches_statsmodels(cov_type, use_t, covariates):
    df = simulated_two_period()
    r = hp.evaluation.did(df, unit="unit", time="year", outcome="y", treated="D", covariates=covariates,
                          cov_type=cov_type, use_t=use_t)
    formula = "y ~ treat + post + treat:post" + "".join(f" + {c}" for c in covariates)
    groups = pd.factorize(df["unit"])[0]
    ref = _sm_fit(smf.ols(formula, data=df), cov_type, groups, use_t)
    term = "treat:post"
    assert r.statistic == pytest.approx(ref.params[term], rel=1e-10)
    assert r.standard_error == pytest.approx(ref.bse[term], rel=1e-10)
    assert r.pvalue == pytest.approx(ref.pvalues[term], rel=1e-10)
    lo, hi = ref.conf_int(alpha=0.05).loc[term]
    assert r.confidence_interval() == pytest.approx((lo, hi), rel=1e-10)
    lo, hi = ref.conf_int(alpha=0.1).loc[term]
    assert r.confidence_interval(0.9) == pytest.approx((lo, hi), rel=1e-10)
    np.testing.assert_allclose(r.coefficients["estimate"].to_numpy(),
                               ref.params[["Intercept", "treat", "post", "treat:post", *covariates]].to_numpy(), **TOL)
    assert r.n_obs == 80
    assert r.n_clusters == (40 if cov_type == "cluster" else 0)
    assert r.df == (39 if cov_type == "cluster" else 80 - 4 - len(covariates)) if use_t else np.isinf(r.df)


# -- two-way fixed effects -----------------------------------------------------------------------------------------

def staggered(n=30, periods=range(2015, 2023), cohorts=(2017, 2019, 2021), effect=2.0, seed=11, drop=0,
              dynamic=False, never=True) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    periods = np.asarray(list(periods))
    rows = []
    for i in range(n):
        k = len(cohorts) + (1 if never else 0)  # every k-th unit is never treated
        g = cohorts[i % k] if i % k < len(cohorts) else 0
        a = rng.normal()
        for t in periods:
            e = t - g if g else None
            eff = 0.0 if not g or t < g else (effect * (1 + e) if dynamic else effect)
            rows.append((f"u{i:03d}", t, a + 0.3 * (t - periods[0]) + eff + rng.normal(), g, rng.normal()))
    df = pd.DataFrame(rows, columns=["unit", "year", "y", "first", "staff"])
    df["D"] = ((df["first"] > 0) & (df["year"] >= df["first"])).astype(int)
    if drop:
        df = df.drop(rng.choice(len(df), size=drop, replace=False)).reset_index(drop=True)
    return df


@pytest.mark.parametrize("cov_type", COV_TYPES)
@pytest.mark.parametrize("drop", [0, 9])
def test_did_twfe_matches_statsmodels_dummies(cov_type, drop):
    df = staggered(drop=drop)
    r = hp.evaluation.did(df, unit="unit", time="year", outcome="y", adoption="first", covariates=["staff"],
                          cov_type=cov_type)
    assert r.method == "twfe"
    groups = pd.factorize(df["unit"])[0]
    ref = _sm_fit(smf.ols("y ~ D + staff + C(unit) + C(year)", data=df), cov_type, groups, True)
    assert r.statistic == pytest.approx(ref.params["D"], rel=1e-10)
    assert r.standard_error == pytest.approx(ref.bse["D"], rel=1e-10)
    assert r.pvalue == pytest.approx(ref.pvalues["D"], rel=1e-9)
    assert r.coefficients.loc["staff", "estimate"] == pytest.approx(ref.params["staff"], rel=1e-10)
    assert r.coefficients.loc["staff", "std_error"] == pytest.approx(ref.bse["staff"], rel=1e-10)
    assert r.n_params == len(ref.params)
    assert np.isnan(r.table.loc["treated", "before"])  # staggered: no single "after"


def test_did_2x2_pooled_over_many_periods():
    # one adoption period, six years: the 2x2 pools before/after; on a balanced panel the two-way estimate is the
    # same number (the fixed effects span treat and post), with a different standard error
    df = staggered(n=24, periods=range(2016, 2022), cohorts=(2019,), seed=6)
    r = hp.evaluation.did(df, unit="unit", time="year", outcome="y", adoption="first", method="2x2")
    data = df.assign(treat=(df["first"] > 0).astype(int), post=(df["year"] >= 2019).astype(int))
    ref = smf.ols("y ~ treat + post + treat:post", data=data).fit(
        cov_type="cluster", cov_kwds={"groups": pd.factorize(df["unit"])[0]}, use_t=True)
    assert r.statistic == pytest.approx(ref.params["treat:post"], rel=1e-10)
    assert r.standard_error == pytest.approx(ref.bse["treat:post"], rel=1e-10)
    tw = hp.evaluation.did(df, unit="unit", time="year", outcome="y", adoption="first", method="twfe")
    assert tw.statistic == pytest.approx(r.statistic, rel=1e-10)
    assert r.table.loc["difference", "change"] == pytest.approx(r.statistic, rel=1e-10)


def test_did_recovers_a_known_effect():
    # 300 units, 8 years, three cohorts and never treated, constant effect 2: the estimate is within 2 standard
    # errors of 2 (a 95% statement; the seed is fixed so the test is deterministic) and the SE is sensible.
    df = staggered(n=300, effect=2.0, seed=5)
    r = hp.evaluation.did(df, unit="unit", time="year", outcome="y", adoption="first")
    assert abs(r.statistic - 2.0) < 2 * r.standard_error
    assert 0.02 < r.standard_error < 0.2
    lo, hi = r.confidence_interval()
    assert lo < 2.0 < hi


# -- event study ---------------------------------------------------------------------------------------------------

def _event_dummies(df: pd.DataFrame, reference=-1, low=None, high=None) -> tuple[pd.DataFrame, list[str]]:
    """The event-time dummies written independently with pandas: e = year - first for treated units, binned."""
    out = df.copy()
    e = (out["year"] - out["first"]).where(out["first"] > 0)
    if low is not None:
        e = e.where(~(e < low), low)
    if high is not None:
        e = e.where(~(e > high), high)
    names = []
    for v in sorted(x for x in e.dropna().unique() if x != reference):
        name = f"e_m{int(-v)}" if v < 0 else f"e_p{int(v)}"
        out[name] = (e == v).astype(float)
        names.append(name)
    return out, names


@pytest.mark.parametrize("cov_type", COV_TYPES)
@pytest.mark.parametrize("window, covariates", [(None, ()), ((-3, 3), ()), ((-2, 4), ("staff",))])
def test_event_study_matches_statsmodels(cov_type, window, covariates):
    df = staggered(n=24, seed=2, drop=5, dynamic=True)
    r = hp.evaluation.event_study(df, unit="unit", time="year", outcome="y", adoption="first", cov_type=cov_type,
                                  window=window, covariates=covariates)
    low, high = (None, None) if window is None else window
    data, names = _event_dummies(df, low=low, high=high)
    groups = pd.factorize(data["unit"])[0]
    formula = "y ~ " + " + ".join([*names, *covariates]) + " + C(unit) + C(year)"
    ref = _sm_fit(smf.ols(formula, data=data), cov_type, groups, True)
    est = r.estimates[~r.estimates["reference"]]
    np.testing.assert_allclose(est["estimate"], ref.params[names], **TOL)
    np.testing.assert_allclose(est["std_error"], ref.bse[names], **TOL)
    np.testing.assert_allclose(est["pvalue"], ref.pvalues[names], rtol=1e-9)
    ci = ref.conf_int().loc[names]
    np.testing.assert_allclose(est["ci_low"], ci[0], **TOL)
    leads = [n for n in names if n.startswith("e_m")]
    R = np.zeros((len(leads), len(ref.params)))
    for k, n in enumerate(leads):
        R[k, list(ref.params.index).index(n)] = 1
    w = ref.wald_test(R, scalar=True)
    assert r.pretrend.statistic == pytest.approx(w.statistic, rel=1e-9)
    assert r.pretrend.pvalue == pytest.approx(w.pvalue, rel=1e-9)
    assert r.pretrend.distribution == "F"
    ref_row = r.estimates[r.estimates["reference"]]
    assert ref_row["event_time"].tolist() == [-1] and ref_row["estimate"].tolist() == [0.0]


def test_event_study_recovers_dynamic_effects():
    # effect 2 (1 + e) from adoption on, none before: every estimate within 2 SE of the truth (fixed seed).
    df = staggered(n=400, seed=8, dynamic=True)
    r = hp.evaluation.event_study(df, unit="unit", time="year", outcome="y", adoption="first")
    est = r.estimates[~r.estimates["reference"]]
    truth = np.where(est["event_time"] >= 0, 2.0 * (1 + est["event_time"]), 0.0)
    z = (est["estimate"] - truth) / est["std_error"]
    assert (np.abs(z) < 2.5).all(), z.tolist()  # 11 coefficients: 2.5 SE keeps a fixed-seed test honest
    assert r.pretrend.pvalue > 0.01


# -- Goodman-Bacon ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("never", [True, False])
def test_bacon_weights_and_identity(never):
    df = staggered(n=40, cohorts=(2016, 2018, 2019, 2021) if never else (2016, 2018, 2019, 2021, 2022),
                   seed=4, dynamic=True, never=never)
    if not never:
        assert (df["first"] > 0).all()
    r = hp.evaluation.bacon(df, unit="unit", time="year", outcome="y", adoption="first")
    ref = smf.ols("y ~ D + C(unit) + C(year)", data=df).fit()
    assert r.twfe == pytest.approx(ref.params["D"], rel=1e-10)
    assert r.comparisons["weight"].sum() == pytest.approx(1.0, abs=1e-12)
    assert r.weighted_sum == pytest.approx(r.twfe, rel=1e-10)
    assert (r.comparisons["weight"] > 0).all()
    k = 4 if never else 5
    assert len(r.comparisons) == k * (k - 1) + (k if never else 0)
    s = r.to_frame()
    assert s["weight"].sum() == pytest.approx(1.0)
    assert set(s["type"]) == ({"treated vs never treated"} if never else set()) | {"earlier vs later treated",
                                                                                    "later vs earlier treated"}


def test_bacon_two_by_two_estimates_by_numpy():
    # each 2x2 rewritten with numpy on the group means, independently of the C++ code
    df = staggered(n=15, cohorts=(2017, 2020), seed=9)
    r = hp.evaluation.bacon(df, unit="unit", time="year", outcome="y", adoption="first")
    wide = df.pivot(index="unit", columns="year", values="y")
    first = df.groupby("unit")["first"].first()
    years = wide.columns.to_numpy()
    mean = {g: wide[first == g].mean().to_numpy() for g in (0, 2017, 2020)}

    def dd(tr, co, pre, post):
        return (mean[tr][post].mean() - mean[tr][pre].mean()) - (mean[co][post].mean() - mean[co][pre].mean())

    c = r.comparisons.set_index(["type", "treated"])["estimate"]
    assert c[("treated vs never treated", 2017)] == pytest.approx(dd(2017, 0, years < 2017, years >= 2017), rel=1e-12)
    assert c[("earlier vs later treated", 2017)] == pytest.approx(
        dd(2017, 2020, years < 2017, (years >= 2017) & (years < 2020)), rel=1e-12)
    assert c[("later vs earlier treated", 2020)] == pytest.approx(
        dd(2020, 2017, (years >= 2017) & (years < 2020), years >= 2020), rel=1e-12)


# -- bad input, results --------------------------------------------------------------------------------------------

def test_bad_input_names_unit_and_period():
    df = card_krueger()
    bad = df.copy()
    bad.loc[3, "fte"] = np.nan
    with pytest.raises(hp.DataError, match=r'unit "NJ4", period 1\): fte is missing'):
        hp.evaluation.did(bad, unit="store", time="wave", outcome="fte", treated="min_wage")
    dup = pd.concat([df, df.iloc[[2]]], ignore_index=True)
    with pytest.raises(hp.DataError, match=r'unit "NJ3", period 1\) duplicates row 3'):
        hp.evaluation.did(dup, unit="store", time="wave", outcome="fte", treated="min_wage")
    with pytest.raises(hp.DomainError, match="needs at least one never-treated unit"):
        hp.evaluation.did(df, unit="store", time="wave", outcome="fte", adoption={s: 2 for s in df["store"]})
    with pytest.raises(hp.DomainError, match=r'unit "NJ1" adopts in period 1 with 0 before it'):
        hp.evaluation.did(df, unit="store", time="wave", outcome="fte", adoption={"NJ1": 1, "NJ2": 2})
    flat = df.assign(fte=5.0)
    with pytest.raises(hp.DomainError, match=r"fte is the same \(5\) for every unit and period"):
        hp.evaluation.did(flat, unit="store", time="wave", outcome="fte", treated="min_wage")
    with pytest.raises(hp.DataError, match="name its columns"):
        hp.evaluation.did(df, unit="store", outcome="fte")
    with pytest.raises(hp.DomainError, match="confidence_level"):
        hp.evaluation.did(df, unit="store", time="wave", outcome="fte", treated="min_wage", confidence_level=95)
    with pytest.raises(hp.DomainError, match='use "auto", "2x2" or "twfe"'):
        hp.evaluation.did(df, unit="store", time="wave", outcome="fte", treated="min_wage", method="did")
    stag = staggered(n=8)
    fixed = stag.assign(size=stag["unit"].str[1:].astype(float))  # constant within each unit
    with pytest.raises(hp.DomainError, match='covariate "size" is explained entirely by the unit and period fixed'):
        hp.evaluation.did(fixed, unit="unit", time="year", outcome="y", adoption="first", covariates=["size"])
    with pytest.raises(hp.DomainError, match='covariate "size" is explained entirely'):
        hp.evaluation.event_study(fixed, unit="unit", time="year", outcome="y", adoption="first", covariates=["size"])
    with pytest.raises(hp.DomainError, match="2x2 needs one adoption period"):
        hp.evaluation.did(stag, unit="unit", time="year", outcome="y", adoption="first", method="2x2")
    unbalanced = stag.drop(index=3)
    with pytest.raises(hp.DomainError, match=r'needs a balanced panel, but unit "u000", period 2018 has no row'):
        hp.evaluation.bacon(unbalanced, unit="unit", time="year", outcome="y", adoption="first")


def test_results_summary_plot_html_pickle():
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    from healthyplaces._result import Summary

    df = staggered(n=20, seed=1)
    panel = hp.evaluation.Panel.from_frame(df, unit="unit", time="year", outcome="y", adoption="first")
    for r in (hp.evaluation.did(panel), hp.evaluation.did(card_krueger(), unit="store", time="wave", outcome="fte",
                                                          treated="min_wage"),
              hp.evaluation.event_study(panel, window=(-4, 3)), hp.evaluation.bacon(panel)):
        assert isinstance(r.summary(), Summary) and "..." not in str(r.summary())
        fig = r.plot()
        assert isinstance(fig, Figure)
        assert fig.axes[0].get_xlabel() in ("year", "years since adoption", "weight of the comparison in the "
                                                                            "two-way estimate", "time period")
        assert "<table" in r._repr_html_()
        assert type(r).__name__ in repr(r)
        back = pickle.loads(pickle.dumps(r))
        pd.testing.assert_frame_equal(back.to_frame(), r.to_frame())
    r = hp.evaluation.did(panel)
    assert r.to_frame().loc[0, "estimate"] == r.statistic == r.att
    # print(r.summary()) is the whole table, not pandas' "[1 rows x 14 columns]"
    text = str(r.summary())
    assert "rows x" not in text and "ATT" in text and "p-value" in text
    with pytest.raises(hp.DataError, match="pass column names only with a DataFrame"):
        hp.evaluation.did(panel, unit="unit")
    # event study's interval at another level widens with the t(df) quantile
    es = hp.evaluation.event_study(panel)
    from scipy import stats
    ci = es.intervals(0.9)
    e = es.estimates.set_index("event_time")
    q = stats.t.ppf(0.95, es.df)
    np.testing.assert_allclose(ci["high"].dropna(), (e["estimate"] + q * e["std_error"]).dropna(), rtol=1e-12)
    one = es.confidence_interval(0.9, event_time=2)
    assert one == pytest.approx((ci.loc[2, "low"], ci.loc[2, "high"]), rel=1e-12)
    with pytest.raises(hp.DomainError, match="event_time -1 has no estimate"):
        es.confidence_interval(event_time=-1)


def test_docs_and_docstring_examples_run():
    import doctest
    import re
    from pathlib import Path

    import matplotlib
    matplotlib.use("Agg")
    from healthyplaces.evaluation import _did

    assert doctest.testmod(_did, optionflags=doctest.ELLIPSIS).failed == 0
    page = Path(__file__).resolve().parents[2] / "docs" / "evaluation-did.md"
    namespace: dict = {}
    for block in re.findall(r"```python\n(.*?)```", page.read_text(), flags=re.S):
        exec(compile(block, str(page), "exec"), namespace)  # noqa: S102 - the page's own examples
    assert round(namespace["r"].statistic, 2) == 2.75
    assert abs(namespace["b"].weighted_sum - namespace["b"].twfe) < 1e-10
