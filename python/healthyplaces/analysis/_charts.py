"""The analysis box's charts: score distributions (a SectorComparison) and competency gaps (CompetencyGaps,
PilotCandidates). Drawn through healthyplaces._figure, so each shows once in Jupyter; ``hp.plot`` and the
results' ``plot()`` methods are their public face.

Palettes are colour-blind safe: score levels use ColorBrewer's diverging PuOr (orange = low, purple = high),
councils and NHS bodies use the Okabe–Ito blue and vermillion.
"""
from __future__ import annotations

import math
from typing import Any, Sequence

import matplotlib
import matplotlib.colors
import matplotlib.figure
import matplotlib.ticker
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .. import _core, _figure
from ._labels import (_GRID, _GROUP_COLOURS, _MISSING_COLOUR, _OTHER_GROUP_COLOURS, _TEXT, COUNCIL_COLOUR, NHS_COLOUR,
                      format_gap, group_label, level_colours)


def _ink_on(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (WCAG relative luminance)."""
    r, g, b = matplotlib.colors.to_rgb(colour)

    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    return "white" if lum < 0.3 else _TEXT


def _group_colour(group: str, index: int) -> str:
    return _GROUP_COLOURS.get(group, _OTHER_GROUP_COLOURS[index % len(_OTHER_GROUP_COLOURS)])


def _style_axes(ax: Axes) -> None:
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color("#888888")
    ax.tick_params(colors=_TEXT, labelsize=9, length=3)
    ax.tick_params(axis="y", length=0)
    ax.set_axisbelow(True)
    ax.grid(axis="x", color=_GRID, linewidth=0.8)


# --------------------------------------------------------------------------------------------------------------
# Score distributions


def score_distributions(
    comp: Any,
    ax: Axes | Sequence[Axes] | None = None,
    *,
    title: str | None = "How scores are distributed, by category and sector",
) -> matplotlib.figure.Figure:
    """Counts of each score level per category, one panel per group (councils, NHS commissioners).

    Each bar is one category in one group, split into the levels of the framework's scale (orange = low,
    purple = high). The modal level(s) carry a heavy outline, so a tie such as "2/3" shows two outlined
    segments. Unscored organisations appear as a grey segment.

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
    """
    fw = comp.framework
    long = comp.to_frame()
    groups = comp.groups
    cat_labels = {c.key: c.label for c in fw.categories}
    categories = comp.categories
    levels = list(range(fw.min_level, fw.max_level + 1))
    level_names = {lv.value: lv.label for lv in fw.levels}
    colours = level_colours(len(levels))
    sizes = comp.group_sizes
    xmax = max(sizes.values()) if sizes else 1

    created = ax is None
    fig: matplotlib.figure.Figure
    if ax is None:
        height = 1.55 + 0.42 * len(categories)  # grows with the categories, so labels stay readable
        fig = _figure.figure(9.2, height)
        axes = list(fig.subplots(1, len(groups), sharey=True, squeeze=False)[0])
        single = False
    elif isinstance(ax, Axes):
        fig, _ = _figure.axes(ax)
        axes = [ax]
        single = len(groups) > 1
    else:
        axes = list(ax)
        if len(axes) != len(groups):
            raise _core.DomainError(f"score_distributions needs one Axes per group ({len(groups)}), got {len(axes)}")
        fig, _ = _figure.axes(axes[0])
        single = False

    any_missing = bool((long["n_missing"] > 0).any())
    n_cat = len(categories)
    if single:
        band = 0.8 / len(groups)
        offsets = [(-0.4 + band * (j + 0.5)) for j in range(len(groups))]
        bar_h = band * 0.86
    else:
        offsets = [0.0] * len(groups)
        bar_h = 0.62

    for j, group in enumerate(groups):
        a = axes[0] if single else axes[j]
        rows = long[long["group"] == group].set_index("category")
        for i, cat in enumerate(categories):
            row = rows.loc[cat]
            y = i + offsets[j]
            left = 0.0
            modes = set(row["modes"])
            for lv, colour in zip(levels, colours):
                count = int(row[f"count_{lv}"])
                if count == 0:
                    continue
                is_mode = lv in modes
                a.barh(
                    y, count, left=left, height=bar_h, color=colour,
                    edgecolor=_TEXT if is_mode else "white",
                    linewidth=2.2 if is_mode else 0.8, zorder=3 if is_mode else 2, clip_on=False,
                )
                a.text(left + count / 2, y, str(count), ha="center", va="center", fontsize=8.5,
                       color=_ink_on(colour), fontweight="bold" if is_mode else "normal", zorder=4)
                left += count
            missing = int(row["n_missing"])
            if missing:
                a.barh(y, missing, left=left, height=bar_h, color=_MISSING_COLOUR, edgecolor="white",
                       linewidth=0.8, hatch="///", zorder=2, clip_on=False)
                a.text(left + missing / 2, y, str(missing), ha="center", va="center", fontsize=8.5, color=_TEXT,
                       zorder=4)
            if single:
                a.text(-0.01, y, group_label(group), transform=a.get_yaxis_transform(), ha="right",
                       va="center", fontsize=7.5, color=_group_colour(group, j))

    for j, a in enumerate(axes):
        _style_axes(a)
        a.set_xlim(0, xmax)
        a.set_ylim(n_cat - 0.5, -0.5)
        a.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
        a.set_xlabel("Number of organisations", fontsize=9, color=_TEXT)
        if not single:
            group = groups[j]
            a.set_title(f"{group_label(group)} (n = {sizes[group]})", fontsize=10.5, fontweight="bold",
                        color=_group_colour(group, j), loc="left")
        a.set_yticks(range(n_cat))
        if j == 0:
            a.set_yticklabels([cat_labels.get(c, c) for c in categories], fontsize=9.5)
            if single:
                a.tick_params(axis="y", pad=90)

    handles = [
        Patch(facecolor=c, edgecolor="white", label=f"{lv} {level_names.get(lv, '')}".strip())
        for lv, c in zip(levels, colours)
    ]
    if any_missing:
        handles.append(Patch(facecolor=_MISSING_COLOUR, hatch="///", edgecolor="white", label="not scored"))
    handles.append(Patch(facecolor="white", edgecolor=_TEXT, linewidth=2.2, label="mode (outlined)"))
    if created:
        fig.legend(handles=handles, loc="outside lower center", ncol=min(len(handles), 6), frameon=False,
                   fontsize=8.5, handlelength=1.6, columnspacing=1.4)
        if title:
            fig.suptitle(title, fontsize=12, fontweight="bold", color=_TEXT, x=0.01, ha="left")
    else:
        axes[-1].legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)
    return fig


# --------------------------------------------------------------------------------------------------------------
# Competency gaps


#: The most areas the gaps chart labels (docs/conventions.md: about 30 labels stay readable).
MAX_AREAS = 30


def _gap_sort_key(g) -> tuple:
    return (g.total_gap is None, -(g.total_gap or 0), g.rank or math.inf, g.area)


def competency_gaps(
    items: list[Any],
    fw: _core.core.Framework,
    ax: Axes | None = None,
    *,
    title: str | None = "Competency gap by area: council and NHS body total scores",
) -> matplotlib.figure.Figure:
    """A dumbbell chart: each area's council total (blue) and NHS body total (vermillion), widest gap on top.

    The gap (council minus NHS body, over categories scored for both) is written at the right. Totals are
    over scored categories; an area where either body has unscored categories is marked with an asterisk.

    Parameters
    ----------
    items
        The AreaGap of each area (a result's ``gaps`` or ``candidates``).
    fw
        Their framework (for the scale of the totals).
    ax
        Axes to draw in; ``None`` for a new figure sized to the number of areas.
    title
        Figure title (``None`` for none). Only used when the function creates the figure.
    """
    items = sorted(items, key=_gap_sort_key)
    n_areas = len(items)
    # past about 30 labels a chart stops being readable: show the widest gaps and say so (to_frame() has all)
    items = items[:MAX_AREAS]
    created = ax is None
    fig, ax = _figure.axes(ax, 9.2, 1.7 + 0.36 * max(len(items), 1))  # a new figure grows with the areas

    max_total = fw.max_total if fw is not None else max(
        [max(g.council_total.maximum, g.nhs_total.maximum) for g in items] or [1]
    )
    n_cat = len(fw.categories) if fw is not None else None
    min_total = n_cat * fw.min_level if fw is not None else 0
    incomplete = False
    labels = []
    for i, g in enumerate(items):
        c, n = g.council_total, g.nhs_total
        partial = not (c.complete and n.complete)
        incomplete |= partial
        labels.append(g.area + (" *" if partial else ""))
        # equal totals would hide one marker behind the other: nudge them apart vertically
        dy = 0.13 if c.total == n.total else 0.0
        ax.plot([n.total, c.total], [i, i], color="#9a9a9a", linewidth=2.2, zorder=2, solid_capstyle="butt")
        ax.scatter([c.total], [i - dy], s=70, color=COUNCIL_COLOUR, zorder=3, edgecolors="white", linewidths=0.8)
        ax.scatter([n.total], [i + dy], s=70, color=NHS_COLOUR, marker="D", zorder=3, edgecolors="white",
                   linewidths=0.8)
        gap = "–" if g.total_gap is None else format_gap(g.total_gap)
        ax.text(1.01, i, gap, transform=ax.get_yaxis_transform(), ha="left", va="center", fontsize=9.5,
                fontweight="bold", color=_TEXT)

    _style_axes(ax)
    ax.grid(axis="y", color="#f0f0f0", linewidth=0.6)
    ax.set_yticks(range(len(items)))
    ax.set_yticklabels(labels, fontsize=9.5)
    ax.set_ylim(len(items) - 0.5, -0.7)
    lo = max(min_total - 1, 0) if items else 0
    ax.set_xlim(lo, max_total + 0.5)
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    scope = f" across the {n_cat} categories" if n_cat else ""
    ax.set_xlabel(f"Total score{scope} (points, out of {max_total})", fontsize=9, color=_TEXT)
    ax.text(1.01, -0.6, "Gap", transform=ax.get_yaxis_transform(), ha="left", va="center", fontsize=9,
            color="#555555")
    handles = [
        Line2D([], [], marker="o", linestyle="none", markersize=8, color=COUNCIL_COLOUR, label="Council"),
        Line2D([], [], marker="D", linestyle="none", markersize=7, color=NHS_COLOUR, label="NHS body"),
    ]
    if created:
        fig.legend(handles=handles, loc="outside lower center", ncol=2, frameon=False, fontsize=9)
        if title:
            fig.suptitle(title, fontsize=12, fontweight="bold", color=_TEXT, x=0.01, ha="left")
        notes = []
        if n_areas > len(items):
            notes.append(f"the {len(items)} widest gaps of {n_areas} areas; to_frame() lists them all")
        if incomplete:
            notes.append("* not every category scored: totals are over scored categories")
        if notes:
            fig.text(0.01, 0.005, "; ".join(notes), fontsize=8, color="#555555", ha="left", va="bottom")
    else:
        if n_areas > len(items):
            ax.set_title(f"the {len(items)} widest gaps of {n_areas} areas", fontsize=8.5, loc="left")
        ax.legend(handles=handles, loc="lower right", frameon=False, fontsize=8.5)
    return fig


# --------------------------------------------------------------------------------------------------------------
# Paired tests: the shift per category


def paired_shifts(tests: Any, ax: Axes | None = None) -> matplotlib.figure.Figure:
    """Each tested category's Hodges–Lehmann shift (council minus NHS body) with its interval, zero marked;
    categories not tested are listed at the foot."""
    tested = [t for t in tests.tests if t.tested]
    fig, ax = _figure.axes(ax, width=8.0, height=1.4 + 0.4 * max(len(tested), 1))
    ys = list(range(len(tested)))
    for i, t in enumerate(tested):
        lo, hi = t.shift.ci_low, t.shift.ci_high
        real = t.pvalue_adjusted < tests.alpha
        colour = _figure.PALETTE[0] if real else _figure.GREY
        ax.plot([lo, hi], [i, i], color=colour, linewidth=2.2, solid_capstyle="butt")
        ax.scatter([t.shift.estimate], [i], s=60, color=colour, zorder=3, edgecolors="white", linewidths=0.8)
    ax.axvline(0, color=_TEXT, linewidth=0.8)
    ax.set_yticks(ys, [t.category.label for t in tested])
    ax.set_ylim(len(tested) - 0.5, -0.5)
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.set_xlabel(f"council minus NHS body (score points), Hodges–Lehmann shift with {tests.confidence_level:.0%} "
                  "interval")
    ax.set_ylabel("category")
    untested = [t.category.label for t in tests.tests if not t.tested]
    handles = [Line2D([], [], color=_figure.PALETTE[0], marker="o", label="adjusted p < "
                      f"{tests.alpha:g}"), Line2D([], [], color=_figure.GREY, marker="o", label="not distinguishable")]
    _figure.legend_outside(ax, handles, ncol=2, fontsize=8.5)
    if untested:
        ax.set_title("not tested (every area scored the same): " + ", ".join(untested), fontsize=8.5, loc="left",
                     color="#555555")
    return fig
