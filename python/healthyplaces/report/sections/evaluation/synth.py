"""The synthetic control section: treated against synthetic, donor weights, predictor balance, placebos."""
from __future__ import annotations

from typing import Any

from ... import _render
from ._common import chart, table

TEMPLATE = "sections/evaluation/synth.html.j2"
ANCHOR = "synth"
TOC = "2. Synthetic control"
# RMSPE ratios shown as bars: past about 30 labels a bar chart is unreadable, so the top ones are shown (the chart
# says how many of how many) and the rank and p-value in the table below say where the treated unit stands.
TOP_RATIOS = 20


def context(ev: Any) -> dict[str, Any] | None:
    r = ev.fits.get("synth")
    if r is None:
        return None
    p = ev.panel
    unit, start = p.treated_units[0], int(p.cohorts[0])
    donors = r.weights[r.weights > 0.001].sort_values(ascending=False)
    n_ratios = 1 + int(r.placebos()["kept"].sum()) if len(r.placebos()) else 1
    shown = min(n_ratios, TOP_RATIOS + (0 if n_ratios <= TOP_RATIOS else 1))
    caption = ("Post/pre RMSPE ratios: the treated unit against every placebo." if shown >= n_ratios else
               f"Post/pre RMSPE ratios: the treated unit and the {TOP_RATIOS} highest of the {n_ratios} units; "
               "the rank and p-value below use them all.")
    key_figures = r.summary().tables[0][1]
    return {
        "heading": TOC, "unit": unit,
        "paths": chart(r, f"{unit} and its synthetic control; adoption in {start}.", "Treated against synthetic",
                       kind="paths"),
        "donors": table(donors.to_frame(), "Donor weights above 0.001", index_name="donor"),
        "balance": table(r.balance(), "Predictor balance: treated, synthetic and the donors' "
                                       "unweighted mean", index_name="predictor"),
        "placebos": chart(r, "Gaps after placebo treatment of every donor (grey) and of the treated unit.",
                          "Placebo gaps", kind="placebos"),
        "ratios": chart(r, caption, "RMSPE ratios", kind="ratios", top=TOP_RATIOS),
        "summary": table(key_figures, "Synthetic control: key figures", index_name="quantity"),
    }
