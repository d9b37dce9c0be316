"""The synthetic control section: treated against synthetic, donor weights, predictor balance, placebos."""
from __future__ import annotations

from typing import Any

from ... import _render

TEMPLATE = "sections/evaluation/synth.html.j2"
ANCHOR = "synth"
TOC = "2. Synthetic control"


def context(ev: Any) -> dict[str, Any] | None:
    r = ev.fits.get("synth")
    if r is None:
        return None
    p = ev.panel
    unit, start = p.treated_units[0], int(p.cohorts[0])
    donors = r.weights[r.weights > 0.001].sort_values(ascending=False)
    return {
        "heading": TOC, "unit": unit,
        "paths": _render.plotted(r, f"{p.outcome_name}: {unit} and its synthetic control; adoption in {start}.",
                                 "Treated against synthetic", kind="paths"),
        "donors": _render.frame_table(donors.to_frame(), "Donor weights above 0.001", index_name="donor"),
        "balance": _render.frame_table(r.balance(), "Predictor balance: treated, synthetic and the donors' "
                                       "unweighted mean", index_name="predictor"),
        "placebos": _render.plotted(r, "Gaps after placebo treatment of every donor (grey) and of the treated unit.",
                                    "Placebo gaps", kind="placebos"),
        "ratios": _render.plotted(r, "Post/pre RMSPE ratios: the treated unit against every placebo.",
                                  "RMSPE ratios", kind="ratios"),
        "summary": _render.frame_table(r.summary(), "Synthetic control: key figures", index_name="quantity"),
    }
