"""EVPI and EVPPI (hp.appraisal.evpi / evppi) against references computed here: the normal closed form
σφ(μ/σ) − |μ|Φ(−|μ|/σ) written with scipy.stats, and scipy.integrate.quad for a nonlinear effect."""
from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest
from scipy import integrate, stats

import healthyplaces as hp


def normal_evpi(mu: float, sigma: float) -> float:
    """E[max(Y, 0)] − max(E[Y], 0) for Y ~ N(mu, sigma²)."""
    return sigma * stats.norm.pdf(mu / sigma) - abs(mu) * stats.norm.cdf(-abs(mu) / sigma)


def test_evpi_of_a_normal_incremental_net_benefit():
    rng = np.random.default_rng(20)
    n = 20_000
    base = rng.normal(5.0, 3.0, n)
    nb = pd.DataFrame({"business as usual": base, "pooled budget": base + rng.normal(-0.2, 1.0, n)})
    r = hp.appraisal.evpi(nb)
    assert r.best == "business as usual"
    assert abs(r.evpi - normal_evpi(-0.2, 1.0)) < 4 * r.se_evpi
    # P(pooled budget best) = P(N(−0.2, 1) > 0) = Φ(−0.2), within 4 binomial standard errors
    p = stats.norm.cdf(-0.2)
    assert abs(r.options().loc["pooled budget", "p_best"] - p) < 4 * np.sqrt(p * (1 - p) / n)
    # a population multiplies every value
    assert hp.appraisal.evpi(nb, population=150).evpi == pytest.approx(150 * r.evpi, rel=1e-12)


def test_evppi_of_a_linear_model_has_the_normal_closed_form():
    # INB = b0 + Σ b_j X_j, X_j ~ N(m_j, s_j²): E[INB | X_G] ~ N(b0 + Σ b_j m_j, Σ_{j∈G} b_j² s_j²)
    rng = np.random.default_rng(21)
    n = 20_000
    b0, b, m, s = -0.3, np.array([1.0, -0.5, 0.25]), np.array([0.5, 1.0, 2.0]), np.array([1.0, 2.0, 3.0])
    x = pd.DataFrame(m + s * rng.standard_normal((n, 3)), columns=["savings", "transition cost", "demand"])
    inb = b0 + x.to_numpy() @ b
    nb = pd.DataFrame({"do minimum": np.zeros(n), "integrate now": inb})
    mean = b0 + b @ m
    groups = ["savings", "transition cost", "demand", ["savings", "demand"], ["savings", "transition cost", "demand"]]
    r = hp.appraisal.evppi(nb, x, groups=groups)
    t = r.to_frame()
    assert t.index.tolist() == ["savings", "transition cost", "demand", "savings + demand",
                                "savings + transition cost + demand"]
    members = [[0], [1], [2], [0, 2], [0, 1, 2]]
    for (label, row), g in zip(t.iterrows(), members):
        sd = float(np.sqrt(np.sum((b[g] * s[g]) ** 2)))
        truth = normal_evpi(mean, sd)
        # the regression's standard error plus the Monte Carlo error of averaging over n samples of X_G
        tol = 4 * (row["standard_error"] + sd / np.sqrt(n))
        assert abs(row["evppi"] - truth) < tol, (label, row["evppi"], truth, tol)
        assert 0 <= row["evppi"] <= r.evpi + 4 * r.se_evpi
    # all inputs together: the EVPI, since the net benefit is a function of the inputs alone
    assert t["evppi"].iloc[-1] == pytest.approx(r.evpi, rel=0.02)
    assert t["share_of_evpi"].iloc[-1] == pytest.approx(1.0, abs=0.02)
    assert t.loc["savings", "edf"] < 3  # a linear effect stays (nearly) a line


def test_evppi_of_a_nonlinear_effect_by_quadrature():
    # INB = X1² − 0.8 + 0.7·X2 with X ~ N(0, 1): E[INB | X1] = X1² − 0.8 (mean 0.2 > 0), so
    # EVPPI(X1) = E[max(0, 0.8 − X1²)]; a straight-line fit would find ~0 (X1² is uncorrelated with X1)
    rng = np.random.default_rng(22)
    n = 20_000
    x = rng.standard_normal((n, 2))
    nb = np.column_stack([np.zeros(n), x[:, 0] ** 2 - 0.8 + 0.7 * x[:, 1]])
    c = np.sqrt(0.8)
    truth, _ = integrate.quad(lambda u: (0.8 - u * u) * stats.norm.pdf(u), -c, c)
    r = hp.appraisal.evppi(nb, x, groups=[0])
    row = r.to_frame().iloc[0]
    assert abs(row["evppi"] - truth) < 4 * (row["standard_error"] + 1.0 / np.sqrt(n)), (row["evppi"], truth)
    assert row["edf"] > 4


