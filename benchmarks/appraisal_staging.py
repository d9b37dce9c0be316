"""hp.appraisal.single_step_or_staged's Monte Carlo method against a vectorised numpy implementation of the same
tree (no speed goal in issue 16; printed so a regression shows).

The Torbay-like case of docs/appraisal.md, 1,000,000 draws: θ ~ N(0.1, 0.4²), the pilot's estimate x = θ + se·Z,
the optimal threshold rule after the pilot, and the per-draw values averaged (pilot path, EVSI, EVPI, P(integrate)).
numpy uses the threshold and coefficients the library reports (so it does the same arithmetic) and a PCG64
Generator; the two agree within 4 Monte Carlo standard errors, and both with the closed form.

Run: python benchmarks/appraisal_staging.py
"""
from __future__ import annotations

import os

import numpy as np

import healthyplaces as hp
from _timing import best_of  # benchmarks/_timing.py, beside this script

N = 1_000_000
KW = dict(value_per_unit=9_000 * 350.0, horizon=10, lag=1, restructuring_cost=2e6, running_cost=1.5e5,
          pilot_years=2, pilot_cost=4e5)
PRIOR, SE = (0.1, 0.4), 0.21


def coefficients(s: int) -> tuple[float, float]:
    d = 1.035 ** -np.arange(11.0)
    return KW["value_per_unit"] * d[s + 1:].sum(), -KW["restructuring_cost"] * d[s] - KW["running_cost"] * d[s + 1:].sum()


def numpy_tree(t_after: float, t_now: float) -> dict[str, float]:
    rng = np.random.default_rng(2026)
    theta = rng.normal(PRIOR[0], PRIOR[1], N)
    x = theta + SE * rng.standard_normal(N)
    (a0, c0), (a2, c2) = coefficients(0), coefficients(2)
    now, after = a0 * theta + c0, a2 * theta + c2
    base = now if a0 * PRIOR[0] + c0 > 0 else 0.0
    pilot = np.where(x > t_after, after, 0.0)
    return {"ev_pilot": pilot.mean() - KW["pilot_cost"] / 2 * (1 + 1 / 1.035), "se_ev_pilot": pilot.std() / N ** 0.5,
            "evsi": (np.where(x > t_now, now, 0.0) - base).mean(), "evpi": (np.maximum(now, 0.0) - base).mean(),
            "p_integrate": (x > t_after).mean()}


def main() -> None:
    exact = hp.appraisal.single_step_or_staged(PRIOR, se=SE, **KW)
    t1, mc = best_of(lambda: hp.appraisal.single_step_or_staged(PRIOR, se=SE, n_sims=N, threads=1, **KW), 3)
    t2, _ = best_of(lambda: hp.appraisal.single_step_or_staged(PRIOR, se=SE, n_sims=N, threads=2, **KW), 3)
    tn, peer = best_of(lambda: numpy_tree(exact.threshold, exact.threshold_now), 3)
    print(f"load average {os.getloadavg()[0]:.1f}; {N:,} draws, the Torbay-like tree")
    print(f"hp 1 thread {t1:.3f} s, 2 threads {t2:.3f} s ({t1 / t2:.2f}x); numpy {tn:.3f} s; hp/numpy {tn / t1:.1f}x")
    for f in ("ev_pilot", "evsi", "evpi", "p_integrate"):
        print(f"  {f:12s} closed form {getattr(exact, f):14,.2f}  hp {getattr(mc, f):14,.2f} "
              f"(MC se {getattr(mc, 'se_' + f):,.2f})  numpy {peer[f]:14,.2f}")
    assert abs(mc.ev_pilot - exact.ev_pilot) <= 4 * mc.se_ev_pilot
    assert abs(peer["ev_pilot"] - exact.ev_pilot) <= 4 * peer["se_ev_pilot"]


if __name__ == "__main__":
    main()
