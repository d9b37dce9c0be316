"""hp.indicators.life_expectancy against (1) the expected values written inline in PHEindicatormethods'
tests/testthat/testLifeExpectancy.R (ukhsa-collaboration/PHEindicatormethods: ``answer1``, computed with z = 1.96,
to 4 decimals as the R tests compare them, and the values to 1e-8), and (2) an independent numpy implementation of
Chiang's method II with Silcocks' open-band variance, written out below, at relative 1.5e-8 for many groups, band
layouts (85+, 95+, single years, 10-year bands), ax and levels."""
import time

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import healthyplaces as hp

REL = 1.5e-8

# testLifeExpectancy.R: df1 and answer1
AGES = [0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90]
POPS = [7060, 35059, 46974, 48489, 43219, 38561, 46009, 57208, 61435, 55601, 50209, 56416, 46411, 39820, 37978,
        37039, 33288, 23306, 11936, 11936]
DEATHS = [17, 9, 4, 8, 20, 15, 24, 33, 50, 71, 100, 163, 263, 304, 536, 872, 1390, 1605, 1936, 1937]
R_VALUE = [80.16960813, 79.36245674, 75.44193645, 70.47299936, 65.52909542, 60.67510088, 55.78835987, 50.92752727,
           46.06740425, 41.24505636, 36.49322717, 31.83343842, 27.26027992, 22.9719144, 18.76856852, 14.95858336,
           11.51684445, 8.618849241, 6.163942934, 6.16210635]
R_LOWER = [79.88268548, 79.0898816, 75.17407307, 70.20675732, 65.26548673, 60.41876577, 55.53801579, 50.68279939,
           45.82666794, 41.00842831, 36.26223216, 31.60996318, 27.04337271, 22.76653134, 18.57570352, 14.77985004,
           11.34831778, 8.451134045, 5.978358351, 5.887683386]
R_UPPER = [80.45653078, 79.63503188, 75.70979983, 70.7392414, 65.79270412, 60.931436, 56.03870395, 51.17225516,
           46.30814055, 41.48168441, 36.72422219, 32.05691365, 27.47718713, 23.17729746, 18.96143352, 15.13731667,
           11.68537112, 8.786564437, 6.349527517, 6.436529314]
LABELS = ["0", "1-4", "5-9", "10 – 14", "15 – 19", "20 – 24", "25 – 29", "30 – 34", "35 – 39", "40 – 44", "45 – 49",
          "50 – 54", "55 – 59", "60 – 64", "65 – 69", "70 – 74", "75 – 79", "80 – 84", "85 – 89", "90 +"]


def reference_le(age, deaths, pop, ax=None):
    """Chiang II + Silcocks for one group, numpy, from the formulas (Chiang 1984; Silcocks et al. 2001):
    e_x and its standard error at every band start."""
    age, D, P = (np.asarray(v, float) for v in (age, deaths, pop))
    k = len(age)
    a = np.where(age == 0, 0.1, 0.5) if ax is None else np.asarray(ax, float)
    n = np.append(np.diff(age), np.nan)
    M = D / P
    q = np.ones(k)
    h = slice(0, k - 1)
    q[h] = np.where(D[h] * n[h] * a[h] > P[h], 1.0, M[h] * n[h] / (1 + M[h] * n[h] * (1 - a[h])))
    l = 1e5 * np.concatenate(([1.0], np.cumprod(1 - q[:-1])))
    d = l - np.append(l[1:], 0.0)
    L = np.append(n[:-1] * (l[1:] + a[:-1] * d[:-1]), l[-1] / M[-1])
    T = np.cumsum(L[::-1])[::-1]
    with np.errstate(invalid="ignore", divide="ignore"):
        e = np.where(l == 0, 0.0, T / l)
        sp = np.where(d == 0, 0.0, q ** 2 * (1 - q) / D)
        W = sp * l ** 2 * ((1 - a) * n + np.append(e[1:], 0.0)) ** 2
        W[-1] = (l[-1] / 2) ** 2 * 4 / (D[-1] * M[-1] ** 2)
        se = np.sqrt(np.cumsum(W[::-1])[::-1] / l ** 2)
    return e, se


def df1():
    return pd.DataFrame({"startage": AGES, "pops": POPS, "deaths": DEATHS})


