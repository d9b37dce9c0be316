"""hp.distributed against hp.finance.simulate in one process: 1,000,000 simulated years of torbay_like() (6
services, 19 bands) on one thread, two threads, with the progress bar (run in slices), and on a two-worker
LocalCluster (two processes, one thread each; the cluster's start-up timed apart); then 8 areas x 125,000
simulated years, a loop of per-area runs against simulate_areas. Every distributed result is checked to equal
the single-thread one bit for bit before it is timed.

Run: python benchmarks/finance_distributed.py   (needs pip install healthyplaces[distributed])
"""
from __future__ import annotations

import contextlib
import io
import time

import numpy as np

import healthyplaces as hp
from _timing import best_of  # benchmarks/_timing.py, beside this script

N = 1_000_000
ARGS = dict(seed=1, shock_sd=0.08, shock_correlation=0.7)


def row(name: str, seconds: float, base: float | None = None) -> None:
    ratio = f"{base / seconds:5.2f}x one thread" if base else ""
    print(f"{name:<44} {seconds * 1e3:8.0f} ms  {ratio}")


def main() -> None:
    from dask.distributed import Client, LocalCluster

    t = hp.finance.torbay_like()
    pop, svc = t.population, t.services
    one, ref = best_of(lambda: hp.finance.simulate(pop, svc, n_sims=N, threads=1, **ARGS), 3)
    row("simulate, 1 thread", one)
    two, r = best_of(lambda: hp.finance.simulate(pop, svc, n_sims=N, threads=2, **ARGS), 3)
    assert np.array_equal(r.spend, ref.spend)
    row("simulate, 2 threads", two, one)
    with contextlib.redirect_stderr(io.StringIO()):
        bar, r = best_of(lambda: hp.finance.simulate(pop, svc, n_sims=N, threads=1, progress=True, **ARGS), 3)
    assert np.array_equal(r.spend, ref.spend)
    row("simulate, 1 thread, progress bar (slices)", bar, one)

    t0 = time.perf_counter()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        row("LocalCluster(2 processes) start-up", time.perf_counter() - t0)
        hp.distributed.simulate(pop, svc, n_sims=4096, client=client, **ARGS)  # workers import healthyplaces
        for n_tasks in (2, 8):
            d, r = best_of(lambda: hp.distributed.simulate(pop, svc, n_sims=N, n_tasks=n_tasks, client=client,
                                                           **ARGS), 3)
            assert np.array_equal(r.spend, ref.spend) and np.array_equal(r.events, ref.events)
            row(f"hp.distributed, 2 workers, {n_tasks} tasks", d, one)

        areas = {f"area {i}": (pop, svc) for i in range(8)}
        loop, refs = best_of(lambda: [hp.finance.simulate(p, s, n_sims=N // 8, area=i, **ARGS)
                                      for i, (p, s) in enumerate(areas.values())], 3)
        row("8 areas x 125,000: a loop, 1 thread", loop)
        d, r = best_of(lambda: hp.distributed.simulate_areas(areas, n_sims=N // 8, client=client, **ARGS), 3)
        assert all(np.array_equal(r[k].spend, x.spend) for k, x in zip(areas, refs))
        row("8 areas x 125,000: simulate_areas, 2 workers", d, loop)


if __name__ == "__main__":
    main()
