"""The ``healthyplaces report``: one self-contained HTML document with the green paper's analyses.

>>> import healthyplaces as hp
>>> from healthyplaces.report import build_report
>>> page = build_report()              # the embedded NLGN 2008 data
>>> page.startswith("<!DOCTYPE html>")
True

The page has no scripts, no external style sheets, fonts or images: charts are inline SVG, styles inline
CSS, so it can be e-mailed, archived or opened offline. Everything that comes from the data is escaped.
"""
from __future__ import annotations

import datetime as _dt
import html
import math
import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np
import pandas as pd

from . import _core, datasets, plot
from .analysis import (
    CompetencyGaps,
    PairedSectorTests,
    PilotCandidates,
    SectorComparison,
    compare_sectors,
    competency_gaps,
    group_label,
    pilot_candidates,
)
from .integration import DIMENSIONS, arrangements_frame
from ._report_indicators import IndicatorResults, IndicatorSpec, analyse_counts
from .io import DataWarning, PathOrFrame, read_scores

__all__ = ["DEFAULT_TITLE", "EMBEDDED_SOURCE", "IndicatorSpec", "build_report", "write_report"]

DEFAULT_TITLE = "Healthy Places: councils and NHS commissioners compared"
EMBEDDED_SOURCE = (
    "NLGN, Healthy Places green paper (April 2008): nine areas where a 4-star council lines up with a 1-star PCT"
)

_DIMENSION_LABELS = {
    "budgets": "Budgets",
    "staff": "Staff",
    "leadership": "Leadership",
    "governance": "Governance",
    "legal_basis": "Legal basis",
}
_DIMENSION_ENUMS = {
    "budgets": _core.integration.Budgets,
    "staff": _core.integration.Staff,
    "leadership": _core.integration.Leadership,
    "governance": _core.integration.Governance,
    "legal_basis": _core.integration.LegalBasis,
}
_PRESET_LABELS = {
    "closer_working": "Closer working",
    "swindon": "Swindon model",
    "herefordshire": "Herefordshire model",
    "nlgn_proposal": "NLGN proposal (2007)",
    "torbay": "Torbay care trust",
    "public_service_trust": "Public service trust (full merger)",
}
_WORD_FIXES = {"pct": "PCT", "nhs": "NHS", "nlgn": "NLGN", "icb": "ICB", "ccg": "CCG", "75": "75"}
_SMALL_WORDS = {"for", "of", "and", "the", "to", "in", "on"}


# --------------------------------------------------------------------------------------------------------------
# Small HTML helpers


class _Html(str):
    """Text that is already HTML (built here from escaped parts): not escaped again."""


def esc(value: Any) -> str:
    """Escape anything for HTML text or attribute values; missing values become an en dash."""
    if isinstance(value, _Html):
        return str(value)
    if _missing(value):
        return "–"
    return html.escape(str(value), quote=True)


def _missing(value: Any) -> bool:
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip() == ""


def _humanise(key: Any) -> str:
    """'joint_chief_executive' → 'Joint chief executive'; 'section_75' → 'Section 75'."""
    if _missing(key):
        return ""
    words = str(key).replace("_", " ").split()
    words = [_WORD_FIXES.get(w.lower(), w) for w in words]
    if not words:
        return ""
    first = words[0]
    words[0] = first if first.isupper() else first[:1].upper() + first[1:]
    return " ".join(words)


def _abbrev(label: str) -> str:
    """'Financial reporting' → 'FR', 'Value for money' → 'VfM'."""
    words = label.split()
    if len(words) == 1:
        return label[:4]
    return "".join(w[0].lower() if w.lower() in _SMALL_WORDS else w[0].upper() for w in words)


def _table(
    headers: Sequence[Any] | None,
    rows: Iterable[Sequence[Any]],
    *,
    numeric: Iterable[int] = (),
    centre: Iterable[int] = (),
    cell_classes: Sequence[Sequence[str]] | None = None,
    table_id: str | None = None,
    caption: str | None = None,
    head_html: str | None = None,
    row_header: bool = False,
) -> str:
    numeric, centre = set(numeric), set(centre)

    def cls(j: int, extra: str = "") -> str:
        names = [n for n in ("num" if j in numeric else "", "centre" if j in centre else "", extra) if n]
        return f' class="{" ".join(names)}"' if names else ""

    out = [f'<div class="table-wrap"><table{f" id={chr(34)}{table_id}{chr(34)}" if table_id else ""}>']
    if caption:
        out.append(f"<caption>{esc(caption)}</caption>")
    if head_html is not None:
        out.append(head_html)
    elif headers is not None:
        out.append("<thead><tr>" + "".join(f'<th scope="col"{cls(j)}>{esc(h)}</th>' for j, h in enumerate(headers))
                   + "</tr></thead>")
    out.append("<tbody>")
    for i, row in enumerate(rows):
        cells = []
        for j, value in enumerate(row):
            extra = cell_classes[i][j] if cell_classes is not None else ""
            tag = "th" if row_header and j == 0 else "td"
            scope = ' scope="row"' if tag == "th" else ""
            cells.append(f"<{tag}{scope}{cls(j, extra)}>{esc(value)}</{tag}>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


def _figure(fig, caption: str, label: str) -> str:
    svg = plot.figure_to_svg(fig)
    return (
        f'<figure role="img" aria-label="{esc(label)}">{svg}'
        f"<figcaption>{esc(caption)}</figcaption></figure>"
    )


def _list(items: Iterable[Any], cls: str = "") -> str:
    body = "".join(f"<li>{esc(i)}</li>" for i in items)
    return f'<ul{f" class={chr(34)}{cls}{chr(34)}" if cls else ""}>{body}</ul>'


def _level_bar(level: int, maximum: int = 15) -> _Html:
    width = 100.0 * max(0, min(level, maximum)) / maximum
    return _Html(
        f'<span class="level"><span class="level-track"><span class="level-fill" style="width:{width:.1f}%">'
        f'</span></span><span class="level-num">{int(level)}</span></span>'
    )


# --------------------------------------------------------------------------------------------------------------
# The analyses, run once and kept together


@dataclass
class _Results:
    table: _core.core.ScoreTable
    embedded: bool
    source_label: str
    notes: list[str]
    comparison: SectorComparison | None = None
    comparison_error: str | None = None
    gaps: CompetencyGaps | None = None
    gaps_error: str | None = None
    pilots: PilotCandidates | None = None
    pilots_error: str | None = None
    paired: PairedSectorTests | None = None
    indicators: IndicatorResults | None = None


def _load(table, framework, source_label) -> tuple[_core.core.ScoreTable, bool, str, list[str]]:
    notes: list[str] = []
    embedded = table is None
    if embedded:
        table, source_label = datasets.nlgn2008(), source_label or EMBEDDED_SOURCE
    if isinstance(table, _core.core.ScoreTable):
        return table, embedded, source_label or "a ScoreTable supplied by the caller", notes
    if isinstance(table, pd.DataFrame):
        label = source_label or "a pandas DataFrame"
    elif isinstance(table, (str, os.PathLike)):
        label = source_label or os.fspath(table)
    else:
        raise TypeError(f"build_report expects a ScoreTable, CSV path or DataFrame, not {type(table).__name__}")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DataWarning)
        loaded = read_scores(table, framework)
    for w in caught:
        if issubclass(w.category, DataWarning):
            notes.append(str(w.message))
        else:  # not ours to swallow
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return loaded, embedded, label, notes