def test_r_package_expected_values():
    out = hp.indicators.life_expectancy("deaths", "pops", "startage", data=df1())
    assert list(out.columns) == ["le_age", "pops_used", "dths_used", "value", "lower", "upper", "method", "note"]
    np.testing.assert_array_equal(out.le_age, AGES)
    np.testing.assert_allclose(out.value, R_VALUE, rtol=0, atol=1e-8)
    # the oracle's limits use z = 1.96: its standard error is (upper - lower) / 3.92
    se = (out.upper - out.lower) / (2 * stats.norm.ppf(0.975))
    np.testing.assert_allclose(se, (np.array(R_UPPER) - R_LOWER) / 3.92, rtol=0, atol=1e-8)
    # our limits use qnorm(0.975): equal to the R tests' 4 decimals
    np.testing.assert_allclose(out.lower, R_LOWER, rtol=0, atol=2e-5)
    np.testing.assert_allclose(out.upper, R_UPPER, rtol=0, atol=2e-5)
    assert (out.method == "Chiang, using Silcocks et al for confidence limits").all()
    assert (out.note == "").all()
    assert out.pops_used.iloc[0] == sum(POPS) and out.dths_used.iloc[-1] == 1937


def test_r_package_band_order_labels_and_groups():
    base = hp.indicators.life_expectancy("deaths", "pops", "startage", data=df1())
    # testLifeExpectancy.R df2 (rows out of order) and df3 (labels with en dashes, '90 +', out of order)
    shuffled = df1().iloc[[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 17, 18, 19, 14]]
    out2 = hp.indicators.life_expectancy("deaths", "pops", "startage", data=shuffled)
    np.testing.assert_array_equal(out2.value, base.value)
    labelled = df1().assign(startage=LABELS).iloc[::-1]
    out3 = hp.indicators.life_expectancy("deaths", "pops", "startage", data=labelled)
    np.testing.assert_array_equal(out3.value, base.value)
    np.testing.assert_array_equal(out3.le_age, AGES)
    # a single grouped area (test3) and two areas
    two = pd.concat([df1().assign(area="B"), df1().assign(area="A", deaths=np.array(DEATHS) * 2)])
    out4 = hp.indicators.life_expectancy("deaths", "pops", "startage", data=two, by="area")
    assert list(out4.columns[:2]) == ["area", "le_age"]
    assert list(out4.area) == ["A"] * 20 + ["B"] * 20
    np.testing.assert_array_equal(out4.value.iloc[20:], base.value)


def test_le_age_selection():
    # testLifeExpectancy.R test5 (le_age = 5) and test6 (le_age = c(5, 25))
    one = hp.indicators.life_expectancy(DEATHS, POPS, AGES, le_age=5)
    assert "le_age" not in one.columns and len(one) == 1
    assert abs(one.value.iloc[0] - R_VALUE[2]) < 1e-8
    two = hp.indicators.life_expectancy(DEATHS, POPS, AGES, le_age=[5, 25], confidence_level=(0.95, 0.998))
    np.testing.assert_allclose(two.value, [R_VALUE[2], R_VALUE[6]], rtol=0, atol=1e-8)
    assert list(two.columns[3:8]) == ["value", "lower_95", "upper_95", "lower_99_8", "upper_99_8"]
    assert two.pops_used.tolist() == [sum(POPS[2:]), sum(POPS[6:])]
    assert two.dths_used.tolist() == [sum(DEATHS[2:]), sum(DEATHS[6:])]
    # one ax for every band: the same as that ax per row
    flat = hp.indicators.life_expectancy(DEATHS, POPS, AGES, ax=0.3)
    per_row = hp.indicators.life_expectancy(DEATHS, POPS, AGES, ax=[0.3] * 20)
    np.testing.assert_array_equal(flat.value, per_row.value)
    np.testing.assert_allclose(flat.value, reference_le(AGES, DEATHS, POPS, [0.3] * 20)[0], rtol=REL)
    labels = hp.indicators.life_expectancy(DEATHS, POPS, LABELS, le_age="5-9")
    assert labels.value.iloc[0] == one.value.iloc[0]
    with pytest.raises(hp.DataError, match=r"le_age 4 is not the start of an age band of group 0 \(its bands start "
                                           r"at 0, \.\.\., 90\)"):
        hp.indicators.life_expectancy(DEATHS, POPS, AGES, le_age=4)


def _layouts():
    """(name, start ages) for band layouts the R package refuses, and its own."""
    return [("r20", AGES), ("85+", AGES[:-1]), ("95+", AGES + [95]), ("single", list(range(0, 101))),
            ("ten", [0] + list(range(1, 2)) + list(range(10, 90, 10))), ("from65", [65, 70, 75, 80, 85])]


