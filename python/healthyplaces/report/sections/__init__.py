"""One module per section of the pages. Each has ``TEMPLATE`` (its template under ``templates/``), ``ANCHOR``
and ``TOC`` (its id and its label in the table of contents; ``None`` for none) and ``context(...)``, which
returns the values its template shows, or ``None`` to leave the section out.

The report's sections, in page order: summary, about, sectors, gaps, pilots, cases, indicators, appendix.
The evaluation page's are in :mod:`healthyplaces.report.sections.evaluation`.
"""
