"""hp.appraisal.evppi (one input, 100,000 PSA samples) against numpy and statsmodels peers on the same data.

The PSA: three options, four inputs; the incremental net benefits depend on the input of interest nonlinearly
plus the other inputs as noise. hp fits Strong, Oakley & Brennan's regression: a cubic B-spline basis of 25
functions with knots at the input's quantiles, an integrated squared second-derivative penalty, the smoothing
parameter chosen by GCV separately for each of the two incremental net benefits, and a delta-method standard
error.

Peers, on the same samples:
* numpy: the same kind of basis (scipy's BSpline design matrix, 25 functions, knots at quantiles) with a
  second-difference penalty at one FIXED smoothing parameter (no search), solved by numpy least squares: a
  floor for "the regression alone", doing less than hp.
* statsmodels GLMGam (in the bench extra) with a 25-function B-spline smoother at a fixed penalty weight, the
  nearest packaged GAM in Python (R's mgcv is what BCEA and voi use).

Target (issue 16): hp one input at 100,000 samples ≤ 0.5 s, one thread. The estimates must agree within a few
standard errors. Groups of 2, 3 and 4 inputs are timed too (no target).

Run: python benchmarks/appraisal_voi.py
"""
from __future__ import annotations

import os

import numpy as np

import healthyplaces as hp
from _timing import best_of  # benchmarks/_timing.py, beside this script

N = 100_000
rng = np.random.default_rng(2026)
X = rng.normal(size=(N, 4))
INB1 = 0.3 + X[:, 0] + 0.4 * X[:, 0] ** 2 - 0.4 + 0.8 * X[:, 1] + 0.5 * X[:, 2]
INB2 = 0.5 * INB1 + 0.6 * X[:, 3]
NB = np.column_stack([np.zeros(N), INB1, INB2])


def evppi_from(fitted: np.ndarray) -> float:
    g = np.column_stack([np.zeros(len(fitted)), fitted])
    return float(g.max(axis=1).mean() - g.mean(axis=0).max())


def basis(x: np.ndarray, size: int = 25):
    from scipy.interpolate import BSpline

    inner = np.quantile(x, np.linspace(0, 1, size - 2))
    h0, h1 = inner[1] - inner[0], inner[-1] - inner[-2]
    t = np.r_[inner[0] - 3 * h0 + np.arange(3) * h0, inner, inner[-1] + h1 * np.arange(1, 4)]
    return BSpline.design_matrix(x, t, 3)


def numpy_peer(lam: float = 1.0) -> float:
    b = basis(X[:, 0])
    d = np.diff(np.eye(b.shape[1]), 2, axis=0)
    bt = b.T
    gram = (bt @ b).toarray() + lam * d.T @ d
    fits = []
    for y in (INB1, INB2):
        beta = np.linalg.lstsq(gram, bt @ y, rcond=None)[0]
        fits.append(b @ beta)
    return evppi_from(np.column_stack(fits))


def statsmodels_peer() -> float:
    from statsmodels.gam.api import BSplines, GLMGam

    smoother = BSplines(X[:, [0]], df=[25], degree=[3])
    fits = []
    for y in (INB1, INB2):
        res = GLMGam(y, smoother=smoother, alpha=[1.0]).fit()
        fits.append(res.fittedvalues)
    return evppi_from(np.column_stack(fits))


def main() -> None:
    print(f"EVPPI by regression, {N:,} PSA samples, 3 options (load average {os.getloadavg()[0]:.2f})")
    t_hp, r = best_of(lambda: hp.appraisal.evppi(NB, X, groups=[0], threads=1), repeat=5)
    row = r.to_frame().iloc[0]
    print(f"  hp one input (GCV, SE):          {t_hp:7.3f} s   EVPPI {row['evppi']:.4f} (SE {row['standard_error']:.4f}, "
          f"edf {row['edf']:.1f})   target <= 0.5 s: {'met' if t_hp <= 0.5 else 'NOT met'}")
    t_np, e_np = best_of(numpy_peer, repeat=3)
    print(f"  numpy fixed-penalty P-spline:    {t_np:7.3f} s   EVPPI {e_np:.4f}   hp is {t_np / t_hp:.1f}x numpy")
    try:
        t_sm, e_sm = best_of(statsmodels_peer, repeat=1)
        print(f"  statsmodels GLMGam (fixed alpha): {t_sm:6.3f} s   EVPPI {e_sm:.4f}   hp is {t_sm / t_hp:.1f}x statsmodels")
    except ImportError:
        print("  statsmodels not installed (pip install '.[bench]'): no GAM peer")
    agree = abs(row["evppi"] - e_np) < 4 * row["standard_error"] + 0.01 * abs(e_np)
    print(f"  hp and numpy agree: {agree}")
    for g in ([0, 1], [0, 1, 2], [0, 1, 2, 3]):
        t_g, rg = best_of(lambda g=g: hp.appraisal.evppi(NB, X, groups=[g], threads=1), repeat=1)
        rowg = rg.to_frame().iloc[0]
        print(f"  hp group of {len(g)} inputs ({rowg['basis_size']:>3} coefficients): {t_g:6.3f} s   "
              f"EVPPI {rowg['evppi']:.4f}")
    print(f"  EVPI {r.evpi:.4f} (SE {r.se_evpi:.4f})")


if __name__ == "__main__":
    main()
