"""Synthetic control from Python: the simplex QP against a brute-force numpy enumeration (1e-8) and scipy's
SLSQP; Proposition 99 against ADH (2010) Table 2 (0.01) and the p-value 1/39; the ridge augmentation against a
numpy rewrite of the published formula and augsynth's CV rule (1e-8); pysyncon as a further reference where
installed; result objects; bad input."""
from __future__ import annotations

import itertools
import math
import pickle

import matplotlib

matplotlib.use("Agg")
import numpy as np
import pandas as pd
import pytest
from scipy.optimize import minimize

import healthyplaces as hp
from healthyplaces import _core

ADH_TABLE2 = {"Colorado": 0.164, "Connecticut": 0.069, "Montana": 0.199, "Nevada": 0.234, "Utah": 0.334}
# ADH's specification with special predictors in their explicit form (the shared fit, conftest.prop99_synth, uses
# the shorthand [("beer", range(1984, 1989)), 1975, 1980, 1988]; test_outcome_lags_as_bare_periods_and_panel_input
# checks the two give the same fit).
PROP99 = dict(unit="state", time="year", outcome="cigsale", treated="California", treatment_period=1989,
              predictors=["lnincome", "age15to24", "retprice"], predictor_periods=range(1980, 1989),
              special_predictors=[("beer", range(1984, 1989), "mean"), ("cigsale", [1975]), ("cigsale", [1980]),
                                  ("cigsale", [1988])])


def brute_force(H, c):
    """Every support S: the equality-constrained minimiser on S; the best feasible one is the optimum."""
    n = len(c)
    best, best_w = math.inf, None
    for size in range(1, n + 1):
        for S in itertools.combinations(range(n), size):
            S = list(S)
            K = np.zeros((size + 1, size + 1))
            K[:size, :size] = H[np.ix_(S, S)]
            K[:size, size] = K[size, :size] = 1
            rhs = np.r_[-c[S], 1.0]
            try:
                z = np.linalg.solve(K, rhs)
            except np.linalg.LinAlgError:
                continue
            if (z[:size] < -1e-12).any():
                continue
            w = np.zeros(n)
            w[S] = z[:size]
            f = 0.5 * w @ H @ w + c @ w
            if f < best:
                best, best_w = f, w
    return best, best_w


def test_smoking_dataset():
    s = hp.datasets.smoking()
    assert len(s) == 1209 and s["state"].nunique() == 39
    assert (s["year"].min(), s["year"].max()) == (1970, 2000)
    ca = s[(s.state == "California") & (s.year == 1988)]
    assert ca["cigsale"].item() == pytest.approx(90.1, abs=1e-5)  # ADH (2010) Table 1 (stored as float32)
    assert s["beer"].isna().sum() > 0 and s["cigsale"].notna().all()