def _analyse(t: _core.core.ScoreTable, embedded: bool, label: str, notes: list[str]) -> _Results:
    res = _Results(t, embedded, label, list(notes))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DataWarning)
        try:
            res.comparison = compare_sectors(t)
        except _core.DomainError as e:
            res.comparison_error = str(e)
        try:
            res.gaps = competency_gaps(t)
        except _core.DomainError as e:
            res.gaps_error = str(e)
        if res.gaps is not None and res.comparison is not None:
            # areas exist, so each council has its NHS body to be compared with
            res.paired = res.comparison.paired_tests()
        if res.gaps is not None:
            try:
                res.pilots = pilot_candidates(t)
            except _core.DomainError as e:
                res.pilots_error = str(e)
        else:
            res.pilots_error = res.gaps_error
    for w in caught:
        if issubclass(w.category, DataWarning):
            if str(w.message) not in res.notes:
                res.notes.append(str(w.message))
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return res


# --------------------------------------------------------------------------------------------------------------
# Sections


def _score_text(total: _core.core.TotalScore) -> str:
    return f"{total.total} / {total.maximum}"


def _lower_label(group: str) -> str:
    """"Local authorities" → "local authorities", but "NHS commissioners" stays as it is."""
    label = group_label(group)
    return label if label[:2].isupper() else label[:1].lower() + label[1:]


_SINGULAR = {"local_authority": "Local authority", "nhs_commissioner": "NHS commissioner"}


def _sector_counts(t: _core.core.ScoreTable) -> dict[str, int]:
    counts: dict[str, int] = {}
    for o in t.organisations:
        counts[o.sector.name] = counts.get(o.sector.name, 0) + 1
    order = {"local_authority": 0, "nhs_commissioner": 1}
    return dict(sorted(counts.items(), key=lambda kv: (order.get(kv[0], 2), kv[0])))


def _section_summary(r: _Results) -> str:
    items: list[str] = []
    c = r.comparison
    if c is not None:
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
            parts.append(f"{_lower_label(g)} {desc}")
        text = "Most common score (mode): " + "; ".join(parts) + "."
        if len(c.groups) == 2:
            a, b = c.groups
            higher = [
                k for k in c.categories
                if c.modes(k, a) and c.modes(k, b) and min(c.modes(k, a)) > max(c.modes(k, b))
            ]
            tied = any(len(c.modes(k, g)) > 1 for k in c.categories for g in c.groups)
            text += (
                f" The {_lower_label(a)}' mode is higher in {len(higher)} of {len(c.categories)} categories"
                + (" (counting a category only when every tied mode is higher)" if tied else "")
                + (f" (all but {', '.join(cats[k] for k in c.categories if k not in higher)})"
                   if 0 < len(higher) < len(c.categories) else "")
                + "."
            )
        items.append(text)
    if r.paired is not None:
        tested = [t for t in r.paired.tests if t.tested]
        real = [t for t in tested if t.pvalue_adjusted < r.paired.alpha]
        if tested:
            text = (f"Is the difference real? In {len(real)} of {len(tested)} categories, the paired Wilcoxon test "
                    f"across the {len(r.table.areas)} areas says the gap between each council and its NHS body is "
                    "unlikely to be chance (Holm-adjusted p < 0.05)")
            others = [t.category.label for t in tested if t not in real]
            text += (f"; not in {', '.join(others)}." if real and others else ".")
            items.append(text)
    if r.gaps is not None and len(r.gaps):
        gaps = list(r.gaps)
        scored = [g for g in gaps if g.total_gap is not None]
        ahead = sum(1 for g in scored if g.total_gap > 0)
        text = f"The council outscores its NHS body in {ahead} of {len(gaps)} paired areas."
        if scored:
            widest = max(g.total_gap for g in scored)
            top = [g for g in scored if g.total_gap == widest]
            desc = "; ".join(
                f"{g.area}: council {_score_text(g.council_total)}, NHS body {_score_text(g.nhs_total)}" for g in top
            )
            text += f" Widest gap ({plot.format_gap(widest)}): {desc}."
        items.append(text)
    elif r.gaps_error:
        items.append("No competency gaps: the data pairs no council with an NHS body (see section 3).")
    if r.pilots is not None:
        n_all = len(r.pilots.candidates) + len(r.pilots.excluded)
        verb = "meets" if len(r.pilots.candidates) == 1 else "meet"
        items.append(
            f"{len(r.pilots.candidates)} of {n_all} areas {verb} the pilot criteria: "
            f"{r.pilots.describe_criteria()}."
        )
    if r.indicators is not None:
        items.append(_indicator_summary(r.indicators))
    if not items:
        return ""
    return '<section class="summary" aria-label="Key findings"><h2>Key findings</h2>' + _list(items) + "</section>"


