"""Drawing difference-in-differences results with matplotlib's object API: group means over time with the
adoption marked, an event study's estimates with intervals, and the Goodman-Bacon scatter."""
from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["plot_means", "plot_event_study", "plot_bacon"]

TREATED, CONTROL, GREY = "#005eb8", "#a6a6a6", "#425563"  # NHS blue, grey, dark grey
TYPE_COLOURS = {"earlier vs later treated": "#005eb8", "later vs earlier treated": "#e46c0a",
                "treated vs never treated": "#009639"}


def _axes(ax: Any) -> Any:
    if ax is not None:
        return ax
    from matplotlib.figure import Figure
    return Figure(figsize=(7, 4), layout="constrained").add_subplot()


def plot_means(result: Any, ax: Any = None, title: str | None = None) -> Any:
    ax = _axes(ax)
    m = result.means
    x = m.index.to_numpy()
    ax.plot(x, m["treated"].to_numpy(dtype=float), marker="o", color=TREATED, label="treated")
    ax.plot(x, m["control"].to_numpy(dtype=float), marker="o", color=CONTROL, label="never treated")
    for k, c in enumerate(result.cohorts):
        # adoption happens between the last untreated period and the first treated one
        earlier = x[x < c]
        at = (c + earlier.max()) / 2 if earlier.size else c
        ax.axvline(at, color=GREY, linestyle="--", linewidth=1, label="adoption" if k == 0 else None)
    ax.set_xlabel("period")
    ax.set_ylabel(result.outcome_name)
    ax.set_title(title if title is not None else f"Difference-in-differences: ATT {result.statistic:.4g}")
    ax.legend(frameon=False)
    return ax


def plot_event_study(result: Any, ax: Any = None, title: str | None = None) -> Any:
    ax = _axes(ax)
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
    ax.set_xlabel("periods since adoption")
    ax.set_ylabel(f"effect on {result.outcome_name}")
    ax.set_title(title if title is not None else "Event study (two-way fixed effects)")
    ax.legend(frameon=False)
    return ax


def plot_bacon(result: Any, ax: Any = None, title: str | None = None) -> Any:
    ax = _axes(ax)
    c = result.comparisons
    for kind, part in c.groupby("type", sort=False):
        ax.scatter(part["weight"], part["estimate"], color=TYPE_COLOURS.get(kind, GREY), label=kind)
    ax.axhline(result.twfe, color=GREY, linestyle="--", linewidth=1, label=f"two-way estimate {result.twfe:.4g}")
    ax.set_xlabel("weight")
    ax.set_ylabel("2x2 estimate")
    ax.set_title(title if title is not None else "Goodman-Bacon decomposition")
    ax.legend(frameon=False)
    return ax
