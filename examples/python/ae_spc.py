"""Is one trust's four-hour performance changing? An XmR (statistical process control) chart, NHS style.

Monthly share of A&E attendances seen within four hours at one trust (NHS England, April 2016 to March 2019),
against the 95% operational standard, with the "Making Data Count" rules; then weekly deaths in England and
Wales (ONS), where a week with no count is reported as a gap rather than silently bridged.

Run:  python examples/python/ae_spc.py [spc.png]
"""
import os
import sys
import tempfile
import warnings

import healthyplaces as hp

ae = hp.datasets.ae_attendances()
trust = ae[ae["org_code"] == "RQM"].groupby("period", as_index=False)[["attendances", "breaches"]].sum()
trust["within_4h"] = 100 * (1 - trust["breaches"] / trust["attendances"])  # per cent, as the standard is set

chart = hp.indicators.xmr(trust["within_4h"], dates=trust["period"], improvement="increase", target=95,
                          label="% of attendances seen within four hours")
print(f"Trust RQM, {len(trust)} months: mean {chart.centre:.1f}%, process limits "
      f"{chart.limits[0]:.1f}% to {chart.limits[1]:.1f}%; assurance against 95%: {chart.assurance}")
special = chart.table[chart.table["rule"] != ""]
print(special[["date", "value", "rule", "variation"]].round({"value": 1}).to_string(index=False))

path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(tempfile.mkdtemp(), "ae_spc.png")
hp.plot.spc(chart, title="RQM: share of A&E attendances within four hours").savefig(path, dpi=120)
print(f"Wrote {path}")

# Weekly respiratory deaths, 2014-19: one week has no count. The chart reports it and breaks the moving range
# and the runs there, instead of treating the neighbours as consecutive.
deaths = hp.datasets.ons_weekly_deaths("All respiratory diseases (ICD-10 J00-J99) ICD-10")
series = deaths[deaths["group"] == "v 2013 (IRIS)"]
with warnings.catch_warnings(record=True) as caught:  # the chart warns about the gap: show it, don't hide it
    warnings.simplefilter("always")
    weekly = hp.indicators.xmr(series["deaths"], dates=series["date"], improvement="decrease",
                               label="respiratory deaths registered per week")
print(f"\nWeekly respiratory deaths 2014-19: {len(series)} weeks; {caught[0].message}")
print(weekly.missing.to_string(index=False))
print(weekly.table["variation"].value_counts().to_string())
