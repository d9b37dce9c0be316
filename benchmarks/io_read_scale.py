"""Readers at scale (issue 15): read_scores, competency_gaps and read_counts on generated files of N rows.

Each size writes one scores file (N organisations in N/2 areas, each a council beside an NHS body, five
categories scored 1-4 with some cells empty) and one counts file (N organisations), then times the library's
calls on them: the fastest of three runs, wall-clock and CPU. The goal is linear time: 1,000,000 rows of scores read
by read_scores in at most 3 s, and their competency gaps in at most 3 s (both grew with the square of the rows
before: 100,000 rows took 25.7 s).

Run: make bench   (or python benchmarks/io_read_scale.py [N ...]; default 100000 1000000)
"""
from __future__ import annotations

import os
import sys
import tempfile

import numpy as np

import healthyplaces as hp
import time
from typing import Any, Callable


def best_of(fn: Callable[[], Any], repeat: int = 3) -> tuple[float, float, Any]:
    """The shortest wall-clock and CPU seconds of ``repeat`` runs (CPU time says what a busy machine hides), and
    the last result."""
    wall, cpu, out = float("inf"), float("inf"), None
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        out = fn()
        wall, cpu = min(wall, time.perf_counter() - w), min(cpu, time.process_time() - c)
    return wall, cpu, out

CATS = ["financial_reporting", "financial_management", "financial_standing", "internal_control", "value_for_money"]
GOAL_SECONDS = {1_000_000: 3.0}


def write_scores(path: str, n: int, seed: int = 15) -> None:
    rng = np.random.default_rng(seed)
    scores = rng.integers(1, 5, size=(n, len(CATS))).astype(str)
    scores[rng.random(scores.shape) < 0.03] = ""
    stars = rng.integers(0, 5, size=n).astype(str)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("area,organisation,code,sector,authority_type,star_rating," + ",".join(CATS) + "\n")
        for i in range(n):
            council = i % 2 == 0
            sector, kind = ("local_authority", "unitary_authority") if council else ("nhs_commissioner",
                                                                                   "primary_care_trust")
            f.write(f"Area {i // 2},Org {i},C{i},{sector},{kind},{stars[i]}," + ",".join(scores[i]) + "\n")


def write_counts(path: str, n: int, seed: int = 15) -> None:
    rng = np.random.default_rng(seed)
    den = rng.integers(1_000, 100_000, size=n)
    num = (den * rng.random(n) * 0.2).astype(int)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("organisation,period,numerator,denominator\n")
        for i in range(n):
            f.write(f"Trust {i},2024-{i % 12 + 1:02d},{num[i]},\"{den[i]:,}\"\n")


def main(sizes: list[int]) -> int:
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            scores, counts = os.path.join(tmp, f"scores{n}.csv"), os.path.join(tmp, f"counts{n}.csv")
            write_scores(scores, n)
            write_counts(counts, n)
            t_read, c_read, table = best_of(lambda: hp.read_scores(scores))
            assert table.n_organisations == n and len(table.areas) == n // 2
            t_gaps, c_gaps, gaps = best_of(lambda: hp.competency_gaps(table))
            assert len(gaps) == n // 2
            t_counts, c_counts, frame = best_of(lambda: hp.read_counts(counts, period="period"))
            assert len(frame) == n
            mb = os.path.getsize(scores) / 1e6
            goal = GOAL_SECONDS.get(n)
            verdict = ""
            if goal is not None:
                met = t_read <= goal and t_gaps <= goal
                verdict = f" (goal <= {goal:.0f} s each: {'met' if met else 'MISSED'})"
                failed |= not met
            print(f"{n:>9,} rows ({mb:6.1f} MB): read_scores {t_read:6.2f} s (cpu {c_read:5.2f}), competency_gaps "
                  f"{t_gaps:6.2f} s (cpu {c_gaps:5.2f}), read_counts {t_counts:6.2f} s (cpu {c_counts:5.2f}){verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main([int(a) for a in sys.argv[1:]] or [100_000, 1_000_000]))
