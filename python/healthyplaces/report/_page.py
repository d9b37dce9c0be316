"""The report page: load, analyse once, let each section module build its context, render ``report.html.j2``.

Three pages from one template: the scores (the 2008 comparison, or the user's scores); the indicator report
(counts by organisation only); or both, the scores first and the indicator after them as a separate part."""
from __future__ import annotations

import datetime as _dt
import functools
import os
from pathlib import Path
from typing import Any, Sequence

import pandas as pd

from .. import DomainError, Framework, ScoreTable, __version__
from ..io import PathOrFrame
from . import _render
from ._counts import IndicatorSpec, analyse_counts
from ._format import humanise
from ._results import DEFAULT_TITLE, Results, analyse, load
from .sections import about, appendix, cases, gaps, indicators, pilots, sectors, summary

TEMPLATE = "report.html.j2"
# The scores' sections in page order; each module has TEMPLATE, ANCHOR, TOC and context(results) -> dict, or None
# to leave it out. The indicator's sections (with counts) follow them, then the appendices.
SECTIONS = (summary, about, sectors, gaps, pilots, cases)
INDICATOR_KICKER = "healthyplaces indicator report"


def _section(env: Any, module: Any, ctx: dict[str, Any] | None, toc: str | None = None) -> Any:
    return None if ctx is None else _render.Section(env, module.TEMPLATE, ctx, module.ANCHOR, toc or module.TOC)


def _scores_context(env: Any, table: Any, *, framework: str | Framework, case_studies: Any, title: str | None,
                    source_label: str | None, notes: Sequence[str], when: str, counts: Any,
                    indicator: IndicatorSpec | None, counts_label: str | None,
                    full_table: str | None) -> dict[str, Any]:
    t, embedded, label, load_notes = load(table, framework, source_label)
    all_notes = list(dict.fromkeys([*map(str, notes), *load_notes]))
    r: Results = analyse(t, embedded, label, all_notes)
    r.case_studies = case_studies
    if counts is not None:
        r.indicators = analyse_counts(counts, indicator or IndicatorSpec(), counts_label)
    found = [_section(env, module, module.context(r)) for module in SECTIONS]
    sections = [s for s in found if s is not None]
    back = []
    scores_appendix = appendix.context(r)
    if r.indicators is not None:  # two parts: the scores (1-5, appendix A), then the indicator (6-8, appendix B)
        main, ind_back = indicators.sections(env, r.indicators, first=6, combined=True, appendix="B",
                                             full_table=full_table)
        sections += main
        scores_appendix["letter"] = "A"
        back = [_render.Section(env, appendix.TEMPLATE, scores_appendix, appendix.ANCHOR, "Appendix A: scores"),
                *ind_back]
    else:
        back = [_render.Section(env, appendix.TEMPLATE, scores_appendix, appendix.ANCHOR, appendix.TOC)]
    sections += back
    meta = [("Data", label), ("Framework", humanise(t.framework.name))]
    if r.indicators is not None:
        meta.append(("Indicator", r.indicators.source_label))
    return _render.page_context(
        env, title=title or DEFAULT_TITLE, kicker="healthyplaces report", version=__version__, date=when,
        source=label if r.indicators is None else f"{label}; {r.indicators.source_label}",
        meta=meta, toc=[(s.anchor, s.toc) for s in sections if s.toc], sections=sections,
        indicator_results=r.indicators)


def _indicator_context(env: Any, counts: Any, indicator: IndicatorSpec | None, counts_label: str | None,
                       title: str | None, notes: Sequence[str], when: str, full_table: str | None) -> dict[str, Any]:
    ind = analyse_counts(counts, indicator or IndicatorSpec(), counts_label)
    ind.notes[:0] = [str(n) for n in notes if str(n) not in ind.notes]
    key = _render.Section(env, summary.TEMPLATE, {"groups": [(None, indicators.findings(ind))]}, None, None)
    main, back = indicators.sections(env, ind, first=1, full_table=full_table)
    sections = [key, *main, *back]
    meta = [("Data", ind.source_label)]
    if ind.where_text:
        meta.append(("Rows", ind.where_text))
    return _render.page_context(
        env, title=title or ind.title, kicker=INDICATOR_KICKER, version=__version__, date=when,
        source=ind.source_label, meta=meta, toc=[(s.anchor, s.toc) for s in sections if s.toc], sections=sections,
        indicator_results=ind)


