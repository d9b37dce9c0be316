"""Drawing a :class:`~healthyplaces.indicators.FunnelResult` with matplotlib's object API (no pyplot state):
one dot per organisation, the target line, the control-limit curves per level and the outliers labelled."""
from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ._frame import level_suffix

__all__ = ["draw"]

_TEXT = "#1b1b1b"
_TARGET = "#555555"
# Okabe–Ito: blue for the inner (95%) limits, vermillion for the outer (99.8%) ones, then more if asked.
_LIMIT_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00"]
_DOT = "#4d4d4d"
_HIGH = "#D55E00"
_LOW = "#0072B2"

_Y_LABEL = {"proportion": "Proportion", "ratio": "Standardised ratio", "rate": "Rate"}
_X_LABEL = {"proportion": "Denominator", "ratio": "Expected", "rate": "Population"}


def draw(result: Any, ax: Axes | None = None, label_outliers: bool = True, n_points: int = 200,
         title: str | None = None) -> Figure:
    """The funnel plot of ``result`` into ``ax`` (a new Figure when None); returns the Figure."""
    if ax is None:
        fig = Figure(figsize=(7.5, 5.0), layout="constrained")
        ax = fig.add_subplot()
    else:
        fig = ax.get_figure()
    table = result.table
    x_name = "expected" if result.kind == "ratio" else "denominator"
    curves = result.limits(n_points=n_points)
    x = curves[x_name].to_numpy()
    levels = sorted(result.confidence)
    one = len(levels) == 1
    for i, level in enumerate(levels):
        colour = _LIMIT_COLOURS[i % len(_LIMIT_COLOURS)]
        lo = curves["lower" if one else f"lower_{level_suffix(level)}"]
        hi = curves["upper" if one else f"upper_{level_suffix(level)}"]
        style = "--" if i == 0 and len(levels) > 1 else "-"
        ax.plot(x, hi, color=colour, linestyle=style, linewidth=1.2, label=f"{level * 100:.10g}% limits")
        ax.plot(x, lo, color=colour, linestyle=style, linewidth=1.2)
    ax.axhline(result.target, color=_TARGET, linewidth=1.0, label=f"target {result.target:.4g}")
    direction = np.asarray(result._core.direction)
    colours = np.where(direction > 0, _HIGH, np.where(direction < 0, _LOW, _DOT))
    ax.scatter(table[x_name], table["value"], s=22, c=list(colours), edgecolors="white", linewidths=0.5, zorder=3)
    if label_outliers:
        widest = max(levels)
        for _, row in result.outliers(widest).iterrows():
            ax.annotate(str(row["label"]), (row[x_name], row["value"]), xytext=(4, 3), textcoords="offset points",
                        fontsize=8, color=_TEXT)
    ax.set_xlabel(_X_LABEL[result.kind], color=_TEXT)
    ax.set_ylabel(_Y_LABEL[result.kind], color=_TEXT)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(colors=_TEXT, labelsize=9, length=3)
    ax.legend(loc="upper right", frameon=False, fontsize=8.5)
    note = result.method
    if result.overdispersion is not None:
        note += f", phi = {result.phi:.3g}, tau2 = {result.tau2:.3g}"
    ax.set_title(title if title is not None else f"Funnel plot ({note})", fontsize=10, color=_TEXT, loc="left")
    return fig
