"""Drawing an XmR chart (``XmrResult.plot`` and ``healthyplaces.plot.spc``) through ``healthyplaces._figure``: values
joined by a grey line, the centre line and process limits per segment, special-cause points in the Making Data
Count colours (improvement blue, concern orange, neither purple: NHSRplotthedots' defaults) and the target; whole
period ticks (or dates), the value axis named by the quantity, the legend beside the chart."""
from __future__ import annotations

from typing import Any

import matplotlib.dates as mdates
import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .._figure import axes, year_axis

__all__ = ["COLOURS", "plot_xmr"]

#: NHSRplotthedots' ptd_spc_colours() defaults.
COLOURS = {
    "common cause": "#a6a6a6",
    "special cause improvement": "#00b0f0",
    "special cause concern": "#e46c0a",
    "special cause neither": "#490092",
    "line": "#a6a6a6",
    "centre": "#000000",
    "limits": "#a6a6a6",
    "target": "#de1b1b",
}


def plot_xmr(result: Any, ax: Any = None, title: str | None = None, y_label: str | None = None) -> Figure:
    """Draw ``result`` (an ``XmrResult``) into ``ax`` (or a new house-style Figure) and return the Figure."""
    fig, ax = axes(ax, width=8.5, height=4.5)
    t = result.table
    x = t["date"].to_numpy()
    y = t["value"].to_numpy(dtype=float)
    # the value line breaks at missing values (NaN) by itself; segments are drawn separately
    for _, part in t.groupby("segment", sort=True):
        px = part["date"].to_numpy()
        ax.plot(px, part["value"].to_numpy(dtype=float), color=COLOURS["line"], linewidth=1.2, zorder=1)
        ax.plot(px, part["centre"].to_numpy(dtype=float), color=COLOURS["centre"], linewidth=1.0, zorder=2)
        for col in ("lower", "upper"):
            ax.plot(px, part[col].to_numpy(dtype=float), color=COLOURS["limits"], linestyle="--", linewidth=1.0,
                    zorder=2)
    variation = t["variation"].astype(object).to_numpy()
    for name in ("common cause", "special cause improvement", "special cause concern", "special cause neither"):
        mask = variation == name
        if mask.any():
            ax.scatter(x[mask], y[mask], color=COLOURS[name], s=22, zorder=3, label=name)
    handles = [Line2D([], [], color=COLOURS["centre"], label="centre (mean)"),
               Line2D([], [], color=COLOURS["limits"], linestyle="--", label="process limits")]
    if result.target is not None:
        ax.axhline(float(result.target), color=COLOURS["target"], linewidth=1.0, zorder=2)
        handles.append(Line2D([], [], color=COLOURS["target"], label=f"target {result.target:.4g}"))
    points = [Line2D([], [], color=COLOURS[v], marker="o", linestyle="", label=v)
              for v in ("common cause", "special cause improvement", "special cause concern", "special cause neither")
              if (variation == v).any()]
    ax.legend(handles=points + handles, fontsize="small", frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title(title if title is not None else "XmR chart", loc="left", fontsize=10)
    ax.set_ylabel(y_label if y_label is not None else (result.label or "measured value"))
    ax.set_xlabel(result.date_label or "point, in time order")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if np.issubdtype(x.dtype, np.datetime64):
        locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    else:
        year_axis(ax.xaxis)  # whole positions or period numbers: never 3.5
    return fig
