"""hp.indicators.dsr / isr / standard_population against independent numpy/scipy implementations of the formulas in
PHEindicatormethods' calculate_dsr, calculate_ISRatio and calculate_ISRate (its own expected values are in .xlsx
sheets not reproduced here), to relative 1.5e-8."""
import numpy as np
import pandas as pd
import pytest
from scipy import stats

import healthyplaces as hp

REL = 1.5e-8


def z(c):
    return stats.norm.ppf(c + (1 - c) / 2)


def byars_lower(x, c):
    v = x * (1 - 1 / (9 * x) - z(c) / (3 * np.sqrt(x))) ** 3
    return np.where(v < 0, np.nan, v)


def byars_upper(x, c):
    return (x + 1) * (1 - 1 / (9 * (x + 1)) + z(c) / (3 * np.sqrt(x + 1))) ** 3


def reference_dsr(df, by, levels, multiplier=100000, var_col=None):
    """calculate_dsr written out with pandas: one row per group."""
    d = df.assign(wt=df.events * df.stdpop / df.population, sq=df.events * (df.stdpop / df.population) ** 2)
    g = d.groupby(by, sort=True).agg(total_count=("events", "sum"), total_pop=("population", "sum"),
                                     wt=("wt", "sum"), sq=("sq", "sum"), s=("stdpop", "sum")).reset_index()
    g["value"] = g.wt / g.s * multiplier
    var = g.sq / g.s ** 2 if var_col is None else g[var_col]
    o = g.total_count
    for c in levels:
        suffix = hp.indicators.level_suffix(c) if len(levels) > 1 else None
        lo, up = ("lower", "upper") if suffix is None else (f"lower_{suffix}", f"upper_{suffix}")
        g[lo] = g.value + np.sqrt(var / o) * (byars_lower(o, c) - o) * multiplier
        g[up] = g.value + np.sqrt(var / o) * (byars_upper(o, c) - o) * multiplier
    cols = [c for c in g.columns if c.startswith(("value", "lower", "upper"))]
    g.loc[g.total_count < 10, cols] = np.nan
    return g


@pytest.fixture
def esp_data():
    rng = np.random.default_rng(5)
    esp = hp.indicators.standard_population("ESP2013")
    rows = []
    for area in ["E01", "E02", "E03", "E04"]:
        for sex in ["F", "M"]:
            scale = 0.01 if area == "E04" else 1.0  # E04: a few events only, suppressed
            rows.append(pd.DataFrame({"area": area, "sex": sex, "age_band": esp.age_band,
                                      "events": rng.poisson(np.linspace(0.2, 30, len(esp)) * scale),
                                      "population": rng.integers(500, 5000, len(esp)).astype(float),
                                      "stdpop": esp.population}))
    return pd.concat(rows, ignore_index=True)


def test_standard_populations():
    esp = hp.indicators.standard_population("ESP2013")
    assert list(esp.age_band[:3]) == ["0", "1-4", "5-9"] and esp.age_band.iloc[-1] == "95+"
    assert len(esp) == 21 and esp.population.sum() == 100000
    old = hp.indicators.standard_population("ESP1976")
    assert len(old) == 18 and old.age_band.iloc[-1] == "85+" and old.population.sum() == 100000
    ds = hp.datasets.european_standard_population("ESP1976")
    assert list(ds.age_band) == list(old.age_band) and list(ds.population) == list(old.population)
    assert len(hp.datasets.european_standard_population(None)) == 39
    with pytest.raises(hp.DomainError, match="not built in"):
        hp.indicators.standard_population("WHO")


@pytest.mark.parametrize("levels", [0.95, (0.95, 0.998), 0.9])
def test_dsr_matches_formulas(esp_data, levels):
    lv = [levels] if np.ndim(levels) == 0 else list(levels)
    out = hp.indicators.dsr(esp_data, by=["area", "sex"], standard="stdpop", confidence_level=levels)
    ref = reference_dsr(esp_data, ["area", "sex"], lv)
    assert list(out[["area", "sex"]].itertuples(index=False)) == list(ref[["area", "sex"]].itertuples(index=False))
    np.testing.assert_array_equal(out.total_count, ref.total_count)
    np.testing.assert_array_equal(out.total_pop, ref.total_pop)
    for col in [c for c in ref.columns if c.startswith(("value", "lower", "upper"))]:
        np.testing.assert_allclose(out[col], ref[col], rtol=REL, equal_nan=True)
    assert out.loc[out.area == "E04", "value"].isna().all()  # fewer than 10 events: suppressed
    assert out.value.notna().sum() == 6
    assert (out.method == "Dobson").all()


