"""Grouped directly standardised rates: hp.indicators.dsr against pandas groupby + numpy of the same formulas.

30,000 small areas x 19 age bands (0-4, 5-9, ..., 85-89, 90+: the 2013 European Standard Population as
PHEindicatormethods ships it, which hp.indicators.dsr builds from the built-in 21-band ESP2013), Poisson
deaths, DSR per 100,000 with Dobson limits at 95% and 99.8%. The pandas version is what one would write
(PHEindicatormethods' calculate_dsr in pandas): map the standard onto the bands, groupby-sum the weighted rates
and squares, then numpy for Byar's limits and the suppression below 10 events. Both results are checked to agree
(relative 1e-9) before timing; the best of several runs is printed with the ratio. Single thread.

Run: python benchmarks/indicators_dsr.py [N_AREAS]
"""
from __future__ import annotations

import sys

import numpy as np
import pandas as pd
from scipy import stats

import healthyplaces as hp
from _timing import best_of  # benchmarks/_timing.py, beside this script

LEVELS = (0.95, 0.998)


def make_data(n_areas: int, seed: int = 2013) -> tuple[pd.DataFrame, dict[str, float]]:
    esp = hp.indicators.standard_population("ESP2013")
    pops = dict(zip(esp.age_band, esp.population))
    labels = ["0-4"] + list(esp.age_band[2:19]) + ["90+"]
    standard = {b: pops.get(b, 0.0) for b in labels}
    standard["0-4"], standard["90+"] = pops["0"] + pops["1-4"], pops["90-94"] + pops["95+"]
    rng = np.random.default_rng(seed)
    n_bands = len(labels)
    mortality = np.geomspace(2e-4, 0.2, n_bands)
    population = rng.integers(20, 200, size=(n_areas, n_bands)).astype(float)
    deaths = rng.poisson(population * mortality).astype(float)
    frame = pd.DataFrame({
        "area": np.repeat([f"E0{i:07d}" for i in range(n_areas)], n_bands),
        "age_band": np.tile(labels, n_areas),
        "events": deaths.ravel(),
        "population": population.ravel(),
    })
    return frame, standard


def pandas_dsr(frame: pd.DataFrame, standard: dict[str, float], multiplier: float = 100000.0) -> pd.DataFrame:
    s = frame["age_band"].map(standard).to_numpy()
    x = frame["events"].to_numpy()
    n = frame["population"].to_numpy()
    w = s / n
    work = pd.DataFrame({"area": frame["area"], "events": x, "population": n, "wt": x * w, "sq": x * w * w, "s": s})
    g = work.groupby("area", sort=True).sum()
    o = g["events"].to_numpy()
    value = g["wt"].to_numpy() / g["s"].to_numpy() * multiplier
    var = g["sq"].to_numpy() / g["s"].to_numpy() ** 2
    out = pd.DataFrame({"area": g.index, "total_count": o, "total_pop": g["population"].to_numpy(), "value": value})
    small = o < 10
    scale = np.sqrt(var / o) * multiplier
    with np.errstate(invalid="ignore", divide="ignore"):
        for c in LEVELS:
            z = stats.norm.ppf(c + (1 - c) / 2)
            lo = o * (1 - 1 / (9 * o) - z / (3 * np.sqrt(o))) ** 3
            lo[lo < 0] = np.nan
            up = (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * np.sqrt(o + 1))) ** 3
            sfx = hp.indicators.level_suffix(c)
            out[f"lower_{sfx}"] = np.where(small, np.nan, value + scale * (lo - o))
            out[f"upper_{sfx}"] = np.where(small, np.nan, value + scale * (up - o))
    out.loc[small, "value"] = np.nan
    return out


def main(n_areas: int = 30000) -> None:
    frame, standard = make_data(n_areas)
    frame_std = frame.assign(stdpop=frame["age_band"].map(standard))
    lib = hp.indicators.dsr(frame, by="area", standard="ESP2013", confidence_level=LEVELS)
    ref = pandas_dsr(frame, standard)
    assert list(lib["area"]) == list(ref["area"])
    for col in ["total_count", "total_pop", "value", "lower_95", "upper_95", "lower_99_8", "upper_99_8"]:
        np.testing.assert_allclose(lib[col], ref[col], rtol=1e-9, equal_nan=True, err_msg=col)
    suppressed = int(lib["value"].isna().sum())

    t_pandas = best_of(lambda: pandas_dsr(frame, standard))[0]
    t_lib = best_of(lambda: hp.indicators.dsr(frame, by="area", standard="ESP2013", confidence_level=LEVELS))[0]
    t_lib_col = best_of(lambda: hp.indicators.dsr(frame_std, by="area", standard="stdpop", confidence_level=LEVELS))[0]
    codes = pd.factorize(frame["area"], sort=True)[0].astype(np.int64)
    x, n, s = (frame_std[c].to_numpy() for c in ("events", "population", "stdpop"))
    t_core = best_of(lambda: hp._core.indicators.dsr(codes, x, n, s, n_areas, list(LEVELS), 100000.0))[0]

    print(f"DSR with 95% and 99.8% Dobson limits: {n_areas:,} areas x 19 age bands ({len(frame):,} rows); "
          f"{suppressed} areas under 10 deaths suppressed; results agree (rtol 1e-9)")
    print(f"  pandas groupby + numpy                 {t_pandas * 1e3:8.1f} ms")
    print(f"  hp.indicators.dsr, standard='ESP2013'  {t_lib * 1e3:8.1f} ms   {t_pandas / t_lib:5.1f}x")
    print(f"  hp.indicators.dsr, standard column     {t_lib_col * 1e3:8.1f} ms   {t_pandas / t_lib_col:5.1f}x")
    print(f"  _core.indicators.dsr (group codes)     {t_core * 1e3:8.1f} ms   {t_pandas / t_core:5.1f}x")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:]))
