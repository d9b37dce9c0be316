"""The difference-in-differences section: the regression, group means before and after, means by period."""
from __future__ import annotations

from typing import Any

from ._common import chart, table

TEMPLATE = "sections/evaluation/did.html.j2"
ANCHOR = "did"
TOC = "2. Difference-in-differences"


def context(ev: Any) -> dict[str, Any] | None:
    r = ev.fits.get("did")
    if r is None:
        return None
    return {
        "heading": TOC, "method": r.method, "outcome": ev.panel.outcome_name, "n_clusters": r.n_clusters,
        "n_obs": r.n_obs,
        "means": table(r.table, "Group means before and after adoption", index_name="group"),
        "chart": chart(r, "Mean outcome of treated and control units by period.", "Means by group"),
    }