def test_dsr_built_in_standard_same_as_column(esp_data):
    by_name = hp.indicators.dsr(esp_data, by=["area", "sex"], standard="ESP2013", multiplier=1000)
    by_col = hp.indicators.dsr(esp_data, by=["area", "sex"], standard="stdpop", multiplier=1000)
    pd.testing.assert_frame_equal(by_name, by_col)


def test_dsr_nineteen_bands_are_unions_of_esp2013():
    esp = hp.indicators.standard_population("ESP2013")
    labels = ["0-4"] + list(esp.age_band[2:19]) + ["90+"]
    assert len(labels) == 19
    df = pd.DataFrame({"age_band": labels, "events": np.arange(19) + 1.0, "population": 1000.0})
    out = hp.indicators.dsr(df)
    # the 19-band ESP2013 of PHEindicatormethods: 5000 for 0-4, 1000 for 90+
    std = np.array([5000] + list(esp.population[2:19]) + [1000], dtype=float)
    want = (df.events * std / df.population).sum() / std.sum() * 100000
    assert out.value.iloc[0] == pytest.approx(want, rel=REL)


def test_dsr_band_errors(esp_data):
    with pytest.raises(hp.DataError, match=r"the data's age bands stop at age 95"):
        hp.indicators.dsr(esp_data[esp_data.age_band != "95+"], by=["area", "sex"])
    bad = esp_data.copy()
    bad.loc[bad.age_band == "95+", "age_band"] = "95-99"
    with pytest.raises(hp.DataError, match="age band '95-99' does not match the bands of ESP2013"):
        hp.indicators.dsr(bad, by=["area", "sex"])
    bad.loc[bad.age_band == "95-99", "age_band"] = "ninety-five"
    with pytest.raises(hp.DataError, match="age band 'ninety-five' does not match the bands of ESP2013"):
        hp.indicators.dsr(bad, by=["area", "sex"])
    short = esp_data[~((esp_data.area == "E02") & (esp_data.sex == "F") & (esp_data.age_band == "0"))]
    with pytest.raises(hp.DataError, match=r"group 2 \(area=E02, sex=F\) has 20 rows"):
        hp.indicators.dsr(short, by=["area", "sex"])
    with pytest.raises(hp.DataError, match="age bands overlap"):
        hp.indicators.dsr(pd.DataFrame({"age_band": ["0-4", "0", "1-4"], "events": 1.0, "population": 1.0}))
    with pytest.raises(hp.DataError, match="does not match the bands of ESP1976"):
        hp.indicators.dsr(esp_data, standard="ESP1976")


def test_dsr_bad_values(esp_data):
    bad = esp_data.copy()
    bad.loc[5, "events"] = -1
    with pytest.raises(hp.DataError, match=r"events must be a finite count >= 0; row 5 \(group 0\) has -1"):
        hp.indicators.dsr(bad, by="area", standard="stdpop")
    bad = esp_data.copy()
    bad.loc[7, "population"] = 0
    with pytest.raises(hp.DataError, match=r"population must be finite and > 0; row 7"):
        hp.indicators.dsr(bad, by="area", standard="stdpop")
    with pytest.raises(hp.DomainError):
        hp.indicators.dsr(esp_data, by=["area", "sex"], confidence_level=1.2)
    with pytest.raises(hp.DataError, match="no column 'deaths'"):
        hp.indicators.dsr(esp_data, events="deaths")
    with pytest.raises(hp.DataError, match="age_band: no column 'band'"):
        hp.indicators.dsr(esp_data, age_band="band")
    # arrays instead of a DataFrame: labels per row give the built-in standard
    esp = hp.indicators.standard_population("ESP1976")
    arr = hp.indicators.dsr(events=np.full(18, 5.0), population=np.full(18, 1000.0), age_band=esp.age_band.to_numpy(),
                            standard="ESP1976")
    assert arr.value.iloc[0] == pytest.approx(500.0, rel=REL)