def _section_about(r: _Results) -> str:
    t = r.table
    fw = t.framework
    counts = _sector_counts(t)
    cats = ", ".join(c.label for c in fw.categories)
    out = ['<section id="about"><h2>1. The data</h2>']
    if r.embedded:
        out.append(
            "<p>This report reproduces the performance comparison in the New Local Government Network (NLGN) "
            "green paper <cite>Healthy Places: bonds that bind local government and primary care trusts</cite> "
            "(Matthew Clifton and Owen Dallison, April 2008). The paper asks whether primary care trusts "
            "(PCTs) could gain from closer ties with high-performing, coterminous councils.</p>"
            "<p>The data are the Audit Commission's corporate-governance scores for the <strong>nine areas in "
            "England where a 4-star council (Comprehensive Performance Assessment) lines up with a 1-star "
            "PCT</strong>: one council and one PCT per area, 18 organisations. Councils were scored under "
            "the use-of-resources assessment, PCTs under the Auditors' Local Evaluation (ALE); both use the "
            "same five categories and the same 1–4 scale. The paper cautions that the two frameworks may not "
            "compare exactly like with like, but treats the scores as approximately equivalent; so does this "
            "report.</p>"
        )
    else:
        out.append(f"<p>Scores loaded from <strong>{esc(r.source_label)}</strong>.</p>")
    facts = [
        ("Source", r.source_label),
        ("Organisations", ", ".join(f"{n} {_lower_label(s)}" for s, n in counts.items()) or "none"),
        ("Paired areas", f"{len(t.areas)} (a council and an NHS body serving the same place)"),
        ("Framework", f"{_humanise(fw.name)} ({fw.name}): {cats}"),
        ("Scale", fw.describe_scale()),
    ]
    out.append('<dl class="facts">' + "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in facts) + "</dl>")
    if r.notes:
        out.append(
            '<div class="callout warn"><h3>Notes from loading the data</h3>'
            "<p>The data were accepted, with these points worth knowing:</p>" + _list(r.notes) + "</div>"
        )
    else:
        out.append('<p class="muted">The data loaded without warnings.</p>')
    out.append("</section>")
    return "".join(out)


def _published_check(c: SectorComparison) -> str:
    """For the embedded data: does the computed table match the paper's printed one?"""
    try:
        pub = datasets.published_modes()
    except Exception:  # pragma: no cover - the dataset ships with the library
        return ""
    pub = pub[pub["table"] == "nine_areas"].set_index("category")
    if list(c.groups) != ["local_authority", "nhs_commissioner"]:
        return ""
    mismatches = []
    for k in c.categories:
        if k not in pub.index:
            continue
        got = ("/".join(map(str, c.modes(k, "local_authority"))), "/".join(map(str, c.modes(k, "nhs_commissioner"))))
        want = (str(pub.loc[k, "local_authority_mode"]), str(pub.loc[k, "pct_mode"]))
        if got != want:
            mismatches.append(f"{k}: computed {got[0]} / {got[1]}, printed {want[0]} / {want[1]}")
    if mismatches:
        return (
            '<div class="callout warn"><p>Differs from the paper\'s printed table:</p>' + _list(mismatches) + "</div>"
        )
    return (
        '<p class="check">✓ Identical to the paper\'s table “Modal averages across the above nine areas” in all '
        f"{len(c.categories)} categories.</p>"
    )


def _section_sectors(r: _Results) -> str:
    out = ['<section id="sectors"><h2>2. How councils and NHS commissioners compare</h2>']
    c = r.comparison
    if c is None:
        out.append(f'<p class="callout warn">The sector comparison could not be made: {esc(r.comparison_error)}</p>')
        return "".join(out) + "</section>"
    out.append(
        "<p>The paper's “modal averages”: for each category, the score most organisations in the group received. "
        "A tie is shown as both scores (for example <span class=\"mode\">2/3</span>), never broken.</p>"
    )
    frame = c.modal_table()
    sizes = c.group_sizes
    headers = ["Category"] + [f"{group_label(g)} (n = {sizes[g]})" for g in c.groups]
    long = c.to_frame()
    rows = []
    for label, values in zip(frame.index, frame.itertuples(index=False)):
        rows.append([label, *values])
    out.append(_table(headers, rows, centre=range(1, len(headers)), table_id="modal-table", row_header=True,
                      caption="Modal score by category and group"))
    missing = long[long["n_missing"] > 0]
    if len(missing):
        labels = {k.key: k.label for k in r.table.framework.categories}
        out.append(
            '<p class="muted">Modes are over scored organisations; not scored: '
            + esc("; ".join(f"{labels.get(row.category, row.category)} — {_lower_label(row.group)}: "
                            f"{row.n_missing}" for row in missing.itertuples()))
            + ".</p>"
        )
    if r.embedded:
        out.append(_published_check(c))
    fig = plot.score_distributions(c)
    out.append(_figure(
        fig,
        "Each bar counts the organisations at each score (orange = low, purple = high); the modal score has a "
        "heavy outline, so a tie shows two outlined segments.",
        "Bar chart of how many organisations received each score, by category, for each group",
    ))
    if r.paired is not None:
        out.append(_paired_block(r))
    out.append("</section>")
    return "".join(out)


def _signed_number(x: float) -> str:
    if math.isnan(x):
        return "–"
    if math.isinf(x):
        return "+∞" if x > 0 else "−∞"
    return ("+" if x > 0 else "−" if x < 0 else "") + f"{abs(x):g}"


def _pvalue(p: float) -> str:
    return "–" if math.isnan(p) else "< 0.001" if p < 0.001 else f"{p:.3f}" if p < 0.1 else f"{p:.2f}"


def _paired_block(r: _Results) -> str:
    """Is the gap real? The paired test per category, in numbers and in words."""
    res = r.paired
    n_areas = len(r.table.areas)
    out = [
        "<h3>Is the difference real? Each council against its own NHS body</h3>",
        f"<p>Modes compare the two groups as wholes. Here each of the {n_areas} areas is a pair: for every category "
        "the council's score minus its NHS body's. The <strong>Wilcoxon signed-rank test</strong> asks whether "
        f"those differences could be centred on zero; its p-value is exact (every way of giving the differences "
        f"signs, with tied scores kept tied). Because {sum(t.tested for t in res.tests)} categories are tested "
        "at once, p-values are adjusted by <strong>Holm's method</strong>. The <strong>typical difference</strong> is the Hodges–Lehmann "
        f"estimate (the median of all pairwise averages of the differences), with its "
        f"{res.confidence_level:.0%} confidence interval, in score points.</p>",
    ]
    rows, classes = [], []
    for t in res.tests:
        if t.tested:
            verdict = "unlikely to be chance" if t.pvalue_adjusted < res.alpha else "could be chance"
            rows.append([t.category.label, t.n_pairs, t.council_higher, t.tied, t.nhs_higher,
                         _pvalue(t.wilcoxon.pvalue), _pvalue(t.pvalue_adjusted),
                         f"{_signed_number(t.shift.estimate)} ({_signed_number(t.shift.ci_low)} to "
                         f"{_signed_number(t.shift.ci_high)})", verdict])
            classes.append([""] * 8 + ["good" if t.pvalue_adjusted < res.alpha else "muted"])
        else:
            rows.append([t.category.label, t.n_pairs, t.council_higher, t.tied, t.nhs_higher, "–", "–", "–", t.note])
            classes.append([""] * 9)
    out.append(_table(
        ["Category", "Areas", "Council higher", "Same", "NHS body higher", "p", "p (Holm)",
         f"Typical difference ({res.confidence_level:.0%} CI)", "Verdict"],
        rows, numeric=range(1, 7), cell_classes=classes, table_id="paired-table", row_header=True,
        caption="Council minus NHS body, paired by area"))
    out.append("<p><strong>In plain words.</strong></p>" + _list(res.findings()))
    if r.embedded:
        out.append(
            '<p class="muted">A caution: these nine areas were chosen because a 4-star council sits beside a 1-star '
            "PCT, so a gap was expected. The test says the gap in these areas is larger than chance would produce "
            "— not that councils outscore PCTs everywhere. With nine pairs, the smallest two-sided p-value any "
            "category can reach is 2/2⁹ ≈ 0.004.</p>"
        )
    return "".join(out)


def _gap_class(gap: int | None) -> str:
    if gap is None or gap == 0:
        return ""
    step = min(abs(gap), 3)
    return f"gap-pos-{step}" if gap > 0 else f"gap-neg-{step}"


def _no_areas(reason: str | None, *, short: bool = False) -> str:
    if short:
        return (
            '<div class="callout warn"><p><strong>Not available for this data.</strong> Pilot candidates are '
            "areas, screened on their council and NHS body, so they too need an <code>area</code> column "
            '(see <a href="#gaps">section 3</a>).</p></div>'
        )
    reason = (reason or "")[:1].upper() + (reason or "")[1:]
    return (
        '<div class="callout warn"><p><strong>Not available for this data.</strong> Competency gaps and pilot '
        "candidates compare each council with the NHS body serving the same place, so they need an "
        "<code>area</code> column naming that place, with one council and one NHS body per area.</p>"
        f'<p class="muted">{esc(reason)}</p></div>'
    )


def _section_gaps(r: _Results) -> str:
    out = ['<section id="gaps"><h2>3. Competency gaps by area</h2>']
    if r.gaps is None:
        out.append(_no_areas(r.gaps_error))
        return "".join(out) + "</section>"
    fw = r.table.framework
    cats = list(fw.categories)
    out.append(
        f"<p>For each area, the council's total score and its NHS body's, out of {fw.max_total} "
        f"({len(cats)} categories × {fw.max_level}), and the gap between them (council minus NHS body, over "
        "the categories scored for both). Widest gap first; tied areas share a rank.</p>"
    )
    names = r.gaps.names
    show_coterm = any(g.coterminosity < 1 for g in r.gaps)
    head = (
        "<thead><tr>"
        '<th scope="col" rowspan="2" class="num">Rank</th><th scope="col" rowspan="2">Area</th>'
        '<th scope="colgroup" colspan="3" class="grp council">Council</th>'
        '<th scope="colgroup" colspan="3" class="grp nhs">NHS body</th>'
        '<th scope="col" rowspan="2" class="num">Gap</th>'
        f'<th scope="colgroup" colspan="{len(cats)}" class="grp">Gap by category</th>'
        + ('<th scope="col" rowspan="2" class="num">Cotermin&shy;osity</th>' if show_coterm else "")
        + "</tr><tr>"
        '<th scope="col">Name</th><th scope="col" class="num">Stars</th><th scope="col" class="num">Score</th>'
        '<th scope="col">Name</th><th scope="col" class="num">Stars</th><th scope="col" class="num">Score</th>'
        + "".join(f'<th scope="col" class="num"><abbr title="{esc(c.label)}">{esc(_abbrev(c.label))}</abbr></th>'
                  for c in cats)
        + "</tr></thead>"
    )
    rows, classes = [], []
    for g in r.gaps:
        row = [
            g.rank or "–", g.area,
            names.get(g.council, g.council), g.council_stars, _score_text(g.council_total),
            names.get(g.nhs_body, g.nhs_body), g.nhs_stars, _score_text(g.nhs_total),
            _Html(f"<strong>{esc(plot.format_gap(g.total_gap))}</strong>"),
            *[plot.format_gap(x) for x in g.gaps],
        ]
        cls = ["", "", "", "", "", "", "", "", ""] + [_gap_class(x) for x in g.gaps]
        if show_coterm:
            row.append(f"{g.coterminosity:.0%}")
            cls.append("")
        rows.append(row)
        classes.append(cls)
    n_num = {0, 3, 4, 6, 7, 8, *range(9, 9 + len(cats))} | ({9 + len(cats)} if show_coterm else set())
    out.append(_table(None, rows, numeric=n_num, cell_classes=classes, table_id="gaps-table", head_html=head,
                      caption="Council and NHS body total scores and gaps, widest gap first"))
    key = "; ".join(f"{_abbrev(c.label)} = {c.label}" for c in cats)
    out.append(
        f'<p class="muted">Key: {esc(key)}. Positive gaps (blue) mean the council scores higher, negative '
        "(orange) the NHS body; “–” means a category is not scored for one of the two."
        + ("" if show_coterm else " Every area is coterminous (council and NHS body serve the same population).")
        + "</p>"
    )
    if any(not (g.council_total.complete and g.nhs_total.complete) for g in r.gaps):
        out.append('<p class="muted">Where a category is not scored, the total is over scored categories and its '
                   "maximum shrinks accordingly (for example 5 / 16).</p>")
    if len(r.gaps):
        fig = plot.competency_gaps(r.gaps)
        out.append(_figure(
            fig,
            "Council (blue circle) and NHS body (orange diamond) total scores per area, widest gap at the top; "
            "the gap is written at the right.",
            "Dumbbell chart of council and NHS body total scores by area",
        ))
    out.append("</section>")
    return "".join(out)


def _section_pilots(r: _Results) -> str:
    out = ['<section id="pilots"><h2>4. Pilot candidates</h2>']
    if r.pilots is None:
        out.append(_no_areas(r.pilots_error, short=r.gaps is None))
        return "".join(out) + "</section>"
    p = r.pilots
    bullets = [phrase + ";" for phrase in p.criteria_phrases()]
    bullets[-1] = bullets[-1].rstrip(";") + "."
    if len(bullets) > 1:
        bullets[-2] += " and"
    out.append(
        "<p>The paper concludes that “merged structures could be piloted” where struggling PCTs are coterminous "
        "with strong councils. An area is a candidate when:</p>" + _list(bullets, "criteria")
        + "<p>Candidates are ranked by their competency gap.</p>"
    )
    n_all = len(p.candidates) + len(p.excluded)
    if p.candidates:
        names = p.names
        rows = [
            [g.rank or "–", g.area, names.get(g.council, g.council), g.council_stars, _score_text(g.council_total),
             names.get(g.nhs_body, g.nhs_body), g.nhs_stars, _score_text(g.nhs_total),
             _Html(f"<strong>{esc(plot.format_gap(g.total_gap))}</strong>")]
            for g in p.candidates
        ]
        verb = "meets" if len(p.candidates) == 1 else "meet"
        out.append(f"<p><strong>{len(p.candidates)} of {n_all} areas</strong> {verb} every criterion.</p>")
        out.append(_table(
            ["Gap rank", "Area", "Council", "Stars", "Score", "NHS body", "Stars", "Score", "Gap"], rows,
            numeric={0, 3, 4, 6, 7, 8}, table_id="pilot-table", caption="Areas meeting the pilot criteria",
        ))
    else:
        out.append(f"<p><strong>None of the {n_all} areas</strong> meets every criterion.</p>")
    if p.excluded:
        rows = [[area, _Html(_list(reasons, "reasons"))] for area, reasons in p.excluded]
        out.append(_table(["Area", "Why it is not a candidate"], rows, table_id="excluded-table",
                          caption="Areas not meeting the criteria"))
    else:
        out.append('<p class="muted">No area was excluded.</p>')
    out.append("</section>")
    return "".join(out)


def _case_records(case_studies) -> list[dict[str, Any]]:
    if case_studies is None:
        case_studies = datasets.case_studies()
    if case_studies is False:
        return []
    if isinstance(case_studies, pd.DataFrame):
        return case_studies.to_dict(orient="records")
    records = []
    for c in case_studies:
        if isinstance(c, dict):
            records.append(dict(c))
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
        records.append(rec)
    return records


def _split(value: Any) -> list[str]:
    if _missing(value):
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if not _missing(v)]
    return [s.strip() for s in str(value).split(";") if s.strip()]


