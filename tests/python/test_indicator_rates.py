"""hp.indicators.proportion, rate, mean, rate_ratio, risk_ratio: against statsmodels / scipy implementations of
the same formulas (PHEindicatormethods' own expected values live in an Excel workbook), by= grouping, the
column layout for one and two confidence levels, and the errors for bad input."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint
from statsmodels.stats.rates import confint_poisson_2indep

import healthyplaces as hp
from healthyplaces import _core
from healthyplaces.indicators._frame import block_frame, one_category

REL = 1.5e-8  # PHEindicatormethods' expect_equal tolerance


def close(got, want, atol=1e-14):
    np.testing.assert_allclose(np.asarray(got, float), np.asarray(want, float), rtol=REL, atol=atol)


@pytest.fixture
def counts():
    rng = np.random.default_rng(5)
    n = rng.integers(1, 5000, size=400).astype(float)
    x = np.floor(rng.uniform(0, 1, size=400) * (n + 1)).clip(0, n)
    x[:3] = [0, n[1], 0.445 * n[2]]  # an empty group, a full group, a non-whole count
    return x, n


@pytest.mark.parametrize("method,sm", [("wilson", "wilson"), ("exact", "beta")])
def test_proportion_matches_statsmodels_at_two_levels(counts, method, sm):
    x, n = counts
    frame = hp.indicators.proportion(x, n, confidence_level=(0.95, 0.998), method=method)
    assert list(frame.columns) == ["numerator", "denominator", "value", "lower_95", "upper_95", "lower_99_8",
                                   "upper_99_8", "method"]
    close(frame["value"], x / n)
    for c, suffix in [(0.95, "95"), (0.998, "99_8")]:
        lo, hi = proportion_confint(x, n, alpha=1 - c, method=sm)
        close(frame[f"lower_{suffix}"], lo)
        close(frame[f"upper_{suffix}"], hi)


def test_proportion_percentages_and_pheindicatormethods_inputs():
    # wilson_lower(c(65, 1045, 0.445), c(100, 5000, 1)) inputs from PHEindicatormethods' testWilson.R.
    frame = hp.indicators.proportion([65, 1045, 0.445], [100, 5000, 1], multiplier=100)
    lo, hi = proportion_confint(np.array([65, 1045, 0.445]), np.array([100, 5000, 1]), method="wilson")
    close(frame["lower"], 100 * lo)
    close(frame["upper"], 100 * hi)
    close(frame["value"], [65, 20.9, 44.5])
    assert (frame["method"] == "Wilson score interval").all()


def test_proportion_by_groups_sums_rows_first():
    df = pd.DataFrame({"org": ["b", "a", "b", "a"], "sex": ["f", "f", "f", "m"],
                       "x": [3, 1, 4, 2], "n": [10, 10, 20, 5]})
    frame = hp.indicators.proportion("x", "n", data=df, by="org")
    assert frame["org"].tolist() == ["a", "b"]
    close(frame["numerator"], [3, 7])
    close(frame["denominator"], [15, 30])
    lo, hi = proportion_confint(np.array([3, 7]), np.array([15, 30]), method="wilson")
    close(frame["lower"], lo)
    two = hp.indicators.proportion("x", "n", data=df, by=["org", "sex"])
    assert two[["org", "sex"]].values.tolist() == [["a", "f"], ["a", "m"], ["b", "f"]]
    close(two["numerator"], [1, 2, 7])


def test_proportion_bad_input_names_the_group():
    with pytest.raises(hp.DataError, match=r"proportion: group 1 has numerator 5 above its denominator 4"):
        hp.indicators.proportion([1, 5], [10, 4])
    with pytest.raises(hp.DataError, match=r"proportion: group 0 has denominator 0; it must be"):
        hp.indicators.proportion([0], [0])
    with pytest.raises(hp.DataError, match=r"group 2 has numerator -1"):
        hp.indicators.proportion([1, 2, -1], [10, 10, 10])
    with pytest.raises(hp.DataError, match=r"row 1 has numerator nan"):
        hp.indicators.proportion("x", "n", data=pd.DataFrame({"g": [1, 1], "x": [1, np.nan], "n": [2, 2]}), by="g")
    with pytest.raises(hp.DataError, match=r"no column 'num'"):
        hp.indicators.proportion("num", "n", data=pd.DataFrame({"x": [1], "n": [2]}))
    with pytest.raises(hp.DomainError, match=r"method must be \"wilson\" or \"exact\""):
        hp.indicators.proportion([1], [2], method="wald")
    with pytest.raises(hp.DomainError):
        hp.indicators.proportion([1], [2], confidence_level=95)


def _root(a: np.ndarray) -> np.ndarray:
    """The array that owns a view's memory."""
    while isinstance(a.base, np.ndarray):
        a = a.base
    return a


