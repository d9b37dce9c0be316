"""Charts of the library in one place: each returns a matplotlib ``Figure`` drawn through
``healthyplaces._figure`` (it shows exactly once in Jupyter, leaves no pyplot figure open, and works headless).
Pass ``ax`` to draw into your own axes. The charts belong to the results (``SectorComparison.plot``,
``CompetencyGaps.plot``, ``FunnelResult.plot``, ``XmrResult.plot``); these functions also accept what the result
is made from.

>>> import healthyplaces as hp
>>> from healthyplaces import plot
>>> table = hp.read_scores(hp.datasets.nlgn2008())
>>> fig = plot.score_distributions(table)
>>> svg = plot.figure_to_svg(fig)
>>> svg.startswith("<svg")
True

Palettes are colour-blind safe: score levels use ColorBrewer's diverging PuOr (orange = low, purple = high),
councils and NHS bodies use the Okabe–Ito blue and vermillion.
"""
from __future__ import annotations

import io
import itertools
import re
import threading
from typing import Any, Sequence

import matplotlib
import matplotlib.figure
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from . import _core, _figure
from .analysis import (CompetencyGaps, PilotCandidates, SectorComparison, compare_sectors, format_gap,
                       level_colours)
from .analysis import competency_gaps as _competency_gaps
from .io import PathOrFrame

__all__ = [
    "COUNCIL_COLOUR", "NHS_COLOUR", "competency_gaps", "figure_to_svg", "format_gap", "funnel", "level_colours",
    "score_distributions", "spc",
]

#: Okabe–Ito blue and vermillion (the house palette's first two): distinguishable with every common colour-vision
#: deficiency.
COUNCIL_COLOUR = _figure.PALETTE[0]
NHS_COLOUR = _figure.PALETTE[1]


def score_distributions(
    comparison_or_table: SectorComparison | _core.core.ScoreTable | PathOrFrame,
    ax: Axes | Sequence[Axes] | None = None,
    *,
    title: str | None = "How scores are distributed, by category and sector",
) -> matplotlib.figure.Figure:
    """Counts of each score level per category, one panel per group (councils, NHS commissioners).

    Each bar is one category in one group, split into the levels of the framework's scale (orange = low,
    purple = high). The modal level(s) carry a heavy outline, so a tie such as "2/3" shows two outlined
    segments. Unscored organisations appear as a grey segment. The same chart as ``SectorComparison.plot``.

    Parameters
    ----------
    comparison_or_table
        A :class:`SectorComparison` (from :func:`compare_sectors`, any grouping), or a ScoreTable / CSV path /
        DataFrame, compared by sector.
    ax
        ``None`` for a new figure with one panel per group; a sequence of Axes, one per group; or a single
        Axes, in which the groups are drawn as adjacent bars per category.
    title
        Figure title (``None`` for none). Only used when the function creates the figure.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import healthyplaces as hp
    >>> fig = hp.plot.score_distributions(hp.datasets.nlgn2008_table())
    >>> fig.axes[0].get_xlabel()
    'Number of organisations'
    """
    comp = comparison_or_table if isinstance(comparison_or_table, SectorComparison) else compare_sectors(
        comparison_or_table)
    return comp.plot(ax, title=title)


def competency_gaps(
    gaps: CompetencyGaps | PilotCandidates | _core.core.ScoreTable | PathOrFrame,
    ax: Axes | None = None,
    *,
    title: str | None = "Competency gap by area: council and NHS body total scores",
) -> matplotlib.figure.Figure:
    """A dumbbell chart: each area's council total (blue) and NHS body total (vermillion), widest gap on top.

    The gap (council minus NHS body, over categories scored for both) is written at the right. Totals are
    over scored categories; an area where either body has unscored categories is marked with an asterisk.
    The same chart as ``CompetencyGaps.plot``.

    Parameters
    ----------
    gaps
        The result of :func:`healthyplaces.competency_gaps` or :func:`healthyplaces.pilot_candidates`, or a
        ScoreTable / CSV path / DataFrame to compute the gaps from.
    ax
        Axes to draw in; ``None`` for a new figure sized to the number of areas.
    title
        Figure title (``None`` for none). Only used when the function creates the figure.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import healthyplaces as hp
    >>> fig = hp.plot.competency_gaps(hp.competency_gaps(hp.datasets.nlgn2008_table()))
    >>> fig.axes[0].get_xlabel()
    'Total score across the 5 categories (points, out of 20)'
    """
    result = gaps if isinstance(gaps, (CompetencyGaps, PilotCandidates)) else _competency_gaps(gaps)
    return result.plot(ax, title=title)


# --------------------------------------------------------------------------------------------------------------
# SVG export

_SVG_LOCK = threading.Lock()
_SVG_IDS = itertools.count(1)


