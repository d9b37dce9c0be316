"""Drawing a :class:`~healthyplaces.indicators.FunnelResult` through ``healthyplaces._figure``: one dot per
organisation, the target line, the control-limit curves per level, the organisations outside the outermost limits
labelled, axes that name the indicator's unit and a legend below the chart (it never covers the 99.8% line)."""
from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .._figure import GREY, PALETTE, axes, count_axis, legend_outside, percent_axis, rate_axis
from .._result import fmt_int
from ._frame import level_suffix

__all__ = ["draw", "axis_labels"]

_TEXT = "#1b1b1b"
# Okabe–Ito: blue for the inner (95%) limits, vermillion for the outer (99.8%) ones, then more if asked.
_LIMIT_COLOURS = [PALETTE[0], PALETTE[1], PALETTE[2], PALETTE[3], PALETTE[4]]
_DOT = "#4d4d4d"
_HIGH = PALETTE[1]
_LOW = PALETTE[0]


def _per(multiplier: float) -> str:
    return fmt_int(multiplier) if float(multiplier).is_integer() else f"{multiplier:g}"


def axis_labels(result: Any) -> tuple[str, str]:
    """(y, x) labels that say what the values and the denominators are, from the column names the funnel was
    given (e.g. "breaches, % of attendances" and "attendances (denominator)")."""
    num, den, m = result.numerator_name, result.denominator_name, result.multiplier
    if result.kind == "ratio":
        y = "standardised ratio, observed / expected" + (f" × {_per(m)}" if m != 1 else "")
        x = f"expected {num}" if num else "expected count"
        return y, x
    x = f"{den} (denominator)" if den else "denominator (size of each organisation)"
    if result.kind == "proportion" and m in (1, 100):
        y = f"{num}, % of {den}" if num and den else "% (numerator / denominator)"
    else:
        what = num or "events" if result.kind == "rate" else num or "numerator"
        y = f"{what} per {_per(m)} {den or ('population' if result.kind == 'rate' else 'denominator')}"
    return y, x


# Where a label may go, in points from its dot: right and up first, then the other corners, then further out.
_OFFSETS = [(5, 3), (5, -10), (-5, 3), (-5, -10), (5, 12), (5, -19), (-5, 12), (-5, -19)]


def _label(ax: Axes, fig: Figure, rows: Any, x_name: str, target: float, max_labels: int) -> int:
    """Label up to ``max_labels`` of ``rows`` (the furthest out first) where the label overlaps no label already
    placed; a label with no free place is left out (and not counted). Returns how many were labelled."""
    ax.autoscale_view()
    scale = 72.0 / fig.dpi                      # display pixels to points
    boxes: list[tuple[float, float, float, float]] = []
    height = 9.0                                # an 8-point label's height, in points, with a little air
    placed = 0
    for _, row in rows.iterrows():
        if placed >= max_labels:
            break
        text = str(row["label"])
        width = 5.2 * len(text) + 2             # an 8-point label's width, roughly, in points
        px, py = ax.transData.transform((float(row[x_name]), float(row["value"])))
        px, py = px * scale, py * scale
        up = row["value"] >= target
        for dx, dy in (_OFFSETS if up else [(a, -b - 7) for a, b in _OFFSETS]):
            x0 = px + dx if dx > 0 else px + dx - width
            y0 = py + dy
            box = (x0, y0, x0 + width, y0 + height)
            if all(box[2] <= b[0] or box[0] >= b[2] or box[3] <= b[1] or box[1] >= b[3] for b in boxes):
                boxes.append(box)
                ax.annotate(text, (row[x_name], row["value"]), xytext=(dx, dy), textcoords="offset points",
                            ha="left" if dx > 0 else "right", va="bottom", fontsize=8, color=_TEXT, zorder=4,
                            bbox={"boxstyle": "square,pad=0.05", "facecolor": "white", "edgecolor": "none",
                                  "alpha": 0.75})
                placed += 1
                break
    return placed


