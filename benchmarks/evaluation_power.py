"""hp.evaluation.power_simulate against an idiomatic vectorised numpy implementation of the same simulation
(TWFE static ATT with CR1 cluster-robust SEs, t on G - 1 df), in one process.

Design: 200 units (100 treated from period 3 of 6), unit effects, AR(1) errors (rho 0.5), 4,000 simulations.
numpy draws all panels at once (PCG64) and double-demeans them in batch; the two agree in distribution (power
within 4 Monte Carlo SEs), not draw by draw. Also: one thread against two (same numbers).

Run: python benchmarks/evaluation_power.py
"""
from __future__ import annotations

import math

import numpy as np
from scipy import stats

import healthyplaces as hp
from _timing import best_of  # benchmarks/_timing.py, beside this script

UNITS, PERIODS, PRE, N_SIM, EFFECT, RHO = 200, 6, 3, 4000, 0.25, 0.5
design = hp.evaluation.PowerDesign.parallel(UNITS // 2, periods=PERIODS - PRE, baseline_periods=PRE, unit_sd=1.0,
                                            rho=RHO, errors="ar1")
X = design.treatment


def numpy_power(seed: int = 1) -> float:
    rng = np.random.default_rng(seed)
    u = rng.normal(size=(N_SIM, UNITS, 1))
    z = rng.normal(size=(N_SIM, UNITS, PERIODS))
    e = np.empty_like(z)
    e[..., 0] = z[..., 0]
    for t in range(1, PERIODS):
        e[..., t] = RHO * e[..., t - 1] + math.sqrt(1 - RHO ** 2) * z[..., t]
    y = u + e + EFFECT * X

    def demean(a):
        return a - a.mean(axis=-1, keepdims=True) - a.mean(axis=-2, keepdims=True) + a.mean(axis=(-1, -2), keepdims=True)

    yd, xd = demean(y), demean(X)
    sxx = (xd ** 2).sum()
    beta = (yd * xd).sum(axis=(-1, -2)) / sxx
    res = yd - beta[:, None, None] * xd
    score = (res * xd).sum(axis=-1)
    g, n, k = UNITS, UNITS * PERIODS, PERIODS  # unit effects nested in clusters are not counted
    se = np.sqrt((score ** 2).sum(axis=-1) / sxx ** 2 * g / (g - 1) * (n - 1) / (n - k))
    crit = stats.t.isf(0.025, g - 1)
    return float(np.mean(np.abs(beta / se) > crit))


def main() -> None:
    t_np, p_np = best_of(numpy_power, repeat=3)
    t1, r1 = best_of(lambda: hp.evaluation.power_simulate(design, EFFECT, n_sims=N_SIM, seed=1, threads=1), repeat=3)
    t2, r2 = best_of(lambda: hp.evaluation.power_simulate(design, EFFECT, n_sims=N_SIM, seed=1, threads=2), repeat=3)
    assert r1.power == r2.power
    mc = math.sqrt(p_np * (1 - p_np) / N_SIM)
    agree = abs(r1.power - p_np) < 4 * math.hypot(mc, r1.mc_se)
    print(f"power_simulate, {UNITS} units x {PERIODS} periods, {N_SIM} simulations, TWFE + CR1")
    print(f"  numpy vectorised   {t_np * 1e3:8.1f} ms   power {p_np:.4f}")
    print(f"  hp, 1 thread       {t1 * 1e3:8.1f} ms   power {r1.power:.4f}   {t_np / t1:5.1f}x numpy")
    print(f"  hp, 2 threads      {t2 * 1e3:8.1f} ms   {t1 / t2:5.2f}x one thread (identical power)")
    print(f"  agree within 4 MC SEs: {agree}")


if __name__ == "__main__":
    main()
