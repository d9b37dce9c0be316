"""Why the two-way regression misleads: the Goodman-Bacon decomposition of the two-way fixed-effects estimate."""
from __future__ import annotations

from typing import Any

from ._common import chart, table

TEMPLATE = "sections/evaluation/bacon.html.j2"
ANCHOR = "bacon"
TOC = "3. Why the two-way regression misleads"


def context(ev: Any) -> dict[str, Any] | None:
    b = ev.fits.get("bacon")
    if b is None:
        return None
    return {
        "heading": TOC, "twfe": ev.fx(ev.fits["twfe"].statistic),
        "chart": chart(b, "Each 2x2 comparison's estimate against its weight.", "Bacon decomposition"),
        "decomposition": table(b.to_frame(), "Goodman-Bacon decomposition"),
    }
