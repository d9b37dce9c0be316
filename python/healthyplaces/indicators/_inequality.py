"""Inequality across deprivation quantiles: the slope and relative index of inequality (PHEindicatormethods'
``phe_sii``) and the assignment of small areas to quantiles (``phe_quantile``). The work is in C++; these wrappers
pick columns, code the ``by=`` groups and shape the DataFrame."""
from __future__ import annotations

import re
import warnings
from typing import Any, Sequence

import numpy as np
import pandas as pd

from .. import _core
from ._frame import as_levels, column, group_keys, level_suffix

__all__ = ["sii", "quantiles"]

_ind = _core.indicators


def _group_codes(data: pd.DataFrame | None, by: str | Sequence[str] | None, n: int,
                 fn: str) -> tuple[np.ndarray, pd.DataFrame | None, int]:
    """Group index per row (0..G-1 in sorted key order) and the key frame (None without ``by=``)."""
    if by is None or (isinstance(by, (list, tuple)) and len(by) == 0):
        return np.zeros(n, dtype=np.int64), None, 1
    keys = group_keys(data, by, fn)
    grouped = data.groupby(keys, sort=True, dropna=False, observed=True)
    codes = grouped.ngroup().to_numpy(dtype=np.int64)
    return codes, grouped.size().index.to_frame(index=False), int(grouped.ngroups)


def _key_text(groups: pd.DataFrame | None, g: int) -> str:
    if groups is None:
        return "all rows"
    row = groups.iloc[g]
    plain = {c: row[c].item() if isinstance(row[c], np.generic) else row[c] for c in groups.columns}
    return ", ".join(f"{c}={v!r}" for c, v in plain.items())


def _name_groups(err: Exception, groups: pd.DataFrame | None, labels: list[Any] | None = None) -> Exception:
    """The C++ message in the caller's words: each 'group N' followed by the group's key, e.g. 'group 1
    (area='E06000002')', and with quantile labels each 'quantile K' as the label coded K."""
    text = str(err)
    if groups is not None:
        text = re.sub(r"group (\d+)", lambda m: f"group {m.group(1)} ({_key_text(groups, int(m.group(1)))})", text)
    if labels is not None:
        text = re.sub(r"quantile (\d+)\b", lambda m: f"quantile {_fmt(labels[int(m.group(1))])}", text)
    return type(err)(text)


def _quantile_codes(data: pd.DataFrame | None, quantile: Any) -> tuple[np.ndarray, list[Any] | None]:
    """Quantiles as numbers that sort in the quantiles' order, and the labels of the codes (None when the numbers
    are the quantiles themselves): numeric quantiles as they are, a categorical by its categories' order, anything
    else by sorted label."""
    q = data[quantile] if data is not None and isinstance(quantile, str) and quantile in data.columns else quantile
    if isinstance(q, str):
        raise _core.DataError(f"sii: no column '{q}' in the data")
    s = q if isinstance(q, pd.Series) else pd.Series(np.asarray(q))
    if isinstance(s.dtype, pd.CategoricalDtype):
        codes = s.cat.codes.to_numpy().astype(np.float64)
        codes[codes < 0] = np.nan
        return codes, list(s.cat.categories)
    if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
        return s.astype("Float64").to_numpy(dtype=float, na_value=np.nan), None
    codes, uniques = pd.factorize(s, sort=True)
    out = codes.astype(np.float64)
    out[codes < 0] = np.nan
    return out, list(uniques)