def _context(env: Any, table: Any = None, *, framework: str | Framework = "use_of_resources", case_studies: Any = None,
             title: str | None = None, source_label: str | None = None, notes: Sequence[str] = (),
             generated: Any = None, counts: Any = None, indicator: IndicatorSpec | None = None,
             counts_label: str | None = None, full_table: str | None = None) -> dict[str, Any]:
    when = _render.date_text(generated or _dt.date.today())
    if table is None and counts is not None:
        given = [name for name, value, default in (("framework", framework, "use_of_resources"),
                                                   ("case_studies", case_studies, None),
                                                   ("source_label", source_label, None)) if value != default]
        if given:
            raise DomainError(f"{given[0]}: applies to scores, and only counts were given (pass the scores as "
                              "table= to report both)")
        return _indicator_context(env, counts, indicator, counts_label, title, notes, when, full_table)
    if indicator is not None and counts is None:
        raise DomainError("indicator: describes counts, and no counts were given (pass counts=)")
    return _scores_context(env, table, framework=framework, case_studies=case_studies, title=title,
                           source_label=source_label, notes=notes, when=when, counts=counts, indicator=indicator,
                           counts_label=counts_label, full_table=full_table)


def build_report(
    table: ScoreTable | PathOrFrame | None = None,
    *,
    framework: str | Framework = "use_of_resources",
    case_studies: pd.DataFrame | Sequence[Any] | bool | None = None,
    title: str | None = None,
    source_label: str | None = None,
    notes: Sequence[str] = (),
    generated: _dt.date | _dt.datetime | None = None,
    counts: PathOrFrame | None = None,
    indicator: IndicatorSpec | None = None,
    counts_label: str | None = None,
    template_dir: str | os.PathLike[str] | None = None,
) -> str:
    """One self-contained HTML document: the scores report, the indicator report, or both.

    With ``table`` (or neither ``table`` nor ``counts``: the embedded NLGN 2008 data), the scores report: the data,
    sector comparison, competency gaps, pilots and case studies. With ``counts`` only, the indicator report: its
    title and key findings are the indicator's (e.g. "Four-hour A&E breaches, type 1 departments, March 2019"),
    then the data and rows chosen, the funnel plot and what the adjustment for overdispersion did, the
    organisations outside the limits (each with the limits of the level it is outside) with an XmR chart of each
    when the counts cover several periods, and every organisation in an appendix. With both, the scores come
    first (sections 1-5) and the indicator follows as a separate part (sections 6-8).

    Parameters
    ----------
    table
        ``None`` for the embedded NLGN 2008 data (or for no scores, when ``counts`` is given); or a ScoreTable,
        CSV path or DataFrame (loaded with :func:`read_scores`; its :class:`DataWarning` notes appear in the
        report).
    framework
        Framework used to load ``table`` when it is a path or DataFrame.
    case_studies
        ``None`` for the paper's three case studies (:func:`datasets.case_studies`); a DataFrame in that shape
        or a list of :class:`CaseStudy`; ``False`` (or an empty list) for none.
    title
        The page title; by default the 2008 comparison's, or the indicator's with ``counts`` only.
    source_label
        Where the data came from, as shown in the report; by default the path, or the paper for embedded data.
    notes
        Extra notes to show with the loading notes, e.g. DataWarnings caught when you loaded ``table`` yourself.
    generated
        The date printed in the footer (default: today).
    counts
        Counts by organisation (a CSV path or DataFrame, read with :func:`read_counts`): the indicator report.
    indicator
        Which columns of ``counts`` hold what, which rows and period to use, the indicator's label and unit,
        and which direction is better (:class:`IndicatorSpec`; default columns ``organisation``,
        ``numerator``, ``denominator``).
    counts_label
        Where the counts came from, as shown in the report (default: the path).
    template_dir
        A folder of templates that replace the packaged ones of the same name (``base.html.j2``,
        ``style.css``, ``sections/about.html.j2``, ...): a council's name, logo text and colours. A template
        there can extend the one it replaces as ``healthyplaces/NAME``. The numbers do not change.

    Returns
    -------
    str
        The page, one HTML document with its stylesheet and charts (inline SVG) inside.

    Raises
    ------
    DataError
        Bad scores or counts, naming the file, line and column; no rows matching ``indicator.where`` or
        ``indicator.period``.
    DomainError
        A scores option (``framework``, ``case_studies``, ``source_label``) with counts only, or ``indicator``
        without counts.

    Notes
    -----
    When the data pairs no council with an NHS body (no ``area`` column), the gap and pilot sections say so
    and the rest of the report is still written.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> from healthyplaces.report import IndicatorSpec, build_report
    >>> spec = IndicatorSpec(by="org_code", numerator="breaches", denominator="attendances", time="period",
    ...                      where={"type": "1"}, label="Four-hour A&E breaches, type 1 departments",
    ...                      better="lower")
    >>> page = build_report(counts=hp.datasets.ae_attendances(), indicator=spec)
    >>> "<h1>Four-hour A&amp;E breaches, type 1 departments, March 2019</h1>" in page
    True
    """
    env = _render.environment(template_dir)
    ctx = _context(env, table, framework=framework, case_studies=case_studies, title=title,
                   source_label=source_label, notes=notes, generated=generated, counts=counts,
                   indicator=indicator, counts_label=counts_label)
    return _render.render(env, TEMPLATE, ctx)