def draw(result: Any, ax: Axes | None = None, label_outliers: bool = True, n_points: int = 200,
         title: str | None = None, y_label: str | None = None, x_label: str | None = None,
         max_labels: int = 20) -> Figure:
    """The funnel plot of ``result`` into ``ax`` (a new house-style Figure when None); returns the Figure."""
    fig, ax = axes(ax, width=7.5, height=5.4)
    table = result.table
    x_name = "expected" if result.kind == "ratio" else "denominator"
    curves = result.limits(n_points=n_points)
    x = curves[x_name].to_numpy()
    levels = sorted(result.confidence_level)
    one = len(levels) == 1
    handles: list[Any] = []
    for i, level in enumerate(levels):
        colour = _LIMIT_COLOURS[i % len(_LIMIT_COLOURS)]
        lo = curves["lower" if one else f"lower_{level_suffix(level)}"]
        hi = curves["upper" if one else f"upper_{level_suffix(level)}"]
        style = "--" if i == 0 and len(levels) > 1 else "-"
        (line,) = ax.plot(x, hi, color=colour, linestyle=style, linewidth=1.2, label=f"{level * 100:.10g}% limits")
        ax.plot(x, lo, color=colour, linestyle=style, linewidth=1.2)
        handles.append(line)
    percent = result.kind == "proportion" and result.multiplier in (1, 100)
    shown = f"{result.target * (100 / result.multiplier):.3g}%" if percent else f"{result.target:.4g}"
    target = ax.axhline(result.target, color=GREY, linewidth=1.0, label=f"target {shown}")
    handles.append(target)
    direction = np.asarray(result.direction)
    colours = np.where(direction > 0, _HIGH, np.where(direction < 0, _LOW, _DOT))
    ax.scatter(table[x_name], table["value"], s=22, c=list(colours), edgecolors="white", linewidths=0.5, zorder=3)
    handles.append(Line2D([], [], color=_DOT, marker="o", linestyle="", label="organisation within the limits"))
    inner = f"{min(levels) * 100:.10g}%" if levels else ""
    for sign, colour, word in ((1, _HIGH, "above"), (-1, _LOW, "below")):
        if (direction == sign).any():  # the colours are explained where they are used
            handles.append(Line2D([], [], color=colour, marker="o", linestyle="", label=f"{word} the {inner} limits"))
    if label_outliers and levels:
        widest = max(levels)
        out = result.outliers(widest)
        z = out["z_adjusted"] if "z_adjusted" in out.columns else out["z"]
        ranked = out.loc[z.abs().sort_values(ascending=False).index]  # the furthest out first
        placed = _label(ax, fig, ranked, x_name, result.target, max_labels)
        if len(out):
            what = (f"labelled: outside the {widest * 100:.10g}% limits" if placed == len(out) else
                    f"labelled: the {placed} furthest of {len(out)} outside the {widest * 100:.10g}% limits")
            handles.append(Line2D([], [], linestyle="", label=what))
    y_default, x_default = axis_labels(result)
    ax.set_xlabel(x_label if x_label is not None else x_default, color=_TEXT)
    ax.set_ylabel(y_label if y_label is not None else y_default, color=_TEXT)
    if percent:
        percent_axis(ax.yaxis, scale=100.0 if result.multiplier == 100 else 1.0)
    else:
        rate_axis(ax.yaxis)
    if result.kind == "ratio":
        rate_axis(ax.xaxis)
    else:
        count_axis(ax.xaxis)
    ax.set_xlim(left=0)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(colors=_TEXT, labelsize=9, length=3)
    legend_outside(ax, handles=handles, ncol=3, fontsize=8.5)
    note = result.method
    if result.overdispersion is not None:
        note += f", φ = {result.phi:.3g}, τ² = {result.tau2:.3g}"
    ax.set_title(title if title is not None else f"Funnel plot ({note})", fontsize=10, color=_TEXT, loc="left")
    return fig