def sii(quantile: Any, population: Any, value: Any, se: Any = None, lower: Any = None, upper: Any = None,
        value_type: int = 0, data: pd.DataFrame | None = None, by: str | Sequence[str] | None = None,
        confidence_level: float | Sequence[float] = 0.95, rii: bool = False, n_resamples: int = 100000, seed: int = 0,
        threads: int = 0, *, multiplier: float = 1, intercept: bool = False, transform: bool = False,
        reliability_stat: bool = False) -> pd.DataFrame:
    """Slope index of inequality (SII) per group across quantiles, with limits by simulation, as
    PHEindicatormethods' ``phe_sii`` (Low & Low, J Public Health 2004;26:388-95).

    Rows are (group, quantile): the quantile label (1 = most deprived, sorted ascending within each group), its
    ``population``, the indicator ``value`` and either its standard error ``se`` or its 95% limits ``lower`` and
    ``upper`` (then se = (upper - lower) / (2 × 1.96)). Each quantile's relative rank is the midpoint of its share
    of the group's population; the SII is the slope of the population-weighted least-squares line of value on
    rank (fitted value at rank 1 minus rank 0) × ``multiplier``; the RII is fitted(1) / fitted(0), inverted for a
    negative multiplier.

    ``value_type``: 0 any indicator (drawn as normal(value, se)); 1 a rate, 2 a proportion, drawn on the log /
    logit scale (``se`` is then the standard error on that scale; limits are transformed before the se is taken)
    and back-transformed before each refit. ``transform=True`` (rates and proportions, limits required) fits the
    line on the log / logit scale and maps the SII, RII and limits back, as the R package.

    Limits: ``n_resamples`` replicates (at least 1000; default 100,000 as the R package), each quantile's value
    drawn from its sampling distribution and the line refitted; the limits are the replicates' order statistics
    at round(R(1 - c)/2) and round(R(1 + c)/2). The numbers depend on ``seed`` but not on ``threads`` (0 = all
    cores). ``reliability_stat=True`` runs the simulation 10 times and adds ``sii_mad`` (and ``rii_mad``): the
    mean absolute difference of runs 2-10's limits from run 1's.

    Every group must have the same quantiles (at least 2), each once, with population > 0 and no missing numbers:
    a ``DataError`` names the group and quantile otherwise (the R package drops a group that lacks a quantile, with a
    warning).

    Parameters
    ----------
    quantile : array-like or str
        The quantile of each row (1 = most deprived), numbers, labels or a categorical.
    population : array-like or str
        The population of each quantile.
    value : array-like or str
        The indicator's value in each quantile.
    se : array-like or str, optional
        Its standard error (or give ``lower`` and ``upper``).
    lower, upper : array-like or str, optional
        Its 95% confidence limits.
    value_type : {0, 1, 2}, default 0
        0 any indicator, 1 a rate, 2 a proportion (see above).
    data : DataFrame, optional
        The table the column names refer to.
    by : str or list of str, optional
        Group columns of ``data``; one SII per group.
    confidence_level : float or sequence of float, default 0.95
        The level of the limits, in (0, 1); ``(0.95, 0.998)`` gives both levels' columns.
    rii : bool, default False
        Also the relative index of inequality and its limits.
    n_resamples : int, default 100000
        Simulated replicates for the limits (at least 1000).
    seed : int, default 0
        The random seed.
    threads : int, default 0
        Worker threads, 0 = all cores (the numbers do not depend on it).
    multiplier : float, default 1
        Scales the SII; negative flips its polarity.
    intercept : bool, default False
        Also report the fitted value at rank 0.
    transform : bool, default False
        Fit on the log / logit scale (rates and proportions with limits).
    reliability_stat : bool, default False
        Run the simulation 10 times and report the spread of the limits.

    Returns
    -------
    DataFrame
        One row per group: the group columns, ``n_quantiles``, ``value`` (the SII), ``lower``/``upper`` (or
        ``lower_95``, ``upper_95``, ``lower_99_8``, ...), with ``rii=True`` ``rii`` and ``rii_lower``/``rii_upper``
        (or ``rii_lower_95`` ...), with ``intercept=True`` ``intercept`` (fitted value at rank 0 × |multiplier|),
        with ``reliability_stat`` ``sii_mad`` (``sii_mad_95`` ...), and ``method``.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> r = hp.indicators.sii([1, 2, 3, 4, 5], [100, 100, 100, 100, 100], [60, 65, 70, 75, 80],
    ...                       se=[1, 1, 1, 1, 1], n_resamples=1000)
    >>> round(float(r["value"].iloc[0]), 6)
    25.0
    """
    levels = as_levels(confidence_level)
    qcodes, labels = _quantile_codes(data, quantile)
    p = column(data, population, "population")
    v = column(data, value, "value")
    s = column(data, se, "se") if se is not None else None
    lo = column(data, lower, "lower") if lower is not None else None
    hi = column(data, upper, "upper") if upper is not None else None
    codes, groups, n_groups = _group_codes(data, by, len(v), "sii")
    if isinstance(value_type, bool):  # an int to C++, which checks 0, 1 or 2; True is not a value type
        raise TypeError(f"sii: value_type must be 0, 1 or 2, not {value_type!r}")
    try:
        result = _ind.sii(codes, qcodes, p, v, s, lo, hi, n_groups, levels, int(value_type), float(multiplier),
                          n_resamples, bool(rii), bool(transform), bool(reliability_stat), seed,
                          threads)
    except _core.DataError as err:
        raise _name_groups(err, groups, labels) from None

    frame = groups.reset_index(drop=True).copy() if groups is not None else pd.DataFrame(index=range(n_groups))
    frame["n_quantiles"] = np.asarray(result.n_quantiles)
    _limits(frame, result.sii, levels, "", value="value")
    if rii:
        _limits(frame, result.rii, levels, "rii_", value="rii")
    if intercept:
        frame["intercept"] = np.asarray(result.intercept)
    if reliability_stat:
        single = len(levels) == 1
        for i, level in enumerate(levels):
            suffix = "" if single else f"_{level_suffix(level)}"
            frame[f"sii_mad{suffix}"] = np.asarray(result.sii_mad)[i]
            if rii:
                frame[f"rii_mad{suffix}"] = np.asarray(result.rii_mad)[i]
    frame["method"] = pd.Categorical.from_codes(np.zeros(len(frame), dtype=np.int8), [result.sii.method])
    return frame