def write_report(path: str | os.PathLike[str], table: ScoreTable | PathOrFrame | None = None,
                 *, template_dir: str | os.PathLike[str] | None = None, **kwargs: Any) -> Path:
    """Build the report (see :func:`build_report`) and write it to ``path`` as UTF-8, atomically.

    Parameters
    ----------
    path
        The HTML file to write (its folder is made if need be).
    table
        The scores, as for :func:`build_report`.
    template_dir
        A folder of templates that replace the packaged ones, as for :func:`build_report`.
    **kwargs
        The other options of :func:`build_report` (``counts``, ``indicator``, ``title``, ...).

    Returns
    -------
    Path
        The absolute path written. The page goes to a temporary file in the same folder and replaces ``path``
        only when complete, so a failed analysis or rendering never leaves a half-written file and never
        destroys an existing one.

    Notes
    -----
    With counts of more than 1,000 organisations (or more than 100 outside the limits), the page lists the 50
    highest and 50 lowest values and the first 100 flagged, and every organisation's row goes to
    ``<name>-organisations.csv`` beside the page (written the same way, linked from it): the page stays a few
    MB whatever the number of rows (one million rows of counts: a page of about 1 MB).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from healthyplaces.report import write_report
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     out = write_report(pathlib.Path(folder) / "report.html")
    ...     out.name, out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    ('report.html', True)
    """
    env = _render.environment(template_dir)
    out = Path(path).expanduser().absolute()
    csv = out.with_name(f"{out.stem}-organisations.csv")
    ctx = _context(env, table, full_table=csv.name, **kwargs)
    ind = ctx.get("indicator_results")
    beside: list[_render.Beside] = []
    if ind is not None and indicators.summarised(ind):
        inputs = [v for v in (kwargs.get("counts"), table) if isinstance(v, (str, os.PathLike))]
        if any(csv.exists() and os.path.exists(v) and os.path.samefile(csv, v) for v in inputs):
            raise DomainError(f"path: the table written beside the page, {csv.name}, is the input file itself; "
                              "give the page another name (--out)")
        beside.append((csv, functools.partial(indicators.write_csv, ind), "w"))
    return _render.write_atomic(out, env, TEMPLATE, ctx, beside)

