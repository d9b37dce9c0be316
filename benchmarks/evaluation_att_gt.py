"""Callaway-Sant'Anna group-time effects with 1,000 multiplier-bootstrap draws (hp.evaluation.att_gt) against
an idiomatic numpy/statsmodels implementation of the same estimator in the same run.

Panel: 2,500 units x 5 periods, cohorts adopting in periods 3, 4, 5 and never-treated units, one covariate;
doubly robust estimator (logit propensity score + outcome regression), never-treated controls, varying base
period: 12 cells. The numpy version fits each cell's logit with statsmodels' GLM, the regression with lstsq,
builds the influence functions and runs the bootstrap as a (draws x units) @ (units x cells) product with
Rademacher weights; the two agree on ATT(g,t) to 1e-8 and on bootstrap standard errors within Monte Carlo
error. Timings are the best of 5 (_core level: the same call hp.evaluation.att_gt makes after validating the
DataFrame, which is timed separately).

Targets (issue 7): >= 10x the numpy version; two threads >= 1.8x one.

Run: python benchmarks/evaluation_att_gt.py
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import statsmodels.api as sm

import healthyplaces as hp
from _timing import best_of  # benchmarks/_timing.py, beside this script
from healthyplaces import _core

N, T, B = 2500, 5, 1000


def simulate(seed: int = 1):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=N)
    score = rng.normal(size=N) + 0.8 * x
    g = np.where(score > 1.0, 3, np.where(score > 0.3, 4, np.where(score > -0.3, 5, 0)))
    fe = rng.normal(size=N) + 0.5 * x
    t = np.arange(1, T + 1)
    y = fe[:, None] + 0.3 * t + 0.4 * t * x[:, None] + rng.normal(scale=0.5, size=(N, T))
    y += np.where((g[:, None] > 0) & (t >= g[:, None]), 1.0 + 0.5 * (t - g[:, None]), 0.0)
    return y, g, x


def drdid(y1, y0, d, x):
    n = len(d)
    dy = y1 - y0
    ps = sm.GLM(d, x, family=sm.families.Binomial()).fit().fittedvalues
    ps = np.minimum(ps, 1 - 1e-6)
    keep = (d == 1) | (ps < 0.995)
    ctl = d == 0
    beta = np.linalg.lstsq(x[ctl], dy[ctl], rcond=None)[0]
    r = dy - x @ beta
    wt = keep * d
    wc = keep * ps * (1 - d) / (1 - ps)
    eta_t = np.mean(wt * r) / np.mean(wt)
    eta_c = np.mean(wc * r) / np.mean(wc)
    alr_ols = ((1 - d) * r)[:, None] * x @ np.linalg.inv(x[ctl].T @ x[ctl] / n)
    alr_ps = ((d - ps)[:, None] * x) @ (np.linalg.inv((x * (ps * (1 - ps))[:, None]).T @ x) * n)
    m2 = np.mean((wc * (r - eta_c))[:, None] * x, axis=0)
    inf_t = wt * r - wt * eta_t - alr_ols @ np.mean(wt[:, None] * x, axis=0)
    inf_c = wc * r - wc * eta_c + alr_ps @ m2 - alr_ols @ np.mean(wc[:, None] * x, axis=0)
    return eta_t - eta_c, inf_t / np.mean(wt) - inf_c / np.mean(wc)


def numpy_att_gt(y, g, x, seed=0):
    n = len(g)
    atts, cols = [], []
    for gg in (3, 4, 5):
        for t in range(2, T + 1):
            base = gg - 1 if t >= gg else t - 1
            rows = (g == gg) | (g == 0)
            X = np.column_stack([np.ones(rows.sum()), x[rows]])
            att, psi = drdid(y[rows, t - 1], y[rows, base - 1], (g[rows] == gg).astype(float), X)
            full = np.zeros(n)
            full[rows] = psi * n / rows.sum()
            atts.append(att)
            cols.append(full)
    psi = np.column_stack(cols)
    v = np.random.default_rng(seed).choice([-1.0, 1.0], size=(B, n))
    draws = v @ psi / np.sqrt(n)
    q75, q25 = np.quantile(draws, [0.75, 0.25], axis=0, method="inverted_cdf")
    sigma = (q75 - q25) / 1.3489795003921634
    crit = np.quantile(np.max(np.abs(draws) / sigma, axis=1), 0.95, method="inverted_cdf")
    return np.array(atts), sigma / np.sqrt(n), crit


def main() -> None:
    y, g, x = simulate()
    df = pd.DataFrame({"unit": np.repeat(np.arange(N), T), "period": np.tile(np.arange(1, T + 1), N),
                       "y": y.ravel(), "g": np.repeat(g, T), "x": np.repeat(x, T)})
    panel = hp.evaluation.Panel.from_frame(df, unit="unit", time="period", outcome="y", adoption="g",
                                           covariates=["x"])
    core = lambda threads: _core.evaluation.att_gt(panel._core, "never", "dr", "varying", 0, ["x"], B, 7,  # noqa: E731
                                                   "rademacher", 0.95, threads, True)
    t_np, (att_np, se_np, crit_np) = best_of(lambda: numpy_att_gt(y, g, x), repeat=3)
    t1, r1 = best_of(lambda: core(1))
    t2, r2 = best_of(lambda: core(2))
    t_frame, _ = best_of(lambda: hp.evaluation.att_gt(df, unit="unit", time="period", outcome="y", adoption="g",
                                                      covariates=["x"], n_resamples=B, seed=7, threads=1), repeat=3)
    assert np.allclose(np.asarray(r1.att), att_np, rtol=1e-8, atol=1e-10), "ATT(g,t) differ from numpy"
    assert np.allclose(np.asarray(r1.se), se_np, rtol=0.2), "bootstrap standard errors differ beyond MC error"
    assert np.array_equal(np.asarray(r1.se), np.asarray(r2.se)), "thread count changed the bootstrap"
    print(f"att_gt, {N} units x {T} periods, 12 cells, dr with a covariate, {B} multiplier draws")
    print(f"  numpy/statsmodels          {t_np * 1e3:9.1f} ms")
    print(f"  hp (_core), 1 thread       {t1 * 1e3:9.1f} ms   {t_np / t1:6.1f}x numpy   (target >= 10x)")
    print(f"  hp (_core), 2 threads      {t2 * 1e3:9.1f} ms   {t1 / t2:6.2f}x one thread (target >= 1.8x)")
    print(f"  hp.evaluation.att_gt(df)   {t_frame * 1e3:9.1f} ms   (DataFrame validation + 1 thread)")
    print(f"  critical values: hp {r1.critical_value:.3f}, numpy {crit_np:.3f}")


if __name__ == "__main__":
    main()
