"""Directly and indirectly standardised rates (PHEindicatormethods' ``calculate_dsr``, ``calculate_ISRatio`` and
``calculate_ISRate``) for many groups at once, and the built-in European Standard Populations."""
from __future__ import annotations

import functools
import math
import re
from typing import Any, Sequence

import numpy as np
import pandas as pd

from .. import _core
from ._frame import as_levels, column, interval_frame

__all__ = ["dsr", "isr", "standard_population"]

_BUILT_IN = ("ESP2013", "ESP1976")


def standard_population(name: str = "ESP2013") -> pd.DataFrame:
    """The built-in standard population ``name`` as a DataFrame with columns ``age_band`` and ``population``.

    ``"ESP2013"``: the 2013 European Standard Population, 21 bands (0, 1-4, 5-9, ..., 90-94, 95+); ``"ESP1976"``:
    the 1976 one, 18 bands (0-4, ..., 80-84, 85+). Both total 100,000. Bands of your data such as ``0-4`` or
    ``90+`` are matched to unions of these bands by :func:`dsr`.

    Parameters
    ----------
    name : {"ESP2013", "ESP1976"}, default "ESP2013"
        Which standard.

    Returns
    -------
    DataFrame
        ``age_band`` and ``population``, youngest first.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> int(hp.indicators.standard_population("ESP2013")["population"].sum())
    100000
    """
    sp = _core.indicators.standard_population(name)
    return pd.DataFrame({"age_band": list(sp.bands), "population": np.asarray(sp.population)})


def _band_range(label: str) -> tuple[float, float] | None:
    """'0' → (0, 0); '1-4' → (1, 4); '95+' → (95, inf); anything else → None."""
    text = str(label).strip()
    m = re.fullmatch(r"(\d+)\s*(?:-|to)\s*(\d+)", text)
    if m:
        return float(m.group(1)), float(m.group(2))
    m = re.fullmatch(r"(\d+)\s*\+", text)
    if m:
        return float(m.group(1)), math.inf
    m = re.fullmatch(r"(\d+)", text)
    if m:
        return float(m.group(1)), float(m.group(1))
    return None


@functools.lru_cache(maxsize=None)
def _built_in_bands(name: str) -> tuple[list[str], dict[str, float], dict[str, tuple[float, float] | None]]:
    """A built-in standard's band labels, populations and age ranges (read once per process: they never change)."""
    sp = standard_population(name)
    bands = list(sp["age_band"])
    return bands, dict(zip(bands, sp["population"].astype(float))), {b: _band_range(b) for b in bands}


def _standard_for_bands(name: str, labels: Sequence[Any]) -> dict[Any, float]:
    """The standard population of each distinct data band: the built-in band of that label, or the sum of the
    built-in bands that exactly make it up ('0-4' = '0' + '1-4', '90+' = '90-94' + '95+'). DataError naming the
    band otherwise, or when the data's bands do not cover the standard exactly once."""
    bands, pops, ranges = _built_in_bands(name)
    out: dict[Any, float] = {}
    covered: list[tuple[float, float]] = []
    for label in labels:
        key = str(label).strip()
        if key in pops:
            out[label] = pops[key]
            covered.append(ranges[key])  # type: ignore[arg-type]
            continue
        rng = _band_range(key)
        parts = [b for b in bands if rng is not None and ranges[b][0] >= rng[0] and ranges[b][1] <= rng[1]]  # type: ignore[index]
        if (rng is None or not parts or ranges[parts[0]][0] != rng[0]  # type: ignore[index]
                or ranges[parts[-1]][1] != rng[1]):  # type: ignore[index]
            raise _core.DataError(f"age band '{label}' does not match the bands of {name} ({', '.join(bands)}), "
                                  f"nor a union of consecutive ones")
        out[label] = float(sum(pops[b] for b in parts))
        covered.append(rng)
    covered.sort()
    low = 0.0
    for lo, hi in covered:
        if lo != low:
            what = "overlap" if lo < low else "leave a gap"
            raise _core.DataError(f"the data's age bands {what} at age {low:g}: {name} needs bands covering every "
                                  f"age exactly once ({', '.join(bands)})")
        low = hi + 1
    if low != math.inf:
        raise _core.DataError(f"the data's age bands stop at age {low:g}: {name} needs bands covering every age "
                              f"exactly once, up to its open band ({bands[-1]})")
    return out


