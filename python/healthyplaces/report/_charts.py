"""The indicator report's charts: the funnel plot as an analyst reads it (verdict colours, the flagged
organisations labelled without overlaps, the legend below the axes) and small-multiple XmR charts of the
flagged organisations with one shared key. The numbers come from :mod:`._counts`; this module only draws."""
from __future__ import annotations

from typing import Any, Sequence

import matplotlib.dates
import matplotlib.ticker
import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from .._figure import PALETTE, count_axis, figure, legend_outside, rate_axis
from ._counts import Flag, IndicatorResults, funnel_curves

MAX_FLAGGED_ROWS = 100  # as sections.indicators.MAX_FLAGGED_ROWS (imported there from here: no import cycle)

__all__ = ["funnel_chart", "spc_chart", "MAX_LABELS"]

#: Past this many, labels on a funnel plot stop being readable: the table names the organisations instead.
MAX_LABELS = 25
#: Past this many points, the dots of a funnel plot are drawn as one image inside the SVG (the curves, labels and
#: text stay vectors): a million dots as SVG circles would be a page of hundreds of MB.
RASTER_POINTS = 2000
#: The most dots near a label that its placement weighs (an even sample of a denser cloud).
MAX_NEAR_DOTS = 1500
WORSE, BETTER, NEUTRAL_HIGH, NEUTRAL_LOW = PALETTE[1], PALETTE[0], PALETTE[1], PALETTE[0]
WITHIN = "#9a9a9a"
INK = "#1b1b1b"
LIMIT_95 = "#6b6b6b"
LIMIT_998 = "#1b1b1b"
_VARIATION = {"common cause": "#9a9a9a", "special cause improvement": PALETTE[0],
              "special cause concern": PALETTE[1], "special cause neither": PALETTE[3]}


def plain_text(label: str) -> str:
    """A user's text as matplotlib draws it literally: '$' would start mathtext."""
    return str(label).replace("$", r"\$")


def flag_colour(ind: IndicatorResults, direction: str) -> str:
    verdict = ind.verdict(direction)
    return WORSE if verdict.startswith("worse") else BETTER if verdict.startswith("better") else (
        NEUTRAL_HIGH if direction == "high" else NEUTRAL_LOW)


def value_axis(ind: IndicatorResults, axis: Any) -> None:
    """Ticks in the indicator's unit: per cent for a percentage, separated thousands otherwise."""
    if ind.spec.unit_text().startswith("%"):
        axis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _p: f"{v:.6g}%"))
    else:
        rate_axis(axis)


def _style(ax: Axes) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(colors=INK, labelsize=8.5, length=3)
    ax.grid(axis="y", color="#e6e6e6", linewidth=0.6)
    ax.set_axisbelow(True)


def labelled(ind: IndicatorResults) -> tuple[list[Flag], str]:
    """The organisations the funnel plot names, and a sentence saying which they are."""
    wide = [f for f in ind.flags if f.level == 0.998]
    if 0 < len(ind.flags) <= MAX_LABELS:
        return list(ind.flags), ("every organisation outside the 95% limits is labelled" if not wide else
                                 "every organisation outside the 95% (and 99.8%) limits is labelled")
    if len(wide) <= MAX_LABELS:
        return wide, ("the organisations outside the 99.8% limits are labelled" if wide else
                      "no organisation is outside the 99.8% limits, so none is labelled")
    top = sorted(wide, key=lambda f: -abs(np.log(max(f.value, 1e-12) / max(ind.target, 1e-12))))[:MAX_LABELS]
    listed = "the table names them all" if len(ind.flags) <= MAX_FLAGGED_ROWS else \
        "the table names the first and the CSV of every organisation names them all"
    return top, (f"the {MAX_LABELS} organisations furthest from the overall value of the {len(wide):,} outside the "
                 f"99.8% limits are labelled ({listed})")