def _step(dim: str, name: Any) -> int | None:
    try:
        return int(_DIMENSION_ENUMS[dim][str(name)])
    except (KeyError, ValueError):
        return None


def _dim_cell(dim: str, name: Any) -> _Html:
    step = _step(dim, name)
    shade = f" step-{step}" if step is not None else ""
    return _Html(f'<span class="dim{shade}">{esc(_humanise(name) or "–")}</span>')


def _number(value: Any) -> str:
    if _missing(value):
        return ""
    try:
        return f"{float(value):,.0f}"
    except (TypeError, ValueError):
        return str(value)


def _section_cases(case_studies) -> str:
    records = _case_records(case_studies)
    presets = arrangements_frame()
    out = ['<section id="cases"><h2>5. Case studies and integration arrangements</h2>']
    out.append(
        "<p>The green paper's case studies span a range of arrangements between a council and its PCT. Each "
        "arrangement is described on five dimensions — budgets, staff, leadership, governance and legal basis — "
        "each a step from 0 (separate) to 3 (single or merged); their sum is the <strong>integration level, "
        "0–15</strong>.</p>"
    )
    if records:
        out.append('<div class="cases">')
        for rec in records:
            area = rec.get("area")
            model = _humanise(rec.get("integration_model"))
            la, pct = rec.get("local_authority_star_rating"), rec.get("pct_star_rating")
            facts = []
            if not (_missing(la) and _missing(pct)):
                facts.append(("Star ratings", f"council {esc(_number(la) or '–')}, PCT {esc(_number(pct) or '–')}"))
            for key, label in (("anticipated_benefits", "Anticipated benefits"),):
                if not _missing(rec.get(key)):
                    facts.append((label, esc(rec[key])))
            motivations = _split(rec.get("motivations"))
            if motivations:
                facts.append(("Motivations", esc(", ".join(motivations))))
            barriers = _split(rec.get("barriers"))
            if barriers:
                facts.append(("Barriers", esc("; ".join(barriers))))
            if not _missing(rec.get("population")):
                pop = f"{_number(rec['population'])}"
                if not _missing(rec.get("over_80_population")):
                    share = rec.get("over_80_share")
                    pop += f"; over 80: {_number(rec['over_80_population'])}"
                    if not _missing(share):
                        pop += f" ({float(share):.1%})"
                facts.append(("Population", esc(pop)))
            if not _missing(rec.get("notes")):
                facts.append(("Notes", esc(rec["notes"])))
            dims = [(d, rec.get(f"arrangement_{d}")) for d in DIMENSIONS]
            level = rec.get("integration_level")
            if _missing(level):
                steps = [_step(d, v) for d, v in dims]
                level = sum(steps) if all(s is not None for s in steps) else None
            arr_rows = [[_DIMENSION_LABELS[d], _dim_cell(d, v), _step(d, v) if _step(d, v) is not None else "–"]
                        for d, v in dims]
            out.append(
                f'<article class="case"><h3>{esc(area)}<span class="model">{esc(model)}</span></h3>'
                '<div class="case-body"><dl>'
                + "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in facts)
                + '</dl><div class="case-arr">'
                + _table(["Dimension", "Arrangement", "Step"], arr_rows, numeric={2}, row_header=True)
                + (f'<p class="level-line">Integration level {_level_bar(int(level))} of 15</p>'
                   if level is not None else "")
                + "</div></div></article>"
            )
        out.append("</div>")
    else:
        out.append('<p class="muted">No case studies were included.</p>')

    # The ladder of presets, closer working to full merger.
    case_by_dims = {
        tuple(str(rec.get(f"arrangement_{d}")) for d in DIMENSIONS): str(rec.get("area")) for rec in records
    }
    rows = []
    for i, row in enumerate(presets.itertuples(index=False)):
        dims = tuple(str(getattr(row, d)) for d in DIMENSIONS)
        name = _PRESET_LABELS.get(row.arrangement, _humanise(row.arrangement))
        tag = f' <span class="tag">{esc(case_by_dims[dims])} case study</span>' if dims in case_by_dims else ""
        rows.append([
            i + 1,
            _Html(f'<strong>{esc(name)}</strong>{tag}<span class="desc">{esc(row.description)}</span>'),
            _level_bar(int(row.integration_level)),
            *[_dim_cell(d, getattr(row, d)) for d in DIMENSIONS],
        ])
    out.append("<h3>The range of arrangements, from closer working to full merger</h3>")
    out.append(_table(
        ["#", "Arrangement", "Level (0–15)", *[_DIMENSION_LABELS[d] for d in DIMENSIONS]], rows,
        numeric={0}, table_id="arrangements-table", caption="Integration arrangements ordered by integration level",
    ))
    out.append('<p class="muted">Shading darkens with each step of integration on a dimension (0 = separate, '
               "3 = single or merged).</p>")
    out.append("</section>")
    return "".join(out)


