"""Appendix: every organisation and score as loaded."""
from __future__ import annotations

from typing import Any

from .. import _render
from .._format import SINGULAR, abbrev, humanise
from .._render import missing
from .._results import Results

TEMPLATE = "sections/appendix.html.j2"
ANCHOR = "data"
TOC = "Appendix"

_HEADERS = {"area": "Area", "organisation": "Organisation", "sector": "Sector", "authority_type": "Type",
            "star_rating": "Stars"}


def context(r: Results) -> dict[str, Any]:
    frame = r.table.to_frame()
    fw = r.table.framework
    keys = list(fw.category_keys)
    labels = {c.key: c.label for c in fw.categories}
    id_cols = [c for c in _HEADERS if c in frame.columns]
    rows = []
    for rec in frame.to_dict(orient="records"):
        row = []
        for col in id_cols:
            v = rec[col]
            if col == "sector" and not missing(v):
                v = SINGULAR.get(str(v), humanise(v))
            elif col == "authority_type":
                v = humanise(v)
            row.append(v)
        rows.append(row + [rec[k] for k in keys])
    heads = [_HEADERS[c] for c in id_cols] + [_render.abbr(abbrev(labels[k]), labels[k]) for k in keys]
    numeric = {i for i, c in enumerate(id_cols) if c == "star_rating"} | set(range(len(id_cols), len(heads)))
    return {"n_rows": len(frame), "letter": None,
            "table": _render.Table(heads, rows, numeric=numeric, table_id="data-table", caption="Scores as loaded")}
