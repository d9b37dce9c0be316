"""Section 4: pilot candidates, the areas meeting the paper's criteria, and why the others do not."""
from __future__ import annotations

from typing import Any

from ... import Error, appraisal, plot
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
            "n_areas": len(p.candidates) + len(p.excluded), "candidates": candidates, "excluded": excluded,
            "fits": _fits(r, p.candidates[0].area) if p.candidates else None}


#: Simulations of the report's short appraisal (``healthyplaces appraise`` runs 10,000 by default).
FITS_SIMS = 2_000


def _fits(r: Results, area: str) -> dict[str, Any]:
    """"Which arrangement fits?" for the first candidate: hp.appraisal.for_place on the scores the report read, with
    its illustrative defaults: the answer in words and each option's share of first ranks and money (the charts are
    the appraisal page's: ``healthyplaces appraise``)."""
    try:
        fit = appraisal.for_place(area, scores=r.table, n_sims=FITS_SIMS, seed=0)
    except Error as e:  # the report stands without it: say why it is missing
        return {"area": area, "error": str(e)}
    t = fit.to_frame()
    rows = [[o, int(lvl), f"{100 * first:.0f}%", _money(npsv), f"{100 * best:.0f}%"]
            for o, lvl, first, npsv, best in zip(t["option"], t["integration_level"], t["ranks_first"],
                                                 t["mean_npsv"], t["p_best"])]
    table = _render.Table(["Option", "Level", "Ranks first", "Expected NPSV", "Best in money"], rows,
                          numeric={1, 2, 3, 4}, table_id="fits-table",
                          caption=f"Options for {area} (illustrative costs and benefits)")
    return {"area": area, "error": None, "answer": fit.answer, "table": table}


def _money(x: float) -> str:
    sign, a = ("−" if x < 0 else ""), abs(float(x))
    return f"{sign}£{a / 1e6:,.1f}m" if a >= 1e6 else f"{sign}£{a / 1e3:,.0f}k" if a >= 1e3 else f"{sign}£{a:,.0f}"