def _num(v: float, digits: int) -> str:
    return "–" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:,.{digits}f}"


def _digits(values: Any) -> int:
    """Decimals that show differences between organisations: 1 for values in the tens, 2 below 10, ..."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v) & (v != 0)]
    if v.size == 0:
        return 1
    return int(min(4, max(0, 2 - math.floor(math.log10(float(np.median(np.abs(v))))))))


def _org_list(frame: pd.DataFrame) -> str:
    return ", ".join(f"{o} ({str(s).split()[0]})" for o, s in zip(frame["label"], frame["significance"]))


def _indicator_summary(ind: IndicatorResults) -> str:
    f = ind.chosen
    out = f.outliers(0.998)
    n = len(ind.counts)
    adj = (f" after allowing for overdispersion (φ = {f.phi:.2f})" if ind.funnel_adjusted is not None else "")
    text = (f"{ind.spec.title()}: {len(out)} of {n} organisations lie outside the 99.8% funnel limits{adj}")
    text += (": " + _org_list(out) if 0 < len(out) <= 8 else "")
    text += f"; {len(f.outliers(0.95))} outside the 95% limits."
    return text


def _section_indicators(ind: IndicatorResults) -> str:
    spec, plain, chosen = ind.spec, ind.funnel, ind.chosen
    d = _digits(ind.indicators["value"])
    title = spec.title()
    period = f" ({spec.period} {ind.period_label})" if ind.period_label else ""
    method = {"proportion": "Wilson score intervals",
              "rate": "exact Poisson intervals below 10 events and Byar's approximation above",
              "ratio": "exact Poisson intervals for the observed count below 10 events and Byar's above"}[spec.kind]
    out = ['<section id="indicators"><h2>6. Indicators by organisation</h2>',
           f"<p><strong>{esc(title)}</strong>{esc(period)} for {len(ind.counts)} organisations, from "
           f"{esc(ind.source_label)}. Each value has {esc(method)} at 95% and 99.8%.</p>"]
    if ind.notes:
        out.append('<div class="callout"><h3>Notes on the counts</h3>' + _list(ind.notes) + "</div>")
    target = _num(plain.target, d)
    if ind.funnel_adjusted is not None:
        out.append(
            f"<p>The funnel plot compares each organisation with the overall value ({esc(target)}) at its own size. "
            f"The organisations vary more than chance alone allows (overdispersion φ = {plain.phi:.2f}: "
            f"{len(plain.outliers(0.998))} of {len(ind.counts)} lie outside the plain 99.8% limits, where about "
            f"{max(1, round(0.002 * len(ind.counts)))} would by chance). The limits drawn allow for that with an "
            f"additive random effect (Spiegelhalter 2005; τ² = {chosen.tau2:.3g} by DerSimonian–Laird on "
            "winsorised z-scores), so an organisation outside them is unusual even among organisations that "
            "genuinely differ.</p>")
    else:
        out.append(
            f"<p>The funnel plot compares each organisation with the overall value ({esc(target)}) at its own size; "
            f"the spread is what chance would give (φ = {plain.phi:.2f}), so the limits need no adjustment for "
            "overdispersion.</p>")
    fig = chosen.plot(title=f"{title}{period}")
    out.append(_figure(fig, f"Funnel plot: {title}{period}; control limits at 95% and 99.8%; labelled points lie "
                            "outside the 99.8% limits.", f"Funnel plot of {title}"))
    outliers = chosen.outliers(min(chosen.confidence))
    n_wide = len(chosen.outliers(0.998))
    out.append(f"<h3>Outside the funnel limits: {n_wide} beyond 99.8%, {len(outliers)} beyond 95%</h3>")
    if len(outliers):
        lo, hi = "lower_99_8", "upper_99_8"
        rows = [[r["label"], _num(r["numerator"], 0), _num(r[chosen.table.columns[2]], 0), _num(r["value"], d),
                 f"{_num(r[lo], d)} to {_num(r[hi], d)}", str(r["significance"])]
                for _, r in outliers.sort_values("value", ascending=False).iterrows()]
        out.append(_table(["Organisation", spec.numerator, spec.denominator, "Value", "99.8% limits at its size",
                           "Outside"], rows, numeric={1, 2, 3, 4}, table_id="outliers-table",
                          caption="Organisations outside the funnel limits (the 99.8% ones are the alarms; about 1 in "
                                  "20 organisations is outside the 95% limits by chance)"))
    else:
        out.append("<p>None: every organisation is within the 95% limits.</p>")
    sig = dict(zip(chosen.table["label"], chosen.table["significance"].astype(str)))
    t = ind.indicators
    c = ind.counts  # same organisations, same order as the indicator table
    rows = [[r["organisation"], _num(x, 0), _num(n, 0), _num(r["value"], d),
             f"{_num(r['lower_95'], d)} to {_num(r['upper_95'], d)}",
             f"{_num(r['lower_99_8'], d)} to {_num(r['upper_99_8'], d)}", sig.get(r["organisation"], "")]
            for (_, r), x, n in zip(t.iterrows(), c["numerator"], c["denominator"])]
    out.append(f"<details><summary>All {len(t)} organisations with their intervals</summary>"
               + _table(["Organisation", spec.numerator, spec.denominator, "Value", "95% interval", "99.8% interval",
                         "Funnel"], rows, numeric={1, 2, 3, 4, 5}, table_id="indicators-table",
                        caption=title) + "</details>")
    out.append("</section>")
    return "".join(out)


def _section_appendix(r: _Results) -> str:
    frame = r.table.to_frame()
    fw = r.table.framework
    keys = list(fw.category_keys)
    labels = {c.key: c.label for c in fw.categories}
    id_cols = [c for c in ("area", "organisation", "sector", "authority_type", "star_rating") if c in frame.columns]
    headers = {"area": "Area", "organisation": "Organisation", "sector": "Sector", "authority_type": "Type",
               "star_rating": "Stars"}
    rows = []
    for rec in frame.to_dict(orient="records"):
        row = []
        for col in id_cols:
            v = rec[col]
            if col == "sector" and not _missing(v):
                v = _SINGULAR.get(str(v), _humanise(v))
            elif col == "authority_type":
                v = _humanise(v)
            row.append(v)
        row += [rec[k] for k in keys]
        rows.append(row)
    heads = [headers[c] for c in id_cols] + [_Html(f'<abbr title="{esc(labels[k])}">{esc(_abbrev(labels[k]))}</abbr>')
                                             for k in keys]
    numeric = {i for i, c in enumerate(id_cols) if c == "star_rating"} | set(range(len(id_cols), len(heads)))
    return (
        '<section id="data"><h2>Appendix: the scores</h2>'
        f"<p>Every organisation and score as loaded ({len(frame)} rows; “–” = not scored).</p>"
        + _table(heads, rows, numeric=numeric, table_id="data-table", caption="Scores as loaded")
        + "</section>"
    )


_CSS = """
:root{--ink:#1b1b1b;--muted:#555;--rule:#d4d4d4;--accent:#0b3c5d;--council:#0072B2;--nhs:#D55E00;--soft:#f3f6f9}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#fff;color:var(--ink);font:16px/1.55 "Segoe UI",system-ui,-apple-system,Roboto,
 "Helvetica Neue",Arial,"Liberation Sans","DejaVu Sans",sans-serif}
