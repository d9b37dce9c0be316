"""Drawing difference-in-differences results through the house figures (``healthyplaces._figure``): group means over
time with the adoption marked, an event study's estimates with intervals, and the Goodman-Bacon scatter. Each
returns the Figure (shown once in Jupyter)."""
from __future__ import annotations

from typing import Any

import numpy as np

from .. import _figure
from ._common import outcome_text, since_label, time_label
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # matplotlib is imported when a chart is drawn
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["plot_means", "plot_event_study", "plot_bacon"]

TREATED, CONTROL, GREY = _figure.PALETTE[0], "#a6a6a6", _figure.GREY
TYPE_COLOURS = {"earlier vs later treated": _figure.PALETTE[0], "later vs earlier treated": _figure.PALETTE[1],
                "treated vs never treated": _figure.PALETTE[2]}


def plot_means(result: Any, ax: Axes | None = None, title: str | None = None) -> Figure:
    fig, ax = _figure.axes(ax)
    m = result.means
    x = m.index.to_numpy()
    ax.plot(x, m["treated"].to_numpy(dtype=float), marker="o", color=TREATED, label="treated (mean)")
    ax.plot(x, m["control"].to_numpy(dtype=float), marker="o", color=CONTROL, label="never treated (mean)")
    for k, c in enumerate(result.cohorts):
        # adoption happens between the last untreated period and the first treated one
        earlier = x[x < c]
        at = (c + earlier.max()) / 2 if earlier.size else c
        ax.axvline(at, color=GREY, linestyle="--", linewidth=1, label="adoption" if k == 0 else None)
    ax.set_xlabel(time_label(x))
    _figure.year_axis(ax.xaxis)
    ax.set_ylabel(outcome_text(result.outcome_label, result.outcome_name))
    ax.set_title(title if title is not None else f"Difference-in-differences: ATT {result.statistic:.4g}")
    _figure.legend_outside(ax)
    return fig


def plot_event_study(result: Any, ax: Axes | None = None, title: str | None = None) -> Figure:
    fig, ax = _figure.axes(ax)
    e = result.estimates
    x = e["event_time"].to_numpy(dtype=float)
    y = e["estimate"].to_numpy(dtype=float)
    lo, hi = e["ci_low"].to_numpy(dtype=float), e["ci_high"].to_numpy(dtype=float)
    est = ~e["reference"].to_numpy()
    ax.axhline(0, color=CONTROL, linewidth=1)
    ax.axvline(-0.5, color=GREY, linestyle="--", linewidth=1, label="adoption")
    ax.errorbar(x[est], y[est], yerr=np.vstack([y[est] - lo[est], hi[est] - y[est]]), fmt="o", color=TREATED,
                capsize=3, label=f"estimate, {result.confidence_level:.0%} interval")
    ax.plot(x[~est], y[~est], marker="o", linestyle="none", markerfacecolor="white", color=TREATED,
            label=f"reference ({result.reference})")
    ax.set_xlabel(since_label(result.periods))
    _figure.year_axis(ax.xaxis)
    ax.set_ylabel(f"effect on {outcome_text(result.outcome_label, result.outcome_name)}")
    ax.set_title(title if title is not None else "Event study (two-way fixed effects)")
    _figure.legend_outside(ax)
    return fig


def plot_bacon(result: Any, ax: Axes | None = None, title: str | None = None) -> Figure:
    fig, ax = _figure.axes(ax)
    c = result.comparisons
    for kind, part in c.groupby("type", sort=False):
        ax.scatter(part["weight"], part["estimate"], color=TYPE_COLOURS.get(str(kind), GREY), label=kind)
    ax.axhline(result.twfe, color=GREY, linestyle="--", linewidth=1, label=f"two-way estimate {result.twfe:.4g}")
    ax.set_xlabel("weight of the comparison in the two-way estimate")
    ax.set_ylabel(f"2x2 estimate of the effect on {outcome_text(result.outcome_label, result.outcome_name)}")
    ax.set_title(title if title is not None else "Goodman-Bacon decomposition")
    _figure.legend_outside(ax, ncol=2)
    return fig
