"""Section 2: how councils and NHS commissioners compare. The paper's modal scores by category and group (and,
for the paper's data, whether they match its printed table), the score distributions, and the paired test of
each council against its own NHS body."""
from __future__ import annotations

from typing import Any

from ... import datasets, plot
from ...analysis import SectorComparison, group_label
from .. import _render
from .._format import lower_label, pvalue, signed_number
from .._results import Results

TEMPLATE = "sections/sectors.html.j2"
ANCHOR = "sectors"
TOC = "2. Sectors"


def _published_check(c: SectorComparison) -> dict[str, Any] | None:
    """For the embedded data: does the computed table match the paper's printed one?"""
    try:
        pub = datasets.published_modes()
    except Exception:  # pragma: no cover - the dataset ships with the library
        return None
    pub = pub[pub["table"] == "nine_areas"].set_index("category")
    if list(c.groups) != ["local_authority", "nhs_commissioner"]:
        return None
    mismatches = []
    for k in c.categories:
        if k not in pub.index:
            continue
        got = ("/".join(map(str, c.modes(k, "local_authority"))), "/".join(map(str, c.modes(k, "nhs_commissioner"))))
        want = (str(pub.loc[k, "local_authority_mode"]), str(pub.loc[k, "pct_mode"]))
        if got != want:
            mismatches.append(f"{k}: computed {got[0]} / {got[1]}, printed {want[0]} / {want[1]}")
    return {"mismatches": mismatches, "categories": len(c.categories)}


def _paired(r: Results) -> dict[str, Any]:
    """Is the gap real? The paired test per category, in numbers and in words."""
    res = r.paired
    level = f"{res.confidence_level:.0%}"
    rows, classes = [], []
    for t in res.tests:
        if t.tested:
            real = t.pvalue_adjusted < res.alpha
            rows.append([t.category.label, t.n_pairs, t.council_higher, t.tied, t.nhs_higher,
                         pvalue(t.wilcoxon.pvalue), pvalue(t.pvalue_adjusted),
                         f"{signed_number(t.shift.estimate)} ({signed_number(t.shift.ci_low)} to "
                         f"{signed_number(t.shift.ci_high)})",
                         "unlikely to be chance" if real else "could be chance"])
            classes.append([""] * 8 + ["good" if real else "muted"])
        else:
            rows.append([t.category.label, t.n_pairs, t.council_higher, t.tied, t.nhs_higher, "–", "–", "–", t.note])
            classes.append([""] * 9)
    table = _render.Table(
        ["Category", "Areas", "Council higher", "Same", "NHS body higher", "p", "p (Holm)",
         f"Typical difference ({level} CI)", "Verdict"],
        rows, numeric=range(1, 7), cell_classes=classes, table_id="paired-table", row_header=True,
        caption="Council minus NHS body, paired by area")
    return {"areas": len(r.table.areas), "tested": sum(t.tested for t in res.tests), "level": level,
            "table": table, "findings": res.findings()}


def context(r: Results) -> dict[str, Any]:
    c = r.comparison
    if c is None:
        return {"error": r.comparison_error}
    frame = c.modal_table()
    sizes = c.group_sizes
    headers = ["Category"] + [f"{group_label(g)} (n = {sizes[g]})" for g in c.groups]
    rows = [[label, *values] for label, values in zip(frame.index, frame.itertuples(index=False))]
    modal = _render.Table(headers, rows, centre=range(1, len(headers)), table_id="modal-table", row_header=True,
                          caption="Modal score by category and group")
    long = c.to_frame()
    missing = long[long["n_missing"] > 0]
    not_scored = None
    if len(missing):
        labels = {k.key: k.label for k in r.table.framework.categories}
        not_scored = "; ".join(f"{labels.get(row.category, row.category)} — {lower_label(row.group)}: "
                               f"{row.n_missing}" for row in missing.itertuples())
    chart = _render.figure(
        plot.score_distributions(c),
        "Each bar counts the organisations at each score (orange = low, purple = high); the modal score has a "
        "heavy outline, so a tie shows two outlined segments.",
        "Bar chart of how many organisations received each score, by category, for each group",
    )
    return {"error": None, "modal": modal, "not_scored": not_scored,
            "published": _published_check(c) if r.embedded else None, "chart": chart,
            "paired": _paired(r) if r.paired is not None else None, "embedded": r.embedded}