@pytest.mark.parametrize("levels", [0.95, (0.95, 0.998), 0.8])
def test_matches_numpy_reference(levels):
    rng = np.random.default_rng(11)
    rows, expected = [], []
    for name, ages in _layouts():
        for area in range(3):
            k = len(ages)
            pop = rng.integers(800, 60000, k).astype(float)
            rate = np.exp(np.linspace(-7, -1.2, k)) * rng.uniform(0.6, 1.6, k)
            deaths = rng.poisson(pop * rate).astype(float)
            deaths[-1] = max(deaths[-1], 5)
            ax = rng.uniform(0.05, 0.95, k) if area == 2 else None
            rows.append(pd.DataFrame({"layout": name, "area": area, "age": ages, "deaths": deaths, "pop": pop,
                                      "ax": ax if ax is not None else np.where(np.array(ages) == 0, 0.1, 0.5)}))
            e, se = reference_le(ages, deaths, pop, ax)
            expected.append((name, area, ages, e, se))
    data = pd.concat(rows, ignore_index=True).sample(frac=1.0, random_state=3)  # any row order
    out = hp.indicators.life_expectancy("deaths", "pop", "age", data=data, by=["layout", "area"], ax="ax",
                                        confidence_level=levels, min_population=0)
    lv = [levels] if np.ndim(levels) == 0 else list(levels)
    for name, area, ages, e, se in expected:
        got = out[(out.layout == name) & (out.area == area)]
        np.testing.assert_array_equal(got.le_age, ages)
        wide = stats.norm.ppf(0.975) * se > 10
        np.testing.assert_allclose(got.value[~wide], e[~wide], rtol=REL)
        assert got.value[wide].isna().all()
        assert (got.note[wide] == "95% interval wider than 20 years").all()
        for c in lv:
            z = stats.norm.ppf(c + (1 - c) / 2)
            suffix = "" if len(lv) == 1 else "_" + hp.indicators.level_suffix(c)
            np.testing.assert_allclose(got[f"lower{suffix}"], e - z * se, rtol=REL)
            np.testing.assert_allclose(got[f"upper{suffix}"], e + z * se, rtol=REL)
    # the open band's life expectancy is 1 / M whatever its start
    last = out[out.layout == "85+"].groupby("area").tail(1)
    src = data[(data.layout == "85+") & (data.age == 85)].sort_values("area")
    np.testing.assert_allclose(last.value, src["pop"] / src.deaths, rtol=1e-14)


def test_suppression_rules_as_the_r_package():
    # testLifeExpectancy.R df_grouped_with_warnings, without its negative rows (an error here, NA in R)
    good = df1().rename(columns={"startage": "age", "pops": "pop"})
    more = good.copy()
    more.loc[5, "deaths"] = 50000  # "Deaths more than pops"
    low = good.assign(pop=100.0, deaths=[17, 9, 4, 8, 20, 15, 24, 33, 50, 71] + [80] * 10)  # "Low pops"
    missing = good.iloc[:19]  # "Missing age band": 90+ absent. R: NA; here a table ending at 85+
    zero = good.copy()
    zero.loc[3, "pop"] = 0
    no_open = good.copy()
    no_open.loc[19, "deaths"] = 0
    wide = good.assign(pop=300.0, deaths=[0.0] * 18 + [1.0, 1.0])  # 6000 people: e_0 = 385, se = 295 years
    data = pd.concat([wide.assign(area="Wide"), good.assign(area="Good data"),
                      more.assign(area="Deaths more than pops"),
                      low.assign(area="Low pops"), missing.assign(area="Missing age band"),
                      zero.assign(area="Zero pop"), no_open.assign(area="No open deaths")])
    out = hp.indicators.life_expectancy("deaths", "pop", "age", data=data, by="area", confidence_level=(0.95, 0.998))
    assert len(out) == len(data)
    note = out.groupby("area").note.first()
    assert note["Good data"] == ""
    assert note["Deaths more than pops"] == "a band has more deaths than population"
    assert note["Low pops"] == "total population at or below the minimum"
    assert note["Zero pop"] == "a band has population 0"
    assert note["No open deaths"] == "no deaths in the final open band"
    for area in ["Deaths more than pops", "Low pops", "Zero pop", "No open deaths"]:
        assert out.loc[out.area == area, ["value", "lower_95", "upper_99_8"]].isna().all().all()
    wide_out = out[out.area == "Wide"]
    assert wide_out.value.isna().all() and (wide_out.note == "95% interval wider than 20 years").all()
    e, se = reference_le(AGES, wide.deaths, wide["pop"])
    np.testing.assert_allclose(wide_out.lower_95, e - stats.norm.ppf(0.975) * se, rtol=REL)  # limits kept
    miss = out[out.area == "Missing age band"]
    assert len(miss) == 19 and miss.value.notna().all()
    e, _ = reference_le(AGES[:19], DEATHS[:19], POPS[:19])
    np.testing.assert_allclose(miss.value, e, rtol=REL)