def test_dsr_non_independent_events(esp_data):
    # people by event frequency, as in calculate_dsr's example: 10% of events in people with 3, 20% with 2
    d = esp_data.assign(f3=np.floor(esp_data.events * 0.1 / 3), f2=np.floor(esp_data.events * 0.2 / 2))
    d["f1"] = d.events - 3 * d.f3 - 2 * d.f2
    long = d.melt(id_vars=["area", "sex", "age_band", "population", "stdpop"], value_vars=["f1", "f2", "f3"],
                  var_name="freq", value_name="people")
    long["freq"] = long.freq.str[1].astype(int)
    long = long.sample(frac=1, random_state=3).reset_index(drop=True)  # any row order
    out = hp.indicators.dsr(long, events="people", by=["area", "sex"], standard="stdpop", independent_events=False,
                            event_frequency="freq", confidence_level=(0.95, 0.998))
    # the R package's two passes with pandas: variance per (group, frequency), times f^2, summed
    per_f = long.assign(sq=long.people * (long.stdpop / long.population) ** 2).groupby(
        ["area", "sex", "freq"]).agg(sq=("sq", "sum"), s=("stdpop", "sum")).reset_index()
    per_f["v"] = per_f.sq / per_f.s ** 2 * per_f.freq ** 2
    var = per_f.groupby(["area", "sex"]).v.sum().rename("custom_var").reset_index()
    ref = reference_dsr(esp_data, ["area", "sex"], [0.95, 0.998])
    ref = ref.merge(var, on=["area", "sex"])
    ref_adj = reference_dsr(esp_data.merge(var, on=["area", "sex"]).assign(custom_var=lambda x: x.custom_var),
                            ["area", "sex"], [0.95, 0.998])
    # recompute the limits with the custom variance
    for c in [0.95, 0.998]:
        sfx = hp.indicators.level_suffix(c)
        o = ref.total_count
        for side, fn in (("lower", byars_lower), ("upper", byars_upper)):
            lim = ref.value + np.sqrt(ref.custom_var / o) * (fn(o, c) - o) * 100000
            np.testing.assert_allclose(out[f"{side}_{sfx}"], lim, rtol=REL, equal_nan=True)
    np.testing.assert_allclose(out.value, ref_adj.value, rtol=REL, equal_nan=True)
    np.testing.assert_array_equal(out.total_count, ref.total_count)
    np.testing.assert_array_equal(out.total_pop, ref.total_pop)
    ind = hp.indicators.dsr(esp_data, by=["area", "sex"], standard="stdpop", confidence_level=(0.95, 0.998))
    ok = ind.value.notna()
    assert (out.lower_95[ok] <= ind.lower_95[ok]).all() and (out.upper_95[ok] >= ind.upper_95[ok]).all()
    assert (out.method == "Dobson, with confidence adjusted for non-independent events").all()
    with pytest.raises(hp.DomainError, match="event_frequency"):
        hp.indicators.dsr(long, events="people", by="area", independent_events=False)


def reference_isr(o, e, factor, c):
    lo = np.where(o < 10, np.where(o > 0, stats.chi2.ppf((1 - c) / 2, 2 * o) / 2, 0.0), byars_lower(o, c))
    hi = np.where(o < 10, stats.chi2.ppf(c + (1 - c) / 2, 2 * o + 2) / 2, byars_upper(o, c))
    return o / e * factor, lo / e * factor, hi / e * factor


@pytest.fixture
def isr_data():
    rng = np.random.default_rng(11)
    rows = []
    for i, area in enumerate(["A", "B", "C", "D", "E"]):
        rows.append(pd.DataFrame({"area": area, "band": range(6),
                                  "observed": rng.poisson([0.1, 0.2, 0.3, 0.5, 0.8, 1.0] if i < 2 else [3, 5, 8, 12, 20, 30]),
                                  "population": rng.integers(1000, 9000, 6).astype(float),
                                  "ref_events": [20.0, 40, 90, 160, 300, 500],
                                  "ref_pop": [100000.0, 90000, 85000, 70000, 50000, 30000]}))
    return pd.concat(rows, ignore_index=True)


