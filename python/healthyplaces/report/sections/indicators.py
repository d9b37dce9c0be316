"""Section 6 (with ``counts``): each organisation's indicator with 95% and 99.8% intervals, the funnel plot and
the organisations outside its limits, allowing for overdispersion when there is any."""
from __future__ import annotations

from typing import Any

from .. import _render
from .._format import decimals_for, fixed
from .._results import Results

TEMPLATE = "sections/indicators.html.j2"
ANCHOR = "indicators"
TOC = "6. Indicators"

_METHODS = {"proportion": "Wilson score intervals",
            "rate": "exact Poisson intervals below 10 events and Byar's approximation above",
            "ratio": "exact Poisson intervals for the observed count below 10 events and Byar's above"}


def context(r: Results) -> dict[str, Any] | None:
    ind = r.indicators
    if ind is None:
        return None
    spec, plain, chosen = ind.spec, ind.funnel, ind.chosen
    d = decimals_for(ind.indicators["value"])
    title = spec.title()
    period = f" ({spec.period} {ind.period_label})" if ind.period_label else ""
    n = len(ind.counts)
    chart = _render.figure(chosen.plot(title=f"{title}{period}"),
                           f"Funnel plot: {title}{period}; control limits at 95% and 99.8%; labelled points lie "
                           "outside the 99.8% limits.", f"Funnel plot of {title}")
    outliers = chosen.outliers(min(chosen.confidence_level))
    outlier_table = None
    if len(outliers):
        lo, hi = "lower_99_8", "upper_99_8"
        rows = [[o["label"], fixed(o["numerator"], 0), fixed(o[chosen.table.columns[2]], 0), fixed(o["value"], d),
                 f"{fixed(o[lo], d)} to {fixed(o[hi], d)}", str(o["significance"])]
                for _, o in outliers.sort_values("value", ascending=False).iterrows()]
        outlier_table = _render.Table(
            ["Organisation", spec.numerator, spec.denominator, "Value", "99.8% limits at its size", "Outside"], rows,
            numeric={1, 2, 3, 4}, table_id="outliers-table",
            caption="Organisations outside the funnel limits (the 99.8% ones are the alarms; about 1 in 20 "
                    "organisations is outside the 95% limits by chance)")
    sig = dict(zip(chosen.table["label"], chosen.table["significance"].astype(str)))
    t, c = ind.indicators, ind.counts  # same organisations, same order
    rows = [[o["organisation"], fixed(x, 0), fixed(m, 0), fixed(o["value"], d),
             f"{fixed(o['lower_95'], d)} to {fixed(o['upper_95'], d)}",
             f"{fixed(o['lower_99_8'], d)} to {fixed(o['upper_99_8'], d)}", sig.get(o["organisation"], "")]
            for (_, o), x, m in zip(t.iterrows(), c["numerator"], c["denominator"])]
    all_table = _render.Table(
        ["Organisation", spec.numerator, spec.denominator, "Value", "95% interval", "99.8% interval", "Funnel"],
        rows, numeric={1, 2, 3, 4, 5}, table_id="indicators-table", caption=title)
    return {
        "title": title, "period": period, "n": n, "source": ind.source_label, "method": _METHODS[spec.kind],
        "notes": ind.notes, "target": fixed(plain.target, d), "adjusted": ind.funnel_adjusted is not None,
        "phi": f"{plain.phi:.2f}", "plain_outside": len(plain.outliers(0.998)),
        "by_chance": max(1, round(0.002 * n)),
        "tau2": f"{chosen.tau2:.3g}" if ind.funnel_adjusted is not None else None,
        "chart": chart, "n_wide": len(chosen.outliers(0.998)), "n_outliers": len(outliers),
        "outliers": outlier_table, "all": all_table,
    }
