"""The indicator sections (with ``counts``): the data and the rows chosen, the funnel plot and what the
adjustment for overdispersion did, the organisations outside the limits (each with the limits of the level it
is outside, and its XmR chart over the periods), and every organisation in an appendix.

On their own (no scores) they are the whole page, numbered from 1; after the 2008 comparison they follow it,
numbered on from it, under their own part heading. :func:`sections` builds them; :func:`findings` gives the
key findings.
"""
from __future__ import annotations

import math
import urllib.parse
from typing import IO, Any

import numpy as np
import pandas as pd

from ... import io
from .. import _charts, _render
from .._counts import Flag, IndicatorResults
from .._format import decimals_for, fixed

TEMPLATES = ("sections/indicator_data.html.j2", "sections/indicator_funnel.html.j2",
             "sections/indicator_flagged.html.j2", "sections/indicator_table.html.j2")
_METHODS = {"proportion": "Wilson score intervals",
            "rate": "exact Poisson intervals below 10 events and Byar's approximation above",
            "ratio": "exact Poisson intervals for the observed count below 10 events and Byar's above"}
_LEVEL = {0.95: "95%", 0.998: "99.8%"}
#: Past this many organisations the appendix shows the highest and lowest ``EXTREMES`` values, and the full
#: table goes to a CSV file beside the page: a page stays a few MB however many rows the counts have.
PAGE_ROWS = 1000
EXTREMES = 50
#: The most flagged organisations listed in the page (worse first, furthest first); the CSV has them all.
MAX_FLAGGED_ROWS = _charts.MAX_FLAGGED_ROWS
_ALERT = {0.95: "alert (outside 95%)", 0.998: "alarm (outside 99.8%)"}


def _digits(ind: IndicatorResults) -> int:
    return decimals_for(ind.indicators["value"])


def with_unit(text: str, unit: str) -> str:
    """"20.5" and "% of attendances" → "20.5% of attendances"; "512.3 per 100,000 population" otherwise."""
    return f"{text}{unit}" if unit.startswith("%") else f"{text} {unit}"


def phi_text(phi: float) -> str:
    """φ for people: 490.4, 3.27, 0.84 (three significant figures, at most one decimal above 10)."""
    return f"{phi:,.1f}" if phi >= 10 else f"{phi:.3g}"


def small(x: float) -> str:
    """Three significant figures without an exponent: 0.0121, 0.0000421 (never 4.21e-05)."""
    if x == 0 or not math.isfinite(x):
        return f"{x:g}"
    return f"{x:.{max(0, 2 - math.floor(math.log10(abs(x))))}f}"


def flag_digits(ind: IndicatorResults, flags: list[Flag]) -> int:
    """Decimals at which every flagged value is printed strictly outside its printed limits (so a reader sees
    that it is outside them): the report's usual decimals, more where rounding would make them meet."""
    d = _digits(ind)
    while d < 8:
        if all((round(f.value, d) > round(f.upper, d)) if f.direction == "high" else (round(f.value, d) < round(f.lower, d))
               for f in flags):
            return d
        d += 1
    return d


def _sorted_flags(ind: IndicatorResults) -> list[Flag]:
    """Worse (or high) first, alarms before alerts, furthest from the overall value first."""
    return ind.sorted_flags()


def summarised(ind: IndicatorResults) -> bool:
    """Whether the page leaves organisations out of its tables (the full table then goes beside it as CSV)."""
    return len(ind.counts) > PAGE_ROWS or len(ind.flags) > MAX_FLAGGED_ROWS


def csv_href(name: str) -> str:
    """A link to a file in the page's folder: "./" first and every character quoted, so no file name can become
    another kind of URL (``javascript:...``)."""
    return "./" + urllib.parse.quote(name)


_CSV_COLUMNS = ("organisation", "numerator", "denominator", "value", "lower_95", "upper_95", "funnel_lower_95",
                "funnel_upper_95", "funnel_lower_99_8", "funnel_upper_99_8", "funnel")


