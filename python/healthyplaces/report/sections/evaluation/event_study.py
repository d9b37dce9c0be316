"""The event-study section: coefficients by period relative to adoption, the check on pre-trends."""
from __future__ import annotations

from typing import Any

from ._common import chart, table

TEMPLATE = "sections/evaluation/event_study.html.j2"
ANCHOR = "event-study"
TOC = "3. Event study"


def context(ev: Any) -> dict[str, Any] | None:
    es = ev.fits.get("event_study")
    if es is None:
        return None
    return {
        "heading": TOC,
        "chart": chart(es, "Event-study estimates with confidence intervals.", "Event study"),
        "coefficients": table(es.to_frame(), "Event-study coefficients"),
    }
