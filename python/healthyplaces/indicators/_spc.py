"""XmR statistical process control charts by NHS England's "Making Data Count" rules, as the R package
NHSRplotthedots (``ptd_spc``) computes them. The rules run in C++; this wrapper turns dates into integer time
indices at the series' own frequency (so a missing month is seen as a gap), sorts, validates, warns, and shapes
the result as a DataFrame."""
from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np
import pandas as pd

from .. import _core
from .._result import Result, Summary, fmt_int, fmt_number
from ..io import DataWarning
from ._frame import column
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # matplotlib is imported when a chart is drawn, not on import
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["XmrResult", "xmr"]

_ind = _core.indicators

RULES = ["", "outside limits", "trend", "two of three", "shift"]
VARIATIONS = ["common cause", "special cause improvement", "special cause concern", "special cause neither"]
#: NHSRplotthedots warns when a segment has fewer than this many points ("trial limits").
SHORT_SEGMENT = 13


def _improvement(improvement: Any) -> str:
    """None means "neither"; the names are checked in C++ (parse_improvement)."""
    return "neither" if improvement is None else str(improvement)


def _time_index(dates: pd.Series) -> tuple[np.ndarray, int, str]:
    """Integer time indices for sorted, distinct dates, the expected step between them (the usual one, from C++),
    and the unit's name. Dates on one day of the month (or all month ends) count in months; midnight dates in days;
    else seconds."""
    t, unit = _time_units(dates)
    return t, int(_ind.usual_time_step(t)), unit


def _time_units(dates: pd.Series) -> tuple[np.ndarray, str]:
    if pd.api.types.is_integer_dtype(dates.dtype):
        return dates.to_numpy(dtype=np.int64), "period"
    d = pd.DatetimeIndex(dates)
    if len(d) >= 2 and (d.normalize() == d).all() and (d.day.nunique() == 1 or d.is_month_end.all()):
        return d.year.to_numpy(dtype=np.int64) * 12 + d.month.to_numpy(dtype=np.int64), "month"
    if (d.normalize() == d).all():
        return d.to_numpy(dtype="datetime64[D]").astype(np.int64), "day"
    return d.to_numpy(dtype="datetime64[s]").astype(np.int64), "second"


def _numbers(data: pd.DataFrame | None, values: Any) -> np.ndarray:
    """The values as float64 (missing ones NaN); text that is not a number is a DataError naming its row."""
    try:
        return column(data, values, "values")
    except (TypeError, ValueError) as err:
        if isinstance(err, _core.Error):
            raise
        raw = pd.Series(data[values] if data is not None and isinstance(values, str) else list(values))
        parsed = pd.to_numeric(raw, errors="coerce")
        bad = np.flatnonzero(parsed.isna().to_numpy() & raw.notna().to_numpy())
        row = int(bad[0]) if bad.size else 0
        raise _core.DataError(f"xmr: row {row} has value {raw.iloc[row]!r}, which is not a number (leave a "
                              "missing value as NaN or None)") from None


def _dates(raw: Any, n: int) -> pd.Series:
    """Dates as a datetime (or integer period) Series; a value that is not a date is a DataError naming its row."""
    s = pd.Series(raw).reset_index(drop=True)
    if len(s) != n:
        raise _core.DataError(f"xmr: {n} values but {len(s)} dates; give one date per value")
    if pd.api.types.is_integer_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype):
        return s.astype(np.int64)
    if pd.api.types.is_numeric_dtype(s.dtype) or pd.api.types.is_bool_dtype(s.dtype):
        bad = np.flatnonzero(~np.isfinite(s.to_numpy(dtype=float)) | (s.to_numpy(dtype=float) % 1 != 0))
        if bad.size:
            raise _core.DataError(f"xmr: row {bad[0]} has date {s.iloc[bad[0]]!r}; dates must be dates or whole "
                                  "period numbers")
        return s.astype(np.int64)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = pd.to_datetime(s, errors="coerce")
    bad = np.flatnonzero(parsed.isna().to_numpy())
    if bad.size:
        raise _core.DataError(f"xmr: row {bad[0]} has date {s.iloc[bad[0]]!r}, which is not a date; every value "
                              "needs a date")
    if getattr(parsed.dt, "tz", None) is not None:
        parsed = parsed.dt.tz_localize(None)
    return parsed