def _fmt(x: Any) -> str:
    if isinstance(x, (float, np.floating)) and float(x).is_integer():
        return str(int(x))
    return str(x)


def _limits(frame: pd.DataFrame, result: Any, levels: list[float], prefix: str, value: str) -> None:
    frame[value] = np.asarray(result.value)
    lower, upper = np.asarray(result.lower), np.asarray(result.upper)
    if len(levels) == 1:
        frame[f"{prefix}lower"], frame[f"{prefix}upper"] = lower[0], upper[0]
    else:
        for i, level in enumerate(levels):
            suffix = level_suffix(level)
            frame[f"{prefix}lower_{suffix}"], frame[f"{prefix}upper_{suffix}"] = lower[i], upper[i]


def quantiles(values: Any, data: pd.DataFrame | None = None, by: str | Sequence[str] | None = None,
              nquantiles: int = 10, invert: bool | str = True) -> pd.DataFrame:
    """Assign small areas to quantiles (e.g. deprivation deciles) within each ``by=`` group, by OHID's method
    (PHEindicatormethods' ``phe_quantile``; OHID Technical Guide "Assigning Deprivation Categories").

    Within a group of n areas with a value, each is ranked (equal values share the lowest rank) and rank r goes
    to quantile floor((q + 1) - ceil(((n + 1) - r) / (n / q))) (0 raised to 1), q = ``nquantiles``. With
    ``invert=True`` (the default, as the R package) the highest value is ranked first, so quantile 1 holds the
    highest values (e.g. the most deprived by IMD score); ``invert=False`` puts the lowest values in quantile 1.
    ``invert`` may also name a column of ``data`` holding True/False per group (the same within each group).

    Areas with a missing value get no quantile; a group with fewer values than ``nquantiles`` gets none at all,
    with a ``UserWarning`` naming it (as the R package warns).

    Parameters
    ----------
    values : array-like or str
        The score of each area (e.g. IMD score), or a column of ``data``.
    data : DataFrame, optional
        The table the column names refer to.
    by : str or list of str, optional
        Group columns of ``data``: quantiles are assigned within each group.
    nquantiles : int, default 10
        How many quantiles (10: deciles).
    invert : bool or str, default True
        True: quantile 1 holds the highest values; False: the lowest; or a column of True/False per group.

    Returns
    -------
    DataFrame
        ``data`` (a copy) with a ``quantile`` column (pandas ``Int64``, ``<NA>`` where none), or, without ``data``,
        a DataFrame with ``value`` and ``quantile``.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.indicators.quantiles([5, 1, 4, 2, 3], nquantiles=5)["quantile"].tolist()
    [1, 5, 2, 4, 3]
    """
    if isinstance(nquantiles, bool) or not isinstance(nquantiles, (int, np.integer)):
        raise _core.DomainError(f"quantiles: nquantiles must be a whole number >= 1, got {nquantiles!r}")
    v = column(data, values, "values")
    codes, groups, n_groups = _group_codes(data, by, len(v), "quantiles")
    per_group = None
    if isinstance(invert, str):
        if data is None or invert not in data.columns:
            raise _core.DataError(f"quantiles: invert='{invert}' is not a column of the data")
        flags = data[invert].to_numpy()
        if not all(isinstance(x, (bool, np.bool_)) for x in flags):
            raise _core.DataError(f"quantiles: the invert column '{invert}' must hold True/False values")
        flags = flags.astype(bool)
        n_true = np.bincount(codes, weights=flags, minlength=n_groups)
        n_rows = np.bincount(codes, minlength=n_groups)
        mixed = np.flatnonzero((n_true > 0) & (n_true < n_rows))
        if mixed.size:
            g = int(mixed[0])
            raise _core.DataError(f"quantiles: invert must take one value within each group; group "
                                  f"{_key_text(groups, g)} has both True and False")
        per_group = (n_true > 0).astype(np.uint8)
    elif not isinstance(invert, (bool, np.bool_)):
        raise _core.DomainError(f"quantiles: invert must be True, False or a column name, got {invert!r}")
    try:
        res = _ind.quantiles(v, codes, n_groups, int(nquantiles), bool(invert) if per_group is None else True,
                             per_group)
    except _core.DataError as err:
        raise _name_groups(err, groups) from None
    q, too_few = res.quantile, res.too_few
    if len(too_few):
        names = "; ".join(_key_text(groups, int(g)) for g in too_few[:5])
        more = f" and {len(too_few) - 5} more" if len(too_few) > 5 else ""
        warnings.warn(f"quantiles: {len(too_few)} group(s) have fewer than {nquantiles} values, so no quantiles were "
                      f"assigned there: {names}{more}", UserWarning, stacklevel=2)
    out = data.copy() if data is not None else pd.DataFrame({"value": v})
    missing = np.isnan(q)
    out["quantile"] = pd.arrays.IntegerArray(np.where(missing, 0, q).astype(np.int64), missing)
    return out
