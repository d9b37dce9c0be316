"""Section 4: pilot candidates, the areas meeting the paper's criteria, and why the others do not."""
from __future__ import annotations

from typing import Any

from ... import plot
from .. import _render
from .._format import score_text
from .._results import Results
from .gaps import no_areas

TEMPLATE = "sections/pilots.html.j2"
ANCHOR = "pilots"
TOC = "4. Pilot candidates"


def context(r: Results) -> dict[str, Any]:
    if r.pilots is None:
        return {"reason": no_areas(r.pilots_error), "short": r.gaps is None}
    p = r.pilots
    criteria = [phrase + ";" for phrase in p.criteria_phrases()]
    criteria[-1] = criteria[-1].rstrip(";") + "."
    if len(criteria) > 1:
        criteria[-2] += " and"
    candidates = None
    if p.candidates:
        names = p.names
        rows = [
            [g.rank or "–", g.area, names.get(g.council, g.council), g.council_stars, score_text(g.council_total),
             names.get(g.nhs_body, g.nhs_body), g.nhs_stars, score_text(g.nhs_total),
             _render.strong(plot.format_gap(g.total_gap))]
            for g in p.candidates
        ]
        candidates = _render.Table(
            ["Gap rank", "Area", "Council", "Stars", "Score", "NHS body", "Stars", "Score", "Gap"], rows,
            numeric={0, 3, 4, 6, 7, 8}, table_id="pilot-table", caption="Areas meeting the pilot criteria")
    excluded = None
    if p.excluded:
        excluded = _render.Table(["Area", "Why it is not a candidate"],
                                 [[area, _render.items(reasons, "reasons")] for area, reasons in p.excluded],
                                 table_id="excluded-table", caption="Areas not meeting the criteria")
    return {"reason": None, "criteria": criteria, "n_candidates": len(p.candidates),
            "n_areas": len(p.candidates) + len(p.excluded), "candidates": candidates, "excluded": excluded}
