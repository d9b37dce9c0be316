"""hp.evaluation.did / event_study / bacon against idiomatic peers in one process: results checked to agree, then
timed (best of a few runs). No speed target in issue 7 for these (its targets are for Callaway-Sant'Anna and
synthetic control); the table shows what fixed-effect absorption buys over statsmodels with dummies.

Peers: statsmodels OLS with C(unit) + C(year) dummies and cluster-robust errors (the textbook way), and a numpy
within-transformation with the CR1 sandwich written out (what a careful analyst writes by hand).

hp_ms is end to end from the DataFrame (validation into a Panel included: most of the time); hp_panel_ms the
estimate on a Panel built once. The numpy peer validates nothing and assumes a balanced, sorted table.

Run: python benchmarks/evaluation_did.py
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import statsmodels.formula.api as smf

import healthyplaces as hp
from _timing import best_of  # benchmarks/_timing.py, beside this script


def panel(n_units: int, n_periods: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    years = np.arange(2015, 2015 + n_periods)
    first = rng.choice([0, 2017, 2018, 2019], size=n_units)
    unit = np.repeat(np.arange(n_units), n_periods)
    year = np.tile(years, n_units)
    g = first[unit]
    D = ((g > 0) & (year >= g)).astype(float)
    y = rng.normal(size=n_units)[unit] + 0.2 * (year - 2015) + 2.0 * D + rng.normal(size=unit.size)
    return pd.DataFrame({"unit": unit, "year": year, "first": g, "D": D, "y": y})


def numpy_twfe(df: pd.DataFrame) -> tuple[float, float]:
    """Balanced two-way demeaning, OLS on D, CR1 by unit: the hand-written peer."""
    n_units, n_periods = df["unit"].nunique(), df["year"].nunique()
    y = df["y"].to_numpy().reshape(n_units, n_periods)
    d = df["D"].to_numpy().reshape(n_units, n_periods)

    def demean(m: np.ndarray) -> np.ndarray:
        return m - m.mean(1, keepdims=True) - m.mean(0, keepdims=True) + m.mean()

    yt, dt = demean(y), demean(d)
    beta = (yt * dt).sum() / (dt * dt).sum()
    e = yt - beta * dt
    scores = (dt * e).sum(1) / (dt * dt).sum()
    N, K, G = y.size, 1 + (n_units - 1) + (n_periods - 1) + 1, n_units
    var = (scores ** 2).sum() * G / (G - 1) * (N - 1) / (N - K)
    return beta, float(np.sqrt(var))


def main() -> None:
    rows = []
    for n_units, n_periods, with_sm in ((250, 5, True), (2_500, 5, False), (25_000, 8, False)):
        df = panel(n_units, n_periods)
        t_hp, r = best_of(lambda: hp.evaluation.did(df, unit="unit", time="year", outcome="y", adoption="first"), 3)
        t_np, (b, se) = best_of(lambda: numpy_twfe(df), 3)
        assert abs(r.statistic - b) < 1e-9 * abs(b) and abs(r.standard_error - se) < 1e-9 * se, (r.statistic, b)
        # the same estimate on a Panel validated once (what a user fitting several models does)
        p = hp.evaluation.Panel.from_frame(df, unit="unit", time="year", outcome="y", adoption="first")
        t_panel, _ = best_of(lambda: hp.evaluation.did(p), 3)
        row = {"case": f"did twfe {n_units} x {n_periods}", "hp_ms": 1e3 * t_hp, "hp_panel_ms": 1e3 * t_panel,
               "numpy_ms": 1e3 * t_np}
        if with_sm:
            t_sm, ref = best_of(lambda: smf.ols("y ~ D + C(unit) + C(year)", data=df).fit(
                cov_type="cluster", cov_kwds={"groups": df["unit"]}, use_t=True), 1)
            assert abs(ref.params["D"] - r.statistic) < 1e-9 and abs(ref.bse["D"] - r.standard_error) < 1e-9
            row["statsmodels_ms"] = 1e3 * t_sm
        t_es, _ = best_of(lambda: hp.evaluation.event_study(df, unit="unit", time="year", outcome="y",
                                                            adoption="first"), 3)
        t_b, bres = best_of(lambda: hp.evaluation.bacon(df, unit="unit", time="year", outcome="y", adoption="first"), 3)
        assert abs(bres.weighted_sum - bres.twfe) < 1e-9
        row["event_study_ms"], row["bacon_ms"] = 1e3 * t_es, 1e3 * t_b
        rows.append(row)
    out = pd.DataFrame(rows)
    out["numpy/hp"] = out["numpy_ms"] / out["hp_ms"]
    out["numpy/hp_panel"] = out["numpy_ms"] / out["hp_panel_ms"]
    if "statsmodels_ms" in out:
        out["statsmodels/hp"] = out["statsmodels_ms"] / out["hp_ms"]
    print(out.to_string(index=False, float_format=lambda v: f"{v:.3g}"))


if __name__ == "__main__":
    main()