def write_csv(ind: IndicatorResults, f: IO[str]) -> None:
    """Every organisation's row, as the appendix shows it, as CSV (UTF-8, RFC 4180 quoting): its counts, value and
    95% confidence interval, the funnel's 95% and 99.8% limits at its size and its verdict. Values keep 6
    significant figures (more than the page's decimals); counts are whole numbers when they are. A name starting
    with ``=``, ``+``, ``-`` or ``@`` gets a leading ``'`` so that a spreadsheet shows it rather than running it
    as a formula (OWASP's advice on CSV injection).

    Written by :func:`healthyplaces.io.write_table` (formatted in C++): a million rows in about half a second."""
    t, c, lim = ind.indicators, ind.counts, ind.limits  # same organisations, same order
    sig = lim["significance"].astype(str)
    verdicts = {s: "within" if s == "within" else f"{ind.verdict(s.split()[0])} ({s.split()[1]})"
                for s in pd.unique(sig)}
    values = {"organisation": c["organisation"], "numerator": c["numerator"], "denominator": c["denominator"],
              "value": t["value"], "lower_95": t["lower_95"], "upper_95": t["upper_95"],
              "funnel_lower_95": lim["lower_95"], "funnel_upper_95": lim["upper_95"],
              "funnel_lower_99_8": lim["lower_99_8"], "funnel_upper_99_8": lim["upper_99_8"],
              "funnel": sig.map(verdicts)}
    assert tuple(values) == _CSV_COLUMNS
    frame = pd.DataFrame({k: v.to_numpy() for k, v in values.items()}, copy=False)
    io.write_table(frame, f, counts=["numerator", "denominator"])


def _names(flags: list[Flag], limit: int = 8) -> str:
    names = [f.organisation for f in flags]
    return ", ".join(names) if len(names) <= limit else ", ".join(names[:limit]) + f" and {len(names) - limit} more"


def _better_text(ind: IndicatorResults) -> str:
    b = ind.spec.better
    if b is None:
        return "No direction was given (--better), so values above and below the limits are called higher and " \
               "lower than expected, not better or worse."
    return f"{b.capitalize()} is better: fewer {ind.spec.numerator} is the aim." if b == "lower" else \
        f"{b.capitalize()} is better."


def _counts_by_level(flags: list[Flag]) -> tuple[int, int]:
    return len(flags), sum(1 for f in flags if f.level == 0.998)


def findings(ind: IndicatorResults) -> list[str]:
    """The indicator's key findings: the overall value and direction, who is outside the limits after the
    adjustment (named), what the adjustment changed, and what the XmR charts say about the flagged ones."""
    spec, d = ind.spec, _digits(ind)
    unit = spec.unit_text()
    n = len(ind.counts)
    values = ind.limits["value"].to_numpy(dtype=float)
    short = "%" if unit.startswith("%") else ""
    out = [f"Overall, {spec.numerator} were {with_unit(fixed(ind.target, d), unit)} across {n:,} organisations, which "
           f"range from {fixed(float(np.min(values)), d)}{short} to {fixed(float(np.max(values)), d)}{short} "
           f"(median {fixed(float(np.median(values)), d)}{short})."
           + (f" {spec.better.capitalize()} is better." if spec.better else "")]
    flags = _sorted_flags(ind)
    adj = ind.funnel_adjusted is not None
    n95, n998 = _counts_by_level(flags)
    verdicts: dict[str, list[Flag]] = {}
    for f in flags:
        verdicts.setdefault(ind.verdict(f.direction), []).append(f)
    where = " after allowing for overdispersion" if adj else ""
    if n998:
        wide = [f for f in flags if f.level == 0.998]
        text = f"{n998} of {n:,} organisations are outside the 99.8% limits{where} ({_names(wide)})"
    else:
        text = f"No organisation is outside the 99.8% limits{where}"
    if n95:
        parts = [f"{len(v)} {k} ({_names(v)})" for k, v in verdicts.items()]
        text += f"; {n95} {'is' if n95 == 1 else 'are'} outside the 95% limits: " + "; ".join(parts) + "."
    else:
        text += "; none is outside the 95% limits."
    out.append(text)
    if adj:
        p95, p998 = ind.plain_counts
        out.append(f"The organisations differ far more than chance alone allows (overdispersion φ = "
                   f"{phi_text(ind.funnel.phi)}): without allowing for it, {p998} would be outside the 99.8% limits and "
                   f"{p95} outside the 95% limits.")
    charted = [f for f in flags if f.spc is not None]
    if charted:
        latest: dict[str, list[Flag]] = {}
        for f in charted:
            v = str(f.spc.table["variation"].dropna().iloc[-1]) if f.spc.table["variation"].notna().any() else ""
            latest.setdefault(v, []).append(f)
        special = {k: v for k, v in latest.items() if k.startswith("special cause")}
        if special:
            parts = [f"{k} for {_names(v)}" for k, v in special.items()]
            out.append(f"Over time (XmR charts, {len(ind.periods)} periods), the latest period shows "
                       + "; ".join(parts) + f"; common cause variation for the other {len(charted) - sum(map(len, special.values()))}.")
        else:
            out.append(f"Over time (XmR charts, {len(ind.periods)} periods), every flagged organisation's latest "
                       "period is common cause variation: its position is stable, not a sudden change.")
    return out


# --------------------------------------------------------------------------------------------------------------
# The sections