def _place_labels(ax: Axes, targets: np.ndarray, texts: Sequence[str], dots: np.ndarray, lines: np.ndarray,
                  fontsize: float) -> list[tuple[float, float, bool]]:
    """Where to write each label: the centre of its text (data coordinates) and whether it needs a leader line.

    Each label tries positions around its point, nearest first (eight directions at growing distances), and
    takes the one that covers no other label, no dot and stays inside the axes; the most crowded points choose
    first; a line (``lines``: points along the drawn curves) under a label costs less than a dot. Positions are
    in display pixels of the laid-out figure, so the layout must be final. A label away from its point, or among
    other points, gets a leader line."""
    fig = ax.get_figure()
    assert fig is not None
    scale = fig.dpi / 72.0
    tp = ax.transData.transform(targets)
    dp = ax.transData.transform(dots)
    lp = ax.transData.transform(lines)
    box = ax.get_window_extent()
    h = fontsize * scale * 1.15
    widths = np.array([max(1, len(t)) * fontsize * scale * 0.66 + 2 * scale for t in texts])
    dot_r = 3.5 * scale
    angles = np.deg2rad([0, 180, 45, 315, 135, 225, 90, 270])
    radii = np.array([5, 12, 22, 34, 48, 64]) * scale
    # only the dots a label could touch matter: those within its farthest position (a million dots otherwise)
    reach = float(radii[-1] + widths.max() + h + dot_r) if len(widths) else 0.0
    by_x = dp[np.argsort(dp[:, 0], kind="stable")]
    near_dots = []
    for p in tp:
        lo, hi = np.searchsorted(by_x[:, 0], [p[0] - reach, p[0] + reach])
        window = by_x[lo:hi]
        near_dots.append(window[np.abs(window[:, 1] - p[1]) < reach])
    # in a dense cloud every position covers dots; an even sample of them ranks the positions as well
    near_dots = [d[::-(-len(d) // MAX_NEAR_DOTS)] if len(d) > MAX_NEAR_DOTS else d for d in near_dots]
    crowd = np.array([int(np.sum(np.hypot(*(d - p).T) < 40 * scale)) for d, p in zip(near_dots, tp)])
    placed: list[tuple[float, float, float, float]] = []
    out: list[tuple[float, float, bool]] = [(0.0, 0.0, False)] * len(texts)
    for i in np.argsort(-crowd, kind="stable"):
        px, py = tp[i]
        dp = near_dots[i]
        w = widths[i]
        best, best_cost = None, np.inf
        for r_i, r in enumerate(radii):
            for a in angles:
                c, s = np.cos(a), np.sin(a)
                ax_ = px + r * c
                ay_ = py + r * s
                x0 = ax_ if c > 0.3 else ax_ - w if c < -0.3 else ax_ - w / 2
                y0 = ay_ if s > 0.3 else ay_ - h if s < -0.3 else ay_ - h / 2
                x1, y1 = x0 + w, y0 + h
                cost = r_i * 3.0 + (0.5 if c < -0.3 else 0.0)
                if x0 < box.x0 or x1 > box.x1 or y0 < box.y0 or y1 > box.y1:
                    cost += 1000.0
                for (bx0, by0, bx1, by1) in placed:
                    ox = min(x1, bx1) - max(x0, bx0)
                    oy = min(y1, by1) - max(y0, by0)
                    if ox > 0 and oy > 0:
                        cost += 200.0 + ox * oy / (w * h) * 200.0
                inside = ((dp[:, 0] > x0 - dot_r) & (dp[:, 0] < x1 + dot_r) &
                          (dp[:, 1] > y0 - dot_r) & (dp[:, 1] < y1 + dot_r))
                cost += 40.0 * float(np.sum(inside))
                if r_i > 0:  # a leader line that passes over another dot points at the wrong one
                    cx_, cy_ = (x0 + x1) / 2, (y0 + y1) / 2
                    seg = np.array([cx_ - px, cy_ - py])
                    t_ = np.clip(((dp - (px, py)) @ seg) / max(float(seg @ seg), 1e-9), 0.0, 1.0)
                    near = np.hypot(*(dp - (np.array([px, py]) + np.outer(t_, seg))).T) < dot_r * 1.2
                    near &= np.hypot(*(dp - (px, py)).T) > dot_r  # not its own dot
                    cost += 30.0 * float(np.sum(near))
                crossed = ((lp[:, 0] > x0) & (lp[:, 0] < x1) & (lp[:, 1] > y0 - 1) & (lp[:, 1] < y1 + 1))
                cost += 15.0 if crossed.any() else 0.0
                if cost < best_cost:
                    best, best_cost = (x0, y0, x1, y1, r_i), cost
            if best_cost < 1.0 + r_i * 3.0:  # nothing covered at this distance: no need to go further
                break
        assert best is not None
        x0, y0, x1, y1, r_i = best
        placed.append((x0, y0, x1, y1))
        cx, cy = ax.transData.inverted().transform(((x0 + x1) / 2, (y0 + y1) / 2))
        out[i] = (float(cx), float(cy), r_i > 0 or crowd[i] > 1)
    return out


def _distinct_cells(x: np.ndarray, y: np.ndarray, cells: int) -> tuple[np.ndarray, np.ndarray]:
    """One point per occupied cell of a ``cells`` x ``cells`` grid over the points' range (the first in each):
    at a chart's few hundred pixels a side the picture is the same, with far fewer markers to draw."""
    if len(x) == 0:
        return x, y
    fx = np.nan_to_num((x - np.nanmin(x)) / ((np.nanmax(x) - np.nanmin(x)) or 1.0) * (cells - 1))
    fy = np.nan_to_num((y - np.nanmin(y)) / ((np.nanmax(y) - np.nanmin(y)) or 1.0) * (cells - 1))
    _, first = np.unique(fx.astype(np.int64) * cells + fy.astype(np.int64), return_index=True)
    return x[first], y[first]


def funnel_chart(ind: IndicatorResults) -> tuple[Any, str]:
    """The funnel plot of the funnel the verdicts use, and the caption that says exactly what is drawn."""
    spec, f = ind.spec, ind.chosen
    fig = figure(7.5, 5.6)
    ax = fig.add_subplot()
    curves = funnel_curves(f)
    x = curves["x"].to_numpy()
    ax.plot(x, curves["upper_95"], color=LIMIT_95, linestyle="--", linewidth=1.1, label="95% limits")
    ax.plot(x, curves["lower_95"], color=LIMIT_95, linestyle="--", linewidth=1.1)
    ax.plot(x, curves["upper_99_8"], color=LIMIT_998, linewidth=1.2, label="99.8% limits")
    ax.plot(x, curves["lower_99_8"], color=LIMIT_998, linewidth=1.2)
    ax.axhline(ind.target, color=LIMIT_95, linewidth=0.9, linestyle=":", label="overall value")
    counts = ind.counts
    within = (ind.limits["significance"] == "within").to_numpy()  # same organisations, same order
    many = len(counts) > RASTER_POINTS
    xs = counts["denominator"].to_numpy(dtype=float)[within]
    ys = ind.limits["value"].to_numpy(dtype=float)[within]
    if many:  # dots closer than a third of a pixel are one dot: draw each such cell once
        xs, ys = _distinct_cells(xs, ys, 2000)
    ax.scatter(xs, ys, s=6 if many else 20, color=WITHIN, edgecolors="white", linewidths=0 if many else 0.4,
               zorder=3, label="within the 95% limits", rasterized=many)
    groups: dict[tuple[str, float], list[Flag]] = {}
    for fl in ind.flags:
        groups.setdefault((ind.verdict(fl.direction), fl.level), []).append(fl)
    order = {"worse": 0, "higher": 0, "better": 1, "lower": 1}
    for (verdict, level), members in sorted(groups.items(), key=lambda kv: (order[kv[0][0].split()[0]], -kv[0][1])):
        colour = flag_colour(ind, members[0].direction)
        wide = level == 0.998
        mx = np.fromiter((m.denominator for m in members), float, len(members))
        my = np.fromiter((m.value for m in members), float, len(members))
        if len(members) > RASTER_POINTS:
            mx, my = _distinct_cells(mx, my, 2000)
        ax.scatter(mx, my, s=42 if wide else 26,
                   color=colour, marker="D" if wide else "o", edgecolors=INK if wide else "white",
                   linewidths=0.6, zorder=4, rasterized=len(members) > RASTER_POINTS,
                   label=f"{verdict} (outside {'99.8' if wide else '95'}%)")
    ax.set_xlim(0, float(np.nanmax(x)) * 1.02)
    # the y range shows every organisation and the limits where organisations are, not the limits' extremes at
    # sizes smaller than any organisation's (the curves start at half the smallest)
    there = x >= 0.9 * float(counts["denominator"].min())
    lo = min(float(np.nanmin(ind.limits["value"])), float(np.nanmin(curves["lower_99_8"][there])))
    hi = max(float(np.nanmax(ind.limits["value"])), float(np.nanmax(curves["upper_99_8"][there])))
    pad = 0.06 * (hi - lo or 1.0)
    ax.set_ylim(max(lo - pad, 0.0) if lo >= 0 else lo - pad, hi + pad)
    _style(ax)
    count_axis(ax.xaxis)
    value_axis(ind, ax.yaxis)
    ax.set_xlabel(f"{spec.denominator} (the organisation's size)", color=INK)
    ax.set_ylabel(f"{spec.numerator}, {spec.unit_text()}", color=INK)
    legend_outside(ax, ncol=3, fontsize=8.5)
    names, which = labelled(ind)
    if names:
        hidden = [c for c in ax.collections if c.get_visible()]
        for c in hidden:  # the layout does not need the dots: a million of them would be drawn twice
            c.set_visible(False)
        fig.draw_without_rendering()      # lay the figure out, then keep it: labels are placed in its pixels
        for c in hidden:
            c.set_visible(True)
        fig.set_layout_engine("none")
        pts = np.array([[m.denominator, m.value] for m in names])
        dx, dy = counts["denominator"].to_numpy(dtype=float), ind.limits["value"].to_numpy(dtype=float)
        if many:  # the dots a label could cover, one per occupied cell: the same picture, far fewer to test
            dx, dy = _distinct_cells(dx, dy, 2000)
        dots = np.column_stack([dx, dy])
        lines = np.concatenate([np.column_stack([x, curves[c].to_numpy(dtype=float)]) for c in
                                ("lower_95", "upper_95", "lower_99_8", "upper_99_8")]
                               + [np.column_stack([x, np.full(len(x), ind.target)])])
        texts = [plain_text(m.organisation) for m in names]
        for (px, py), (tx, ty, lead), t in zip(pts, _place_labels(ax, pts, texts, dots, lines, 8.0), texts):
            ax.annotate(t, (px, py), xytext=(tx, ty), textcoords="data", fontsize=8, color=INK, ha="center",
                        va="center", zorder=5,
                        arrowprops={"arrowstyle": "-", "color": "#8c8c8c", "linewidth": 0.6, "shrinkA": 1,
                                    "shrinkB": 2.5} if lead else None)
    adjusted = ind.funnel_adjusted is not None
    caption = (f"Funnel plot: each dot is an organisation, its {spec.numerator} as {spec.unit_text()} against its "
               f"{spec.denominator}. The dotted line is the overall value; the dashed and solid curves are the 95% "
               f"and 99.8% limits{' allowing for overdispersion' if adjusted else ''}. {which[:1].upper()}{which[1:]}.")
    return fig, caption


def _date_axis(ax: Axes, dates: np.ndarray) -> None:
    if np.issubdtype(np.asarray(dates).dtype, np.datetime64):
        span = (np.max(dates) - np.min(dates)).astype("timedelta64[D]").astype(int)
        if span > 2 * 365:
            ax.xaxis.set_major_locator(matplotlib.dates.YearLocator())
            ax.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%Y"))
        else:
            ax.xaxis.set_major_locator(matplotlib.dates.MonthLocator(bymonth=(1, 4, 7, 10)))
            ax.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%b %Y"))
    else:
        ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True, nbins=5))
        ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _p: f"{v:.0f}"))


