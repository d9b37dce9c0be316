"""Section 3: competency gaps by area, each council's total score against its NHS body's, widest gap first."""
from __future__ import annotations

from typing import Any

from ... import plot
from .. import _render
from .._format import abbrev, score_text
from .._results import Results

TEMPLATE = "sections/gaps.html.j2"
ANCHOR = "gaps"
TOC = "3. Competency gaps"


def gap_class(gap: int | None) -> str:
    if gap is None or gap == 0:
        return ""
    step = min(abs(gap), 3)
    return f"gap-pos-{step}" if gap > 0 else f"gap-neg-{step}"


def no_areas(reason: str | None) -> str:
    """Why gaps and pilots are missing, from the analysis' error, with a capital letter."""
    reason = reason or ""
    return reason[:1].upper() + reason[1:]


def context(r: Results) -> dict[str, Any]:
    if r.gaps is None:
        return {"reason": no_areas(r.gaps_error)}
    fw = r.table.framework
    cats = list(fw.categories)
    names = r.gaps.names
    show_coterm = any(g.coterminosity < 1 for g in r.gaps)
    rows, classes = [], []
    for g in r.gaps:
        row = [
            g.rank or "–", g.area,
            names.get(g.council, g.council), g.council_stars, score_text(g.council_total),
            names.get(g.nhs_body, g.nhs_body), g.nhs_stars, score_text(g.nhs_total),
            _render.strong(plot.format_gap(g.total_gap)),
            *[plot.format_gap(x) for x in g.gaps],
        ]
        cls = [""] * 9 + [gap_class(x) for x in g.gaps]
        if show_coterm:
            row.append(f"{g.coterminosity:.0%}")
            cls.append("")
        rows.append(row)
        classes.append(cls)
    numeric = {0, 3, 4, 6, 7, 8, *range(9, 9 + len(cats))} | ({9 + len(cats)} if show_coterm else set())
    table = _render.Table(None, rows, numeric=numeric, cell_classes=classes, table_id="gaps-table",
                          caption="Council and NHS body total scores and gaps, widest gap first")
    chart = None
    if len(r.gaps):
        chart = _render.figure(
            plot.competency_gaps(r.gaps),
            "Council (blue circle) and NHS body (orange diamond) total scores per area, widest gap at the top; "
            "the gap is written at the right.",
            "Dumbbell chart of council and NHS body total scores by area",
        )
    return {
        "reason": None, "max_total": fw.max_total, "n_categories": len(cats), "max_level": fw.max_level,
        "categories": [(c.label, abbrev(c.label)) for c in cats], "show_coterm": show_coterm, "table": table,
        "key": "; ".join(f"{abbrev(c.label)} = {c.label}" for c in cats),
        "incomplete": any(not (g.council_total.complete and g.nhs_total.complete) for g in r.gaps),
        "chart": chart,
    }
