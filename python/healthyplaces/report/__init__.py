"""The ``healthyplaces report`` and ``healthyplaces evaluate`` pages: self-contained HTML documents.

>>> import healthyplaces as hp
>>> from healthyplaces.report import build_report
>>> page = build_report()              # the embedded NLGN 2008 data
>>> page.startswith("<!DOCTYPE html>")
True

The pages have no scripts, no external style sheets, fonts or images: charts are inline SVG, the one
stylesheet is inlined, so a page can be e-mailed, archived or opened offline.

How it is built: the analyses run once (``_results``, ``_counts``; :mod:`.evaluation` for the evaluation
page), then one module per section (:mod:`.sections`, :mod:`.sections.evaluation`) turns their results into
the context of its Jinja2 template (``templates/sections/...``). Both pages extend ``templates/base.html.j2``
(layout, title, contents, footer), share ``templates/macros.html.j2`` (tables, lists, figures) and
``templates/style.css``. Templates are rendered with autoescaping always on, so every text from a user's file
(organisation, area, column, category, title, notes) is escaped.

Files: a page (and the CSV beside it) is written to a temporary file in its folder and moved into place only
when complete (:func:`healthyplaces._result.atomic_file`): a failure leaves an existing file as it was. Text
that is not valid UTF-8 (a Latin-1 file name or ``--title``) is written as Windows-1252 text.

Limits: an indicator page lists at most 1,000 organisations (past that the 50 highest and 50 lowest values),
100 flagged organisations and 25 XmR charts, and draws more than 2,000 funnel dots as an image inside the SVG;
with more, :func:`write_report` writes every organisation to ``NAME-organisations.csv`` beside the page and
links it. A million rows of counts give a page of about 0.4 MB (and a CSV of about 87 MB). Organisations are
listed in name order up to 100,000 of them, past that in the order they first appear in the file.

Rebranding: ``template_dir=`` (``--template-dir`` on the command line) names a folder whose templates replace
the packaged ones of the same name; a replacement can extend the packaged template as ``healthyplaces/NAME``.
"""
from __future__ import annotations

from ._counts import IndicatorResults, IndicatorSpec, analyse_counts
from ._page import build_report, write_report
from ._results import DEFAULT_TITLE, EMBEDDED_SOURCE
from .appraisal import build_appraisal_report, write_appraisal_report
from .evaluation import EvaluationSpec, build_evaluation_report, write_evaluation_report

__all__ = ["DEFAULT_TITLE", "EMBEDDED_SOURCE", "EvaluationSpec", "IndicatorSpec", "build_appraisal_report",
           "build_evaluation_report", "write_appraisal_report",
           "build_report", "write_evaluation_report", "write_report"]
