"""hp.finance's spend simulation against an idiomatic vectorised numpy implementation of the same model, and
against the floor (the same binary only drawing the variates the model needs), in one process.

The model (issue 6): 6 services over 19 age bands, 1,000,000 simulated years; per year a shared shock
(multipliers exp(σ·Z_s − σ²/2), Z_s = √ρ·W + √(1 − ρ)·ε_s), Poisson event counts, and each service's cost as one
aggregate gamma draw Gamma(N·k, θ). numpy is vectorised over years (a numpy Generator, PCG64); the two agree in
distribution (per-service means and sds within 4 Monte Carlo SEs), not draw by draw.

hp draws from one Philox-seeded xoshiro256++ stream per block of years (stats/fast_variates.hpp) with a ziggurat
normal, Marsaglia–Tsang gamma and PTRS Poisson. The floor (_core.finance.draw_variates_only) draws exactly those
variates with the same samplers and streams — per simulated year 1 + 6 normals, and per service a Poisson count
(PTRS, log λ given) and one aggregate gamma — and sums them, with none of the model (no shock, no exp, no output
arrays). The machine's load average is printed: on a shared machine compare ratios within one run.

Targets (single thread): >= 5x numpy; within 2x of the floor; two threads >= 1.8x one.

Run: python benchmarks/finance.py
"""
from __future__ import annotations

import math
import os

import numpy as np

import healthyplaces as hp
from _timing import best_of  # benchmarks/_timing.py, beside this script
from healthyplaces import _core

N = 1_000_000
BANDS = 19
SIGMA, RHO = 0.1, 0.6
rng0 = np.random.default_rng(2026)
# An area of about 130,000 people in 5-year bands to 90+, older-skewed (Torbay-like; illustrative only).
POP = np.linspace(8000, 3000, BANDS) * np.r_[np.ones(13), np.linspace(1.0, 0.3, 6)]
AGE = np.arange(BANDS) * 5.0
# Six services: events per person rising with age (illustrative rates), gamma unit costs (mean, sd).
RATES = np.array([scale * np.exp((AGE - 90) / width) for scale, width in
                  [(0.6, 25), (0.15, 12), (0.4, 15), (0.2, 18), (0.05, 20), (0.3, 30)]])
COSTS = [(2500, 1500), (30000, 12000), (6000, 4000), (2000, 1000), (800, 600), (300, 200)]
K = np.array([m * m / (s * s) for m, s in COSTS])
THETA = np.array([s * s / m for m, s in COSTS])


def services() -> list:
    return [hp.finance.Service(f"service {i}", "nhs" if i % 2 == 0 else "council", RATES[i].tolist(),
                               hp.finance.Gamma(*COSTS[i]), 1e6) for i in range(6)]


def numpy_model(n: int, seed: int) -> np.ndarray:
    """The same model, vectorised over years: an (n, 6) array of spend."""
    rng = np.random.default_rng(seed)
    lam0 = RATES @ POP
    w = rng.standard_normal(n)
    z = math.sqrt(RHO) * w[:, None] + math.sqrt(1 - RHO) * rng.standard_normal((n, lam0.size))
    lam = lam0 * np.exp(SIGMA * z - 0.5 * SIGMA ** 2)
    events = rng.poisson(lam)
    spend = np.zeros(lam.shape)
    hit = events > 0
    spend[hit] = rng.gamma((events * K)[hit], np.broadcast_to(THETA, lam.shape)[hit])
    return spend


def agree(a: np.ndarray, b: np.ndarray) -> tuple[bool, str]:
    """Per-service means within 4 SE of each other (SE² = sd_a²/n_a + sd_b²/n_b) and sds likewise (SE of an sd
    ≈ sd·√((kurtosis − 1)/(4n)))."""
    worst = 0.0
    for s in range(a.shape[1]):
        x, y = a[:, s], b[:, s]
        se_mean = math.sqrt(x.var() / x.size + y.var() / y.size)
        kx = np.mean((x - x.mean()) ** 4) / x.var() ** 2
        se_sd = math.sqrt(x.var() * (kx - 1) / (4 * x.size) * 2)
        worst = max(worst, abs(x.mean() - y.mean()) / se_mean, abs(x.std() - y.std()) / se_sd)
    return worst < 4, f"worst |diff| {worst:.2f} SE"


def main() -> None:
    svc = [s._core for s in services()]
    table = POP[None, :]

    def hp_run(threads: int = 1):
        return _core.finance.simulate_spend(svc, table, N, RHO, SIGMA, 1, threads=threads)

    mean_events = RATES @ POP
    t_hp, draws = best_of(hp_run, 3)
    t_np, spend_np = best_of(lambda: numpy_model(N, 1), 3)
    t_floor, _ = best_of(lambda: _core.finance.draw_variates_only(mean_events, K, N, 1, threads=1), 3)
    t_two, _ = best_of(lambda: hp_run(2), 3)
    t_full, _ = best_of(lambda: hp.finance.simulate((list(map(str, AGE)), POP), services(), n_sims=N, shock_sd=SIGMA,
                                                    shock_correlation=RHO, seed=1, threads=1), 3)
    ok, how = agree(draws.spend[:, 0, :], spend_np)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"hp.finance.simulate: {N:,} simulated years, 6 services x {BANDS} bands; best of 3 (load {load})\n")
    print(f"{'case':<58} {'ms':>9} {'ratio':>8} {'target':>8}")
    print(f"{'hp simulate_spend, 1 thread':<58} {t_hp * 1e3:9.1f}")
    print(f"{'numpy, vectorised over years (same model)':<58} {t_np * 1e3:9.1f} {t_np / t_hp:7.1f}x {'>=5x':>8}  "
          f"{how}{'' if ok else '  DISAGREE'}")
    print(f"{'floor: the variates only, 1 thread':<58} {t_floor * 1e3:9.1f} {t_hp / t_floor:7.2f}x {'<=2x':>8}")
    print(f"{'hp simulate_spend, 2 threads':<58} {t_two * 1e3:9.1f} {t_hp / t_two:7.2f}x {'>=1.8x':>8}")
    print(f"{'hp.finance.simulate (pooled outturns, Python wrapper)':<58} {t_full * 1e3:9.1f}")


if __name__ == "__main__":
    main()
