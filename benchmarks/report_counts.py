"""`healthyplaces report --counts` at scale (issue 15): the time to write the indicator page for 20,000 to
1,000,000 rows of counts, and the page's size (bounded: the page summarises, the full table goes to a CSV beside
it). Goal: 1,000,000 rows in at most 10 s.

Two shapes of file: one period (a row per organisation: the funnel of a million organisations), and twelve
monthly periods (a row per organisation and month, so the flagged organisations get XmR charts).

    python benchmarks/report_counts.py [ROWS ...]
"""
from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np


def write_counts(path: Path, rows: int, periods: int = 1, seed: int = 15) -> None:
    """Counts by organisation (and month): overdispersed proportions around 20%, denominators 50 to 50,000."""
    rng = np.random.default_rng(seed)
    orgs = max(rows // periods, 3)
    size = rng.integers(50, 50_000, size=orgs)
    p_org = np.clip(rng.normal(0.2, 0.03, size=orgs), 0.01, 0.99)
    with open(path, "w", encoding="utf-8") as f:
        f.write("organisation,period,numerator,denominator\n")
        for k in range(periods):
            n = size
            x = rng.binomial(n, p_org)
            month = f"2019-{k + 1:02d}-01" if periods <= 12 else f"{2000 + k // 12}-{k % 12 + 1:02d}-01"
            lines = [f"ORG{i:07d},{month},{x[i]},{n[i]}\n" for i in range(orgs)]
            f.writelines(lines)


def run(rows: int, periods: int, folder: Path) -> tuple[float, float, int, int]:
    data = folder / f"counts_{rows}_{periods}.csv"
    write_counts(data, rows, periods)
    out = folder / f"report_{rows}_{periods}.html"
    args = [sys.executable, "-m", "healthyplaces", "report", "--counts", str(data), "--out", str(out)]
    if periods > 1:
        args += ["--time", "period"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, timeout=600)
    seconds = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {done.stderr.strip()}")
    beside = sum(p.stat().st_size for p in folder.glob(f"report_{rows}_{periods}*.csv"))
    return seconds, cpu, out.stat().st_size, beside


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [20_000, 100_000, 1_000_000]
    # CPU seconds (user + system, the whole command from start-up) are what a quiet machine's wall clock shows;
    # on a shared machine the wall clock is longer
    print(f"{'rows':>10} {'periods':>7} {'wall s':>7} {'CPU s':>6} {'page MB':>8} {'CSV MB':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for rows in sizes:
            for periods in (1, 12):
                s, cpu, page, csv = run(rows, periods, Path(tmp))
                print(f"{rows:>10,} {periods:>7} {s:>7.1f} {cpu:>6.1f} {page / 1e6:>8.2f} {csv / 1e6:>7.2f}",
                      flush=True)
                for p in Path(tmp).iterdir():
                    os.remove(p)
    print("goal: 1,000,000 rows in <= 10 s, page of bounded size")


if __name__ == "__main__":
    main()
