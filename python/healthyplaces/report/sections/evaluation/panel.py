"""Section 1 of the evaluation page: the panel (units, periods, who is treated when), notes on the data, and the
outcome over time for treated and never-treated units."""
from __future__ import annotations

from typing import Any

from .... import _figure
from ... import _render

TEMPLATE = "sections/evaluation/panel.html.j2"
ANCHOR = "data"
TOC = "1. The panel"


def _time_label(periods: Any) -> str:
    """"year" for yearly panels, else "time period" (a bare "period" says nothing of the unit)."""
    return "year" if len(periods) and 1800 <= min(periods) and max(periods) <= 2200 else "time period"


def _chart(p: Any, outcome: str) -> _render.Figure:
    y, periods, treated = p.outcome, p.periods, p.treated_units
    fig, ax = _figure.axes(None, width=7.5, height=3.9)
    never = p.never_treated
    if never:
        ax.plot(periods, y.loc[never].mean(axis=0).to_numpy(), color="0.45", lw=2, label="never treated (mean)")
    for k, c in enumerate(p.cohorts[:6]):
        members = [u for u in treated if int(p.adoption[u]) == c]
        label = members[0] if len(members) == 1 else f"adopted {c} ({len(members)} units, mean)"
        colour = _figure.PALETTE[k % len(_figure.PALETTE)]
        ax.plot(periods, y.loc[members].mean(axis=0).to_numpy(), lw=2, color=colour, label=label)
        ax.axvline(c - 0.5, color=colour, ls=":", lw=1)
    ax.set_xlabel(_time_label(periods))
    _figure.year_axis(ax.xaxis)
    ax.set_ylabel(outcome)
    ax.spines[["top", "right"]].set_visible(False)
    _figure.legend_outside(ax, ncol=2)
    more = f" (the first 6 of {len(p.cohorts)} adoption cohorts)" if len(p.cohorts) > 6 else ""
    return _render.figure(fig, f"{outcome}: treated units{more} against units never treated; dotted lines "
                               "mark adoption.", "Outcome over time, treated and never treated")


def context(ev: Any) -> dict[str, Any]:
    p = ev.panel
    periods, treated, cohorts = p.periods, p.treated_units, p.cohorts
    return {"heading": TOC, "outcome": p.outcome_name, "n_units": len(p), "n_periods": len(periods),
            "first": periods[0], "last": periods[-1], "source": ev.source_label, "treated": treated,
            "cohorts": cohorts, "n_never": len(p.never_treated), "balanced": p.balanced, "notes": ev.notes,
            "chart": _chart(p, ev.spec.outcome_label or p.outcome_name)}
