"""The staggered-adoption section: Callaway and Sant'Anna's effects by time since adoption and by cohort."""
from __future__ import annotations

from typing import Any

from ... import _render

TEMPLATE = "sections/evaluation/att_gt.html.j2"
ANCHOR = "att-gt"
TOC = "2. Staggered adoption: Callaway and Sant'Anna"


def context(ev: Any) -> dict[str, Any] | None:
    r = ev.fits.get("att_gt")
    if r is None:
        return None
    dynamic = ev.fits["dynamic"]
    return {
        "heading": TOC,
        "dynamic_chart": _render.plotted(dynamic, "Effects by time since adoption with simultaneous bands.",
                                         "Dynamic effects"),
        "dynamic": _render.frame_table(dynamic.summary(), "Effects by time since adoption"),
        "cohorts_chart": _render.plotted(r, "Group-time effects by cohort.", "Group-time effects"),
    }
