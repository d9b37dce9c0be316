"""hp.indicators against idiomatic numpy/scipy implementations of the same formulas, in one process: results
checked to agree, then timed (best of a few runs).

Each row is a Case: a name, the healthyplaces call, the peer call, an agreement check and the speed-up the
issue asks for. Add rows to CASES (the grouped DSR rows go here too).

Targets (issue 5, single thread): element-wise intervals for 1,000,000 groups >= 5x numpy (which makes a pass
over memory per operation); 1,000,000 Wilson intervals returned as a DataFrame in under 20 ms; the grouped
DSR >= 10x pandas.

Run: python benchmarks/indicators.py
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np
import pandas as pd
from scipy import stats
from scipy.special import ndtri

import healthyplaces as hp
from _timing import Case, best_of  # benchmarks/_timing.py, beside this script
from healthyplaces import _core

N = 1_000_000
rng = np.random.default_rng(2026)

# Proportions: denominators 1..10,000, numerators uniform within them.
den = rng.integers(1, 10_001, size=N).astype(np.float64)
num = np.floor(rng.uniform(0, 1, size=N) * (den + 1)).clip(0, den)
# Rates: event counts 10..5,000 (all Byar's) and 0..40 (a quarter exact), populations 1,000..500,000.
events_big = rng.integers(10, 5_001, size=N).astype(np.float64)
events_small = rng.integers(0, 41, size=N).astype(np.float64)
pop = rng.integers(1_000, 500_001, size=N).astype(np.float64)


def limits_agree(res: Any, peer: tuple[np.ndarray, ...], rtol: float = 1e-12) -> tuple[bool, str]:
    """res: an _core Intervals; peer: (lower, upper) per level, level after level."""
    worst = 0.0
    for level in range(len(res.confidence)):
        for got, want in ((res.lower[level], peer[2 * level]), (res.upper[level], peer[2 * level + 1])):
            scale = np.maximum(np.abs(want), 1e-300)
            worst = max(worst, float(np.max(np.abs(got - want) / scale)))
    return worst <= rtol, f"max rel diff {worst:.1e}"


# ---- the numpy/scipy peers: the same formulas, one array operation at a time -----------------------------

def wilson_numpy(x: np.ndarray, n: np.ndarray, levels: tuple[float, ...]) -> tuple[np.ndarray, ...]:
    out = []
    p = x / n
    for c in levels:
        z = ndtri(1 - (1 - c) / 2)
        half = z * np.sqrt(z * z + 4 * x * (1 - p))
        den2 = 2 * (n + z * z)
        out += [(2 * x + z * z - half) / den2, (2 * x + z * z + half) / den2]
    return tuple(out)


def byars_numpy(x: np.ndarray, n: np.ndarray, levels: tuple[float, ...], mult: float = 1e5) -> tuple[np.ndarray, ...]:
    out = []
    for c in levels:
        z = ndtri(1 - (1 - c) / 2)
        lo = x * (1 - 1 / (9 * x) - z / (3 * np.sqrt(x))) ** 3
        x1 = x + 1
        hi = x1 * (1 - 1 / (9 * x1) + z / (3 * np.sqrt(x1))) ** 3
        out += [lo / n * mult, hi / n * mult]
    return tuple(out)


def phe_rate_numpy(x: np.ndarray, n: np.ndarray, levels: tuple[float, ...], mult: float = 1e5) -> tuple[np.ndarray, ...]:
    """phe_rate as numpy users write it: both methods everywhere, np.where picks (exact below 10 events)."""
    out = []
    with np.errstate(all="ignore"):  # Byar's at 0 events overflows; np.where discards those entries
        byars = byars_numpy(x, n, levels, mult)
    for i, c in enumerate(levels):
        a = 1 - c
        exact_lo = np.where(x > 0, stats.chi2.ppf(a / 2, 2 * x) / 2, 0.0) / n * mult
        exact_hi = stats.chi2.ppf(1 - a / 2, 2 * x + 2) / 2 / n * mult
        small = x < 10
        out += [np.where(small, exact_lo, byars[2 * i]), np.where(small, exact_hi, byars[2 * i + 1])]
    return tuple(out)


ONE, TWO = (0.95,), (0.95, 0.998)


class _Arrays:
    """An _core Intervals with its arrays taken out, so the hp timings include handing numpy the results."""

    def __init__(self, r: Any) -> None:
        if isinstance(r, tuple):  # proportion and rate fill numpy arrays in place: (value, lower, upper, method)
            self.value, self.lower, self.upper = r[:3]
            self.confidence = range(len(self.lower))
        else:
            self.confidence, self.value, self.lower, self.upper = r.confidence, r.value, r.lower, r.upper


class _Ind:
    def __getattr__(self, name: str) -> Callable[..., _Arrays]:
        f = getattr(_core.indicators, name)
        return lambda *a: _Arrays(f(*a))


ind = _Ind()

CASES = [
    Case("Wilson 95%, 1M groups", lambda: ind.proportion(num, den, list(ONE)), lambda: wilson_numpy(num, den, ONE),
         limits_agree, 5.0),
    Case("Wilson 95% + 99.8%, 1M groups", lambda: ind.proportion(num, den, list(TWO)),
         lambda: wilson_numpy(num, den, TWO), limits_agree, 5.0),
    Case("Byar's 95%, 1M groups (10+ events)", lambda: ind.rate(events_big, pop, list(ONE), "byars"),
         lambda: byars_numpy(events_big, pop, ONE), limits_agree, 5.0),
    Case("Byar's 95% + 99.8%, 1M groups", lambda: ind.rate(events_big, pop, list(TWO), "byars"),
         lambda: byars_numpy(events_big, pop, TWO), limits_agree, 5.0),
    Case("phe_rate auto 95% + 99.8%, 1M groups (0-40 events)", lambda: ind.rate(events_small, pop, list(TWO), "auto"),
         lambda: phe_rate_numpy(events_small, pop, TWO), lambda r, p: limits_agree(r, p, 1e-10), 5.0),
]


def main() -> None:
    print(f"hp.indicators against numpy/scipy, {N:,} groups, single thread; best of 5\n")
    print(f"{'case':<52} {'hp ms':>9} {'peer ms':>9} {'ratio':>7} {'target':>7}  agreement")
    for case in CASES:
        t_hp, r_hp = best_of(case.hp)
        t_peer, r_peer = best_of(case.peer, 3)
        ok, how = case.agree(r_hp, r_peer)
        ratio = t_peer / t_hp
        target = f">={case.target:g}x" if case.target else ""
        flag = "" if ok else "  DISAGREE"
        print(f"{case.name:<52} {t_hp * 1e3:9.2f} {t_peer * 1e3:9.2f} {ratio:6.1f}x {target:>7}  {how}{flag}")

    # The whole Python call: arrays in, the DataFrame (numerator, denominator, value, lower, upper, method) out.
    t_frame, frame = best_of(lambda: hp.indicators.proportion(num, den), 7)
    t_core, _ = best_of(lambda: _core.indicators.proportion(num, den, [0.95]), 7)
    assert isinstance(frame, pd.DataFrame) and len(frame) == N
    print(f"\n1,000,000 Wilson intervals as a DataFrame (hp.indicators.proportion): {t_frame * 1e3:.1f} ms "
          f"(target < 20 ms; of which the C++ call {t_core * 1e3:.1f} ms)")


if __name__ == "__main__":
    main()