def _rebase_points(rebase: Any, dates: pd.Series | None, n: int) -> list[int]:
    """Rebase dates (or positions in the date-sorted series) as positions where a new segment starts."""
    if rebase is None:
        return []
    items = [rebase] if np.ndim(rebase) == 0 or isinstance(rebase, str) else list(rebase)
    out = []
    for item in items:
        if isinstance(item, (int, np.integer)) and not isinstance(item, (bool, np.bool_)) and (
                dates is None or not pd.api.types.is_integer_dtype(dates.dtype)):
            out.append(int(item))
            continue
        if dates is None:
            raise _core.DomainError(f"xmr: rebase {item!r} is a date but the series has no dates; give positions "
                                    "(0, 1, ...) or dates=")
        if pd.api.types.is_integer_dtype(dates.dtype):
            where = np.flatnonzero(dates.to_numpy() == int(item))
        else:
            try:
                when = pd.Timestamp(item)
            except (ValueError, TypeError):
                raise _core.DomainError(f"xmr: rebase {item!r} is not a date or a position") from None
            where = np.flatnonzero((dates == when).to_numpy())
        if where.size == 0:
            raise _core.DomainError(f"xmr: rebase date {item!s} is not one of the series' dates "
                                    f"({_fmt(dates.iloc[0])} to {_fmt(dates.iloc[-1])}); rebase at an observed date")
        out.append(int(where[0]))
    return out


def _fmt(x: Any) -> str:
    return x.strftime("%Y-%m-%d") if isinstance(x, pd.Timestamp) and x == x.normalize() else str(x)


@dataclass(eq=False)
class XmrResult(Result):
    """An XmR chart: per-point ``table``, per-segment ``segments``, the current ``centre`` and ``limits``
    (the last segment's), ``assurance`` against a target, and the ``missing`` values and time ``gaps`` found.

    ``to_frame()`` gives one row per segment (its centre line, process limits and the count of each kind of
    variation), ``summary()`` the same as a printable table, ``plot()`` the chart. Made by :func:`xmr`.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> r = hp.indicators.xmr(list(range(20)), improvement="increase")
    >>> r.to_frame()[["n", "special_cause_improvement"]].values.tolist()
    [[20, 13]]
    """

    table: pd.DataFrame
    segments: pd.DataFrame
    assurance: str | None
    missing: pd.DataFrame
    gaps: pd.DataFrame
    improvement: str
    target: float | None
    options: dict[str, Any]
    label: str = ""          # the quantity and its unit, for the chart's value axis
    date_label: str = ""     # what the dates are (e.g. "month"), for the chart's time axis

    @property
    def centre(self) -> float:
        """The centre line (mean) of the last segment."""
        return float(self.segments["centre"].iloc[-1])

    @property
    def limits(self) -> tuple[float, float]:
        """(lower, upper) process limits of the last segment."""
        last = self.segments.iloc[-1]
        return float(last["lower"]), float(last["upper"])

    def to_frame(self) -> pd.DataFrame:
        """One row per segment: its dates, points, centre and limits, the count of each variation category,
        the variation of its last point (the variation icon) and, for the last segment, the assurance."""
        t = self.table
        rows = []
        for k, seg in self.segments.iterrows():
            part = t[t["segment"] == seg["segment"]]
            counts = part["variation"].value_counts()
            last = part["variation"].dropna()
            rows.append({
                "segment": int(seg["segment"]), "start": part["date"].iloc[0], "end": part["date"].iloc[-1],
                "n": len(part), "centre": seg["centre"], "lower": seg["lower"], "upper": seg["upper"],
                **{v.replace(" ", "_"): int(counts.get(v, 0)) for v in VARIATIONS},
                "missing": int(part["value"].isna().sum()),
                "variation": last.iloc[-1] if len(last) else None,
                "assurance": self.assurance if k == len(self.segments) - 1 else None,
            })
        return pd.DataFrame(rows)

    def summary(self) -> Summary:
        """The per-segment table of :meth:`to_frame` as a printable summary, with notes on missing values, gaps
        and the assurance against the target."""
        frame = self.to_frame()
        for col in ("start", "end"):
            frame[col] = [_fmt(v) if isinstance(v, pd.Timestamp) else str(v) for v in frame[col]]
        frame["assurance"] = frame["assurance"].fillna("").astype(str)
        frame["variation"] = frame["variation"].fillna("").astype(str)
        counts = {c: fmt_int for c in ("segment", "n", "missing", *[v.replace(" ", "_") for v in VARIATIONS])}
        title = f"XmR chart{': ' + self.label if self.label else ''} (improvement: {self.improvement})"
        notes = []
        if len(self.missing):
            notes.append(f"{len(self.missing)} missing value(s): no moving range is taken across them")
        if len(self.gaps):
            notes.append(f"{len(self.gaps)} gap(s) in time: no moving range is taken across them")
        if self.target is not None:
            notes.append(f"target {fmt_number(self.target)}: {self.assurance}")
        return Summary.of(title, frame, notes=notes, formats=counts)

    def plot(self, ax: Axes | None = None, title: str | None = None, y_label: str | None = None) -> Figure:
        """The chart as a matplotlib Figure (see ``healthyplaces.plot.spc``).

        Parameters
        ----------
        ax : matplotlib Axes, optional
            Draw into these axes; a new figure otherwise.
        title : str, optional
            The chart's title.
        y_label : str, optional
            The value axis' label (default: ``label`` given to :func:`xmr`, or the value column's name).

        Returns
        -------
        matplotlib.figure.Figure
        """
        from ._spc_plot import plot_xmr
        return plot_xmr(self, ax=ax, title=title, y_label=y_label)

    def __repr__(self) -> str:
        lo, hi = self.limits
        special = int((self.table["rule"] != "").sum())
        return (f"XmrResult({len(self.table)} points, {len(self.segments)} segment(s), centre {self.centre:.6g}, "
                f"limits {lo:.6g} to {hi:.6g}, {special} special-cause point(s), assurance {self.assurance}, "
                f"{len(self.missing)} missing, {len(self.gaps)} gap(s))")


