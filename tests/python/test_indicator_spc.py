"""hp.indicators.xmr (XmR charts, NHS Making Data Count rules): NHSRplotthedots' own test data and snapshot
values (tests/testthat/test-ptd_spc_standard.R, _snaps/ptd_spc_standard.md, _snaps/ptd_spc.md), the NHS
England SPC tool demonstration series used by nhs-pycom/nhspy-plotthedots (tests/unittests/
test_pandas_spc_x_calc.py), an independent numpy rewrite of the rules run on many random series, and the
handling of dates, missing values, gaps, rebasing and bad input."""
from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest

import healthyplaces as hp

# set.seed(123); rnorm(20), the series in NHSRplotthedots' tests (its first values are echoed in the snapshots)
RNORM20 = [-0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499, 0.46091621, -1.26506123,
           -0.68685285, -0.44566197, 1.22408180, 0.35981383, 0.40077145, 0.11068272, -0.55584113, 1.78691314,
           0.49785048, -1.96661716, 0.70135590, -0.47279143]
DATES20 = pd.date_range("2020-01-02", periods=20, freq="D")  # as.Date("2020-01-01") + 1:20


def quiet(*args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", hp.DataWarning)
        return hp.indicators.xmr(*args, **kwargs)


# --- an independent rewrite of the rules, by sliding windows (one segment, no missing values) ----------------
def reference(y, shift=7, trend=7, screen=False, centre=None, mean_mr=None):
    """(centre, lower, upper, rules); centre and mean_mr given: judge y against those (a piece of a longer chart)"""
    y = np.asarray(y, float)
    n = len(y)
    m = math.fsum(y) / n if centre is None else centre  # correctly rounded: values equal to the mean sit on it
    mr = np.abs(np.diff(y))
    a = mr.mean() if mean_mr is None else mean_mr
    if screen and a > 0 and mean_mr is None:
        a = mr[mr < 3.267 * a].mean()
    lo, up = m - 2.66 * a, m + 2.66 * a
    nlo, nup = m - 2 * 2.66 / 3 * a, m + 2 * 2.66 / 3 * a
    side = np.sign(y - m)
    out = (y > up) | (y < lo)
    close = ~out & ((y > nup) | (y < nlo))
    sh, tr, t3 = np.zeros(n, bool), np.zeros(n, bool), np.zeros(n, bool)
    for i in range(n - shift + 1):
        w = side[i:i + shift]
        if w[0] != 0 and np.all(w == w[0]):
            sh[i:i + shift] = True
    for i in range(n - trend + 1):
        d = np.sign(np.diff(y[i:i + trend]))
        if d[0] != 0 and np.all(d == d[0]):
            tr[i:i + trend] = True
    for i in range(n - 2):
        w = side[i:i + 3]
        if w[0] != 0 and np.all(w == w[0]) and close[i:i + 3].sum() >= 2:
            t3[i:i + 3] |= close[i:i + 3]
    rule = np.array([""] * n, dtype=object)
    for flag, name in [(sh, "shift"), (t3, "two of three"), (tr, "trend"), (out, "outside limits")]:
        rule[flag] = name
    return m, lo, up, rule


def test_nhsrplotthedots_snapshot_values():
    # _snaps/ptd_spc_standard.md r1 (screen_outliers = TRUE): mean 0.1416238, lpl -3.01138, upl 3.294627
    r = quiet(RNORM20, dates=DATES20, screen_outliers=True)
    np.testing.assert_allclose([r.centre, *r.limits], [0.1416238, -3.01138, 3.294627], rtol=5e-7, atol=5e-7)
    assert (r.table["variation"] == "common cause").all()  # _snaps/ptd_spc.md: common_cause 20
    y = list(RNORM20)
    y[14] = 10  # data$y[15] <- 10
    r2 = quiet(y, dates=DATES20, screen_outliers=True)
    np.testing.assert_allclose([r2.centre, *r2.limits], [0.6694159, -2.383666, 3.722497], rtol=5e-7, atol=5e-7)
    r3 = quiet(y, dates=DATES20, screen_outliers=False)
    np.testing.assert_allclose(r3.limits, [-4.596625, 5.935457], rtol=5e-7)
    assert r3.limits[1] - r3.limits[0] > r2.limits[1] - r2.limits[0]


def test_rebase_by_date_matches_the_per_facet_summary():
    # _snaps/ptd_spc.md, facet = rep(c(0, 1), each = 10): 0.0746 -2.60 2.75 and 0.209 -3.28 3.70 (3 figures)
    r = quiet(RNORM20, dates=DATES20, screen_outliers=True, rebase=["2020-01-12"])
    seg = r.segments
    np.testing.assert_allclose(seg["centre"], [0.0746, 0.209], atol=5e-4)
    np.testing.assert_allclose(seg["lower"], [-2.60, -3.28], atol=5e-3)
    np.testing.assert_allclose(seg["upper"], [2.75, 3.70], atol=5e-3)
    assert r.table["segment"].tolist() == [0] * 10 + [1] * 10
    assert np.isnan(r.table["moving_range"][10])
    # the same by position, and the current limits are the last segment's
    r2 = quiet(RNORM20, dates=DATES20, screen_outliers=True, rebase=[10])
    assert r2.limits == r.limits
    # summary: one row per segment with the package's counts and the last point's variation
    s = r.to_frame()
    assert s["n"].tolist() == [10, 10]
    assert s["common_cause"].tolist() == [10, 10]
    assert s["variation"].tolist() == ["common cause", "common cause"]


# NHSRdatasets' ae_attendances summed over all organisations by month, April 2016 to March 2019 (the ae_all()
# helper of NHSRplotthedots' tests/testthat/test-integration_tests.R; the same data as ../shared/data/real/
# ae_attendances.csv). The package's expected results are R-serialised data frames in
# tests/testthat/_snaps/integration_tests.md; the numbers below are decoded from them (base64 XDR doubles, so
# exact) and the point types are its point_type column.
AE_ATTENDANCES = [1867781, 2070340, 1958802, 2079034, 1932901, 1952464, 2001816, 1907871, 1944567, 1895272,
                  1735619, 2015834, 1949762, 2066789, 1994056, 2073944, 1924663, 1925961, 2044137, 1976971,
                  2003954, 2000086, 1820012, 2049785, 1984369, 2164458, 2093942, 2179896, 1997854, 2005695,
                  2079492, 2037847, 2047518, 2113413, 1954947, 2167550]
AE_BREACHES = [186122, 201329, 184912, 201973, 174419, 182597, 219137, 221713, 268818, 281612, 216416, 201392,
               184930, 212872, 184945, 200180, 186706, 199027, 205602, 222082, 300893, 294029, 272187, 315232,
               226764, 208002, 193418, 232824, 205239, 221756, 228550, 252602, 277514, 330696, 308388, 290359]
AE_MONTHS = pd.date_range("2016-04-01", periods=36, freq="MS")


def test_nhsrplotthedots_integration_snapshots_on_real_a_and_e_data():
    ae = pd.DataFrame({"period": AE_MONTHS, "attendances": AE_ATTENDANCES, "breaches": AE_BREACHES})
    # "ae_all attendances spc returns expected values": ptd_spc(ae_all(), attendances, period)
    r = hp.indicators.xmr(data=ae, value="attendances", date="period", screen_outliers=True)
    np.testing.assert_allclose([r.centre, *r.limits], [2000538.9444444445, 1731844.3644444444, 2269233.5244444446],
                               rtol=1e-15)
    assert (r.table["variation"] == "common cause").all()
    # "... with rebase": rebase = as.Date("2017-04-01")
    r = quiet(data=ae, value="attendances", date="period", screen_outliers=True, rebase=["2017-04-01"])
    np.testing.assert_allclose(r.segments[["centre", "lower", "upper"]].to_numpy(),
                               [[1946858.4166666667, 1639947.374848485, 2253769.4584848485],
                                [2027379.2083333333, 1772921.0639855072, 2281837.3526811595]], rtol=1e-15)
    # "ae_all performance spc returns expected values": performance = 1 - breaches / attendances,
    # fix_after_n_points = 12; special causes of all four rules' kinds, improvements and concerns
    ae["performance"] = 1 - ae["breaches"] / ae["attendances"]
    r = hp.indicators.xmr(data=ae, value="performance", date="period", fix_after=12, screen_outliers=True)
    np.testing.assert_allclose([r.centre, *r.limits], [0.8908915564349236, 0.8614049789074258, 0.9203781339624213],
                               rtol=1e-15)
    point_type = (["common_cause"] * 9 + ["special_cause_concern", "common_cause"]
                  + ["special_cause_improvement"] * 8 + ["common_cause"] + ["special_cause_concern"] * 4
                  + ["common_cause"] * 5 + ["special_cause_concern"] * 7)
    assert [v.replace(" ", "_") for v in r.table["variation"].astype(str)] == point_type
    assert r.table["rule"][20] == "outside limits" and r.table["rule"][11] == "shift"
    s = r.to_frame()
    assert s[["common_cause", "special_cause_improvement", "special_cause_concern"]].values.tolist() == [[16, 8, 12]]
    assert s["variation"][0] == "special cause concern"


# ONS weekly deaths registered in England and Wales, all ages, weeks ending 4 January to 27 December 2019
# (../shared/data/real/ons_mortality.csv, "Total deaths", "all ages").
ONS_DEATHS_2019 = [10955, 12609, 11860, 11740, 11297, 11660, 11824, 11295, 11044, 10898, 10567, 10402, 9867, 10126,
                   10291, 9025, 10059, 11207, 9055, 10272, 10284, 8260, 10140, 9445, 9458, 9511, 9062, 9179, 9080,
                   9112, 9271, 9122, 9093, 8994, 8242, 9695, 9513, 9440, 9517, 9799, 9973, 10156, 10021, 10164,
                   10697, 10650, 10882, 10958, 10816, 11188, 11926, 7533]
ONS_WEEKS_2019 = pd.date_range("2019-01-04", periods=52, freq="W-FRI")


def test_real_weekly_deaths_with_and_without_a_missing_week():
    y = np.array(ONS_DEATHS_2019, float)
    r = hp.indicators.xmr(y, dates=ONS_WEEKS_2019, improvement="decrease")
    m, lo, up, rule = reference(y)
    np.testing.assert_allclose([r.centre, *r.limits], [m, lo, up], rtol=1e-13)
    assert r.table["rule"].astype(str).tolist() == list(rule)
    assert {"outside limits", "trend", "two of three", "shift"} <= set(rule)  # the winter peak and the summer low
    # week 38 (ending 20 September, inside a run of points below the mean) missing from the file: a gap of one
    # week. Centre = mean of the other 51 weeks, mean moving range over the 49 pairs of adjacent weeks (none
    # across the gap), and each side judged separately against those lines.
    keep = np.r_[0:37, 38:52]
    with pytest.warns(hp.DataWarning, match="1 gap.*usual step is 7 days.*2019-09-13 and 2019-09-27"):
        g = hp.indicators.xmr(y[keep], dates=ONS_WEEKS_2019[keep], improvement="decrease")
    a = (math.fsum(np.abs(np.diff(y[:37]))) + math.fsum(np.abs(np.diff(y[38:])))) / 49
    centre = math.fsum(y[keep]) / 51
    np.testing.assert_allclose([g.centre, *g.limits], [centre, centre - 2.66 * a, centre + 2.66 * a], rtol=1e-13)
    _, _, _, before = reference(y[:37], centre=centre, mean_mr=a)
    _, _, _, after = reference(y[38:], centre=centre, mean_mr=a)
    assert g.table["rule"].astype(str).tolist() == list(before) + list(after)
    # the three weeks after the gap would finish a shift below the mean if runs crossed gaps; they do not
    assert (g.table["rule"].iloc[37:40] == "").all()
    assert (g.table["rule"].iloc[35:37] == "shift").all()
    assert g.gaps["missing_periods"].tolist() == [1.0]
    # the same week present but NaN: the same limits and the same rules for every other week
    y_nan = y.copy()
    y_nan[37] = np.nan
    with pytest.warns(hp.DataWarning, match="1 missing value.*2019-09-20"):
        n = hp.indicators.xmr(y_nan, dates=ONS_WEEKS_2019, improvement="decrease")
    np.testing.assert_allclose([n.centre, *n.limits], [g.centre, *g.limits], rtol=1e-15)
    assert n.table["rule"].astype(str).drop(index=37).tolist() == g.table["rule"].astype(str).tolist()


def test_nhs_spc_tool_demo_series():
    # nhs-pycom/nhspy-plotthedots tests/unittests/test_pandas_spc_x_calc.py (the NHS England SPC tool demo):
    # mean 76.67 (2 places), limits 57 and 96 (0 places), only the 12th point special (outside the limits)
    y = [89, 86, 75, 77, 81, 74, 72, 78, 76, 82, 77, 54, 66, 77, 86]
    r = hp.indicators.xmr(y, dates=pd.date_range("2022-01-01", periods=15, freq="MS"))
    assert round(r.centre, 2) == 76.67
    assert [round(x) for x in r.limits] == [57, 96]
    assert r.table["rule"].tolist() == [""] * 11 + ["outside limits"] + [""] * 3
    assert r.table["variation"][11] == "special cause concern"
    m, lo, up, rule = reference(y)
    np.testing.assert_allclose([r.centre, *r.limits], [m, lo, up], rtol=1e-13)


def test_rules_match_an_independent_rewrite_on_random_series():
    rng = np.random.default_rng(2026)
    checked = set()
    for _ in range(400):
        n = int(rng.integers(8, 60))
        y = np.round(rng.normal(0, 1, n) + np.cumsum(rng.normal(0, 0.3, n)) * rng.integers(0, 2), 1)
        if rng.uniform() < 0.2:
            y[int(rng.integers(0, n))] += rng.choice([-6, 6])
        shift, trend = int(rng.integers(5, 9)), int(rng.integers(5, 9))
        screen = bool(rng.integers(0, 2))
        r = quiet(y, shift_length=shift, trend_length=trend, screen_outliers=screen)
        m, lo, up, rule = reference(y, shift, trend, screen)
        np.testing.assert_allclose([r.centre, *r.limits], [m, lo, up], rtol=1e-12, atol=1e-12)
        assert r.table["rule"].astype(str).tolist() == list(rule)
        checked |= set(rule)
    assert checked >= {"", "outside limits", "trend", "shift", "two of three"}  # every rule was exercised


def test_rebased_segments_are_independent_charts():
    rng = np.random.default_rng(11)
    y = np.round(np.r_[rng.normal(10, 1, 25), rng.normal(13, 1, 20)], 2)
    r = quiet(y, rebase=[25])
    for seg, part in [(0, y[:25]), (1, y[25:])]:
        m, lo, up, rule = reference(part)
        got = r.table[r.table["segment"] == seg]
        np.testing.assert_allclose(got[["centre", "lower", "upper"]].iloc[0], [m, lo, up], rtol=1e-12)
        assert got["rule"].astype(str).tolist() == list(rule)


def test_fix_after_holds_the_first_points_limits():
    y = np.r_[np.arange(12) % 3, np.full(8, 5.0)]
    r = quiet(y, fix_after=12, improvement="decrease")
    m, lo, up, _ = reference(y[:12])
    np.testing.assert_allclose(r.table[["centre", "lower", "upper"]].iloc[-1], [m, lo, up], rtol=1e-13)
    assert (r.table["variation"].iloc[12:] == "special cause concern").all()  # 5 > upper limit 1 + 2.66 x 14/11 = 4.39


def test_improvement_direction_and_assurance():
    y = list(range(1, 8)) * 2  # mean 4, mean moving range 18/13: limits 0.32 and 7.68
    inc = quiet(y, target=100)
    assert inc.assurance == "consistently fails"
    assert quiet(y, target=-100).assurance == "consistently passes"
    assert quiet(y, target=4).assurance == "hit and miss"
    assert quiet(y, target=100, improvement="decrease").assurance == "consistently passes"
    assert quiet(y, target=100, improvement=None).assurance is None
    assert quiet(y).assurance is None
    up = quiet([1, 2, 3, 4, 5, 6, 7], improvement=None)
    assert up.table["variation"].tolist() == ["special cause neither"] * 7
    assert up.table["rule"].tolist() == ["outside limits"] + ["trend"] * 5 + ["outside limits"]


def test_missing_values_and_gaps_are_breaks_and_reported():
    # point 6 on the centre line breaks eight points above; 8-14 are a shift below (mean exactly 0)
    y = [0.5, 2.5, 0.5, 2.5, 0.5, 2.5, 0, 2.5, -0.5, -2.5, -0.5, -2.5, -0.5, -2.5, -2.5]
    months = pd.date_range("2023-01-01", periods=15, freq="MS")
    r = hp.indicators.xmr(y, dates=months)
    assert r.table["rule"].tolist() == [""] * 8 + ["shift"] * 7
    assert len(r.missing) == 0 and len(r.gaps) == 0
    # a missing value: warned, listed, no moving range across it, and the run stays broken
    y2 = list(y)
    y2[6] = np.nan
    with pytest.warns(hp.DataWarning, match="1 missing value"):
        r2 = hp.indicators.xmr(y2, dates=months)
    assert r2.missing["position"].tolist() == [6]
    assert r2.missing["date"].tolist() == [pd.Timestamp("2023-07-01")]
    assert np.isnan(r2.table["moving_range"][6]) and np.isnan(r2.table["moving_range"][7])
    np.testing.assert_allclose(r2.limits[1], 2.66 * 23 / 12)  # 12 moving ranges summing to 23
    assert pd.isna(r2.table["variation"][6])
    assert r2.table["rule"].tolist() == [""] * 8 + ["shift"] * 7
    # a missing month (row absent): the same, reported as a gap
    keep = [i for i in range(15) if i != 6]
    with pytest.warns(hp.DataWarning, match="1 gap"):
        r3 = hp.indicators.xmr(np.array(y)[keep], dates=months[keep])
    assert r3.gaps[["after", "before", "missing_periods"]].values.tolist() == [
        [pd.Timestamp("2023-06-01"), pd.Timestamp("2023-08-01"), 1.0]]
    np.testing.assert_allclose(r3.limits[1], 2.66 * 23 / 12)
    assert r3.table["rule"].tolist() == [""] * 7 + ["shift"] * 7
    # weekly data with a missing week, as integers and as dates
    weeks = pd.date_range("2024-01-01", periods=15, freq="W-MON")[keep]
    with pytest.warns(hp.DataWarning, match="usual step is 7 days"):
        r4 = hp.indicators.xmr(np.array(y)[keep], dates=weeks)
    assert r4.gaps["position"].tolist() == [6]


def test_dates_are_sorted_and_data_frame_columns_work():
    frame = pd.DataFrame({"month": pd.date_range("2021-01-01", periods=14, freq="MS").strftime("%Y-%m-%d"),
                          "admissions": [5, 6, 5, 7, 6, 5, 6, 7, 6, 5, 6, 7, 12, 6]})
    shuffled = frame.sample(frac=1, random_state=3)
    r = hp.indicators.xmr(data=shuffled, value="admissions", date="month")
    assert r.table["date"].is_monotonic_increasing
    assert r.table["value"].tolist() == frame["admissions"].tolist()
    assert list(r.table.columns) == ["date", "value", "centre", "lower", "upper", "moving_range", "rule", "variation",
                                     "segment"]
    assert "XmR chart" in r._repr_html_()
    assert "14 points" in repr(r)


def test_short_series_warn_like_the_package():
    with pytest.warns(hp.DataWarning, match="fewer than 13 points"):
        r = hp.indicators.xmr([1.0, 2.0, 1.5, 2.5, 1.0, 2.0, 1.5, 2.5, 1.0, 2.0, 1.5, 2.5])
    assert np.isfinite(r.limits).all()
    with pytest.warns(hp.DataWarning):
        one = hp.indicators.xmr([3.0])
    assert np.isnan(one.limits).all()


def test_plot_draws_a_figure():
    # rising then falling by one: a rising trend (improvement) and a falling one (concern)
    y = [1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1, 2]
    r = quiet(y, dates=pd.date_range("2020-01-01", periods=14, freq="MS"), target=3)
    assert r.table["variation"][3] == "special cause improvement"
    assert r.table["variation"][10] == "special cause concern"
    fig = r.plot()
    ax = fig.axes[0]
    colours = {tuple(np.round(c.get_facecolor()[0][:3], 3)) for c in ax.collections}
    assert (0.0, round(0xb0 / 255, 3), round(0xf0 / 255, 3)) in colours  # improvement blue
    assert (round(0xe4 / 255, 3), round(0x6c / 255, 3), round(0x0a / 255, 3)) in colours  # concern orange
    fig2 = hp.plot.spc([1, 2, 3, 4, 5, 6, 7] * 2, improvement="decrease")
    assert fig2.axes
    assert hp.plot.spc(r).axes
    with pytest.raises(TypeError):
        hp.plot.spc(r, improvement="decrease")


def test_bad_input_messages():
    with pytest.raises(hp.DataError, match="rows 1 and 2 have the same date 2020-02-01"):
        quiet([1, 2, 3], dates=["2020-01-01", "2020-02-01", "2020-02-01"])
    with pytest.raises(hp.DataError, match="row 1 has date 'soon', which is not a date"):
        quiet([1, 2, 3], dates=["2020-01-01", "soon", "2020-03-01"])
    with pytest.raises(hp.DataError, match="3 values but 2 dates"):
        quiet([1, 2, 3], dates=["2020-01-01", "2020-02-01"])
    with pytest.raises(hp.DomainError, match="shift_length must be at least 2 points, got -1"):
        quiet([1, 2, 3], shift_length=-1)
    with pytest.raises(hp.DomainError, match="trend_length must be at least 3"):
        quiet([1, 2, 3], trend_length=0)
    with pytest.raises(hp.DomainError, match="fix_after must be a number of points >= 0"):
        quiet([1, 2, 3], fix_after=-2)
    with pytest.raises(hp.DomainError, match='improvement must be "increase", "decrease" or None'):
        quiet([1, 2, 3], improvement="up")
    with pytest.raises(hp.DomainError, match="rebase date 2019-01-01 is not one of the series' dates"):
        quiet([1, 2, 3], dates=["2020-01-01", "2020-02-01", "2020-03-01"], rebase=["2019-01-01"])
    with pytest.raises(hp.DomainError, match="rebase point 7 is outside the series"):
        quiet([1, 2, 3], rebase=[7])
    with pytest.raises(hp.DataError, match="point 1 has value inf"):
        quiet([1, np.inf, 3])
    with pytest.raises(hp.DataError, match="no column 'when'"):
        quiet(data=pd.DataFrame({"v": [1, 2]}), value="v", date="when")
    with pytest.raises(hp.DataError, match="no values"):
        quiet([])
    with pytest.raises(hp.DataError, match="row 1 has value 'x', which is not a number"):
        quiet([1, "x", 3])
    with pytest.raises(hp.DataError, match="row 2 has date NaT, which is not a date"):
        quiet([1, 2, 3], dates=[pd.Timestamp("2020-01-01"), pd.Timestamp("2020-02-01"), pd.NaT])


def test_a_time_series_brings_its_dates_and_none_is_missing():
    s = pd.Series([1.0, None, 3.0, 2.0], index=pd.date_range("2020-01-01", periods=4, freq="MS"))
    with pytest.warns(hp.DataWarning) as caught:
        r = hp.indicators.xmr(s)
    messages = [str(w.message) for w in caught]
    assert any("1 missing value(s), first at 2020-02-01" in m for m in messages)
    assert any("fewer than 13 points" in m for m in messages)
    assert r.table["date"].tolist() == list(s.index)
    assert r.missing["position"].tolist() == [1]


@pytest.mark.parametrize("name", ["healthyplaces.indicators._spc"])
def test_docstring_examples_run(name):
    import doctest
    import importlib
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_plot_spc_docstring_example_runs():
    import doctest
    from healthyplaces import plot
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner()
    for test in finder.find(plot.spc, "spc", globs={}):
        runner.run(test)
    assert runner.tries > 0 and runner.failures == 0


def test_chart_axes_name_the_quantity_and_whole_periods():
    r = quiet([3.0, 4, 5, 4, 3, 4, 5, 4, 3, 4, 5, 4, 3, 4], dates=list(range(2005, 2019)),
              label="deaths per 100,000")
    ax = r.plot().axes[0]
    assert ax.get_ylabel() == "deaths per 100,000" and ax.get_xlabel() == "period number"
    ticks = ax.get_xticks()
    assert all(float(t).is_integer() for t in ticks)
    assert all("." not in ax.xaxis.get_major_formatter()(t, 0) for t in ticks)
    frame = pd.DataFrame({"when": pd.date_range("2020-01-01", periods=14, freq="MS"), "waits": range(14)})
    s = quiet(data=frame, value="waits", date="when")
    ax2 = s.plot().axes[0]
    assert ax2.get_ylabel() == "waits" and ax2.get_xlabel() == "month"
    assert "waits" in str(s.summary()) and s.to_frame()["n"].tolist() == [14]
