"""hp.indicators.quantiles (PHEindicatormethods' phe_quantile). Its expected quantiles are in
tests/testthat/testdata_Quantiles.xlsx (not readable here); the checks are a hand-worked example and an
independent rewrite of the published rule (R/Quantiles.R, OHID Technical Guide "Assigning Deprivation
Categories") with scipy.stats.rankdata(method="min"), compared exactly on many random groups with ties and gaps."""
import math
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import healthyplaces as hp


def reference(values, nquantiles, invert):
    """phe_quantile for one group, in plain Python/scipy."""
    v = np.asarray(values, float)
    out = np.full(len(v), np.nan)
    ok = ~np.isnan(v)
    n = int(ok.sum())
    if n < nquantiles:
        return out
    key = (v[ok].max() - v[ok]) if invert else v[ok]
    r = stats.rankdata(key, method="min")
    q = np.floor((nquantiles + 1) - np.ceil(((n + 1) - r) / (n / nquantiles)))
    q[q == 0] = 1
    out[ok] = q
    return out


def test_hand_worked_quintiles():
    # ascending ranks 1 2 2 4 5 6 - 7 8 9 10 of 10 values; n / q = 2; quantile = 6 - ceil((11 - rank) / 2)
    v = [10, 20, 20, 30, 40, 50, np.nan, 60, 70, 80, 90]
    r = hp.indicators.quantiles(v, nquantiles=5, invert=False)
    assert r["quantile"].tolist() == [1, 1, 1, 2, 3, 3, pd.NA, 4, 4, 5, 5]
    assert str(r["quantile"].dtype) == "Int64"
    # the default (invert=True) puts the highest values in quantile 1
    assert hp.indicators.quantiles(v, nquantiles=5)["quantile"].tolist() == [5, 4, 4, 4, 3, 3, pd.NA, 2, 2, 1, 1]


@pytest.mark.parametrize("nquantiles", [4, 7, 10])
@pytest.mark.parametrize("invert", [True, False])
def test_matches_an_independent_rewrite_on_random_groups(nquantiles, invert):
    rng = np.random.default_rng(nquantiles)
    sizes = rng.integers(1, 120, size=40)
    region = np.repeat([f"R{i:02d}" for i in range(len(sizes))], sizes)
    values = rng.integers(0, 60, size=len(region)).astype(float)  # many ties
    values[rng.random(len(values)) < 0.05] = np.nan
    values[:3] = [0.1, 0.2, 0.30000000000000004]
    df = pd.DataFrame({"region": region, "imd": values}).sample(frac=1, random_state=1)  # rows shuffled
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        got = hp.indicators.quantiles("imd", data=df, by="region", nquantiles=nquantiles, invert=invert)
    assert got.index.equals(df.index) and list(got.columns) == ["region", "imd", "quantile"]
    for _, g in got.groupby("region"):
        want = reference(g.imd, nquantiles, invert)
        have = g["quantile"].to_numpy(dtype=float, na_value=np.nan)
        np.testing.assert_array_equal(have, want)


def test_too_few_values_warn_and_name_the_group():
    df = pd.DataFrame({"region": ["A"] * 10 + ["B"] * 3, "imd": list(range(10)) + [1, 2, np.nan]})
    with pytest.warns(UserWarning, match=r"1 group\(s\) have fewer than 10 values.*region='B'"):
        r = hp.indicators.quantiles("imd", data=df, by="region")
    assert r["quantile"].isna().tolist() == [False] * 10 + [True] * 3
    assert r["quantile"].tolist()[:10] == [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]


def test_invert_per_group_from_a_column():
    df = pd.DataFrame({"ind": ["up"] * 4 + ["down"] * 4, "v": [1, 2, 3, 4] * 2,
                       "polarity": [False] * 4 + [True] * 4})
    r = hp.indicators.quantiles("v", data=df, by="ind", nquantiles=4, invert="polarity")
    assert r["quantile"].tolist() == [1, 2, 3, 4, 4, 3, 2, 1]
    bad = df.assign(polarity=[False, True] + [False] * 6)
    with pytest.raises(hp.DataError, match="invert must take one value within each group; group ind='up'"):
        hp.indicators.quantiles("v", data=bad, by="ind", nquantiles=4, invert="polarity")
    with pytest.raises(hp.DataError, match="not a column"):
        hp.indicators.quantiles("v", data=df, by="ind", invert="nope")


def test_bad_arguments():
    with pytest.raises(hp.DomainError, match="nquantiles must be a whole number >= 1"):
        hp.indicators.quantiles([1, 2, 3], nquantiles=0)
    with pytest.raises(hp.DomainError, match="nquantiles must be a whole number"):
        hp.indicators.quantiles([1, 2, 3], nquantiles=2.5)
    with pytest.raises(hp.DomainError, match="invert must be True, False or a column name"):
        hp.indicators.quantiles([1, 2, 3], invert=1)
    with pytest.raises(hp.DataError, match=r"row 1 \(group 0\) has value inf"):
        hp.indicators.quantiles([1, math.inf, 3], nquantiles=2)
    with pytest.raises(hp.DataError, match="no column 'imd'"):
        hp.indicators.quantiles("imd", data=pd.DataFrame({"x": [1]}))


def test_docstring_examples_of_the_inequality_module_run():
    import doctest
    import importlib

    module = importlib.import_module("healthyplaces.indicators._inequality")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 4 and result.failed == 0
