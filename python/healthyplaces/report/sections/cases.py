"""Section 5: the case studies (each arrangement dimension by dimension, its integration level) and the range of
arrangements from closer working to full merger."""
from __future__ import annotations

from typing import Any

import pandas as pd

from ... import datasets
from ...integration import DIMENSIONS, arrangements_frame
from .. import _render
from .._format import DIMENSION_LABELS, PRESET_LABELS, dimension_step, humanise, number
from .._render import missing
from .._results import Results

TEMPLATE = "sections/cases.html.j2"
ANCHOR = "cases"
TOC = "5. Case studies"


def records(case_studies: Any) -> list[dict[str, Any]]:
    """The case studies as dicts: ``None`` the paper's, ``False`` none, a DataFrame or a list of CaseStudy."""
    if case_studies is None:
        case_studies = datasets.case_studies()
    if case_studies is False:
        return []
    if isinstance(case_studies, pd.DataFrame):
        return case_studies.to_dict(orient="records")
    out = []
    for c in case_studies:
        if isinstance(c, dict):
            out.append(dict(c))
            continue
        a = c.arrangement
        rec = {
            "area": c.area, "source": c.source, "integration_model": c.integration_model,
            "local_authority_star_rating": c.council_stars, "pct_star_rating": c.nhs_stars,
            "anticipated_benefits": c.anticipated_benefits, "motivations": ";".join(c.motivations),
            "barriers": ";".join(c.barriers), "population": c.population,
            "over_80_population": c.over_80_population, "notes": c.notes,
            "integration_level": a.integration_level, "over_80_share": c.over_80_share,
        }
        for d in DIMENSIONS:
            rec[f"arrangement_{d}"] = getattr(a, d).name
        out.append(rec)
    return out


def _split(value: Any) -> list[str]:
    if missing(value):
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if not missing(v)]
    return [s.strip() for s in str(value).split(";") if s.strip()]


def _dim_cell(dim: str, name: Any) -> dict[str, Any]:
    return _render.dim(humanise(name) or "–", dimension_step(dim, name))


def _case(rec: dict[str, Any]) -> dict[str, Any]:
    la, pct = rec.get("local_authority_star_rating"), rec.get("pct_star_rating")
    facts = []
    if not (missing(la) and missing(pct)):
        facts.append(("Star ratings", f"council {number(la) or '–'}, PCT {number(pct) or '–'}"))
    if not missing(rec.get("anticipated_benefits")):
        facts.append(("Anticipated benefits", rec["anticipated_benefits"]))
    motivations = _split(rec.get("motivations"))
    if motivations:
        facts.append(("Motivations", ", ".join(motivations)))
    barriers = _split(rec.get("barriers"))
    if barriers:
        facts.append(("Barriers", "; ".join(barriers)))
    if not missing(rec.get("population")):
        pop = number(rec["population"])
        if not missing(rec.get("over_80_population")):
            share = rec.get("over_80_share")
            pop += f"; over 80: {number(rec['over_80_population'])}"
            if not missing(share):
                pop += f" ({float(share):.1%})"
        facts.append(("Population", pop))
    if not missing(rec.get("notes")):
        facts.append(("Notes", rec["notes"]))
    dims = [(d, rec.get(f"arrangement_{d}")) for d in DIMENSIONS]
    level = rec.get("integration_level")
    if missing(level):
        steps = [dimension_step(d, v) for d, v in dims]
        level = sum(steps) if all(s is not None for s in steps) else None
    rows = [[DIMENSION_LABELS[d], _dim_cell(d, v), dimension_step(d, v) if dimension_step(d, v) is not None else "–"]
            for d, v in dims]
    return {"area": rec.get("area"), "model": humanise(rec.get("integration_model")), "facts": facts,
            "arrangement": _render.Table(["Dimension", "Arrangement", "Step"], rows, numeric={2}, row_header=True),
            "level": _render.level(int(level)) if level is not None else None}


def _ladder(recs: list[dict[str, Any]]) -> _render.Table:
    """The presets, closer working to full merger, each tagged with the case study that has its arrangement."""
    case_by_dims = {tuple(str(rec.get(f"arrangement_{d}")) for d in DIMENSIONS): str(rec.get("area")) for rec in recs}
    rows = []
    for i, row in enumerate(arrangements_frame().itertuples(index=False)):
        dims = tuple(str(getattr(row, d)) for d in DIMENSIONS)
        rows.append([
            i + 1,
            _render.arrangement(PRESET_LABELS.get(row.arrangement, humanise(row.arrangement)),
                                case_by_dims.get(dims), row.description),
            _render.level(int(row.integration_level)),
            *[_dim_cell(d, getattr(row, d)) for d in DIMENSIONS],
        ])
    return _render.Table(["#", "Arrangement", "Level (0–15)", *[DIMENSION_LABELS[d] for d in DIMENSIONS]], rows,
                         numeric={0}, table_id="arrangements-table",
                         caption="Integration arrangements ordered by integration level")


def context(r: Results) -> dict[str, Any]:
    recs = records(r.case_studies)
    return {"cases": [_case(rec) for rec in recs], "ladder": _ladder(recs)}
