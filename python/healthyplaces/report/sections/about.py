"""Section 1, the data: where the scores came from, what they cover, and the notes from loading them."""
from __future__ import annotations

from typing import Any

from .._format import humanise, lower_label, sector_counts
from .._results import Results

TEMPLATE = "sections/about.html.j2"
ANCHOR = "about"
TOC = "1. Data"


def context(r: Results) -> dict[str, Any]:
    t = r.table
    fw = t.framework
    counts = sector_counts(t)
    facts = [
        ("Source", r.source_label),
        ("Organisations", ", ".join(f"{n} {lower_label(s)}" for s, n in counts.items()) or "none"),
        ("Paired areas", f"{len(t.areas)} (a council and an NHS body serving the same place)"),
        ("Framework", f"{humanise(fw.name)} ({fw.name}): {', '.join(c.label for c in fw.categories)}"),
        ("Scale", fw.describe_scale()),
    ]
    return {"part": r.indicators is not None, "embedded": r.embedded, "source": r.source_label, "facts": facts, "notes": r.notes}
