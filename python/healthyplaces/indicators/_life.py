"""Life expectancy with confidence limits (PHEindicatormethods' ``phe_life_expectancy``): an abridged life table by
Chiang's method II with Silcocks et al.'s variance for the final open band, for many groups at once and any band
layout (the R package insists on 0, 1-4, 5-9, ..., 85-89, 90+)."""
from __future__ import annotations

import re
from typing import Any, Sequence

import numpy as np
import pandas as pd

from .. import _core
from ._frame import as_levels, column, interval_frame
from ._standardised import _groups

__all__ = ["life_expectancy"]

_OPEN = re.compile(r"\D*?(\d+(?:\.\d+)?)\s*(?:\+|plus|and over|and older|or over|or older|years and over)\s*",
                   re.IGNORECASE)
_CLOSED = re.compile(r"\D*?(\d+(?:\.\d+)?)\s*(?:-|–|—|to)\s*(\d+(?:\.\d+)?)\s*", re.IGNORECASE)
_START = re.compile(r"\D*?(\d+(?:\.\d+)?)\s*")


def _parse_band(label: Any) -> tuple[float, float | None, bool] | None:
    """'1-4' / '10 – 14' → (1, 4, False); '90+' / '90 +' → (90, None, True); '0' or 5 → (0, None, False)."""
    if isinstance(label, (int, float, np.integer, np.floating)) and not isinstance(label, bool):
        return (float(label), None, False) if np.isfinite(label) else None
    text = str(label).strip()
    m = _CLOSED.fullmatch(text)
    if m:
        return float(m.group(1)), float(m.group(2)), False
    m = _OPEN.fullmatch(text)
    if m:
        return float(m.group(1)), None, True
    m = _START.fullmatch(text)
    if m:
        return float(m.group(1)), None, False
    return None


def _band_starts(labels: Any, n: int) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None]:
    """Start age per row, and for labels the end age of closed bands (NaN otherwise) and whether the band is open
    ('90+'). Numbers are start ages as they are."""
    arr = labels.to_numpy() if isinstance(labels, pd.Series) else np.asarray(labels)
    if arr.ndim != 1 or len(arr) != n:
        raise _core.DomainError(f"life_expectancy: age_band has {arr.size} values, deaths has {n}")
    if arr.dtype.kind in "iuf":
        return np.ascontiguousarray(arr, dtype=np.float64), None, None
    codes, uniques = pd.factorize(pd.Series(arr, dtype=object), use_na_sentinel=False)
    start = np.empty(len(uniques))
    end = np.full(len(uniques), np.nan)
    is_open = np.zeros(len(uniques), dtype=bool)
    for i, u in enumerate(uniques):
        parsed = _parse_band(u)
        if parsed is None:
            raise _core.DataError(f"life_expectancy: age band {u!r} is not an age band label; use a start age (0, 1, "
                                  "5, ...) or labels such as '0', '1-4', '5-9', ..., '90+'")
        start[i] = parsed[0]
        end[i] = np.nan if parsed[1] is None else parsed[1]
        is_open[i] = parsed[2]
    return start[codes], end[codes], is_open[codes]


def _where(keys: pd.DataFrame | None, g: int) -> str:
    if keys is None:
        return ""
    return " (" + ", ".join(f"{c}={keys.iloc[g][c]}" for c in keys.columns) + ")"


