"""The staggered-adoption section: Callaway and Sant'Anna's effects by time since adoption and by cohort, and why
the "overall" effects of the aggregations differ."""
from __future__ import annotations

from typing import Any

from ._common import chart, table

TEMPLATE = "sections/evaluation/att_gt.html.j2"
ANCHOR = "att-gt"
TOC = "2. Staggered adoption: Callaway and Sant'Anna"


def context(ev: Any) -> dict[str, Any] | None:
    r = ev.fits.get("att_gt")
    if r is None:
        return None
    dynamic, simple, group = ev.fits["dynamic"], ev.fits["simple"], ev.fits["group"]
    # The three "overall" numbers answer different questions; the page names each where it shows it.
    overall = [("simple", "every cohort-period after adoption, weighted by cohort size (the Finding's figure)",
                simple.statistic),
               ("by time since adoption", "the mean of the effects by time since adoption (the dashed line of the "
                "chart below): each length of exposure counts once, so the longest exposures, seen only in the "
                "earliest cohorts, weigh as much as the first period after adoption of every cohort", dynamic.statistic),
               ("by cohort", "the mean of each cohort's own average effect, weighted by cohort size (R did's "
                "default summary)", group.statistic)]
    return {
        "heading": TOC,
        "overall": [{"name": n, "meaning": m, "value": ev.fx(v)} for n, m, v in overall],
        "dynamic_chart": chart(dynamic, "Effects by time since adoption with simultaneous bands; the dashed line "
                                        "is their mean over the periods after adoption.", "Dynamic effects"),
        "dynamic": table(dynamic.to_frame(), "Effects by time since adoption"),
        "cohorts_chart": chart(r, "Group-time effects by cohort: before adoption (should be near 0) and after.",
                               "Group-time effects"),
    }