@pytest.mark.parametrize("confidence", [0.95, (0.95, 0.998)])
@pytest.mark.parametrize("kind", ["proportion", "rate"])
def test_the_frame_wraps_the_cpp_block_without_a_copy(counts, kind, confidence):
    x, n = counts
    call = hp.indicators.proportion if kind == "proportion" else hp.indicators.rate
    frame = call(x, n, confidence_level=confidence)
    floats = [c for c in frame.columns if c != "method"]
    assert frame.dtypes[floats].eq(np.float64).all() and isinstance(frame["method"].dtype, pd.CategoricalDtype)
    # every numeric column is a row of one C-contiguous [columns x groups] block, in column order
    roots = {id(_root(frame[c].to_numpy())) for c in floats}
    assert len(roots) == 1
    block = _root(frame[floats[0]].to_numpy())
    assert block.shape == (len(floats), len(x)) and block.flags.c_contiguous
    for i, c in enumerate(floats):
        assert np.shares_memory(frame[c].to_numpy(), block[i])
    # the binding's block, wrapped: no copy (np.shares_memory), under the installed pandas' copy-on-write rules
    levels = [confidence] if np.ndim(confidence) == 0 else list(confidence)
    raw = (_core.indicators.proportion(x, n, levels) if kind == "proportion"
           else _core.indicators.rate(x, n, levels, "byars"))[0]
    wrapped = block_frame(raw, ["a", "b"], levels, one_category(raw.shape[1], "m"))
    for i, c in enumerate(c for c in wrapped.columns if c != "method"):
        assert np.shares_memory(wrapped[c].to_numpy(), raw[i])
    # the inputs were copied (the frame does not alias the caller's arrays) and the frame is an ordinary, writable one
    assert not np.shares_memory(frame[floats[0]].to_numpy(), x)
    frame.loc[0, "value"] = -1.0
    assert frame["value"].iloc[0] == -1.0 and block[2, 0] == -1.0 and x[0] == counts[0][0]


def test_the_frame_equals_one_built_column_by_column(counts):
    # the layout before the block: the same columns, dtypes, index and numbers as a frame assembled by assignment
    x, n = counts
    got = hp.indicators.rate(x, n, confidence_level=(0.95, 0.998), data=None)
    raw, how, codes = _core.indicators.rate(x, n, [0.95, 0.998], "auto", 100000.0)
    want = pd.DataFrame(index=range(len(x)))
    for i, c in enumerate(["events", "population", "value", "lower_95", "upper_95", "lower_99_8", "upper_99_8"]):
        want[c] = raw[i].copy()
    want["method"] = pd.Categorical.from_codes(codes.astype(np.int8), ["Exact", "Byars"])
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    df = pd.DataFrame({"area": np.repeat(["b", "a"], [150, 250]), "x": x, "n": n})
    by = hp.indicators.proportion("x", "n", data=df, by="area")
    assert list(by.columns) == ["area", "numerator", "denominator", "value", "lower", "upper", "method"]
    assert by["area"].tolist() == ["a", "b"] and isinstance(by.index, pd.RangeIndex)
    close(by["numerator"], [x[150:].sum(), x[:150].sum()])


def test_rate_exact_below_ten_and_byars_from_ten():
    x = np.arange(0, 40, dtype=float)
    pop = np.full(x.size, 25000.0)
    frame = hp.indicators.rate(x, pop, confidence_level=(0.95, 0.998))
    close(frame["value"], x / pop * 1e5)
    for c, suffix in [(0.95, "95"), (0.998, "99_8")]:
        a = 1 - c
        z = stats.norm.ppf(1 - a / 2)
        exact_lo = np.where(x > 0, stats.chi2.ppf(a / 2, 2 * x) / 2, 0.0)
        exact_hi = stats.chi2.ppf(1 - a / 2, 2 * x + 2) / 2
        with np.errstate(divide="ignore", invalid="ignore"):
            byars_lo = x * (1 - 1 / (9 * x) - z / (3 * np.sqrt(x))) ** 3
        byars_hi = (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * np.sqrt(x + 1))) ** 3
        close(frame[f"lower_{suffix}"], np.where(x < 10, exact_lo, byars_lo) / pop * 1e5)
        close(frame[f"upper_{suffix}"], np.where(x < 10, exact_hi, byars_hi) / pop * 1e5)
    assert frame["method"].tolist() == ["Exact"] * 10 + ["Byars"] * 30


def test_rate_forced_methods_and_multiplier():
    x = np.array([3.0, 65.0, 1045.0])
    exact = hp.indicators.rate(x, [1, 1, 1], multiplier=1, method="exact")
    close(exact["lower"], stats.chi2.ppf(0.025, 2 * x) / 2)
    close(exact["upper"], stats.chi2.ppf(0.975, 2 * x + 2) / 2)
    assert (exact["method"] == "Exact Poisson").all()
    byars = hp.indicators.rate([4.0], [200.0], multiplier=100, method="byars")
    z = stats.norm.ppf(0.975)
    close(byars["upper"], 5 * (1 - 1 / 45 + z / (3 * np.sqrt(5))) ** 3 / 200 * 100)