def life_expectancy(deaths: Any, population: Any, age_band: Any = "age_band", data: pd.DataFrame | None = None,
                    by: str | Sequence[str] | None = None, le_age: Any = None, ax: Any = None,
                    confidence_level: float | Sequence[float] = 0.95, min_population: float = 5000) -> pd.DataFrame:
    """Life expectancy with confidence limits from an abridged life table, as PHEindicatormethods'
    ``phe_life_expectancy``: Chiang's method II, with Silcocks et al.'s variance for the final open band.

    Rows are (group, age band): ``deaths`` and ``population`` (person-years) per band and ``age_band`` either the
    band's start age (0, 1, 5, 10, ..., 90) or a label ('0', '1-4', '5-9', ..., '85-89', '90+'; '10 – 14' and
    '90 +' too). The last band of each group is the open one, whatever its start (85+, 90+, 95+ ...); any
    increasing layout works, and rows may come in any order. With labels, a gap or overlap between a closed band
    and the next (e.g. '5-9' then '15-19') and a closed final band are errors; bare start ages cannot be checked.

    ``ax``: the fraction of each band lived by those who die in it (a column, an array per row or one number),
    default 0.1 in the band starting at age 0 (whatever its width) and 0.5 otherwise; unused in the open band.
    ``le_age``: the starting ages to report (a number or a list, each a band start of every group); default
    every band start, as the R package's ``"all"``.
    ``confidence_level``: any level in (0, 1), or several, e.g. ``(0.95, 0.998)``; z = qnorm(c + (1 - c) / 2).

    As the R package, value and limits are NaN for a group with a band of population 0, a band with
    more deaths than population, a total population <= ``min_population`` (5000), or no deaths in the open
    band; and the value alone is NaN where the 95% interval is wider than 20 years. ``note`` says which ('' if
    none). Negative or missing counts are a ``DataError`` naming the row, group and band.

    Parameters
    ----------
    deaths, population : array-like or str
        Deaths and population (person-years) per (group, age band) row.
    age_band : array-like or str, default "age_band"
        Start ages or band labels per row.
    data : DataFrame, optional
        The table the column names refer to.
    by : str or list of str, optional
        Group columns of ``data``.
    le_age : float or list of float, optional
        The starting ages to report (default every band start).
    ax : float, array-like or str, optional
        The fraction of each band lived by those who die in it.
    confidence_level : float or sequence of float, default 0.95
        The level of the limits, in (0, 1); ``(0.95, 0.998)`` gives both levels' columns.
    min_population : float, default 5000
        A group's total population must exceed this.

    Returns
    -------
    DataFrame
        One row per (group, starting age): the group columns, ``le_age`` (unless a single age was asked for),
        ``pops_used`` and ``dths_used`` (population and deaths from that age up, as the R package's full
        output), ``value``, the limits (``lower``/``upper``, or ``lower_95`` ... ``upper_99_8``), ``method`` and
        ``note``.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> out = hp.indicators.life_expectancy(deaths=[20, 30, 100], population=[10000, 6000, 2000],
    ...                                     age_band=["0-9", "10-19", "20+"])
    >>> out[["le_age", "value", "lower", "upper"]].round(4).values.tolist()
    [[0.0, 38.0382, 34.345, 41.7315], [10.0, 28.7805, 25.0276, 32.5334], [20.0, 20.0, 16.0801, 23.9199]]
    """
    levels = as_levels(confidence_level)
    d = column(data, deaths, "deaths")
    p = column(data, population, "population")
    n = len(d)
    if len(p) != n:
        raise _core.DomainError(f"life_expectancy: population has {len(p)} rows, deaths has {n}")
    if isinstance(age_band, str):
        if data is None:
            raise _core.DomainError(f"life_expectancy: age_band='{age_band}' names a column: give data= as a "
                                    "DataFrame, or age_band= as start ages or labels per row")
        if age_band not in data.columns:
            raise _core.DataError(f"life_expectancy: no column '{age_band}' in the data for age_band=; columns are "
                                  f"{', '.join(map(str, data.columns))}")
        age_band = data[age_band]
    start, end, is_open = _band_starts(age_band, n)
    if ax is None:
        a = None
    elif not isinstance(ax, str) and np.ndim(ax) == 0:
        a = np.full(n, float(ax))  # one fraction for every band (the open band's is unused)
    else:
        a = column(data, ax, "ax")
    if a is not None and len(a) != n:
        raise _core.DomainError(f"life_expectancy: ax has {len(a)} rows, deaths has {n}")
    codes, keys, n_groups = _groups(data, by, n)
    if n_groups == 0:
        raise _core.DataError("life_expectancy: no rows")

    # Sort by group, then start age (stable: a duplicate band keeps its order and is reported below).
    order = None
    if n > 1 and (np.any(np.diff(codes) < 0) or np.any((np.diff(start) <= 0) & (np.diff(codes) == 0))):
        order = np.lexsort((start, codes))
    take = (lambda v: v[order]) if order is not None else (lambda v: v)
    row_of = order if order is not None else np.arange(n)
    s_codes, s_start = take(codes), take(start)
    if not np.all(np.isfinite(s_start)):
        i = int(np.flatnonzero(~np.isfinite(s_start))[0])
        raise _core.DataError(f"life_expectancy: row {row_of[i]}: the age band is missing or not a number")
    dup = np.flatnonzero((s_codes[1:] == s_codes[:-1]) & (s_start[1:] == s_start[:-1]))
    if dup.size:
        i = int(dup[0]) + 1
        g = int(s_codes[i])
        raise _core.DataError(f"life_expectancy: rows {row_of[i - 1]} and {row_of[i]} of group {g}{_where(keys, g)} "
                              f"are both the band starting at age {s_start[i]:g}; give each band once per group")
    if end is not None:
        s_end, s_open = take(end), take(is_open)
        last = np.append(s_codes[1:] != s_codes[:-1], True)
        for i in np.flatnonzero(~last & (np.isfinite(s_end) & (s_end + 1 != np.append(s_start[1:], np.nan)))):
            g = int(s_codes[i])
            what = "a gap" if s_end[i] + 1 < s_start[i + 1] else "an overlap"
            raise _core.DataError(f"life_expectancy: group {g}{_where(keys, g)} has {what} between the band ending "
                                  f"at age {s_end[i]:g} (row {row_of[i]}) and the next, starting at "
                                  f"{s_start[i + 1]:g}; bands must cover every age once")
        for i in np.flatnonzero(~last & s_open):
            g = int(s_codes[i])
            raise _core.DataError(f"life_expectancy: group {g}{_where(keys, g)}: the open band starting at "
                                  f"{s_start[i]:g} (row {row_of[i]}) is not its last band")
        for i in np.flatnonzero(last & np.isfinite(s_end)):
            g = int(s_codes[i])
            raise _core.DataError(f"life_expectancy: group {g}{_where(keys, g)}: its last band (row {row_of[i]}, "
                                  f"ending at age {s_end[i]:g}) must be the open one, e.g. '{s_start[i]:g}+'")

    single = le_age is not None and np.ndim(le_age) == 0
    ages: list[float] = []
    if le_age is not None:
        for v in ([le_age] if single else list(le_age)):
            parsed = _parse_band(v)
            if parsed is None:
                raise _core.DataError(f"life_expectancy: le_age {v!r} is not an age")
            ages.append(parsed[0])
    try:
        result = _core.indicators.life_expectancy(s_codes, s_start, take(d), take(p), None if a is None else take(a),
                                                  n_groups, levels, ages, float(min_population))
    except _core.Error as e:  # name the caller's rows and groups, not the sorted ones
        text = re.sub(r"\brow (\d+)", lambda m: f"row {row_of[int(m.group(1))]}", str(e))
        text = re.sub(r"\bgroup (\d+)", lambda m: f"group {m.group(1)}{_where(keys, int(m.group(1)))}", text)
        raise type(e)(text) from None

    group_rows = np.asarray(result.group)
    out_keys = None if keys is None else keys.iloc[group_rows].reset_index(drop=True)
    extra: dict[str, Any] = {}
    if not single:
        extra["le_age"] = np.asarray(result.le_age)
    extra["pops_used"] = result.population_used
    extra["dths_used"] = result.deaths_used
    frame = interval_frame(result, out_keys, extra)
    notes = _core.indicators.life_expectancy_notes()
    frame["note"] = pd.Categorical.from_codes(np.asarray(result.note_code, dtype=np.int8), notes)
    return frame