def figure_to_svg(fig: Figure, *, id_prefix: str | None = None) -> str:
    """The figure as inline SVG text for an HTML page: no XML prolog, DOCTYPE or metadata block.

    Text is drawn as paths (``svg.fonttype = 'path'``) so the chart looks the same without its fonts. Every
    ``id`` is prefixed (``id_prefix``, by default a fresh ``hpN-``), so several charts can share a page.

    Parameters
    ----------
    fig
        Any matplotlib Figure.
    id_prefix
        Prefix of every ``id`` in the SVG; ``None`` for a fresh ``hpN-``.

    Returns
    -------
    str
        The ``<svg>`` element and its content.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> fig = hp.competency_gaps(hp.datasets.nlgn2008_table()).plot()
    >>> hp.plot.figure_to_svg(fig, id_prefix="gaps-").startswith("<svg")
    True
    """
    buf = io.StringIO()
    with _SVG_LOCK, matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "healthyplaces"}):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None}, facecolor="white")
    text = buf.getvalue()
    start = text.find("<svg")
    if start < 0:  # pragma: no cover - matplotlib always writes an <svg> root
        raise RuntimeError("matplotlib produced no <svg> element")
    text = text[start:]
    text = re.sub(r"\s*<metadata>.*?</metadata>", "", text, count=1, flags=re.S)
    # matplotlib's "*{stroke-linejoin...}" rule would leak into the host page: move it onto the root, where the
    # two (inherited) properties reach every shape of this chart only.
    text = re.sub(r"\s*<style[^>]*>\*\{stroke-linejoin: round; stroke-linecap: butt\}</style>", "", text, count=1)
    text = re.sub(r"\s*<defs>\s*</defs>", "", text, count=1)
    text = text.replace("<svg ", '<svg style="stroke-linejoin:round;stroke-linecap:butt" ', 1)
    prefix = id_prefix if id_prefix is not None else f"hp{next(_SVG_IDS)}-"
    text = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}{m.group(1)}"', text)
    text = re.sub(r'(\bxlink:href|\bhref)="#([^"]+)"', lambda m: f'{m.group(1)}="#{prefix}{m.group(2)}"', text)
    text = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m.group(1)})", text)
    return text.strip() + "\n"


# --------------------------------------------------------------------------------------------------------------
# Funnel plots (drawn by healthyplaces.indicators._funnel_plot)


def funnel(result: Any = None, *args: Any, ax: Axes | None = None, label_outliers: bool = True,
           title: str | None = None, **kwargs: Any) -> matplotlib.figure.Figure:
    """A funnel plot as a Figure: pass a :class:`~healthyplaces.indicators.FunnelResult`, or the arguments of
    :func:`healthyplaces.indicators.funnel` (numerator, denominator, ...) to make one first.

    Parameters
    ----------
    result
        A FunnelResult, or the first argument of ``indicators.funnel``.
    *args, **kwargs
        The other arguments of ``indicators.funnel`` when ``result`` is not a FunnelResult.
    ax
        Axes to draw on; ``None`` for a new figure.
    label_outliers
        Name the organisations outside the outer limits.
    title
        Chart title.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import healthyplaces as hp
    >>> fig = hp.plot.funnel([10, 20, 45, 55, 33], [100] * 5, multiplier=100, label_outliers=False)
    >>> type(fig).__name__
    'Figure'
    """
    from .indicators import FunnelResult
    from .indicators import funnel as _make_funnel

    if result is None:
        result = _make_funnel(*args, **kwargs)
    elif not isinstance(result, FunnelResult):
        result = _make_funnel(result, *args, **kwargs)
    elif args or kwargs:
        raise TypeError("plot.funnel: give a FunnelResult alone, or the arguments of indicators.funnel")
    return result.plot(ax=ax, label_outliers=label_outliers, title=title)


# SPC (XmR) charts: drawn by healthyplaces.indicators._spc_plot, imported on first use


def spc(result: Any = None, *args: Any, ax: Axes | None = None, title: str | None = None,
        **kwargs: Any) -> matplotlib.figure.Figure:
    """An XmR chart in the NHS Making Data Count colours: pass an ``XmrResult`` from
    ``healthyplaces.indicators.xmr``, or that function's arguments (values, dates=, data=, improvement=, ...).

    Parameters
    ----------
    result
        An XmrResult, or the first argument of ``indicators.xmr`` (the values).
    *args, **kwargs
        The other arguments of ``indicators.xmr`` when ``result`` is not an XmrResult.
    ax
        Axes to draw on; ``None`` for a new figure.
    title
        Chart title.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import healthyplaces as hp
    >>> fig = hp.plot.spc([5, 6, 5, 7, 6, 5, 6, 7, 6, 5, 6, 7, 12, 6], improvement="decrease")
    >>> type(fig).__name__
    'Figure'
    """
    from .indicators import XmrResult, xmr

    if not isinstance(result, XmrResult):
        result = xmr(result, *args, **kwargs)
    elif args or kwargs:
        raise TypeError("spc: give an XmrResult alone, or the arguments of healthyplaces.indicators.xmr")
    return result.plot(ax=ax, title=title)

