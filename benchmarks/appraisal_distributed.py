"""hp.distributed.appraise and hp.distributed.smaa against the one-process calls (issue 16: "on Dask through
hp.distributed for large runs").

Economic appraisal: benchmarks/appraisal_economic.py's short list (5 options, 14 named inputs, years 0..10) at
2,000,000 simulations (48 million draws kept: n_sims x (2 x options + inputs), the 250,000,000 limit allows
10,416,666). SMAA-2: 10 options x 8 criteria with uncertain performances (ranges and normals), 5,000,000 draws.
Each on one thread, two threads, and a LocalCluster of two worker processes (one thread each; its start-up timed
apart, the workers warmed up by a small run). Every distributed result is checked to equal the one-thread result
bit for bit (==) before it is timed. The economic appraisal's draws come back from the workers (they are kept for
EVPPI): the gather, and the finish's statistics on one thread (sorting for quantiles, the acceptability curve),
bound what two workers can gain; SMAA's tasks return a few hundred integers each.

Run: python benchmarks/appraisal_distributed.py   (needs pip install healthyplaces[distributed])
"""
from __future__ import annotations

import os
import time

import numpy as np
import pandas as pd

import healthyplaces as hp
from _timing import best_of  # benchmarks/_timing.py, beside this script
from appraisal_economic import options  # the same short list

N_ECON = 2_000_000
N_SMAA = 5_000_000


def row(name: str, seconds: float, base: float | None = None) -> None:
    ratio = f"{base / seconds:5.2f}x one thread" if base else ""
    print(f"{name:<52} {seconds:8.2f} s  {ratio}")


def smaa_table() -> tuple[pd.DataFrame, list]:
    rng = np.random.default_rng(1)
    x = rng.uniform(0, 10, (10, 8))
    cells = [[(v - 1.0, v + 1.0) if j % 2 else hp.appraisal.Performance.normal(v, 1.0) for j, v in enumerate(r)]
             for r in x]
    perf = pd.DataFrame(cells, index=[f"option {i}" for i in range(10)], columns=[f"criterion {j}" for j in range(8)])
    return perf, [hp.appraisal.Criterion(c) for c in perf.columns]


def main() -> None:
    from dask.distributed import Client, LocalCluster

    print(f"load average at the start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (wall times are only "
          "indicative on a busy machine)")
    short_list = options()
    perf, criteria = smaa_table()
    e1, e_ref = best_of(lambda: hp.appraisal.appraise(short_list, n_sims=N_ECON, seed=1, threads=1), 2)
    row(f"appraise, {N_ECON:,} sims, 1 thread", e1)
    e2, r = best_of(lambda: hp.appraisal.appraise(short_list, n_sims=N_ECON, seed=1, threads=2), 2)
    assert r == e_ref
    row("appraise, 2 threads", e2, e1)
    s1, s_ref = best_of(lambda: hp.appraisal.smaa(perf, criteria, n_sims=N_SMAA, seed=1, threads=1), 2)
    row(f"smaa, 10 x 8, {N_SMAA:,} draws, 1 thread", s1)
    s2, r = best_of(lambda: hp.appraisal.smaa(perf, criteria, n_sims=N_SMAA, seed=1, threads=2), 2)
    assert r == s_ref
    row("smaa, 2 threads", s2, s1)

    t0 = time.perf_counter()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        row("LocalCluster(2 processes) start-up", time.perf_counter() - t0)
        hp.distributed.appraise(short_list, n_sims=5000, client=client)  # the workers import healthyplaces
        for n_tasks in (2, 8):
            d, r = best_of(lambda: hp.distributed.appraise(short_list, n_sims=N_ECON, seed=1, n_tasks=n_tasks,
                                                           client=client), 2)
            assert r == e_ref
            row(f"hp.distributed.appraise, 2 workers, {n_tasks} tasks", d, e1)
        for n_tasks in (2, 8):
            d, r = best_of(lambda: hp.distributed.smaa(perf, criteria, n_sims=N_SMAA, seed=1, n_tasks=n_tasks,
                                                       client=client), 2)
            assert r == s_ref
            row(f"hp.distributed.smaa, 2 workers, {n_tasks} tasks", d, s1)
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