@pytest.mark.parametrize("kind", ["ratio", "rate"])
def test_isr_matches_formulas(isr_data, kind):
    out = hp.indicators.isr(isr_data, by="area", reference_events="ref_events", reference_population="ref_pop",
                            kind=kind, confidence_level=(0.95, 0.998), reference_value=100)
    g = isr_data.assign(exp=isr_data.ref_events / isr_data.ref_pop * isr_data.population).groupby("area").agg(
        o=("observed", "sum"), e=("exp", "sum"), re=("ref_events", "sum"), rp=("ref_pop", "sum"))
    factor = 100 if kind == "ratio" else g.re / g.rp * 100000
    assert (g.o < 10).sum() >= 1 and (g.o >= 10).sum() >= 1  # both methods exercised
    np.testing.assert_array_equal(out.observed, g.o)
    np.testing.assert_allclose(out.expected, g.e, rtol=REL)
    for c in (0.95, 0.998):
        v, lo, hi = reference_isr(g.o.to_numpy(float), g.e.to_numpy(), np.asarray(factor), c)
        sfx = hp.indicators.level_suffix(c)
        np.testing.assert_allclose(out.value, v, rtol=REL)
        np.testing.assert_allclose(out[f"lower_{sfx}"], lo, rtol=REL)
        np.testing.assert_allclose(out[f"upper_{sfx}"], hi, rtol=REL)
    if kind == "rate":
        np.testing.assert_allclose(out.ref_rate, g.re / g.rp * 100000, rtol=REL)
    else:
        assert "ref_rate" not in out.columns


def test_isr_from_expected_and_errors(isr_data):
    e = isr_data.ref_events / isr_data.ref_pop * isr_data.population
    a = hp.indicators.isr(isr_data.assign(e=e), by="area", expected="e")
    b = hp.indicators.isr(isr_data, by="area", reference_events="ref_events", reference_population="ref_pop")
    np.testing.assert_allclose(a.upper, b.upper, rtol=1e-14)
    assert list(a.columns) == ["area", "observed", "expected", "value", "lower", "upper", "method"]
    with pytest.raises(hp.DataError, match=r"group 0: the expected count is 0"):
        hp.indicators.isr(observed=[1, 2], expected=[0.0, 0.0])
    with pytest.raises(hp.DataError, match=r"observed must be a finite count >= 0; row 1 \(group 0\) has -2"):
        hp.indicators.isr(observed=[1, -2], expected=[1.0, 1.0])
    with pytest.raises(hp.DomainError, match="kind='rate'"):
        hp.indicators.isr(observed=[1], expected=[1.0], kind="rate")
    with pytest.raises(hp.DomainError, match="kind must be 'ratio' or 'rate'"):
        hp.indicators.isr(isr_data, reference_events="ref_events", reference_population="ref_pop", kind="odds")


def test_dsr_row_order_and_key_types_do_not_matter(esp_data):
    one = esp_data[esp_data.sex == "F"].reset_index(drop=True)
    want = hp.indicators.dsr(one, by="area", standard="stdpop", confidence_level=(0.95, 0.998))
    shuffled = one.sample(frac=1, random_state=1).reset_index(drop=True)  # keys in many runs: hashed grouping
    got = hp.indicators.dsr(shuffled, by="area", standard="stdpop", confidence_level=(0.95, 0.998))
    pd.testing.assert_frame_equal(got, want, rtol=1e-13)
    backwards = one.iloc[::-1].reset_index(drop=True)  # grouped, keys descending: fast grouping, sorted output
    got = hp.indicators.dsr(backwards, by="area", confidence_level=(0.95, 0.998))
    pd.testing.assert_frame_equal(got, want, rtol=1e-13)
    numeric = one.assign(code=one.area.str[1:].astype(int))
    got = hp.indicators.dsr(numeric, by="code", standard="stdpop", confidence_level=(0.95, 0.998))
    assert list(got.code) == [1, 2, 3, 4]
    np.testing.assert_allclose(got.upper_99_8, want.upper_99_8, rtol=1e-13, equal_nan=True)


def test_band_order_fast_path_checks_every_row():
    # Rows tiled in the same band order take a fast path (one pass comparing each row's label with the first
    # group's); a group whose last two bands come swapped must still get its own standard weights.
    esp = hp.indicators.standard_population("ESP1976")
    bands = list(esp["age_band"])
    rng = np.random.default_rng(11)
    frames = []
    for g in range(40):
        order = bands[:-2] + bands[-2:][::-1] if g == 39 else bands
        frames.append(pd.DataFrame({"area": g, "age_band": order, "events": rng.integers(0, 30, len(bands)),
                                    "population": rng.integers(500, 5000, len(bands))}))
    data = pd.concat(frames, ignore_index=True)
    got = hp.indicators.dsr(data, by="area", standard="ESP1976")
    weights = dict(zip(esp["age_band"], esp["population"]))
    want = data.assign(w=data["age_band"].map(weights)).groupby("area").apply(
        lambda d: (d["events"] / d["population"] * d["w"]).sum() / d["w"].sum() * 1e5, include_groups=False)
    np.testing.assert_allclose(got["value"], want.to_numpy(), rtol=1e-12)