def xmr(values: Any = None, dates: Any = None, data: pd.DataFrame | None = None, value: str | None = None,
        date: str | None = None, improvement: str | None = "increase", target: float | None = None,
        rebase: Any = None, fix_after: int | None = None, screen_outliers: bool = False, shift_length: int = 7,
        trend_length: int = 7, label: str | None = None) -> XmrResult:
    """An XmR (individuals and moving range) chart with NHS "Making Data Count" special-cause rules.

    The centre line is the mean of the baseline; the process limits are mean ± 2.66 × the mean moving range
    and the 2-sigma lines mean ± 1.773 × (2/3 of 2.66). Special causes, in the NHS order of precedence (a point
    shows only the first that applies): ``"outside limits"``; ``"trend"``, part of ``trend_length`` (7) or more
    points each strictly above (or below) the one before, equal values break a trend; ``"two of three"``,
    two of three consecutive points on one side of the centre line between the 2-sigma line and the limit;
    ``"shift"``, part of ``shift_length`` (7) or more points on one side of the centre line, a point on the line
    breaks it. ``improvement`` ("increase", "decrease" or None) makes each special cause an improvement or a
    concern; ``target`` gives ``assurance`` ("consistently passes", "consistently fails", "hit and miss") from
    the last segment's limits. ``rebase`` (dates or positions) starts new segments with their own limits;
    ``fix_after=n`` takes each segment's limits from its first n points. ``screen_outliers=True`` leaves out
    moving ranges of 3.267 × the mean moving range or more (NHSRplotthedots does this by default).

    Dates are sorted; a repeated date is an error. A missing value (NaN) or a missing period (a date further
    from the previous one than the series' usual step: a month, a week, ...) is a break: no moving range is
    taken across it and no run, trend or two-of-three window spans it. Both are listed in ``missing`` and
    ``gaps`` and raise a ``healthyplaces.DataWarning``, as do segments of fewer than 13 points (trial limits).

    Parameters
    ----------
    values : array-like or Series, optional
        The measurements in time order (a Series with a DatetimeIndex carries its dates).
    dates : array-like, optional
        A date (or whole period number) per value; positions 0, 1, ... otherwise.
    data : DataFrame, optional
        A table with the ``value`` and ``date`` columns.
    value, date : str, optional
        Column names of ``data``.
    improvement : {"increase", "decrease", None}, default "increase"
        Which direction is better; None: neither.
    target : float, optional
        A target to give the assurance against.
    rebase : dates or positions, optional
        Where new segments, with their own limits, start.
    fix_after : int, optional
        Take each segment's limits from its first ``fix_after`` points.
    screen_outliers : bool, default False
        Leave out moving ranges of 3.267 × the mean moving range or more.
    shift_length, trend_length : int, default 7
        Points in a run (shift) or trend that make a special cause.
    label : str, optional
        The quantity and its unit, for the chart's value axis (e.g. "% seen within four hours"); default the
        ``value`` column's (or Series') name.

    Returns
    -------
    XmrResult
        ``table`` (date, value, centre, lower, upper, moving_range, rule, variation, segment per point),
        ``segments``, ``centre``, ``limits``, ``assurance``, ``missing`` and ``gaps``.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> r = hp.indicators.xmr([5, 6, 5, 7, 6, 5, 6, 7, 6, 5, 6, 7, 12, 6], improvement="decrease")
    >>> round(r.centre, 4), [round(x, 4) for x in r.limits]
    (6.3571, [1.651, 11.0633])
    >>> r.table.loc[12, "rule"], r.table.loc[12, "variation"]
    ('outside limits', 'special cause concern')
    """
    if values is None and value is None:
        raise _core.DomainError("xmr: give values (an array) or data= with value= (a column name)")
    if dates is None and date is None and isinstance(values, pd.Series) and isinstance(values.index, pd.DatetimeIndex):
        dates = values.index  # a time series carries its dates
    y = _numbers(data, value if values is None else values)
    n = y.size
    d = None
    raw_dates = date if dates is None else dates
    if raw_dates is not None:
        if data is not None and isinstance(raw_dates, str):
            if raw_dates not in data.columns:
                raise _core.DataError(f"xmr: no column '{raw_dates}' in the data; columns are "
                                      f"{', '.join(map(str, data.columns))}")
            raw_dates = data[raw_dates]
        d = _dates(raw_dates, n)
        order = np.argsort(d.to_numpy(), kind="stable")
        sd = d.iloc[order].reset_index(drop=True)
        same = np.flatnonzero((sd.iloc[1:].to_numpy() == sd.iloc[:-1].to_numpy()))
        if same.size:
            a, b = sorted((int(order[same[0]]), int(order[same[0] + 1])))
            raise _core.DataError(f"xmr: rows {a} and {b} have the same date {_fmt(sd.iloc[same[0]])}; each date "
                                  "may appear once (sum or average them first)")
        y, d = y[order], sd
    rebase_at = _rebase_points(rebase, d, n)
    if d is None:
        t, step, unit = np.zeros(0, dtype=np.int64), 1, "point"
    else:
        t, step, unit = _time_index(d)
    how = _improvement(improvement)
    for name, v in (("fix_after", fix_after), ("shift_length", shift_length), ("trend_length", trend_length)):
        if v is not None and (not float(v).is_integer()):
            raise _core.DomainError(f"xmr: {name} must be a whole number of points, got {v!r}")
    r = _ind.xmr(y, t, how, float("nan") if target is None else float(target), rebase_at,
                 0 if fix_after is None else int(fix_after), bool(screen_outliers), int(shift_length),
                 int(trend_length), step)

    date_col = pd.Series(np.arange(n)) if d is None else d
    table = pd.DataFrame({
        "date": date_col, "value": y, "centre": r["centre"], "lower": r["lower"], "upper": r["upper"],
        "moving_range": r["moving_range"],
        "rule": pd.Categorical.from_codes(r["rule"], RULES),
        "variation": pd.Categorical.from_codes(r["variation"].astype(np.int64) - 1, VARIATIONS),
        "segment": r["segment"],
    })
    segments = pd.DataFrame(r["segments"])
    segments.insert(0, "segment", np.arange(len(segments)))
    segments.insert(1, "start_date", date_col.iloc[segments["start"].to_numpy()].to_numpy())
    missing = pd.DataFrame({"position": r["missing"], "date": date_col.iloc[r["missing"]].to_numpy()})
    gi = r["gaps"]
    gaps = pd.DataFrame({
        "position": gi,
        "after": date_col.iloc[gi - 1].to_numpy() if gi.size else date_col.iloc[:0].to_numpy(),
        "before": date_col.iloc[gi].to_numpy() if gi.size else date_col.iloc[:0].to_numpy(),
        "missing_periods": r["missing_periods"],
    })
    assurance = r["assurance"] or None
    how = r["improvement"]  # the canonical name ("neutral" is "neither")
    options = {"improvement": how, "target": target, "rebase": rebase_at, "fix_after": fix_after,
               "screen_outliers": bool(screen_outliers), "shift_length": int(shift_length),
               "trend_length": int(trend_length), "time_step": step, "time_unit": unit}

    if len(missing):
        warnings.warn(f"xmr: {len(missing)} missing value(s), first at {'position ' if d is None else ''}{_fmt(missing['date'].iloc[0])}: no moving "
                      "range is taken across them and runs and trends stop at them (see .missing)", DataWarning,
                      stacklevel=2)
    if len(gaps):
        usual = f"{step} {unit}{'s' if step != 1 else ''}"
        warnings.warn(f"xmr: {len(gaps)} gap(s) in the dates (the usual step is {usual}), first between "
                      f"{_fmt(gaps['after'].iloc[0])} and {_fmt(gaps['before'].iloc[0])}: no moving range is "
                      "taken across them and runs and trends stop at them (see .gaps)", DataWarning, stacklevel=2)
    short = segments.index[segments["size"] < SHORT_SEGMENT].tolist()
    if short:
        warnings.warn(f"xmr: segment(s) {', '.join(map(str, short))} have fewer than {SHORT_SEGMENT} points: "
                      "their limits are trial limits (NHSRplotthedots warns likewise)", DataWarning, stacklevel=2)
    name = label if label is not None else (value if isinstance(value, str) else
                                            getattr(values, "name", None) if isinstance(values, pd.Series) else None)
    when = {"month": "month", "day": "date", "second": "date and time"}.get(unit, "point, in time order")
    if unit == "period":  # whole period numbers: the column's name says what they count (a year, a week)
        named = date if isinstance(date, str) else getattr(dates, "name", None)
        when = str(named) if isinstance(named, str) and named not in ("", "period", "date") else "period number"
    return XmrResult(table, segments, assurance, missing, gaps, how, target, options,
                     label=str(name) if name is not None else "", date_label=when)