def _data(ind: IndicatorResults, number: int, combined: bool) -> dict[str, Any]:
    spec, d = ind.spec, _digits(ind)
    rows = f"{ind.rows_kept:,} of {ind.rows_total:,} rows"
    chosen = []
    if ind.where_text:
        chosen.append(ind.where_text)
    if ind.period_label:
        chosen.append(f"{spec.time} = {ind.period_label}")
    facts = [
        ("Source", ind.source_label),
        ("Indicator", spec.label_text()),
        ("Unit", spec.unit_text()),
        ("Direction", _better_text(ind)),
        ("Rows used", f"{rows}: {'; '.join(chosen)}" if chosen else f"{rows} (all)"),
        ("Organisations", f"{len(ind.counts):,} (column {spec.by})"),
        ("Overall value", f"{with_unit(fixed(ind.target, d), spec.unit_text())} (Σ {spec.numerator} "
                          f"{fixed(float(ind.counts['numerator'].sum()), 0)} / Σ {spec.denominator} "
                          f"{fixed(float(ind.counts['denominator'].sum()), 0)})"),
        ("Intervals", f"{_METHODS[spec.kind]}, 95% and 99.8%"),
    ]
    if len(ind.periods) > 1:
        facts.insert(5, ("Periods in the file", f"{len(ind.periods)}, {ind.periods[0]} to {ind.periods[-1]}"))
    return {"number": number, "combined": combined, "title": ind.title, "facts": facts, "notes": ind.notes}


def _funnel(ind: IndicatorResults, number: int) -> dict[str, Any]:
    spec, plain, d = ind.spec, ind.funnel, _digits(ind)
    n = len(ind.counts)
    fig, caption = _charts.funnel_chart(ind)
    chart = _render.figure(fig, caption, f"Funnel plot of {ind.title}")
    adjusted = ind.funnel_adjusted is not None
    p95, p998 = ind.plain_counts
    a95, a998 = _counts_by_level(ind.flags)
    tau2 = small(ind.funnel_adjusted.tau2) if ind.funnel_adjusted is not None else None
    rows = [[f"Chance alone ({'binomial' if spec.kind == 'proportion' else 'Poisson'}; φ = {phi_text(plain.phi)} not "
             "allowed for)", f"{p95:,}", f"{p998:,}"]]
    if adjusted:
        rows.append([f"Allowing for overdispersion (additive random effect, τ² = {tau2})"
                     + " — used in this report", f"{a95:,}", f"{a998:,}"])
    table = _render.Table(["Limits", "Outside 95%", "Outside 99.8%"], rows, numeric={1, 2},
                          table_id="overdispersion-table",
                          caption=f"Organisations outside the funnel limits, of {n:,}")
    if adjusted:
        reason = None
    elif n < 10:
        reason = f"there are {n} organisations, too few to estimate overdispersion (at least 10 are needed)"
    else:
        reason = f"the spread is what chance would give (φ = {phi_text(plain.phi)}, not above 1)"
    return {"number": number, "n": n, "target": with_unit(fixed(ind.target, d), spec.unit_text()),
            "better": _better_text(ind), "adjusted": adjusted, "phi": phi_text(plain.phi),
            "by_chance95": f"{0.05 * n:,.0f}", "by_chance998": f"{0.002 * n:,.1f}",
            "tau2": tau2, "reason": reason,
            "table": table, "chart": chart, "numerator": spec.numerator, "denominator": spec.denominator}


def _flagged(ind: IndicatorResults, number: int, full_table: dict[str, str] | None) -> dict[str, Any]:
    spec = ind.spec
    flags = _sorted_flags(ind)
    listed = flags[:MAX_FLAGGED_ROWS]
    d = flag_digits(ind, listed)  # the decimals of the rows printed
    unit = spec.unit_text()
    rows, classes = [], []
    for f in listed:
        spc = "–"
        if f.spc is not None and f.spc.table["variation"].notna().any():
            spc = str(f.spc.table["variation"].dropna().iloc[-1])
        verdict = ind.verdict(f.direction)
        rows.append([f.organisation, fixed(f.numerator, 0), fixed(f.denominator, 0), fixed(f.value, d),
                     f"{_LEVEL[f.level]}: {fixed(f.lower, d)} to {fixed(f.upper, d)}",
                     f"{verdict[:1].upper()}{verdict[1:]} ({_ALERT[f.level].split(' (')[0]})", spc])
        classes.append(["", "", "", "", "", "verdict " + ("worse" if verdict.startswith("worse") else
                        "better" if verdict.startswith("better") else ""), ""])
    heads = ["Organisation", spec.numerator, spec.denominator, f"Value ({unit})", "Limits it is outside",
             "Verdict", "XmR chart, latest period"]
    if not any(f.spc is not None for f in flags):  # no periods, no charts: no column of dashes
        heads, rows, classes = heads[:-1], [r[:-1] for r in rows], [c[:-1] for c in classes]
    table = None
    if rows:
        table = _render.Table(
            heads,
            rows, numeric={1, 2, 3, 4}, cell_classes=classes, table_id="outliers-table",
            caption="Each organisation's limits are those of the level it is outside (95% limits for an alert, "
                    "99.8% for an alarm), at its own " + spec.denominator)
    charted = [f for f in flags if f.spc is not None]
    spc_figure = None
    if charted:
        fig, caption = _charts.spc_chart(ind, charted)
        spc_figure = _render.figure(fig, caption, f"XmR charts of the organisations outside the funnel limits, {ind.title}")
    n = len(ind.counts)
    return {"number": number, "table": table, "n_flags": len(flags), "n": n, "n_listed": len(listed),
            "full_table": full_table,
            "n_wide": sum(1 for f in flags if f.level == 0.998), "by_chance95": f"{0.05 * n:,.0f}",
            "adjusted": ind.funnel_adjusted is not None, "spc": spc_figure, "spc_note": ind.spc_note,
            "n_periods": len(ind.periods), "better": ind.spec.better}