def spc_chart(ind: IndicatorResults, flags: Sequence[Flag]) -> tuple[Any, str]:
    """Small-multiple XmR charts, one per flagged organisation, with one key below them all."""
    cols = 1 if len(flags) == 1 else 2 if len(flags) <= 4 else 3
    rows = -(-len(flags) // cols)
    fig = figure(7.5 if cols > 1 else 6.0, 1.95 * rows + 0.7)
    axes = fig.subplots(rows, cols, squeeze=False)
    seen: set[str] = set()
    for k, fl in enumerate(flags):
        ax = axes[k // cols][k % cols]
        t = fl.spc.table
        dates = t["date"].to_numpy()
        values = t["value"].to_numpy(dtype=float)
        ax.plot(dates, values, color="#b3b3b3", linewidth=1.0, zorder=1)
        for _, seg in t.groupby("segment", sort=True):
            sd = seg["date"].to_numpy()
            ax.plot(sd, seg["centre"].to_numpy(dtype=float), color=INK, linewidth=0.9, zorder=2)
            for col in ("lower", "upper"):
                ax.plot(sd, seg[col].to_numpy(dtype=float), color=LIMIT_95, linestyle="--", linewidth=0.8, zorder=2)
        variation = t["variation"].astype(object).to_numpy()
        for name, colour in _VARIATION.items():
            mask = variation == name
            if mask.any():
                ax.scatter(dates[mask], values[mask], s=9, color=colour, zorder=3)
                seen.add(name)
        _style(ax)
        ax.tick_params(labelsize=7.5)
        value_axis(ind, ax.yaxis)
        _date_axis(ax, dates)
        ax.set_title(f"{plain_text(fl.organisation)}: {ind.verdict(fl.direction)}", fontsize=8.5, color=INK,
                     loc="left")
    for k in range(len(flags), rows * cols):
        axes[k // cols][k % cols].set_visible(False)
    fig.supylabel(f"{ind.spec.numerator}, {ind.spec.unit_text()}", fontsize=8.5, color=INK)
    handles = [Line2D([], [], color=_VARIATION[v], marker="o", linestyle="", label=v) for v in _VARIATION if v in seen]
    handles += [Line2D([], [], color=INK, linewidth=0.9, label="mean"),
                Line2D([], [], color=LIMIT_95, linestyle="--", linewidth=0.8, label="process limits")]
    fig.legend(handles=handles, loc="outside lower center", ncol=min(len(handles), 3), frameon=False, fontsize=8)
    n = len(flags[0].spc.table)
    caption = (f"XmR charts of {spec_plural(len(flags))}, {ind.periods[0] if ind.periods else ''} to "
               f"{ind.period_label} ({n} periods): the value each period, its mean and process limits (mean ± 2.66 × "
               "the mean moving range), and points coloured by the NHS Making Data Count rules"
               + ("" if ind.spec.better else " (no direction was given, so special causes are neither improvement "
                  "nor concern)") + ".")
    return fig, caption


def spec_plural(n: int) -> str:
    return "the flagged organisation" if n == 1 else f"the {n} flagged organisations"