@pytest.mark.parametrize("seed", range(12))
def test_simplex_qp_against_brute_force_and_scipy(seed):
    rng = np.random.default_rng(seed)
    n = 3 + seed % 5
    k = n + 2 if seed % 2 else max(1, n // 2)  # full rank or rank deficient
    A = rng.normal(size=(k, n))
    b = rng.normal(size=k)
    H, c = A.T @ A, -A.T @ b
    r = _core.numerics.simplex_qp(H, c)
    fb, wb = brute_force(H, c)
    assert abs(r.objective - fb) < 1e-8
    assert r.kkt_residual < 1e-8 and r.converged
    assert r.w.min() >= 0 and abs(r.w.sum() - 1) < 1e-14
    if k >= n:  # strictly convex: unique minimiser
        np.testing.assert_allclose(r.w, wb, atol=1e-8)
    s = minimize(lambda w: 0.5 * w @ H @ w + c @ w, np.full(n, 1 / n), jac=lambda w: H @ w + c, method="SLSQP",
                 bounds=[(0, 1)] * n, constraints={"type": "eq", "fun": lambda w: w.sum() - 1}, options={"ftol": 1e-15})
    assert r.objective <= s.fun + 1e-10
    ls = _core.numerics.simplex_least_squares(A, b)
    assert ls.objective == pytest.approx(np.sum((A @ ls.w - b) ** 2), abs=1e-12)
    assert abs(ls.objective - (2 * fb + b @ b)) < 1e-8


def test_prop99_reproduces_adh_table2_and_placebo_pvalue(prop99_synth):
    r = prop99_synth
    assert len(r.weights) == 38
    for state, w in r.weights.items():
        assert abs(w - ADH_TABLE2.get(state, 0.0)) < 0.01, state
    assert r.rank == 1 and r.pvalue == pytest.approx(1 / 39, abs=1e-12)
    assert len(r.placebos()) == 38 and r.placebos()["kept"].all()
    assert (r.placebos()["rmspe_ratio"] < r.rmspe_ratio).all()
    g = r.gaps()
    assert g.loc[2000, "gap"] == pytest.approx(-26, abs=2.6)  # ADH (2010) Figure 3: about -26 packs by 2000
    assert g.loc[1988, "treated"] == pytest.approx(90.1)
    b = r.balance()
    assert b.loc["lnincome", "synthetic"] == pytest.approx(9.86, abs=0.01)  # ADH (2010) Table 1
    assert b.loc["cigsale (1988)", "synthetic"] == pytest.approx(91.62, abs=0.1)
    assert r.v.sum() == pytest.approx(1.0)
    # Leave-one-out: one refit per donor of positive weight, each still tracking California before 1989 (the
    # fit is the same without placebos; they are skipped here, the shared fit has them).
    r = hp.evaluation.synth(hp.datasets.smoking(), threads=2, leave_one_out=True, in_space_placebos=False, **PROP99)
    pd.testing.assert_series_equal(r.weights, prop99_synth.weights)
    loo = r.leave_one_out()
    assert set(loo.columns) == set(r.weights[r.weights > 1e-6].index)
    assert (loo.loc[:1988].sub(g.loc[:1988, "treated"], axis=0).abs().mean() < 6).all()


def test_prop99_thread_count_does_not_change_results():
    df = hp.datasets.smoking()
    kw = dict(PROP99, v=[1, 1, 1, 1, 1, 1, 1])
    one = hp.evaluation.synth(df, threads=1, **kw)
    two = hp.evaluation.synth(df, threads=2, **kw)
    pd.testing.assert_frame_equal(one.placebos(), two.placebos(), check_exact=True)
    assert one.pvalue == two.pvalue


def test_user_v_against_pysyncon():
    pysyncon = pytest.importorskip("pysyncon")
    df = hp.datasets.smoking()
    v = np.array([0.05, 0.1, 0.3, 0.05, 0.2, 0.1, 0.2])
    r = hp.evaluation.synth(df, v=v, in_space_placebos=False, **PROP99)
    states = sorted(set(df.state) - {"California"})
    dp = pysyncon.Dataprep(foo=df, predictors=["lnincome", "age15to24", "retprice"], predictors_op="mean",
                           time_predictors_prior=range(1980, 1989),
                           special_predictors=[("beer", range(1984, 1989), "mean"), ("cigsale", [1975], "mean"),
                                               ("cigsale", [1980], "mean"), ("cigsale", [1988], "mean")],
                           dependent="cigsale", unit_variable="state", time_variable="year",
                           treatment_identifier="California", controls_identifier=states,
                           time_optimize_ssr=range(1970, 1989))
    s = pysyncon.Synth()
    s.fit(dp, custom_V=v)
    ref = pd.Series(s.W, index=states)
    # pysyncon solves W by SLSQP (about 1e-6); ours is exact, so never worse on its own objective.
    np.testing.assert_allclose(r.weights.reindex(states).to_numpy(), ref.to_numpy(), atol=2e-4)
    X0, X1 = dp.make_covariate_mats()
    sd = pd.concat([X0, X1], axis=1).std(axis=1)
    X0s, X1s = (X0.divide(sd, axis=0)).to_numpy(), (X1 / sd).to_numpy()

    def loss(w):
        d = X1s - X0s @ w
        return d @ (v / v.sum() * d)

    assert r.loss_w == pytest.approx(loss(r.weights.reindex(X0.columns).to_numpy()), rel=1e-10)
    assert r.loss_w <= loss(s.W) + 1e-12


def test_result_object(prop99_synth, tmp_path):
    r = prop99_synth
    s = r.summary().tables[0][1]
    assert s.loc["permutation p-value", "value"] == pytest.approx(1 / 39)
    assert "California" in repr(r) and "<table" in r._repr_html_()
    for kind in ("paths", "gaps", "placebos"):
        fig = r.plot(kind=kind)
        assert fig.axes[0].get_title().endswith(f"({kind})")
        assert fig.axes[0].get_xlabel() == "year"
    # 39 units are too many labels for bars: the top 20 are shown, the chart says so and grows with them
    fig = r.plot(kind="ratios")
    ax = fig.axes[0]
    assert len(ax.get_yticklabels()) == 20 and "top 20 of 39 units shown" in ax.get_title()
    assert min(t.get_fontsize() for t in ax.get_yticklabels()) >= 8 and fig.get_figheight() > 5
    assert len(r.plot(kind="ratios", top=50).axes[0].get_yticklabels()) == 39
    with pytest.raises(hp.DomainError, match="unknown plot kind"):
        r.plot(kind="bars")
    back = pickle.loads(pickle.dumps(r))
    pd.testing.assert_series_equal(back.weights, r.weights)
    assert r.statistic == pytest.approx(r.gaps().loc[1989:, "gap"].mean())


def test_outcome_lags_as_bare_periods_and_panel_input():
    df = hp.datasets.smoking()
    kw = dict(PROP99, special_predictors=[("beer", range(1984, 1989)), 1975, 1980, 1988], v=[1] * 7, in_space_placebos=False)
    a = hp.evaluation.synth(df, **kw)
    panel = hp.evaluation.Panel.from_frame(df, unit="state", time="year", outcome="cigsale",
                                           covariates=["lnincome", "age15to24", "retprice", "beer"])
    kw2 = {k: v for k, v in kw.items() if k not in ("unit", "time", "outcome")}
    kw2["special_predictors"] = [("beer", range(1984, 1989)), ("cigsale", [1975]), ("cigsale", [1980]), ("cigsale", [1988])]
    b = hp.evaluation.synth(panel, **kw2)
    pd.testing.assert_series_equal(a.weights, b.weights)


def test_in_time_placebo():
    df = hp.datasets.smoking()
    r = hp.evaluation.synth_in_time(df, 1980, unit="state", time="year", outcome="cigsale", treated="California",
                                    treatment_period=1989, predictors=["retprice"],
                                    special_predictors=[1970, 1975, 1979])
    assert r.treatment_period == 1980 and r.periods[-1] == 1988
    # No effect before the real treatment: the placebo gap stays small relative to the real one (about -20).
    assert abs(r.gaps().loc[1980:, "gap"].mean()) < 8


def numpy_augsynth(Y0, Y1, T0, lam=None, n_lambda=20, ratio=1e-8):
    """augsynth's ridge ASCM written out: centre on the donor mean, SCM weights on the simplex, ridge correction
    X0c'(X0c X0c' + lambda I)^-1 (X1c - X0c w); lambda by leave-one-pre-period-out CV with the 1-SE rule."""
    def scm(X0, X1):
        return _core.numerics.simplex_least_squares(X0, X1).w

    def ridge(X0, X1, w, lam):
        return w + X0.T @ np.linalg.solve(X0 @ X0.T + lam * np.eye(len(X0)), X1 - X0 @ w)

    m = Y0[:T0].mean(axis=1)
    X0, X1 = Y0[:T0] - m[:, None], Y1[:T0] - m
    if lam is None:
        smax = np.linalg.svd(X0, compute_uv=False)[0]
        lams = smax ** 2 * (ratio ** (1 / n_lambda)) ** (np.arange(n_lambda + 1) - 1)
        errs = []
        for i in range(T0 - 1):
            keep = np.r_[0:i, i + 1:T0]
            w = scm(X0[keep], X1[keep])
            errs.append([(X1[i] - X0[i] @ ridge(X0[keep], X1[keep], w, l)) ** 2 for l in lams])
        errs = np.array(errs)
        mean, se = errs.mean(axis=0), errs.std(axis=0, ddof=1) / np.sqrt(len(errs))
        lam = lams[mean <= mean.min() + se[mean.argmin()]].max()
    w = scm(X0, X1)
    return lam, w, ridge(X0, X1, w, lam)


def simulated_panel(effect=3.0, seed=5, J=25, T=24, T0=18):
    rng = np.random.default_rng(seed)
    f1, f2 = np.sin(0.5 * np.arange(T)), 0.1 * np.arange(T)
    rows = []
    for i in range(J + 1):
        l1, l2 = (2.3, 1.2) if i == 0 else (rng.uniform(-0.5, 1.5), rng.uniform(0, 1))
        y = l1 * f1 + 5 * l2 * f2 + 0.05 * rng.normal(size=T) + (effect * (np.arange(T) >= T0) if i == 0 else 0)
        rows += [{"unit": "treated" if i == 0 else f"d{i:02d}", "t": t, "y": y[t]} for t in range(T)]
    return pd.DataFrame(rows)


def test_augsynth_against_numpy_rewrite():
    df = simulated_panel()
    r = hp.evaluation.augsynth(df, unit="unit", time="t", outcome="y", treated="treated", treatment_period=18, threads=1)
    wide = df.pivot(index="t", columns="unit", values="y")
    Y1, Y0 = wide["treated"].to_numpy(), wide.drop(columns="treated")[list(r.weights.index)].to_numpy()
    lam, w, wa = numpy_augsynth(Y0, Y1, 18)
    assert r.lambda_ == pytest.approx(lam, rel=1e-12)
    np.testing.assert_allclose(r.scm_weights.to_numpy(), w, atol=1e-8)
    np.testing.assert_allclose(r.weights.to_numpy(), wa, atol=1e-8)
    est = r.estimates()
    np.testing.assert_allclose(est["estimate"].to_numpy(), Y1 - Y0 @ wa, atol=1e-8)
    assert r.att == pytest.approx((Y1 - Y0 @ wa)[18:].mean(), abs=1e-8)
    # Jackknife SE by hand: drop each donor, refit with the same lambda.
    atts = []
    for j in range(Y0.shape[1]):
        y0 = np.delete(Y0, j, axis=1)
        _, _, waj = numpy_augsynth(y0, Y1, 18, lam=r.lambda_)
        atts.append((Y1 - y0 @ waj)[18:].mean())
    atts = np.array(atts)
    n = len(atts)
    assert r.se == pytest.approx(np.sqrt((n - 1) / n * ((atts - atts.mean()) ** 2).sum()), rel=1e-8)
    # The known effect (+3) is recovered within its standard errors.
    assert abs(r.att - 3.0) < 3 * r.se + 0.05
    lo, hi = r.confidence_interval()
    assert lo < r.att < hi
    assert r.l2_imbalance <= r.scm_l2_imbalance + 1e-12
    for kind in ("gaps", "paths", "cv"):
        r.plot(kind=kind)
    assert "ATT" in r.summary().tables[0][1].index and "<table" in r._repr_html_()
    wide = r.confidence_interval(0.99)
    assert wide.low < lo and wide.high > hi
    assert pickle.loads(pickle.dumps(r)).att == r.att


def test_augsynth_against_pysyncon():
    pysyncon = pytest.importorskip("pysyncon")
    df = simulated_panel(seed=9)
    r = hp.evaluation.augsynth(df, unit="unit", time="t", outcome="y", treated="treated", treatment_period=18,
                               jackknife=False)
    donors = sorted(set(df.unit) - {"treated"})
    dp = pysyncon.Dataprep(foo=df, predictors=[], predictors_op="mean", time_predictors_prior=range(18),
                           dependent="y", unit_variable="unit", time_variable="t", treatment_identifier="treated",
                           controls_identifier=donors, time_optimize_ssr=range(18))
    a = pysyncon.AugSynth()
    a.fit(dp, use_covariates=False)
    assert r.lambda_ == pytest.approx(a.lambda_, rel=1e-6)
    np.testing.assert_allclose(r.weights.reindex(donors).to_numpy(), a.W, atol=1e-4)  # pysyncon's SLSQP ~1e-6


def test_bad_input_names_unit_and_period():
    df = hp.datasets.smoking()
    with pytest.raises(hp.DomainError, match='no unit "Atlantis"'):
        hp.evaluation.synth(df, **dict(PROP99, treated="Atlantis"))
    with pytest.raises(hp.DomainError, match="no pre-periods"):
        hp.evaluation.synth(df, **dict(PROP99, treatment_period=1970))
    with pytest.raises(hp.DomainError, match=r'predictor "beer \(1975\)" has no value for unit'):
        hp.evaluation.synth(df, **dict(PROP99, special_predictors=[("beer", [1975])]))
    bad = df.copy()
    bad.loc[(bad.state == "Utah") & (bad.year == 1980), "cigsale"] = np.nan
    with pytest.raises(hp.DataError, match=r'unit "Utah", period 1980'):
        hp.evaluation.synth(bad, **PROP99)
    gap = df[~((df.state == "Utah") & (df.year == 1980))]
    with pytest.raises(hp.DomainError, match=r'unit "Utah", period 1980 has no cigsale'):
        hp.evaluation.synth(gap, **PROP99)
    with pytest.raises(hp.DomainError, match=r'unit "Utah", period 1980 has no cigsale'):
        hp.evaluation.augsynth(gap, unit="state", time="year", outcome="cigsale", treated="California",
                               treatment_period=1989)
    flat = df.assign(cigsale=1.0)
    with pytest.raises(hp.DomainError, match="is the same"):
        hp.evaluation.augsynth(flat, unit="state", time="year", outcome="cigsale", treated="California",
                               treatment_period=1989)
    with pytest.raises(hp.DomainError, match="cross-validating lambda needs at least 3 pre-periods"):
        hp.evaluation.augsynth(df, unit="state", time="year", outcome="cigsale", treated="California",
                               treatment_period=1971)
    with pytest.raises(hp.DataError, match="name its unit="):
        hp.evaluation.synth(df, treated="California")
    assert issubclass(hp.DomainError, ValueError)


def test_placebo_mspe_cutoff_and_pvalue_from_the_table():
    df = hp.datasets.smoking()
    r = hp.evaluation.synth(df, v=[1] * 7, placebo_mspe_cutoff=2.0, **PROP99)
    pl = r.placebos()
    kept = pl["pre_rmspe"] ** 2 <= 2.0 * r.pre_rmspe ** 2
    assert (pl["kept"] == kept).all() and 0 < kept.sum() < len(pl)
    # Permutation p-value written out: the treated unit plus the kept placebos, share with a ratio >= its own.
    at_least = 1 + (pl.loc[kept, "rmspe_ratio"] >= r.rmspe_ratio).sum()
    assert r.pvalue == pytest.approx(at_least / (1 + kept.sum()), abs=1e-15)
    assert r.summary().tables[0][1].loc["placebos used", "value"] == kept.sum()
