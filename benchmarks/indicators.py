"""hp.indicators against idiomatic numpy/scipy implementations of the same formulas, in one process: results
checked to agree, then timed (best of a few runs).

Each row is a Case: a name, the healthyplaces call, the peer call, an agreement check and the speed-up the
issue asks for. Add rows to CASES (the grouped DSR rows go here too).

Targets (issue 5, single thread): element-wise intervals for 1,000,000 groups >= 5x numpy (which makes a pass
over memory per operation); 1,000,000 Wilson intervals returned as a DataFrame in under 20 ms; the grouped
DSR >= 10x pandas. Issue 13: the public hp.indicators.proportion and .rate (the DataFrame) within 1.5x of the
memory floor, one numpy operation per result column over the same inputs (the last table).

Run: python benchmarks/indicators.py
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
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
    for level in range(len(res.confidence_level)):
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
    """An _core result with its arrays taken out, so the hp timings include handing numpy the results."""

    def __init__(self, r: Any) -> None:
        if isinstance(r, tuple):  # proportion and rate fill one block: rows inputs (2), value, lower/upper per level
            block = r[0]
            self.value, self.lower, self.upper = block[2], block[3::2], block[4::2]
            self.confidence_level = range(len(self.lower))
        else:
            self.confidence_level, self.value, self.lower, self.upper = r.confidence_level, r.value, r.lower, r.upper


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


# ---- the public API against the memory floor -------------------------------------------------------------
# The floor: one elementwise numpy operation per numeric result column (value, and lower and upper per level),
# each reading the same two input arrays and writing a new array: what any implementation must at least do to
# memory. hp.indicators.proportion and .rate return the DataFrame (numerator, denominator, value, limits, method),
# which holds two more columns (the copied inputs) than the floor writes.

def floor(x: np.ndarray, n: np.ndarray, levels: tuple[float, ...]) -> list[np.ndarray]:
    ops = (np.add, np.subtract, np.multiply, np.maximum, np.minimum, np.add, np.subtract)
    return [ops[k](x, n) for k in range(1 + 2 * len(levels))]


FLOOR_CASES = [  # name, the public call, its inputs, the numpy peer
    ("proportion, Wilson 95%", lambda: hp.indicators.proportion(num, den), (num, den), ONE,
     lambda: wilson_numpy(num, den, ONE)),
    ("proportion, Wilson 95% + 99.8%", lambda: hp.indicators.proportion(num, den, confidence_level=TWO), (num, den), TWO,
     lambda: wilson_numpy(num, den, TWO)),
    ("rate, Byar's 95%", lambda: hp.indicators.rate(events_big, pop, method="byars"), (events_big, pop), ONE,
     lambda: byars_numpy(events_big, pop, ONE)),
    ("rate, Byar's 95% + 99.8%", lambda: hp.indicators.rate(events_big, pop, confidence_level=TWO, method="byars"),
     (events_big, pop), TWO, lambda: byars_numpy(events_big, pop, TWO)),
]


def interleaved(fns: dict[str, Callable[[], Any]], rounds: int) -> dict[str, float]:
    """The shortest CPU time of each function over `rounds` rounds, one call of each per round (so that a busy
    spell of a shared machine hits them all alike). The calling thread's CPU time (page faults included), not
    wall-clock: everything here is single-threaded, and on a loaded machine a 10 ms call is often descheduled
    part-way, which says nothing about the code (and not the process's: idle BLAS threads may spin)."""
    best = {k: float("inf") for k in fns}
    for _ in range(rounds):
        for k, f in fns.items():
            t0 = time.thread_time()
            out = f()
            best[k] = min(best[k], time.thread_time() - t0)
            del out
    return best


# How glibc's malloc hands out large arrays decides much of the time: memory fresh from the kernel is zeroed on
# first touch (about as long as writing it once more), recycled memory is not. By default glibc maps every array
# over its (moving) threshold afresh and recycles smaller ones once it has seen them freed; the threshold never
# exceeds 32 MiB, so the 8 MB floor arrays are recycled from the second round while a 40-56 MB result block is
# always fresh. The table is therefore run in a child process per regime, with the threshold fixed so that both
# sides are treated alike: "fresh" (every array over 1 MiB mapped anew: a one-off call) and "reused" (large arrays
# from the heap, kept when freed: a loop), then with glibc's defaults.
REGIMES = {
    "fresh": {"MALLOC_MMAP_THRESHOLD_": str(1 << 20)},
    "reused": {"MALLOC_MMAP_THRESHOLD_": str(1 << 30), "MALLOC_TRIM_THRESHOLD_": str(1 << 30)},
    "glibc default": {},
}


def floor_table(rounds: int = 15) -> None:
    print(f"{'case':<34} {'floor ms':>9} {'hp ms':>9} {'hp/floor':>9} {'numpy ms':>9} {'numpy/hp':>9}")
    for name, call, (x, n), levels, peer in FLOOR_CASES:
        t = interleaved({"floor": lambda: floor(x, n, levels), "hp": call, "numpy": peer}, rounds)
        flag = "" if t["hp"] <= 1.5 * t["floor"] else "  over 1.5x"
        print(f"{name:<34} {t['floor'] * 1e3:9.2f} {t['hp'] * 1e3:9.2f} {t['hp'] / t['floor']:8.2f}x "
              f"{t['numpy'] * 1e3:9.2f} {t['numpy'] / t['hp']:8.1f}x{flag}")


def floor_tables(rounds: int = 15) -> None:
    print(f"\nThe public API (the DataFrame) against the memory floor, {N:,} groups, best CPU time of {rounds} "
          "interleaved rounds\n(floor: one numpy op per value/limit column, each reading both inputs and writing a "
          "new array; target hp/floor <= 1.5x)")
    for regime, env in REGIMES.items():
        print(f"\n-- malloc regime: {regime}")
        sys.stdout.flush()
        subprocess.run([sys.executable, __file__, "--floor", str(rounds)], env={**os.environ, **env}, check=True)


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
    floor_tables()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--floor"]:
        floor_table(int(sys.argv[2]))
    else:
        main()