def _col(data: pd.DataFrame | None, values: Any, name: str) -> np.ndarray:
    """``column`` with a shortcut for a float64 column of a DataFrame (no copy)."""
    if data is not None and isinstance(values, str) and values in data.columns and data[values].dtype == np.float64:
        return data[values].to_numpy()
    return column(data, values, name)


def _runs(values: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Fast grouping when the rows come grouped (each key in one contiguous run, the usual long layout): group
    codes in sorted order of the keys and the sorted keys, from one comparison of neighbours instead of hashing
    every row. None when some key comes back in a later run, or keys are missing or unorderable."""
    n = len(values)
    if n == 0:
        return None
    if values.dtype == object:
        starts = _core.indicators.run_starts(np.ascontiguousarray(values))
    else:
        starts = np.flatnonzero(np.concatenate(([True], values[1:] != values[:-1])))
    keys = values[starts]
    try:
        order = np.argsort(keys, kind="stable")
    except TypeError:
        return None
    sorted_keys = keys[order]
    if len(keys) > 1 and not np.all(sorted_keys[1:] != sorted_keys[:-1]):
        return None  # a key in two runs, or NaN keys (NaN != NaN)
    if pd.isna(sorted_keys).any():
        return None
    rank = np.empty(len(keys), dtype=np.int64)
    rank[order] = np.arange(len(keys), dtype=np.int64)
    lengths = np.diff(np.append(starts, n))
    return np.repeat(rank, lengths), sorted_keys


def _band_codes(labels: Any) -> tuple[np.ndarray, list[Any]]:
    """Band code per row and the distinct band labels; fast when every group lists the same bands in the same
    order (compares with the first run of labels tiled), else a hash factorisation."""
    arr = np.asarray(labels, dtype=object) if not isinstance(labels, pd.Series) else labels.to_numpy(dtype=object)
    n = len(arr)
    if n:
        first = arr[0]
        repeat = np.flatnonzero(arr[1:min(n, 1000)] == first)
        b = int(repeat[0]) + 1 if len(repeat) else n
        head = arr[:b]
        if n % b == 0 and len(set(head.tolist())) == b and not pd.isna(head).any():
            if _core.indicators.is_tiled(np.ascontiguousarray(arr), b):
                return np.tile(np.arange(b, dtype=np.int64), n // b), list(head)
    codes, uniques = pd.factorize(pd.Series(arr), use_na_sentinel=False)
    return codes.astype(np.int64, copy=False), list(uniques)


def _groups(data: pd.DataFrame | None, by: Any, n: int) -> tuple[np.ndarray, pd.DataFrame | None, int]:
    """Group index per row (0..G-1, in sorted order of the keys) and the key frame."""
    if by is None or (isinstance(by, (list, tuple)) and len(by) == 0):
        return np.zeros(n, dtype=np.int64), None, 1
    cols = [by] if isinstance(by, str) else list(by)
    if data is None:
        raise _core.DomainError("by= names columns: give data as a DataFrame")
    missing = [c for c in cols if c not in data.columns]
    if missing:
        raise _core.DataError(f"by: no column {', '.join(map(repr, missing))} in the data")
    if len(cols) == 1:
        fast = _runs(data[cols[0]].to_numpy())
        if fast is not None:
            return fast[0], pd.DataFrame({cols[0]: fast[1]}), len(fast[1])
        codes, uniques = pd.factorize(data[cols[0]], sort=True, use_na_sentinel=False)
        return codes.astype(np.int64, copy=False), pd.DataFrame({cols[0]: uniques}), len(uniques)
    grouped = data.groupby(cols, sort=True, observed=True, dropna=False)
    codes = grouped.ngroup().to_numpy(dtype=np.int64)
    keys = grouped.size().index.to_frame(index=False)
    return codes, keys, len(keys)


def dsr(data: pd.DataFrame | None = None, events: Any = "events", population: Any = "population",
        by: str | Sequence[str] | None = None, standard: Any = "ESP2013", age_band: Any = "age_band",
        confidence_level: float | Sequence[float] = 0.95, multiplier: float = 100000,
        independent_events: bool = True, event_frequency: Any = None) -> pd.DataFrame:
    """Directly standardised rates per group with Dobson confidence limits, as PHEindicatormethods'
    ``calculate_dsr``.

    Rows are (group, age band): ``events`` and ``population`` per band, and the standard population either as a
    column (``standard="my_column"``), an array, or a built-in standard ``"ESP2013"``/``"ESP1976"`` matched to the
    ``age_band`` labels (DataError naming a band that does not match; data bands that are unions of the standard's,
    e.g. ``0-4`` or ``90+``, get the sum). The rate is ``sum(events * standard / population) / sum(standard) *
    multiplier``; the limits are Dobson et al.'s (Stat Med 1991;10:457-62), from Byar's limits for the total count.
    As in the R package, groups with fewer than 10 events get NaN for the value and limits.

    ``independent_events=False``: the rows are (group, age band, event frequency) with ``events`` the number of
    *people* who had ``event_frequency`` events; the variance is then the sum over frequencies of f² times the
    Dobson variance of those people (Fingertips technical guidance), which widens the limits.

    Parameters
    ----------
    data : DataFrame, optional
        One row per (group, age band).
    events, population : str or array-like, default "events", "population"
        Events and population per row (column names of ``data``, or arrays).
    by : str or list of str, optional
        Group columns of ``data``; one output row per group (sorted).
    standard : str or array-like, default "ESP2013"
        The standard population: a column of ``data``, an array per row, or "ESP2013"/"ESP1976".
    age_band : str or array-like, default "age_band"
        The band labels, to match a built-in standard.
    confidence_level : float or sequence of float, default 0.95
        The level of the limits, in (0, 1); ``(0.95, 0.998)`` gives both levels' columns.
    multiplier : float, default 100000
        Rates per this many people.
    independent_events : bool, default True
        False: rows are people with ``event_frequency`` events each (see above).
    event_frequency : str or array-like, optional
        With ``independent_events=False``: the number of events each person in the row had.

    Returns
    -------
    DataFrame
        The group columns, ``total_count``, ``total_pop``, ``value``, the limits (``lower``/``upper``, or
        ``lower_95`` ... ``upper_99_8`` for two levels) and ``method``.

    Examples
    --------
    >>> import pandas as pd, healthyplaces as hp
    >>> esp = hp.indicators.standard_population("ESP1976")
    >>> df = pd.DataFrame({"area": "A", "age_band": esp["age_band"], "events": 20, "population": 10000})
    >>> round(float(hp.indicators.dsr(df, by="area", standard="ESP1976")["value"].iloc[0]), 6)
    200.0
    """
    levels = as_levels(confidence_level)
    x = _col(data, events, "events")
    p = _col(data, population, "population")
    n = len(x)
    codes, keys, n_groups = _groups(data, by, n)
    bands = None
    if isinstance(standard, str) and data is not None and standard in data.columns:
        s = _col(data, standard, "standard")
    elif isinstance(standard, str):
        if standard not in _BUILT_IN:
            raise _core.DomainError(f"standard '{standard}' is neither a column of the data nor a built-in standard "
                                    f"({', '.join(_BUILT_IN)})")
        if isinstance(age_band, str):
            if data is None:
                raise _core.DomainError(f"standard='{standard}' matches the age bands: give age_band= as labels per row "
                                        "(or data with an age_band column)")
            if age_band not in data.columns:
                raise _core.DataError(f"age_band: no column '{age_band}' in the data")
        labels = data[age_band] if isinstance(age_band, str) else pd.Series(age_band)
        band_codes, uniques = _band_codes(labels)
        mapping = _standard_for_bands(standard, uniques)
        s = np.asarray([mapping[u] for u in uniques], dtype=np.float64)[band_codes]
        counts = np.bincount(codes, minlength=n_groups)
        short = np.flatnonzero(counts != len(uniques))
        if independent_events and len(short):
            g = int(short[0])
            where = "" if keys is None else " (" + ", ".join(f"{c}={keys.iloc[g][c]}" for c in keys.columns) + ")"
            raise _core.DataError(f"group {g}{where} has {int(counts[g])} rows; with the {standard} standard every "
                                  f"group needs one row per age band ({len(uniques)})")
        bands = band_codes.astype(np.int64)
    else:
        s = _col(data, standard, "standard")
    if independent_events:
        result = _core.indicators.dsr(codes, x, p, s, n_groups, levels, multiplier)
    else:
        if event_frequency is None:
            raise _core.DomainError("independent_events=False needs event_frequency= (the column of event "
                                    "frequencies; events is then the number of people with that frequency)")
        f = _col(data, event_frequency, "event_frequency")
        if bands is None:
            labels = data[age_band] if (data is not None and isinstance(age_band, str)) else pd.Series(age_band)
            bands = _band_codes(labels)[0]
        order = None
        if n > 1 and np.any(np.diff(codes) < 0):
            order = np.argsort(codes, kind="stable")
        take = (lambda a: a[order]) if order is not None else (lambda a: a)
        result = _core.indicators.dsr_nonindependent(take(codes), take(bands), take(f), take(x), take(p), take(s),
                                                     n_groups, levels, multiplier)
    return interval_frame(result, keys, {"total_count": result.total_count, "total_pop": result.total_population})


def isr(data: pd.DataFrame | None = None, observed: Any = "observed", population: Any = "population",
        reference_events: Any = None, reference_population: Any = None, expected: Any = None,
        by: str | Sequence[str] | None = None, kind: str = "ratio", confidence_level: float | Sequence[float] = 0.95,
        reference_value: float = 1.0, multiplier: float = 100000) -> pd.DataFrame:
    """Indirectly standardised ratios (SMRs) or rates per group, as PHEindicatormethods' ``calculate_ISRatio`` and
    ``calculate_ISRate``.

    Rows are (group, age band) with the ``observed`` events and the local ``population``, and the reference
    events and population for the band (``reference_events``, ``reference_population``: columns or arrays), or
    the ``expected`` counts directly (ratio only). Expected = sum(reference_events / reference_population *
    population). ``kind="ratio"``: O / E * ``reference_value`` (1, or 100 for SMR x 100); ``kind="rate"``: O / E
    times the reference rate sum(reference_events) / sum(reference_population) * ``multiplier``. Limits are exact
    (Poisson, via chi-squared quantiles) below 10 observed events and Byar's at 10 or more (Breslow & Day 1987).

    Parameters
    ----------
    data : DataFrame, optional
        One row per (group, age band).
    observed, population : str or array-like, default "observed", "population"
        Local events and population per row.
    reference_events, reference_population : str or array-like, optional
        The reference (e.g. national) events and population of each band.
    expected : str or array-like, optional
        Expected counts directly, in place of the reference (ratios only).
    by : str or list of str, optional
        Group columns of ``data``; one output row per group (sorted).
    kind : {"ratio", "rate"}, default "ratio"
        An indirectly standardised ratio (SMR) or rate.
    confidence_level : float or sequence of float, default 0.95
        The level of the limits, in (0, 1); ``(0.95, 0.998)`` gives both levels' columns.
    reference_value : float, default 1.0
        The ratio's scale: 1, or 100 for SMR × 100.
    multiplier : float, default 100000
        Rates per this many people (``kind="rate"``).

    Returns
    -------
    DataFrame
        The group columns, ``observed``, ``expected`` (and ``ref_rate`` for rates), ``value``, the limits and
        ``method``.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> out = hp.indicators.isr(observed=[4], expected=[2.0])
    >>> float(out["value"].iloc[0])
    2.0
    """
    levels = as_levels(confidence_level)
    o = _col(data, observed, "observed")
    codes, keys, n_groups = _groups(data, by, len(o))
    if expected is not None:
        if kind != "ratio":
            raise _core.DomainError("kind='rate' needs reference_events and reference_population, not expected")
        e = _col(data, expected, "expected")
        result = _core.indicators.isr_expected(codes, o, e, n_groups, levels, reference_value)
        extra = {"observed": result.observed, "expected": result.expected}
    else:
        if reference_events is None or reference_population is None:
            raise _core.DomainError("give expected=, or reference_events= and reference_population=")
        p = _col(data, population, "population")
        re_ = _col(data, reference_events, "reference_events")
        rp = _col(data, reference_population, "reference_population")
        result = _core.indicators.isr(codes, o, p, re_, rp, n_groups, levels, kind, reference_value, multiplier)
        extra = {"observed": result.observed, "expected": result.expected}
        if kind == "rate":
            extra["ref_rate"] = result.reference_rate
    return interval_frame(result, keys, extra)