def test_evppi_of_discrete_inputs_by_enumeration():
    # a binary and a four-valued input, equally likely: E[INB | X] enumerated exactly over the 8 combinations
    rng = np.random.default_rng(26)
    n = 8000
    xb, x4 = rng.integers(0, 2, n).astype(float), rng.integers(0, 4, n).astype(float)
    g = lambda b, f: -0.5 + 0.6 * b + 0.1 * f ** 2  # noqa: E731
    nb = np.column_stack([np.zeros(n), g(xb, x4) + rng.normal(size=n)])
    grid = np.array([[g(b, f) for f in range(4)] for b in range(2)])
    mean = grid.mean()
    truths = {"binary": np.maximum(grid.mean(axis=1), 0).mean() - max(mean, 0),
              "four": np.maximum(grid.mean(axis=0), 0).mean() - max(mean, 0),
              "binary + four": np.maximum(grid, 0).mean() - max(mean, 0)}
    r = hp.appraisal.evppi(nb, pd.DataFrame({"binary": xb, "four": x4}), groups=["binary", "four", ["binary", "four"]])
    for label, row in r.to_frame().iterrows():
        # the estimate also carries the sampling error of the cell frequencies: sd of E[INB | X] is below 0.6
        assert abs(row["evppi"] - truths[label]) < 4 * (row["standard_error"] + 0.6 / np.sqrt(n)), (label, row["evppi"])


def test_standard_error_matches_the_spread_over_repeated_noise():
    # X1 fixed, the rest of the net benefit redrawn: the estimates' spread is the regression's error alone
    rng = np.random.default_rng(23)
    n = 2000
    x1 = rng.standard_normal(n)
    est, se = [], []
    for _ in range(40):
        inb = 0.2 + x1 + 1.5 * rng.standard_normal(n)
        r = hp.appraisal.evppi(np.column_stack([np.zeros(n), inb]), x1, threads=1)
        est.append(r.to_frame()["evppi"].iloc[0])
        se.append(r.to_frame()["standard_error"].iloc[0])
    ratio = np.mean(se) / np.std(est, ddof=1)
    assert 0.6 < ratio < 1.6, ratio


def test_result_protocol_and_thread_independence():
    rng = np.random.default_rng(24)
    n = 3000
    x = pd.DataFrame({"a": rng.normal(size=n), "b": rng.uniform(size=n)})
    nb = pd.DataFrame({"bau": 0.0, "s75": x["a"] + x["b"] - 0.5, "merger": 0.8 * x["a"] - 0.1})
    r1 = hp.appraisal.evppi(nb, x, groups=["a", "b", ("a", "b")], threads=1)
    r2 = hp.appraisal.evppi(nb, x, groups=["a", "b", ("a", "b")], threads=2)
    assert r1 == r2
    assert pickle.loads(pickle.dumps(r1)) == r1
    assert list(r1.to_frame().columns) == ["inputs", "evppi", "standard_error", "share_of_evpi", "edf", "basis_size"]
    assert r1.to_frame().loc["a + b", "basis_size"] == 100
    text = str(r1.summary())
    assert "EVPPI" in text and "merger" in text and "£" in text
    assert "<table>" in r1._repr_html_()
    fig = r1.plot()
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == r1.to_frame().sort_values("evppi").index.tolist()
    assert any(abs(line.get_xdata()[0] - r1.evpi) < 1e-12 for line in ax.get_lines())


def test_bad_input_is_refused_naming_the_input():
    rng = np.random.default_rng(25)
    x = pd.DataFrame({"cost": rng.normal(size=600), "effect": rng.normal(size=600)})
    nb = pd.DataFrame({"bau": 0.0, "merge": x["cost"]})
    bad = x.copy()
    bad.loc[7, "effect"] = np.nan
    with pytest.raises(hp.DataError, match="input 'effect' is not finite in row 7"):
        hp.appraisal.evppi(nb, bad)
    with pytest.raises(hp.DataError, match="inputs has 500 rows but net_benefit has 600"):
        hp.appraisal.evppi(nb, x.iloc[:500])
    with pytest.raises(hp.DomainError, match="not a column of inputs"):
        hp.appraisal.evppi(nb, x, groups=["price"])
    with pytest.raises(hp.DomainError, match="at most 4"):
        hp.appraisal.evppi(nb, pd.concat([x] * 3, axis=1, ignore_index=True), groups=[[0, 1, 2, 3, 4]])
    with pytest.raises(hp.DomainError, match="'cost', 'effect'.*needs at least 5 PSA samples"):
        hp.appraisal.evppi(nb.iloc[:300], x.iloc[:300], groups=[["cost", "effect"]])
    with pytest.raises(hp.DomainError, match="population must be a positive"):
        hp.appraisal.evpi(nb, population=-1)
