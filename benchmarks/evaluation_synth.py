"""Synthetic control: the Proposition 99 fit with all 38 in-space placebo fits, healthyplaces against pysyncon
(the Python peer, same specification, same run), then healthyplaces on one and on two threads.

pysyncon fits one synthetic control in tens of seconds to minutes (its inner W problem is scipy's SLSQP inside
a Nelder-Mead over V), so by default it fits the real unit plus PYSYNCON_FITS - 1 placebos and the table
extrapolates its time per fit to all 39, saying so; pass --full to time all 39 pysyncon fits.

Targets (issue 7): placebo inference >= 10x pysyncon; two threads >= 1.8x one.

Run: python benchmarks/evaluation_synth.py [--full] [--pysyncon-fits N]
"""
from __future__ import annotations

import argparse
import time

import numpy as np

import healthyplaces as hp

SPEC = dict(predictors=["lnincome", "age15to24", "retprice"], predictor_periods=range(1980, 1989),
            special_predictors=[("beer", range(1984, 1989), "mean"), ("cigsale", [1975], "mean"),
                                ("cigsale", [1980], "mean"), ("cigsale", [1988], "mean")])


def hp_run(df, threads):
    t, c = time.perf_counter(), time.process_time()
    r = hp.evaluation.synth(df, unit="state", time="year", outcome="cigsale", treated="California",
                            treatment_period=1989, threads=threads, **SPEC)
    return time.perf_counter() - t, time.process_time() - c, r


def pysyncon_fit(df, treated, donors):
    from pysyncon import Dataprep, Synth

    dp = Dataprep(foo=df, predictors=SPEC["predictors"], predictors_op="mean",
                  time_predictors_prior=SPEC["predictor_periods"], special_predictors=SPEC["special_predictors"],
                  dependent="cigsale", unit_variable="state", time_variable="year", treatment_identifier=treated,
                  controls_identifier=donors, time_optimize_ssr=range(1970, 1989))
    s = Synth()
    s.fit(dp, optim_initial="equal")
    return s


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--full", action="store_true", help="time all 39 pysyncon fits")
    ap.add_argument("--pysyncon-fits", type=int, default=2)
    args = ap.parse_args()
    df = hp.datasets.smoking()
    states = sorted(set(df.state) - {"California"})

    # Wall-clock and CPU time: on a shared machine the CPU time of the one-thread run is the fairer measure.
    one, one_cpu, r = min((hp_run(df, 1) for _ in range(2)), key=lambda x: x[0])
    two, _, _ = min((hp_run(df, 2) for _ in range(2)), key=lambda x: x[0])
    print(f"healthyplaces: 39 fits (1 real + 38 placebos): 1 thread {one:.3f} s (CPU {one_cpu:.3f} s), "
          f"2 threads {two:.3f} s (speed-up {one / two:.2f}x; target 1.8x); p = {r.pvalue:.4f}")

    n = 39 if args.full else max(1, min(39, args.pysyncon_fits))
    t, c = time.perf_counter(), time.process_time()
    s = pysyncon_fit(df, "California", states)
    for placebo in states[: n - 1]:
        pysyncon_fit(df, placebo, [d for d in states if d != placebo])
    peer, peer_cpu = time.perf_counter() - t, time.process_time() - c
    per_fit = peer / n
    w = s.weights()
    print(f"pysyncon: {n} fit(s) in {peer:.1f} s ({per_fit:.2f} s per fit); California weights "
          + ", ".join(f"{k} {v:.3f}" for k, v in w[w > 0.01].items()) + f"; loss_V {s.loss_V:.4f} "
          f"(healthyplaces {r.loss_v:.4f})")
    total = per_fit * 39
    label = "measured" if n == 39 else f"extrapolated from {n} fits"
    print(f"pysyncon, 39 fits ({label}): {total:.1f} s (CPU {peer_cpu / n * 39:.1f} s) -> healthyplaces 1 thread "
          f"is {total / one:.0f}x faster by wall clock, {peer_cpu / n * 39 / one_cpu:.0f}x by CPU time (target 10x); "
          f"2 threads {total / two:.0f}x")


if __name__ == "__main__":
    main()