def _everyone(ind: IndicatorResults, letter: str | None, full_table: dict[str, str] | None) -> dict[str, Any]:
    spec, d = ind.spec, _digits(ind)
    t, c, lim = ind.indicators, ind.counts, ind.limits  # same organisations, same order
    sig = lim["significance"].to_numpy(dtype=object)
    n = len(c)
    if n > PAGE_ROWS:  # the highest and lowest values, highest first; the rest are in the CSV
        values = t["value"].to_numpy(dtype=float)
        top = np.argpartition(-values, EXTREMES)[:EXTREMES]          # linear, not a sort of a million
        bottom = np.argpartition(values, EXTREMES)[:EXTREMES]
        shown = np.concatenate([top[np.argsort(-values[top], kind="stable")],
                                bottom[np.argsort(-values[bottom], kind="stable")]])
    else:
        shown = np.arange(n)
    rows = []
    for i in shown:
        o = t.iloc[i]
        s = sig[i]
        flag = "within" if s == "within" else f"{ind.verdict(s.split()[0])} ({s.split()[1]})"
        rows.append([c["organisation"].iloc[i], fixed(float(c["numerator"].iloc[i]), 0),
                     fixed(float(c["denominator"].iloc[i]), 0), fixed(float(o["value"]), d),
                     f"{fixed(float(o['lower_95']), d)} to {fixed(float(o['upper_95']), d)}",
                     f"{fixed(float(lim['lower_95'].iloc[i]), d)} to {fixed(float(lim['upper_95'].iloc[i]), d)}",
                     f"{fixed(float(lim['lower_99_8'].iloc[i]), d)} to {fixed(float(lim['upper_99_8'].iloc[i]), d)}",
                     flag])
    table = _render.Table(
        ["Organisation", spec.numerator, spec.denominator, f"Value ({spec.unit_text()})", "95% confidence interval",
         "Funnel 95% limits", "Funnel 99.8% limits", "Funnel"],
        rows, numeric={1, 2, 3, 4, 5, 6}, table_id="indicators-table",
        caption=ind.title if n <= PAGE_ROWS else f"{ind.title}: the {EXTREMES} highest and the {EXTREMES} lowest values")
    return {"letter": letter, "n": n, "table": table, "method": _METHODS[spec.kind],
            "adjusted": ind.funnel_adjusted is not None, "extremes": EXTREMES if n > PAGE_ROWS else None,
            "full_table": full_table}


def sections(env: Any, ind: IndicatorResults, first: int = 1, combined: bool = False,
             appendix: str | None = None, full_table: str | None = None
             ) -> tuple[list[_render.Section], list[_render.Section]]:
    """The indicator's numbered sections (from ``first``) and its appendix (lettered ``appendix`` when the page
    has another), as ``(sections, appendices)``. ``full_table``: the file name of the CSV of every organisation
    written beside the page, linked where the page leaves organisations out (``None``: no such file)."""
    href = ({"href": csv_href(full_table), "name": full_table}
            if full_table is not None and summarised(ind) else None)
    main = [
        _render.Section(env, TEMPLATES[0], _data(ind, first, combined), "ind-data",
                        f"{first}. {'Indicator data' if combined else 'Data'}"),
        _render.Section(env, TEMPLATES[1], _funnel(ind, first + 1), "ind-funnel",
                        f"{first + 1}. Funnel plot"),
        _render.Section(env, TEMPLATES[2], _flagged(ind, first + 2, href), "ind-flagged",
                        f"{first + 2}. Outside the limits"),
    ]
    back = [_render.Section(env, TEMPLATES[3], _everyone(ind, appendix, href), "ind-all",
                            f"Appendix{' ' + appendix if appendix else ''}: organisations")]
    return main, back

