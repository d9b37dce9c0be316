"""The scores report: load, analyse once, let each section module build its context, render ``report.html.j2``."""
from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path
from typing import Any, Sequence

import pandas as pd

from .. import Framework, ScoreTable, __version__
from ..io import PathOrFrame
from . import _render
from ._counts import IndicatorSpec, analyse_counts
from ._format import humanise
from ._results import DEFAULT_TITLE, Results, analyse, load
from .sections import about, appendix, cases, gaps, indicators, pilots, sectors, summary

TEMPLATE = "report.html.j2"
# In page order; each module has TEMPLATE, ANCHOR, TOC and context(results) -> dict, or None to leave it out.
SECTIONS = (summary, about, sectors, gaps, pilots, cases, indicators, appendix)


def _context(env: Any, table: Any, *, framework: str | Framework = "use_of_resources", case_studies: Any = None,
             title: str = DEFAULT_TITLE, source_label: str | None = None, notes: Sequence[str] = (),
             generated: Any = None, counts: Any = None, indicator: IndicatorSpec | None = None,
             counts_label: str | None = None) -> dict[str, Any]:
    t, embedded, label, load_notes = load(table, framework, source_label)
    all_notes = list(dict.fromkeys([*map(str, notes), *load_notes]))
    r: Results = analyse(t, embedded, label, all_notes)
    r.case_studies = case_studies
    if counts is not None:
        r.indicators = analyse_counts(counts, indicator or IndicatorSpec(), counts_label)
    sections = []
    for module in SECTIONS:
        ctx = module.context(r)
        if ctx is not None:
            sections.append(_render.Section(env, module.TEMPLATE, ctx, module.ANCHOR, module.TOC))
    when = _render.date_text(generated or _dt.date.today())
    return _render.page_context(
        env, title=title, kicker="healthyplaces report", version=__version__, date=when, source=label,
        meta=[("Data", label), ("Framework", humanise(t.framework.name))],
        toc=[(s.anchor, s.toc) for s in sections if s.toc], sections=sections)


def build_report(
    table: ScoreTable | PathOrFrame | None = None,
    *,
    framework: str | Framework = "use_of_resources",
    case_studies: pd.DataFrame | Sequence[Any] | bool | None = None,
    title: str = DEFAULT_TITLE,
    source_label: str | None = None,
    notes: Sequence[str] = (),
    generated: _dt.date | _dt.datetime | None = None,
    counts: PathOrFrame | None = None,
    indicator: IndicatorSpec | None = None,
    counts_label: str | None = None,
    template_dir: str | os.PathLike[str] | None = None,
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
    template_dir
        A folder of templates that replace the packaged ones of the same name (``base.html.j2``,
        ``style.css``, ``sections/about.html.j2``, ...): a council's name, logo text and colours. A template
        there can extend the one it replaces as ``healthyplaces/NAME``. The numbers do not change.

    When the data pairs no council with an NHS body (no ``area`` column), the gap and pilot sections say so
    and the rest of the report is still written.
    """
    env = _render.environment(template_dir)
    ctx = _context(env, table, framework=framework, case_studies=case_studies, title=title,
                   source_label=source_label, notes=notes, generated=generated, counts=counts,
                   indicator=indicator, counts_label=counts_label)
    return _render.render(env, TEMPLATE, ctx)


def write_report(path: str | os.PathLike[str], table: ScoreTable | PathOrFrame | None = None,
                 *, template_dir: str | os.PathLike[str] | None = None, **kwargs: Any) -> Path:
    """Build the report (see :func:`build_report` for the options) and write it to ``path`` as UTF-8.

    Returns the absolute path written. The page goes to a temporary file in the same folder and replaces
    ``path`` only when complete, so a failed analysis or rendering never leaves a half-written file and never
    destroys an existing one.
    """
    env = _render.environment(template_dir)
    ctx = _context(env, table, **kwargs)
    return _render.write_atomic(path, env, TEMPLATE, ctx)

