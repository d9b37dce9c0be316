"""Key findings: one sentence per analysis, at the top of the report (not numbered, not in the contents); with\ncounts as well as scores, the scores' findings and the indicator's under a heading each."""
from __future__ import annotations

from typing import Any

from ... import plot
from .._format import lower_label, score_text
from .._results import Results
from .indicators import findings as indicator_findings

TEMPLATE = "sections/summary.html.j2"
ANCHOR = None
TOC = None


def _modes_sentence(r: Results) -> str:
    c = r.comparison
    cats = {k.key: k.label for k in r.table.framework.categories}
    parts = []
    for g in c.groups:
        modes = [tuple(c.modes(k, g)) for k in c.categories]
        flat = sorted({m for ms in modes for m in ms})
        if len(set(modes)) == 1 and modes[0]:
            desc = f"{'/'.join(map(str, modes[0]))} in every category"
        elif flat:
            desc = f"between {flat[0]} and {flat[-1]}"
        else:
            desc = "not defined (no scores)"
        parts.append(f"{lower_label(g)} {desc}")
    text = "Most common score (mode): " + "; ".join(parts) + "."
    if len(c.groups) == 2:
        a, b = c.groups
        higher = [
            k for k in c.categories
            if c.modes(k, a) and c.modes(k, b) and min(c.modes(k, a)) > max(c.modes(k, b))
        ]
        tied = any(len(c.modes(k, g)) > 1 for k in c.categories for g in c.groups)
        text += (
            f" The {lower_label(a)}' mode is higher in {len(higher)} of {len(c.categories)} categories"
            + (" (counting a category only when every tied mode is higher)" if tied else "")
            + (f" (all but {', '.join(cats[k] for k in c.categories if k not in higher)})"
               if 0 < len(higher) < len(c.categories) else "")
            + "."
        )
    return text


def _paired_sentence(r: Results) -> str | None:
    tested = [t for t in r.paired.tests if t.tested]
    real = [t for t in tested if t.pvalue_adjusted < r.paired.alpha]
    if not tested:
        return None
    text = (f"Is the difference real? In {len(real)} of {len(tested)} categories, the paired Wilcoxon test "
            f"across the {len(r.table.areas)} areas says the gap between each council and its NHS body is "
            "unlikely to be chance (Holm-adjusted p < 0.05)")
    others = [t.category.label for t in tested if t not in real]
    return text + (f"; not in {', '.join(others)}." if real and others else ".")


def _gaps_sentence(r: Results) -> str:
    gaps = list(r.gaps)
    scored = [g for g in gaps if g.total_gap is not None]
    ahead = sum(1 for g in scored if g.total_gap > 0)
    text = f"The council outscores its NHS body in {ahead} of {len(gaps)} paired areas."
    if scored:
        widest = max(g.total_gap for g in scored)
        top = [g for g in scored if g.total_gap == widest]
        desc = "; ".join(
            f"{g.area}: council {score_text(g.council_total)}, NHS body {score_text(g.nhs_total)}" for g in top
        )
        text += f" Widest gap ({plot.format_gap(widest)}): {desc}."
    return text


def context(r: Results) -> dict[str, Any] | None:
    findings: list[str] = []
    if r.comparison is not None:
        findings.append(_modes_sentence(r))
    if r.paired is not None:
        sentence = _paired_sentence(r)
        if sentence:
            findings.append(sentence)
    if r.gaps is not None and len(r.gaps):
        findings.append(_gaps_sentence(r))
    elif r.gaps_error:
        findings.append("No competency gaps: the data pairs no council with an NHS body (see section 3).")
    if r.pilots is not None:
        n_all = len(r.pilots.candidates) + len(r.pilots.excluded)
        verb = "meets" if len(r.pilots.candidates) == 1 else "meet"
        findings.append(f"{len(r.pilots.candidates)} of {n_all} areas {verb} the pilot criteria: "
                        f"{r.pilots.describe_criteria()}.")
    groups: list[tuple[str | None, list[str]]] = []
    if r.indicators is None:
        return {"groups": [(None, findings)]} if findings else None
    if findings:
        groups.append(("The scores (sections 1–5)", findings))
    groups.append((f"The indicator: {r.indicators.title} (sections 6–8)", indicator_findings(r.indicators)))
    return {"groups": groups}