def test_bad_input_names_row_group_and_band():
    data = pd.concat([df1().assign(area="A"), df1().assign(area="B")], ignore_index=True)
    bad = data.copy()
    bad.loc[23, "deaths"] = -5  # testLifeExpectancy.R df_neg_deaths (NA there)
    with pytest.raises(hp.DataError, match=r"row 23 \(group 1 \(area=B\), band starting at age 10\): deaths must "
                                           r"be a finite count >= 0, got -5"):
        hp.indicators.life_expectancy("deaths", "pops", "startage", data=bad, by="area")
    bad = data.copy().iloc[::-1].reset_index(drop=True)  # sorted internally; rows named as given
    bad.loc[2, "pops"] = np.nan
    with pytest.raises(hp.DataError, match=r"row 2 \(group 1 \(area=B\), band starting at age 80\): population"):
        hp.indicators.life_expectancy("deaths", "pops", "startage", data=bad, by="area")
    with pytest.raises(hp.DataError, match=r"ax \(the fraction of the band lived by those who die in it\) must be "
                                           r"between 0 and 1, got 1.5"):
        hp.indicators.life_expectancy(DEATHS, POPS, AGES, ax=[0.1] + [1.5] * 19)
    with pytest.raises(hp.DataError, match=r"row 0 \(group 0, band starting at age 0\): ax .* got -0.1"):
        hp.indicators.life_expectancy(DEATHS, POPS, AGES, ax=-0.1)
    with pytest.raises(hp.DomainError, match="ax has 3 rows, deaths has 20"):
        hp.indicators.life_expectancy(DEATHS, POPS, AGES, ax=[0.1, 0.5, 0.5])
    with pytest.raises(hp.DomainError, match="population has 19 rows, deaths has 20"):
        hp.indicators.life_expectancy(DEATHS, POPS[:19], AGES)
    with pytest.raises(hp.DomainError, match="age_band has 19 values, deaths has 20"):
        hp.indicators.life_expectancy(DEATHS, POPS, AGES[:19])
    with pytest.raises(hp.DomainError, match="confidence"):
        hp.indicators.life_expectancy(DEATHS, POPS, AGES, confidence_level=1.5)
    with pytest.raises(hp.DomainError, match="confidence"):
        hp.indicators.life_expectancy(DEATHS, POPS, AGES, confidence_level=0)
    dup = data.copy()
    dup.loc[25, "startage"] = 25  # B's band 30 now says 25, a second 25
    with pytest.raises(hp.DataError, match=r"rows 25 and 26 of group 1 \(area=B\) are both the band starting at "
                                           r"age 25|rows 26 and 25 of group 1 \(area=B\)"):
        hp.indicators.life_expectancy("deaths", "pops", "startage", data=dup, by="area")
    gap = LABELS[:3] + ["11 – 14"] + LABELS[4:]
    with pytest.raises(hp.DataError, match="group 0 has a gap between the band ending at age 9 .row 2. and the "
                                           "next, starting at 11"):
        hp.indicators.life_expectancy(DEATHS, POPS, gap)
    closed = LABELS[:19] + ["90-94"]
    with pytest.raises(hp.DataError, match=r"its last band \(row 19, ending at age 94\) must be the open one, e.g. "
                                           r"'90\+'"):
        hp.indicators.life_expectancy(DEATHS, POPS, closed)
    with pytest.raises(hp.DataError, match="'ninety' is not an age band label"):
        hp.indicators.life_expectancy(DEATHS, POPS, LABELS[:19] + ["ninety"])
    with pytest.raises(hp.DataError, match="no column 'age' in the data for age_band="):
        hp.indicators.life_expectancy("deaths", "pops", "age", data=df1())


def test_speed_7000_areas():
    rng = np.random.default_rng(2)
    areas = 7000
    data = pd.DataFrame({"area": np.repeat(np.arange(areas), 20), "age": np.tile(AGES, areas),
                         "pop": np.tile(np.array(POPS) / 40.0, areas) + rng.integers(0, 50, 20 * areas),
                         "deaths": np.tile(np.array(DEATHS) / 40.0, areas).round() + rng.integers(0, 3, 20 * areas)})
    hp.indicators.life_expectancy("deaths", "pop", "age", data=data, by="area")
    t0 = time.perf_counter()
    out = hp.indicators.life_expectancy("deaths", "pop", "age", data=data, by="area", confidence_level=(0.95, 0.998))
    elapsed = time.perf_counter() - t0
    print(f"life_expectancy, 7000 areas x 20 bands, DataFrame in and out: {elapsed * 1000:.1f} ms")
    assert len(out) == 20 * areas
    assert elapsed < 2.0  # generous for a shared machine; typically tens of ms


def test_docstring_example_runs():
    import doctest

    import healthyplaces.indicators._life as mod
    result = doctest.testmod(mod, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
