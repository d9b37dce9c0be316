"""The report's indicator section (section 6): counts by organisation in, indicators with 95% and 99.8%
intervals, a funnel plot and the organisations outside the 99.8% limits out; checked against hp.indicators
called directly on the same sums, and the CLI's --counts options."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import healthyplaces as hp
from healthyplaces.cli import main
from healthyplaces.report import IndicatorSpec, build_report

from test_report_cli import section, tables  # the HTML helpers of the report tests

AE = IndicatorSpec(by="org_code", numerator="breaches", denominator="attendances", period="period",
                   name="Four-hour A&E breaches (% of attendances)")


@pytest.fixture(scope="module")
def ae_page() -> str:
    return build_report(counts=hp.datasets.ae_attendances().astype({"period": str}), indicator=AE,
                        counts_label="NHS England A&E statistics")


@pytest.fixture(scope="module")
def march_2019() -> pd.DataFrame:
    ae = hp.datasets.ae_attendances()
    month = ae[ae["period"] == "2019-03-01"]
    return month.groupby("org_code", as_index=False)[["attendances", "breaches"]].sum()


def test_section_uses_the_latest_period_and_says_rows_were_summed(ae_page, march_2019):
    body = section(ae_page, "indicators")
    assert "6. Indicators by organisation" in body and "2019-03-01" in body
    assert "The counts cover 36 periods; the indicators use the latest, 2019-03-01." in body
    assert f"to {len(march_2019)} organisations" in body  # department types of a trust summed
    assert '<a href="#indicators">6. Indicators</a>' in ae_page
    assert "<svg" in body


def test_indicator_table_matches_wilson_intervals_on_the_summed_counts(ae_page, march_2019):
    rows = tables(ae_page)["indicators-table"]
    assert len(rows) == len(march_2019)
    want = hp.indicators.proportion(march_2019["breaches"], march_2019["attendances"], confidence=(0.95, 0.998),
                                    multiplier=100)
    first = dict(zip(["org", "x", "n", "value", "ci95", "ci998", "funnel"], rows[0]))
    assert first["org"] == march_2019["org_code"].iloc[0]
    d = len(first["value"].split(".")[1]) if "." in first["value"] else 0
    assert first["value"] == f"{want['value'].iloc[0]:,.{d}f}"
    assert first["ci95"] == f"{want['lower_95'].iloc[0]:,.{d}f} to {want['upper_95'].iloc[0]:,.{d}f}"


def test_outliers_are_the_adjusted_funnels_and_summary_counts_them(ae_page, march_2019):
    plain = hp.indicators.funnel(march_2019["breaches"], march_2019["attendances"], labels=march_2019["org_code"],
                                 multiplier=100)
    assert plain.phi > 1  # A&E performance differs between trusts far beyond chance
    adjusted = hp.indicators.funnel(march_2019["breaches"], march_2019["attendances"],
                                    labels=march_2019["org_code"], multiplier=100, overdispersion="additive")
    want = adjusted.outliers(0.998)
    rows = tables(ae_page)["outliers-table"]
    assert sorted(r[0] for r in rows) == sorted(adjusted.outliers(0.95)["label"])
    assert sorted(r[0] for r in rows if "99.8%" in r[-1]) == sorted(want["label"])
    assert len(want) < len(plain.outliers(0.998))  # the adjustment is what makes the verdicts credible
    summary = ae_page.split('aria-label="Key findings"')[1].split("</section>")[0]
    assert f"{len(want)} of {len(march_2019)} organisations lie outside the 99.8% funnel limits" in summary
    assert f"φ = {plain.phi:.2f}" in summary
    assert f"; {len(adjusted.outliers(0.95))} outside the 95% limits." in summary


def test_no_overdispersion_no_adjustment_and_a_chosen_period(tmp_path):
    rng = np.random.default_rng(3)
    n = rng.integers(500, 5000, size=30)
    x = rng.binomial(n, 0.1)
    frame = pd.DataFrame({"organisation": [f"Org {i:02d}" for i in range(30)] * 2, "numerator": np.r_[x, x // 2],
                          "denominator": np.r_[n, n], "year": ["2023"] * 30 + ["2024"] * 30})
    page = build_report(counts=frame, indicator=IndicatorSpec(period="year", period_value="2023"))
    body = section(page, "indicators")
    f = hp.indicators.funnel(x, n, multiplier=100)
    assert f.phi <= 1  # binomial counts: no overdispersion, so the report must not adjust
    assert "need no adjustment for overdispersion" in body and "additive random effect" not in body
    assert "(year 2023)" in body
    with pytest.raises(hp.DataError, match="no rows with year = '2022'; the periods run from 2023 to 2024"):
        build_report(counts=frame, indicator=IndicatorSpec(period="year", period_value="2022"))


def test_rates_and_ratios_use_poisson_limits():
    frame = pd.DataFrame({"organisation": list("ABCDEFGHIJKL"), "deaths": [3, 12, 40, 8, 25, 60, 5, 18, 33, 9, 14, 51],
                          "population": [9e3, 2e4, 6e4, 1.5e4, 4e4, 9e4, 1e4, 3e4, 5e4, 1.2e4, 2.5e4, 8e4]})
    page = build_report(counts=frame, indicator=IndicatorSpec(numerator="deaths", denominator="population", kind="rate"))
    body = section(page, "indicators")
    assert "exact Poisson intervals below 10 events" in body
    rows = tables(page)["indicators-table"]
    want = hp.indicators.rate(frame["deaths"], frame["population"], confidence=(0.95, 0.998))
    d = len(rows[0][3].split(".")[1])
    assert rows[0][3] == f"{want['value'].iloc[0]:,.{d}f}"


def test_cli_counts_writes_the_section_and_reports_bad_counts(tmp_path, capsys):
    good = tmp_path / "counts.csv"
    good.write_text("org,x,n\n" + "".join(f"T{i},{10 + 3 * i},{400 + 37 * i}\n" for i in range(12)), encoding="utf-8")
    out = tmp_path / "r.html"
    assert main(["report", "--counts", str(good), "--organisation", "org", "--numerator", "x", "--denominator", "n",
                 "--indicator", "Readmissions (%)", "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "Readmissions (%)" in section(page, "indicators")
    bad = tmp_path / "bad.csv"
    bad.write_text("org,x,n\nT1,5,100\nT2,7,abc\n", encoding="utf-8")
    assert main(["report", "--counts", str(bad), "--organisation", "org", "--numerator", "x", "--denominator", "n",
                 "--out", str(tmp_path / "b.html")]) == 2
    err = capsys.readouterr().err
    assert "bad.csv, line 3, column 3 (n), organisation 'T2': 'abc' is not a number" in err
    assert "Traceback" not in err
