"""Section 1 of the evaluation page: the panel (units, periods, who is treated when), notes on the data, and the
outcome over time for treated and never-treated units."""
from __future__ import annotations

from typing import Any

from ... import _render

TEMPLATE = "sections/evaluation/panel.html.j2"
ANCHOR = "data"
TOC = "1. The panel"


def _chart(p: Any) -> _render.Figure:
    import matplotlib.pyplot as plt

    y, periods, treated = p.outcome, p.periods, p.treated_units
    fig, ax = plt.subplots(figsize=(7.5, 3.6))
    try:
        never = p.never_treated
        if never:
            ax.plot(periods, y.loc[never].mean(axis=0).to_numpy(), color="0.45", lw=2, label="never treated (mean)")
        for c in p.cohorts[:6]:
            members = [u for u in treated if int(p.adoption[u]) == c]
            label = members[0] if len(members) == 1 else f"adopted {c} ({len(members)} units, mean)"
            line, = ax.plot(periods, y.loc[members].mean(axis=0).to_numpy(), lw=2, label=label)
            ax.axvline(c - 0.5, color=line.get_color(), ls=":", lw=1)
        ax.set_xlabel("period")
        ax.set_ylabel(p.outcome_name)
        ax.legend(frameon=False, fontsize=8)
        ax.spines[["top", "right"]].set_visible(False)
        fig.tight_layout()
        return _render.figure(fig, f"{p.outcome_name}: treated units against units never treated; dotted lines "
                                   "mark adoption.", "Outcome over time, treated and never treated")
    finally:
        plt.close(fig)


def context(ev: Any) -> dict[str, Any]:
    p = ev.panel
    periods, treated, cohorts = p.periods, p.treated_units, p.cohorts
    return {"heading": TOC, "outcome": p.outcome_name, "n_units": len(p), "n_periods": len(periods),
            "first": periods[0], "last": periods[-1], "source": ev.source_label, "treated": treated,
            "cohorts": cohorts, "n_never": len(p.never_treated), "balanced": p.balanced, "notes": ev.notes,
            "chart": _chart(p)}