def test_rate_by_groups_and_errors():
    df = pd.DataFrame({"area": ["A", "A", "B"], "deaths": [4, 5, 30], "pop": [1000, 1500, 9000]})
    frame = hp.indicators.rate("deaths", "pop", data=df, by="area")
    close(frame["events"], [9, 30])
    close(frame["upper"], [stats.chi2.ppf(0.975, 20) / 2 / 2500 * 1e5,
                           31 * (1 - 1 / 279 + stats.norm.ppf(0.975) / (3 * np.sqrt(31))) ** 3 / 9000 * 1e5])
    assert frame["method"].tolist() == ["Exact", "Byars"]
    with pytest.raises(hp.DataError, match=r"rate: group 1 has population 0"):
        hp.indicators.rate([1, 2], [10, 0])
    with pytest.raises(hp.DataError, match=r"rate: group 0 has events -3"):
        hp.indicators.rate([-3], [10])
    with pytest.raises(hp.DomainError, match=r"method must be \"auto\", \"exact\" or \"byars\""):
        hp.indicators.rate([1], [10], method="normal")


def test_mean_matches_scipy_t_by_group():
    rng = np.random.default_rng(2)
    df = pd.DataFrame({"g": rng.choice(["p", "q", "r"], size=300), "v": rng.normal(50, 10, size=300)})
    frame = hp.indicators.mean("v", data=df, by="g", confidence_level=(0.95, 0.998))
    ref = df.groupby("g")["v"].agg(["mean", "std", "count"])
    assert frame["g"].tolist() == ["p", "q", "r"]
    close(frame["value"], ref["mean"], atol=0)
    close(frame["sd"], ref["std"], atol=0)
    assert frame["n"].tolist() == ref["count"].tolist()
    for c, suffix in [(0.95, "95"), (0.998, "99_8")]:
        lo, hi = stats.t.interval(c, ref["count"] - 1, loc=ref["mean"], scale=ref["std"] / np.sqrt(ref["count"]))
        close(frame[f"lower_{suffix}"], lo)
        close(frame[f"upper_{suffix}"], hi)
    one = hp.indicators.mean([1, 2, 3, 4, 10])
    close(one[["value", "lower", "upper"]].values[0], [4.0, -0.3899451654254138, 8.389945165425413])


def test_mean_errors():
    with pytest.raises(hp.DataError, match=r"mean: group 1 has 1 value\(s\); a t interval needs at least 2"):
        hp.indicators.mean("v", data=pd.DataFrame({"g": [1, 1, 2], "v": [1.0, 2, 3]}), by="g")
    with pytest.raises(hp.DataError, match=r"mean: row 2 \(group 0\) has value nan"):
        hp.indicators.mean([1.0, 2.0, np.nan])


def test_rate_ratio_log_and_exact():
    e1, p1, e2, p2 = np.array([30.0, 5]), np.array([1000.0, 700]), np.array([20.0, 12]), np.array([2000.0, 300])
    frame = hp.indicators.rate_ratio(e1, p1, e2, p2, confidence_level=(0.95, 0.998))
    close(frame["value"], (e1 / p1) / (e2 / p2))
    for c, suffix in [(0.95, "95"), (0.998, "99_8")]:
        lo, hi = confint_poisson_2indep(e1, p1, e2, p2, method="wald-log", alpha=1 - c)
        close(frame[f"lower_{suffix}"], lo)
        close(frame[f"upper_{suffix}"], hi)
    exact = hp.indicators.rate_ratio(e1, p1, e2, p2, method="exact")
    lo, hi = proportion_confint(e1, e1 + e2, method="beta")
    close(exact["lower"], lo / (1 - lo) * p2 / p1)
    close(exact["upper"], hi / (1 - hi) * p2 / p1)
    with pytest.raises(hp.DataError, match=r"rate_ratio: group 0 has events1 0 and events2 3; the log method"):
        hp.indicators.rate_ratio(0, 10, 3, 10)


def test_risk_ratio_log_matches_statsmodels():
    df = pd.DataFrame({"g": ["a", "b", "a"], "x1": [10, 4, 20], "n1": [50, 40, 50], "x2": [5, 9, 15],
                       "n2": [80, 60, 120]})
    frame = hp.indicators.risk_ratio("x1", "n1", "x2", "n2", data=df, by="g")
    x1, n1, x2, n2 = np.array([30.0, 4]), np.array([100.0, 40]), np.array([20.0, 9]), np.array([200.0, 60])
    close(frame["numerator1"], x1)
    lo, hi = confint_proportions_2indep(x1, n1, x2, n2, method="log", compare="ratio")
    close(frame["lower"], lo)
    close(frame["upper"], hi)
    with pytest.raises(hp.DataError, match=r"risk_ratio: group 0 has numerator1 30 above denominator1 20"):
        hp.indicators.risk_ratio(30, 20, 2, 10)


def test_docstring_examples_run():
    import doctest

    from healthyplaces.indicators import _rates

    result = doctest.testmod(_rates)
    assert result.attempted >= 5 and result.failed == 0