main{max-width:72rem;margin:0 auto;padding:2.25rem 1.75rem 3rem}
header.top{border-bottom:3px solid var(--accent);padding-bottom:1rem;margin-bottom:1.5rem}
.kicker{margin:0;text-transform:uppercase;letter-spacing:.08em;font-size:.78rem;color:var(--accent);font-weight:600}
h1{font-size:2rem;line-height:1.2;margin:.3rem 0 .5rem}
.meta{margin:0;color:var(--muted);font-size:.92rem;max-width:none}
nav.toc{font-size:.9rem;margin:.75rem 0 0}
nav.toc a{color:var(--accent);margin-right:1.1rem;text-decoration:none;border-bottom:1px solid #c5d3de}
h2{font-size:1.4rem;line-height:1.3;margin:2.6rem 0 .8rem;padding-bottom:.3rem;border-bottom:1px solid var(--rule);
 color:var(--accent)}
h3{font-size:1.1rem;margin:1.6rem 0 .5rem}
p{margin:.6rem 0;max-width:50rem}
code{font-family:"DejaVu Sans Mono",Consolas,monospace;font-size:.88em;background:#f1f1f1;padding:0 .25em;
 border-radius:3px}
.muted{color:var(--muted);font-size:.9rem}
td.good{color:#1a6b3c;font-weight:600}
td.muted{font-size:inherit}
.summary{background:var(--soft);border-left:4px solid var(--accent);padding:.4rem 1.4rem .8rem;margin:1.5rem 0}
.summary h2{margin:.6rem 0 .3rem;border:0;font-size:1.15rem}
.summary ul{margin:.3rem 0;padding-left:1.2rem}.summary li{margin:.3rem 0}
.callout{border-left:4px solid #E69F00;background:#fff7e6;padding:.5rem 1.1rem;margin:1rem 0}
.callout h3{margin:.4rem 0;font-size:1rem}
.callout ul{margin:.3rem 0 .5rem;padding-left:1.2rem}
.check{color:#1a6b3c;font-size:.92rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1.2rem;margin:1rem 0;font-size:.95rem}
dl.facts dt{font-weight:600;color:var(--muted)}dl.facts dd{margin:0}
.table-wrap{overflow-x:auto;margin:.8rem 0 1rem}
table{border-collapse:collapse;font-size:.88rem;line-height:1.4}
caption{text-align:left;font-weight:600;font-size:.9rem;color:var(--muted);padding:0 0 .4rem .1rem;caption-side:top}
th,td{padding:.38rem .6rem;border-bottom:1px solid var(--rule);text-align:left;vertical-align:baseline}
thead th{border-bottom:2px solid var(--ink);font-weight:600;vertical-align:bottom;white-space:nowrap}
thead th.grp{text-align:center;border-bottom:1px solid var(--rule);font-size:.85rem}
thead th.council{color:var(--council)}thead th.nhs{color:var(--nhs)}
tbody th{font-weight:500}
tbody tr:nth-child(even){background:#fafafa}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.centre{text-align:center;font-variant-numeric:tabular-nums}
#modal-table td{font-size:1rem;font-weight:600;min-width:11rem}
abbr{text-decoration:none;border-bottom:1px dotted #999}
.gap-pos-1{background:#e3eef8}.gap-pos-2{background:#c3dbef}.gap-pos-3{background:#9cc3e4}
.gap-neg-1{background:#fbe6d9}.gap-neg-2{background:#f6cbb0}.gap-neg-3{background:#efa880}
ul.reasons{margin:0;padding-left:1.1rem}
ul.criteria{margin:.3rem 0 .6rem}
figure{margin:1.2rem 0 1.8rem;padding:0}
figure svg{display:block;width:100%;max-width:60rem;height:auto}
figcaption{font-size:.86rem;color:var(--muted);margin-top:.4rem;max-width:48rem}
.cases{display:grid;gap:1.1rem;margin:1rem 0 1.5rem}
article.case{border:1px solid var(--rule);border-radius:6px;padding:.3rem 1.2rem 1rem;background:#fff}
article.case h3{margin:.8rem 0 .6rem;display:flex;flex-wrap:wrap;align-items:baseline;gap:.6rem}
.model{font-size:.85rem;font-weight:600;color:#fff;background:var(--accent);border-radius:3px;padding:.05rem .5rem}
.case-body{display:grid;grid-template-columns:minmax(0,1.25fr) minmax(0,1fr);gap:1.4rem}
.case-body dl{margin:0;font-size:.9rem}
.case-body dt{font-weight:600;color:var(--muted);margin-top:.45rem}.case-body dd{margin:0}
.case-arr .table-wrap{margin-top:.2rem}
.case-arr table{width:100%}
.level-line{font-size:.9rem;margin:.4rem 0}
.dim{display:inline-block;padding:.05rem .45rem;border-radius:3px}
.step-0{background:#f2f2f2;color:#444}.step-1{background:#dbe6f1}.step-2{background:#9ebcda}
.step-3{background:#3f6e9a;color:#fff}
.level{display:inline-flex;align-items:center;gap:.4rem;vertical-align:middle}
.level-track{display:inline-block;width:5.5rem;height:.55rem;background:#e6e6e6;border-radius:2px;overflow:hidden}
.level-fill{display:block;height:100%;background:var(--accent)}
.level-num{font-variant-numeric:tabular-nums;font-weight:600;min-width:1.3rem;text-align:right}
.tag{display:inline-block;font-size:.75rem;color:var(--accent);border:1px solid #9ebcda;border-radius:3px;
 padding:0 .3rem;margin-left:.3rem;white-space:nowrap}
#arrangements-table td,#arrangements-table th{vertical-align:top}
#arrangements-table td:nth-child(2){min-width:15rem;max-width:22rem}
.desc{display:block;font-size:.82rem;color:var(--muted);margin-top:.15rem}
#arrangements-table .dim{white-space:normal}
#gaps-table th,#gaps-table td{padding:.36rem .45rem}
details{margin:.8rem 0}details>summary{cursor:pointer;color:var(--accent);font-weight:600}
footer{margin-top:3rem;padding-top:.8rem;border-top:1px solid var(--rule);color:var(--muted);font-size:.85rem}
@media (max-width:48rem){.case-body{grid-template-columns:1fr}main{padding:1.2rem}}
@media print{main{max-width:none;padding:0}nav.toc{display:none}section{break-inside:auto}
 figure,article.case,tr{break-inside:avoid}h2{break-after:avoid}}
"""


def build_report(
    table: _core.core.ScoreTable | PathOrFrame | None = None,
    *,
    framework: str | _core.core.Framework = "use_of_resources",
    case_studies: pd.DataFrame | Sequence[Any] | bool | None = None,
    title: str = DEFAULT_TITLE,
    source_label: str | None = None,
    notes: Sequence[str] = (),
    generated: _dt.date | _dt.datetime | None = None,
    counts: PathOrFrame | None = None,
    indicator: IndicatorSpec | None = None,
    counts_label: str | None = None,
) -> str:
    """One self-contained HTML document: the data, sector comparison, competency gaps, pilots, case studies.

    Parameters
    ----------
    table
        ``None`` for the embedded NLGN 2008 data; or a ScoreTable, CSV path or DataFrame (loaded with
        :func:`read_scores`; its :class:`DataWarning` notes appear in the report).
    framework
        Framework used to load ``table`` when it is a path or DataFrame.
    case_studies
        ``None`` for the paper's three case studies (:func:`datasets.case_studies`); a DataFrame in that shape
        or a list of :class:`CaseStudy`; ``False`` (or an empty list) for none.
    title
        The page title.
    source_label
        Where the data came from, as shown in the report; by default the path, or the paper for embedded data.
    notes
        Extra notes to show with the loading notes, e.g. DataWarnings caught when you loaded ``table`` yourself.
    generated
        The date printed in the footer (default: today).
    counts
        Optional counts by organisation (a CSV path or DataFrame, read with :func:`read_counts`): adds
        section 6, each organisation's indicator with 95% and 99.8% intervals, a funnel plot and the
        organisations outside the 99.8% limits (allowing for overdispersion when there is any).
    indicator
        Which columns of ``counts`` are the organisation, numerator and denominator, the period and the kind
        of indicator (:class:`IndicatorSpec`; default columns ``organisation``, ``numerator``, ``denominator``).
    counts_label
        Where the counts came from, as shown in the report (default: the path).

    When the data pairs no council with an NHS body (no ``area`` column), the gap and pilot sections say so
    and the rest of the report is still written.
    """
    t, embedded, label, load_notes = _load(table, framework, source_label)
    all_notes = list(dict.fromkeys([*map(str, notes), *load_notes]))
    r = _analyse(t, embedded, label, all_notes)
    if counts is not None:
        r.indicators = analyse_counts(counts, indicator or IndicatorSpec(), counts_label)
    when = generated or _dt.date.today()
    when_text = when.strftime("%d %B %Y").lstrip("0") if isinstance(when, _dt.date) else str(when)
    version = _core.__version__
    sections = [
        _section_summary(r),
        _section_about(r),
        _section_sectors(r),
        _section_gaps(r),
        _section_pilots(r),
        _section_cases(case_studies),
        _section_indicators(r.indicators) if r.indicators is not None else "",
        _section_appendix(r),
    ]
    toc = (
        '<nav class="toc" aria-label="Contents"><a href="#about">1. Data</a><a href="#sectors">2. Sectors</a>'
        '<a href="#gaps">3. Competency gaps</a><a href="#pilots">4. Pilot candidates</a>'
        '<a href="#cases">5. Case studies</a>'
        + ('<a href="#indicators">6. Indicators</a>' if r.indicators is not None else "")
        + '<a href="#data">Appendix</a></nav>'
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="healthyplaces {esc(version)}">\n'
        f"<title>{esc(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        '<header class="top"><p class="kicker">healthyplaces report</p>'
        f"<h1>{esc(title)}</h1>"
        f'<p class="meta">Data: {esc(label)} · Framework: {esc(_humanise(t.framework.name))} · {esc(when_text)}</p>'
        f"{toc}</header>\n"
        + "\n".join(s for s in sections if s)
        + f'\n<footer>Generated on {esc(when_text)} by healthyplaces {esc(version)}. '
        f"Data: {esc(label)}.</footer>\n</main>\n</body>\n</html>\n"
    )


def write_report(path: str | os.PathLike[str], table: _core.core.ScoreTable | PathOrFrame | None = None,
                 **kwargs: Any) -> Path:
    """Build the report (see :func:`build_report` for the options) and write it to ``path`` as UTF-8.

    Returns the absolute path written. The report is built completely before the file is opened, so a failed
    analysis never leaves a half-written file.
    """
    text = build_report(table, **kwargs)
    out = Path(path).expanduser().absolute()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)  # --out reports/2008.html should just work
        out.write_text(text, encoding="utf-8")
    except OSError as err:
        raise OSError(f"cannot write the report to {out}: {err.strerror or err}") from err
    return out
