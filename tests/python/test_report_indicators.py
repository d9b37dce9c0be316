"""The indicator report (``healthyplaces report --counts``): an analyst's report in its own right. Rows chosen
by column=value and one period (dates compared as dates), the direction that is better, the funnel's verdicts
with the limits of each flag's own level, what the overdispersion adjustment did, XmR charts of the flagged
organisations; every number checked against hp.indicators called directly on sums made here by hand."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import healthyplaces as hp
from healthyplaces.cli import main
from healthyplaces.report import IndicatorSpec, build_report
from healthyplaces.report import _charts, _counts
from healthyplaces.report.sections import indicators as ind_sections

from test_report_cli import section, tables  # the HTML helpers of the report tests
from test_report_templates import HOSTILE, assert_inert

LABEL = "Four-hour A&E breaches, type 1 departments"
AE = IndicatorSpec(by="org_code", numerator="breaches", denominator="attendances", time="period",
                   where={"type": "1"}, label=LABEL, better="lower")
LIMITS = re.compile(r"^(95|99\.8)%: (-?[\d,.]+) to (-?[\d,.]+)$")


def number(text: str) -> float:
    return float(text.replace(",", ""))


@pytest.fixture(scope="module")
def ae() -> pd.DataFrame:
    return hp.datasets.ae_attendances()


@pytest.fixture(scope="module")
def ae_page(ae) -> str:
    return build_report(counts=ae, indicator=AE, counts_label="NHS England A&E statistics")


@pytest.fixture(scope="module")
def march_2019(ae) -> pd.DataFrame:
    """Type 1 departments in March 2019, by hand."""
    month = ae[(ae["period"] == "2019-03-01") & (ae["type"].astype(str) == "1")]
    return month.groupby("org_code", as_index=False)[["attendances", "breaches"]].sum()


@pytest.fixture(scope="module")
def adjusted(march_2019):
    return hp.indicators.funnel(march_2019["breaches"], march_2019["attendances"], by=march_2019["org_code"],
                                multiplier=100, overdispersion="additive")


def key_findings(page: str) -> str:
    return page.split('aria-label="Key findings"')[1].split("</section>")[0]


# ---- an indicator report in its own right ----------------------------------------------------------------------

def test_title_and_key_finding_come_from_the_indicator(ae_page, march_2019, adjusted):
    assert f"<h1>{LABEL.replace('&', '&amp;')}, March 2019</h1>" in ae_page
    assert f"<title>{LABEL.replace('&', '&amp;')}, March 2019</title>" in ae_page
    assert "healthyplaces indicator report" in ae_page
    overall = 100 * march_2019["breaches"].sum() / march_2019["attendances"].sum()
    summary = key_findings(ae_page)
    assert f"Overall, breaches were {overall:.1f}% of attendances across {len(march_2019)} organisations" in summary
    assert "Lower is better." in summary
    high = adjusted.table[adjusted.table["significance"].astype(str).str.startswith("high")]
    assert len(adjusted.outliers(0.998)) == 0  # so the finding says none is outside 99.8%
    assert "No organisation is outside the 99.8% limits after allowing for overdispersion" in summary
    assert f"{len(high)} worse than expected" in summary and all(org in summary for org in high["label"])


def test_no_2008_content_without_scores(ae_page):
    for sid in ("about", "sectors", "gaps", "pilots", "cases", "data"):
        assert f'<section id="{sid}">' not in ae_page
    text = re.sub(r"<svg.*?</svg>|<style>.*?</style>", "", ae_page, flags=re.S)
    for word in ("NLGN", "council", "PCT", "2008", "Healthy Places", "Part 1", "Part 2"):
        assert word not in text, word
    toc = re.findall(r'<nav class="toc"[^>]*>(.*?)</nav>', ae_page, flags=re.S)[0]
    assert re.findall(r">([^<]+)</a>", toc) == ["1. Data", "2. Funnel plot", "3. Outside the limits",
                                                 "Appendix: organisations"]


def test_where_keeps_the_type_1_rows_and_the_table_matches_wilson(ae_page, march_2019):
    rows = tables(ae_page)["indicators-table"]
    assert [r[0] for r in rows] == march_2019["org_code"].tolist()
    want = hp.indicators.proportion(march_2019["breaches"], march_2019["attendances"], confidence_level=(0.95, 0.998),
                                    multiplier=100)
    for r, (_, w), (_, m) in zip(rows, want.iterrows(), march_2019.iterrows()):
        assert number(r[1]) == m["breaches"] and number(r[2]) == m["attendances"]
        assert r[3] == f"{w['value']:.1f}" and r[4] == f"{w['lower_95']:.1f} to {w['upper_95']:.1f}"
    body = section(ae_page, "ind-data")
    assert "type = 1; period = March 2019" in body and f"{len(march_2019)} of 12,765 rows" in body
    assert "Lower is better" in body


def test_without_where_every_department_type_is_summed_and_the_report_says_so(ae):
    page = build_report(counts=ae, indicator=IndicatorSpec(by="org_code", numerator="breaches",
                                                           denominator="attendances", time="period"))
    month = ae[ae["period"] == "2019-03-01"]
    n_orgs = month["org_code"].nunique()
    assert f"{len(month):,} rows were summed to {n_orgs:,} organisations" in page
    assert "choose rows with where (--where COLUMN=VALUE)" in page
    assert "<h1>Breaches as % of attendances, March 2019</h1>" in page  # no label: from the columns


def test_where_values_match_as_numbers_and_several_values_of_a_column_are_either():
    frame = pd.DataFrame({"organisation": [f"T{i}" for i in range(12)] * 2,
                          "numerator": list(range(10, 22)) * 2, "denominator": [400] * 24,
                          "type": [1.0] * 12 + [2] * 12})
    one = _counts.analyse_counts(frame, IndicatorSpec(where=["type=1"]))
    assert one.rows_kept == 12 and one.where_text == "type = 1"
    both = _counts.analyse_counts(frame, IndicatorSpec(where={"type": ["1", "2"]}))
    assert both.rows_kept == 24 and both.counts["numerator"].iloc[0] == 20  # summed over the two types
    with pytest.raises(hp.DataError, match=r"no rows with type = '3'; type has 1\.0, 2"):
        _counts.analyse_counts(frame, IndicatorSpec(where={"type": "3"}))
    with pytest.raises(hp.DataError, match="where: no column 'kind'"):
        _counts.analyse_counts(frame, IndicatorSpec(where=["kind=1"]))
    with pytest.raises(hp.DomainError, match="'type' is not COLUMN=VALUE"):
        _counts.parse_where(["type"])


# ---- periods compared as dates -----------------------------------------------------------------------------

def _dated(periods: list[str]) -> pd.DataFrame:
    rng = np.random.default_rng(5)
    rows = []
    for k, p in enumerate(periods):
        for i in range(12):
            rows.append({"organisation": f"T{i:02d}", "period": p, "numerator": int(rng.integers(20, 60)) + k,
                         "denominator": 500})
    return pd.DataFrame(rows)


def test_dd_mm_yyyy_periods_are_compared_as_dates_not_text():
    # as text "31/12/2018" is the latest; as dates 1 March 2019 is
    frame = _dated(["31/12/2018", "15/01/2019", "01/03/2019"])
    r = _counts.analyse_counts(frame, IndicatorSpec(time="period"))
    assert r.period_label == "1 March 2019"
    assert r.periods == ["31 December 2018", "15 January 2019", "1 March 2019"]
    latest = frame[frame["period"] == "01/03/2019"]
    assert r.counts["numerator"].tolist() == latest["numerator"].astype(float).tolist()
    # an ISO date chooses the same period as its dd/mm/yyyy spelling
    chosen = _counts.analyse_counts(frame, IndicatorSpec(time="period", period="2019-01-15"))
    assert chosen.period_label == "15 January 2019"
    with pytest.raises(hp.DataError, match="no rows with period = '2019-02-01'; the periods run from 31 December "
                                           "2018 to 1 March 2019"):
        _counts.analyse_counts(frame, IndicatorSpec(time="period", period="2019-02-01"))
    with pytest.raises(hp.DataError, match="period '30/02/2019' is not a date"):
        _counts.analyse_counts(frame, IndicatorSpec(time="period", period="30/02/2019"))


def test_monthly_iso_periods_show_as_month_and_year_and_numbers_sort_as_numbers():
    r = _counts.analyse_counts(_dated(["2019-02-01", "2019-03-01", "2018-12-01"]), IndicatorSpec(time="period"))
    assert r.period_label == "March 2019"
    years = _counts.analyse_counts(_dated(["9", "10", "8"]), IndicatorSpec(time="period"))
    assert years.period_label == "10"  # as text "9" would be the latest


def test_a_row_without_a_period_is_an_error_naming_its_organisation():
    frame = _dated(["2019-02-01", "2019-03-01"])
    frame.loc[5, "period"] = ""
    with pytest.raises(hp.DataError, match="1 row\\(s\\) have no period, first organisation 'T05'"):
        _counts.analyse_counts(frame, IndicatorSpec(time="period"))


def test_a_period_needs_the_time_column():
    with pytest.raises(hp.DomainError, match="needs time="):
        IndicatorSpec(period="2019-03-01")


# ---- the funnel's verdicts -----------------------------------------------------------------------------------

def _outliers(page: str) -> list[dict[str, str]]:
    heads = ["org", "x", "n", "value", "limits", "verdict", "spc"]
    return [dict(zip(heads, r)) for r in tables(page)["outliers-table"]]


def _assert_outside_printed_limits(rows: list[dict[str, str]]) -> None:
    assert rows
    for r in rows:
        m = LIMITS.match(r["limits"])
        assert m, r["limits"]
        value, lo, hi = number(r["value"]), number(m.group(2)), number(m.group(3))
        assert value < lo or value > hi, r


def test_every_flagged_value_lies_outside_the_limits_printed_beside_it(ae_page, adjusted):
    rows = _outliers(ae_page)
    _assert_outside_printed_limits(rows)
    sig = dict(zip(adjusted.table["label"], adjusted.table["significance"].astype(str)))
    assert sorted(r["org"] for r in rows) == sorted(k for k, v in sig.items() if v != "within")
    for r in rows:  # the level printed is the level of the flag
        assert r["limits"].startswith(sig[r["org"]].split()[1])
        assert ("Worse" in r["verdict"]) == sig[r["org"]].startswith("high")  # lower is better


def test_alarms_print_their_99_8_limits_and_alerts_their_95_limits():
    rng = np.random.default_rng(12)
    n = rng.integers(800, 6000, size=40)
    p = np.full(40, 0.12)
    p[:3] = [0.30, 0.22, 0.02]   # far out: alarms even allowing for overdispersion
    p[3:6] = [0.15, 0.145, 0.095]
    x = rng.binomial(n, p)
    frame = pd.DataFrame({"organisation": [f"Trust {i:02d}" for i in range(40)], "numerator": x, "denominator": n})
    page = build_report(counts=frame, indicator=IndicatorSpec(better="higher"))
    rows = _outliers(page)
    _assert_outside_printed_limits(rows)
    levels = {r["limits"].split(":")[0] for r in rows}
    assert levels == {"95%", "99.8%"}
    assert all(len(r) == 6 for r in tables(page)["outliers-table"])  # no periods: no XmR column
    r = _counts.analyse_counts(frame, IndicatorSpec(better="higher"))
    for row, flag in zip(rows, ind_sections._sorted_flags(r)):
        assert row["org"] == flag.organisation
        suffix = "99_8" if flag.level == 0.998 else "95"
        lo, hi = r.limits.set_index("organisation").loc[flag.organisation, [f"lower_{suffix}", f"upper_{suffix}"]]
        assert (flag.lower, flag.upper) == (lo, hi)
        assert row["verdict"].startswith("Better" if flag.direction == "high" else "Worse")  # higher is better


def test_small_numbers_have_no_exponent():
    assert ind_sections.small(4.2109e-05) == "0.0000421" and ind_sections.small(0.012051) == "0.0121"
    assert ind_sections.phi_text(490.432) == "490.4" and ind_sections.phi_text(0.7491) == "0.749"


def test_decimals_grow_until_a_value_is_visibly_outside_its_limits():
    r = _counts.analyse_counts(pd.DataFrame({"organisation": list("ABCDEFGHIJKL"),
                                             "numerator": [5, 9, 12, 30, 8, 11, 14, 10, 9, 13, 7, 12],
                                             "denominator": [100] * 12}), IndicatorSpec())
    close = _counts.Flag("X", 1, 1, value=40.14, direction="high", level=0.95, lower=6.3, upper=40.06)
    assert ind_sections.flag_digits(r, [close]) == 2   # 40.1 beside "6.3 to 40.1" would look inside
    low = _counts.Flag("Y", 1, 1, value=6.296, direction="low", level=0.95, lower=6.304, upper=40.0)
    assert ind_sections.flag_digits(r, [low]) == 3


def test_without_a_direction_values_are_higher_or_lower_not_better_or_worse(march_2019):
    frame = march_2019.rename(columns={"org_code": "organisation", "breaches": "numerator",
                                       "attendances": "denominator"})
    page = build_report(counts=frame)
    rows = _outliers(page)
    assert rows and all(r["verdict"].startswith(("Higher", "Lower")) for r in rows)
    assert "No direction was given (--better)" in page and "better than expected" not in page


def test_the_report_says_what_the_overdispersion_adjustment_did(ae_page, march_2019, adjusted):
    plain = hp.indicators.funnel(march_2019["breaches"], march_2019["attendances"], multiplier=100)
    rows = tables(ae_page)["overdispersion-table"]
    assert rows[0][0].startswith(f"Chance alone (binomial; φ = {plain.phi:,.1f} not allowed for)")
    assert [number(v) for v in rows[0][1:]] == [len(plain.outliers(0.95)), len(plain.outliers(0.998))]
    assert f"τ² = {adjusted.tau2:.3f}" in rows[1][0]  # 0.0121
    assert [number(v) for v in rows[1][1:]] == [len(adjusted.outliers(0.95)), len(adjusted.outliers(0.998))]
    summary = key_findings(ae_page)
    assert f"without allowing for it, {len(plain.outliers(0.998))} would be outside the 99.8% limits" in summary


def test_no_overdispersion_no_adjustment():
    rng = np.random.default_rng(3)
    n = rng.integers(500, 5000, size=30)
    x = rng.binomial(n, 0.1)
    frame = pd.DataFrame({"organisation": [f"Org {i:02d}" for i in range(30)], "numerator": x, "denominator": n})
    page = build_report(counts=frame)
    assert hp.indicators.funnel(x, n, multiplier=100).phi <= 1
    body = section(page, "ind-funnel")
    assert "No adjustment: the spread is what chance would give" in body and "additive random effect" not in body
    assert len(tables(page)["overdispersion-table"]) == 1


def test_rates_use_poisson_limits_and_a_rate_unit():
    frame = pd.DataFrame({"organisation": list("ABCDEFGHIJKL"), "deaths": [3, 12, 40, 8, 25, 60, 5, 18, 33, 9, 14, 51],
                          "population": [9e3, 2e4, 6e4, 1.5e4, 4e4, 9e4, 1e4, 3e4, 5e4, 1.2e4, 2.5e4, 8e4]})
    page = build_report(counts=frame, indicator=IndicatorSpec(numerator="deaths", denominator="population", kind="rate"))
    assert "exact Poisson intervals below 10 events" in page and "per 100,000 population" in page
    rows = tables(page)["indicators-table"]
    want = hp.indicators.rate(frame["deaths"], frame["population"], confidence_level=(0.95, 0.998))
    d = len(rows[0][3].split(".")[1])
    assert rows[0][3] == f"{want['value'].iloc[0]:,.{d}f}"


# ---- charts ----------------------------------------------------------------------------------------------

def test_funnel_labels_do_not_overlap_and_its_legend_covers_no_data(ae):
    r = _counts.analyse_counts(ae, AE)
    fig, caption = _charts.funnel_chart(r)
    ax = fig.axes[0]
    texts = [t for t in ax.texts]
    assert sorted(t.get_text() for t in texts) == sorted(f.organisation for f in r.flags)
    assert "Every organisation outside the 95% limits is labelled" in caption
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    boxes = [Text.get_window_extent(t, renderer) for t in texts]  # the text, not its leader line
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            assert not boxes[i].overlaps(boxes[j]), (texts[i].get_text(), texts[j].get_text())
    legend = ax.get_legend().get_window_extent(renderer)
    assert not legend.overlaps(ax.get_window_extent(renderer))  # below the axes
    assert ax.get_ylabel() == "breaches, % of attendances" and "attendances" in ax.get_xlabel()


def test_funnel_caption_says_what_is_labelled_when_nothing_is():
    rng = np.random.default_rng(3)
    n = rng.integers(500, 5000, size=30)
    frame = pd.DataFrame({"organisation": [f"O{i}" for i in range(30)], "numerator": (n * 0.1).astype(int),
                          "denominator": n})
    r = _counts.analyse_counts(frame, IndicatorSpec())
    assert not r.flags
    fig, caption = _charts.funnel_chart(r)
    assert "no organisation is outside the 99.8% limits, so none is labelled" in caption.lower()
    assert len(fig.axes[0].texts) == 0


def test_an_xmr_chart_for_each_flagged_organisation_matches_hp_indicators_xmr(ae, ae_page):
    r = _counts.analyse_counts(ae, AE)
    assert all(f.spc is not None for f in r.flags) and len(r.periods) == 36
    rows = {row["org"]: row for row in _outliers(ae_page)}
    org = r.flags[0].organisation
    mine = ae[(ae["org_code"] == org) & (ae["type"].astype(str) == "1")].sort_values("period")
    want = hp.indicators.xmr((100 * mine["breaches"] / mine["attendances"]).to_numpy(), mine["period"],
                             improvement="decrease")
    got = r.flags[0].spc
    np.testing.assert_allclose(got.table["value"], want.table["value"])
    assert got.centre == pytest.approx(want.centre) and got.limits == pytest.approx(want.limits)
    assert rows[org]["spc"] == str(want.table["variation"].iloc[-1])
    body = section(ae_page, "ind-flagged")
    assert f"XmR charts of the {len(r.flags)} flagged organisations, April 2016 to March 2019 (36 periods)" in body
    assert body.count("<svg") == 1


def test_numeric_organisation_codes_get_their_xmr_charts():
    months = [f"2018-{m:02d}-01" for m in range(1, 13)] + ["2019-01-01"]
    frame = _dated(months)
    frame["organisation"] = frame["organisation"].str[1:].astype(int) + 100
    frame.loc[(frame["organisation"] == 100) & (frame["period"] == "2019-01-01"), "numerator"] = 250
    r = _counts.analyse_counts(frame, IndicatorSpec(time="period", better="lower"))
    assert [f.organisation for f in r.flags if f.direction == "high"] == ["100"]
    assert all(f.spc is not None and len(f.spc.table) == 13 for f in r.flags)


def test_too_few_periods_for_xmr_charts_is_said():
    frame = _dated(["2019-01-01", "2019-02-01", "2019-03-01"])
    frame.loc[frame["organisation"] == "T00", "numerator"] = 200  # flagged
    page = build_report(counts=frame, indicator=IndicatorSpec(time="period"))
    body = section(page, "ind-flagged")
    assert "The counts cover 3 periods: too few for XmR (SPC) charts, which need at least 12." in body
    assert "<svg" not in body


# ---- scores and counts together; escaping; the command line -------------------------------------------

def test_scores_and_counts_are_two_separate_parts(ae):
    page = build_report(hp.datasets.nlgn2008(), counts=ae, indicator=AE)
    assert "<h1>Healthy Places: councils and NHS commissioners compared</h1>" in page
    assert "Part 1 · Scores" in page and "Part 2 · Indicator by organisation" in page
    toc = re.findall(r">([^<]+)</a>", re.findall(r'<nav class="toc"[^>]*>(.*?)</nav>', page, flags=re.S)[0])
    assert toc == ["1. Data", "2. Sectors", "3. Competency gaps", "4. Pilot candidates", "5. Case studies",
                   "6. Indicator data", "7. Funnel plot", "8. Outside the limits", "Appendix A: scores",
                   "Appendix B: organisations"]
    summary = key_findings(page)
    assert "<h3>The scores (sections 1–5)</h3>" in summary
    assert f"<h3>The indicator: {LABEL.replace('&', '&amp;')}, March 2019 (sections 6–8)</h3>" in summary


def test_scores_options_with_counts_only_are_errors(ae):
    with pytest.raises(hp.DomainError, match="case_studies: applies to scores"):
        build_report(counts=ae, indicator=AE, case_studies=False)
    with pytest.raises(hp.DomainError, match="indicator: describes counts"):
        build_report(indicator=AE)


def test_hostile_names_in_the_counts_and_options_are_escaped(tmp_path):
    counts = tmp_path / "counts.csv"
    rows = [f'"{HOSTILE} ${i}",{10 + 3 * i},{400 + 37 * i},"{HOSTILE}"' for i in range(11)] + \
        [f'"{HOSTILE} 11",150,500,"{HOSTILE}"']
    counts.write_text("org,x,n,kind\n" + "\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "r.html"
    assert main(["report", "--counts", str(counts), "--by", "org", "--numerator", "x", "--denominator", "n",
                 "--where", f"kind={HOSTILE}", "--indicator-label", HOSTILE, "--indicator-unit", HOSTILE,
                 "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    text = assert_inert(page)
    assert f"{HOSTILE} 11" in text and f"kind = {HOSTILE}" in text
    assert f"<h1>{HOSTILE}</h1>" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert any(r[0] == f"{HOSTILE} 11" for r in tables(page)["outliers-table"])


def test_cli_indicator_options_and_their_errors(tmp_path, capsys):
    good = tmp_path / "counts.csv"
    good.write_text("org,x,n,month\n" + "".join(f"T{i},{10 + 3 * i + k},{400 + 37 * i},0{k + 1}/03/2019\n"
                                               for k in range(2) for i in range(12)), encoding="utf-8")
    out = tmp_path / "r.html"
    assert main(["report", "--counts", str(good), "--by", "org", "--numerator", "x", "--denominator", "n",
                 "--time", "month", "--period", "2019-03-01", "--better", "lower",
                 "--indicator-label", "Readmissions", "--indicator-unit", "% of discharges", "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<h1>Readmissions, 1 March 2019</h1>" in page and "% of discharges" in page
    assert "Lower is better" in page
    for args, message in [
        (["--where", "type=1"], "--where describes --counts; give the counts too"),
        (["--better", "lower"], "--better describes --counts"),
        (["--counts", str(good), "--period", "2019-03-01"], "--period chooses a period of the --time column"),
        (["--counts", str(good), "--where", "type"], "--where 'type' is not COL=VALUE"),
        (["--counts", str(good), "--framework", "use_of_resources"], "--framework describes --data"),
        (["--counts", str(good), "--by", "org", "--numerator", "x", "--denominator", "n", "--time", "month",
          "--period", "01/04/2019"], "no rows with month = '01/04/2019'; the periods run from 1 March 2019 to "
                                     "2 March 2019"),
    ]:
        assert main(["report", *args, "--out", str(tmp_path / "bad.html")]) == 2
        err = capsys.readouterr().err
        assert message in err and "Traceback" not in err, (args, err)
    bad = tmp_path / "bad.csv"
    bad.write_text("org,x,n\nT1,5,100\nT2,7,abc\n", encoding="utf-8")
    assert main(["report", "--counts", str(bad), "--by", "org", "--numerator", "x", "--denominator", "n",
                 "--out", str(tmp_path / "b.html")]) == 2
    err = capsys.readouterr().err
    assert "bad.csv, line 3, column 3 (n), organisation 'T2': 'abc' is not a number" in err
    assert not (tmp_path / "bad.html").exists() and not (tmp_path / "b.html").exists()
