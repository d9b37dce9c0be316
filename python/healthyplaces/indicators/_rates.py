"""Proportions, crude rates, means and rate/risk ratios with confidence intervals (PHEindicatormethods'
``phe_proportion``, ``phe_rate`` and ``phe_mean``), for many groups at once. The work is one C++ pass per call;
these wrappers only pick columns, sum rows within ``by=`` groups and shape the DataFrame. ``proportion`` and
``rate`` get their numbers as one float64 block filled by C++ and return a DataFrame over it without a copy."""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import pandas as pd

from .. import _core
from ._frame import as_levels, block_frame, categories, column, group_keys, interval_frame, one_category

__all__ = ["proportion", "rate", "mean", "rate_ratio", "risk_ratio"]

_ind = _core.indicators


def _inputs(data: pd.DataFrame | None, by: str | Sequence[str] | None, fn: str,
            named: dict[str, Any]) -> tuple[pd.DataFrame | None, dict[str, np.ndarray]]:
    """The float64 columns for ``named`` ({argument name: array or column name}); with ``by=``, summed within
    the groups (sorted by key) and the group keys as a DataFrame. NaN rows are an error before summing."""
    scalar = {k for k, v in named.items() if not isinstance(v, str) and np.ndim(v) == 0}
    cols = {k: column(data, np.atleast_1d(v) if k in scalar else v, k) for k, v in named.items()}
    if by is None:
        return None, cols
    keys = group_keys(data, by, fn)
    for k, v in cols.items():
        bad = np.flatnonzero(np.isnan(v))
        if bad.size:
            raise _core.DataError(f"{fn}: row {bad[0]} has {k} nan; counts must be numbers (drop or fill the row)")
    frame = pd.DataFrame({k: data[k].to_numpy() for k in keys})
    for k, v in cols.items():
        frame[f"__{k}"] = v
    summed = frame.groupby(keys, sort=True, dropna=False, observed=True).sum()
    groups = summed.index.to_frame(index=False)
    return groups, {k: summed[f"__{k}"].to_numpy(dtype=np.float64) for k in cols}


def proportion(numerator: Any, denominator: Any, confidence_level: float | Sequence[float] = 0.95, method: str = "wilson",
               multiplier: float = 1, data: pd.DataFrame | None = None,
               by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """Proportions with confidence limits, one row per group.

    ``method="wilson"`` gives the Wilson score interval (Wilson 1927; Newcombe 1998), as PHEindicatormethods'
    ``phe_proportion``; ``"exact"`` the Clopper–Pearson interval from beta quantiles. ``multiplier=100`` gives
    percentages. Numerators above their denominator, negative counts and zero denominators are a ``DataError``
    naming the group, as are exact limits of totals above 1e15 and others Boost cannot compute (from about 1e11).

    Parameters
    ----------
    numerator, denominator : array-like or str
        Counts (or column names of ``data``).
    confidence_level : float or sequence of float, default 0.95
        The level of the limits, in (0, 1); ``(0.95, 0.998)`` gives both levels' columns.
    method : {"wilson", "exact"}, default "wilson"
        The interval.
    multiplier : float, default 1
        The reported scale: 100 for per cent.
    data : DataFrame, optional
        The table the column names refer to.
    by : str or list of str, optional
        Group columns of ``data``: the rows of each group are summed first, one output row per group (sorted).

    Returns
    -------
    DataFrame
        One row per group: the group columns, ``numerator``, ``denominator``, ``value``, ``lower``/``upper`` (or ``lower_95``,
        ``upper_95``, ``lower_99_8``, ``upper_99_8`` for two levels) and ``method``.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.indicators.proportion([65], [100]).round(4)[["value", "lower", "upper"]].values.tolist()
    [[0.65, 0.5525, 0.7364]]
    """
    groups, c = _inputs(data, by, "proportion", {"numerator": numerator, "denominator": denominator})
    levels = as_levels(confidence_level)
    block, how = _ind.proportion(c["numerator"], c["denominator"], levels, method, float(multiplier))
    return block_frame(block, ["numerator", "denominator"], levels, one_category(block.shape[1], how), groups)


def rate(events: Any, population: Any, multiplier: float = 100000, confidence_level: float | Sequence[float] = 0.95,
         method: str = "auto", data: pd.DataFrame | None = None, by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """Crude rates per ``multiplier`` with Poisson confidence limits, one row per group.

    ``method="auto"`` follows PHEindicatormethods' ``phe_rate``: exact limits from chi-square quantiles
    (Armitage & Berry 2002) below 10 events, Byar's approximation (Breslow & Day 1987) at 10 or more; the
    ``method`` column then says "Exact" or "Byars" per row. ``"exact"`` or ``"byars"`` forces one method.
    Counts up to 1e300 are accepted; exact limits of counts from 1e9 use the Cornish–Fisher expansion of the
    chi-square quantile (within ~1e-15 of it at usual levels).

    Parameters
    ----------
    events, population : array-like or str
        Counts of events and the population (person-years) they arose in.
    multiplier : float, default 100000
        Rates per this many people.
    confidence_level : float or sequence of float, default 0.95
        The level of the limits, in (0, 1); ``(0.95, 0.998)`` gives both levels' columns.
    method : {"auto", "exact", "byars"}, default "auto"
        The interval.
    data : DataFrame, optional
        The table the column names refer to.
    by : str or list of str, optional
        Group columns of ``data``: the rows of each group are summed first, one output row per group (sorted).

    Returns
    -------
    DataFrame
        One row per group: the group columns, ``events``, ``population``, ``value``, ``lower``/``upper`` (or ``lower_95``,
        ``upper_95``, ``lower_99_8``, ``upper_99_8`` for two levels) and ``method``.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.indicators.rate([65], [100000]).round(3)[["value", "lower", "upper"]].values.tolist()
    [[65.0, 50.163, 82.849]]
    """
    groups, c = _inputs(data, by, "rate", {"events": events, "population": population})
    levels = as_levels(confidence_level)
    block, how, byars = _ind.rate(c["events"], c["population"], levels, method, float(multiplier))
    kind = one_category(block.shape[1], how) if byars is None else categories(byars, ["Exact", "Byars"])
    return block_frame(block, ["events", "population"], levels, kind, groups)


def mean(values: Any, data: pd.DataFrame | None = None, by: str | Sequence[str] | None = None,
         confidence_level: float | Sequence[float] = 0.95) -> pd.DataFrame:
    """Means with Student's t confidence limits, mean ± t(n−1)·sd/√n (PHEindicatormethods' ``phe_mean``), one
    row per ``by=`` group (or one row for all values). Columns ``n`` and ``sd`` come with the limits; a
    group with fewer than two values, or a missing value, is a ``DataError`` naming it.

    Parameters
    ----------
    values : array-like or str
        The values (or a column of ``data``); not summed, one row per observation.
    data : DataFrame, optional
        The table the column names refer to.
    by : str or list of str, optional
        Group columns of ``data``: one output row per group.
    confidence_level : float or sequence of float, default 0.95
        The level of the limits, in (0, 1); ``(0.95, 0.998)`` gives both levels' columns.

    Returns
    -------
    DataFrame
        One row per group: the group columns, ``n``, ``sd``, ``value``, ``lower``/``upper`` (or ``lower_95``,
        ``upper_95``, ``lower_99_8``, ``upper_99_8`` for two levels) and ``method``.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.indicators.mean([1, 2, 3, 4, 10]).round(4)[["value", "lower", "upper"]].values.tolist()
    [[4.0, -0.3899, 8.3899]]
    """
    v = column(data, values, "values")
    if by is None:
        groups, codes, n_groups = None, np.zeros(v.size, dtype=np.int64), 1
    else:
        keys = group_keys(data, by, "mean")
        grouped = data.groupby(keys, sort=True, dropna=False, observed=True)
        codes = grouped.ngroup().to_numpy(dtype=np.int64)
        groups = grouped.size().index.to_frame(index=False)
        n_groups = len(groups)
    result = _ind.mean(v, codes, n_groups, as_levels(confidence_level))
    return interval_frame(result, groups, {"n": result.n.astype(np.int64), "sd": result.sd})


def rate_ratio(events1: Any, population1: Any, events2: Any, population2: Any,
               confidence_level: float | Sequence[float] = 0.95, method: str = "log", data: pd.DataFrame | None = None,
               by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """Rate ratios (events1/population1) / (events2/population2) with confidence limits, one row per group.

    ``method="log"``: the Wald interval on the log scale, SE = √(1/events1 + 1/events2) (needs events on
    both sides). ``"exact"``: the exact conditional interval, Clopper–Pearson limits for the share of events
    in group 1, p, mapped to p/(1−p) · population2/population1 (a zero count gives a limit of 0 or infinity).

    Parameters
    ----------
    events1, population1, events2, population2 : array-like or str
        Events and populations of the two groups compared.
    confidence_level : float or sequence of float, default 0.95
        The level of the limits, in (0, 1); ``(0.95, 0.998)`` gives both levels' columns.
    method : {"log", "exact"}, default "log"
        The interval.
    data : DataFrame, optional
        The table the column names refer to.
    by : str or list of str, optional
        Group columns of ``data``: the rows of each group are summed first, one output row per group (sorted).

    Returns
    -------
    DataFrame
        One row per group: the group columns, the four inputs, ``value``, ``lower``/``upper`` (or ``lower_95``,
        ``upper_95``, ``lower_99_8``, ``upper_99_8`` for two levels) and ``method``.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.indicators.rate_ratio(30, 1000, 20, 2000).round(4)[["value", "lower", "upper"]].values.tolist()
    [[3.0, 1.7037, 5.2825]]
    """
    named = {"events1": events1, "population1": population1, "events2": events2, "population2": population2}
    groups, c = _inputs(data, by, "rate_ratio", named)
    result = _ind.rate_ratio(c["events1"], c["population1"], c["events2"], c["population2"], as_levels(confidence_level),
                             method)
    return interval_frame(result, groups, c)


def risk_ratio(numerator1: Any, denominator1: Any, numerator2: Any, denominator2: Any,
               confidence_level: float | Sequence[float] = 0.95, data: pd.DataFrame | None = None,
               by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """Risk ratios (numerator1/denominator1) / (numerator2/denominator2) with log-method limits (Katz et al.
    1978): SE(log RR) = √(1/x1 − 1/n1 + 1/x2 − 1/n2), one row per group; needs x1, x2 > 0.

    Parameters
    ----------
    numerator1, denominator1, numerator2, denominator2 : array-like or str
        Cases and people at risk in the two groups compared.
    confidence_level : float or sequence of float, default 0.95
        The level of the limits, in (0, 1); ``(0.95, 0.998)`` gives both levels' columns.
    data : DataFrame, optional
        The table the column names refer to.
    by : str or list of str, optional
        Group columns of ``data``: the rows of each group are summed first, one output row per group (sorted).

    Returns
    -------
    DataFrame
        One row per group: the group columns, the four inputs, ``value``, ``lower``/``upper`` (or ``lower_95``,
        ``upper_95``, ``lower_99_8``, ``upper_99_8`` for two levels) and ``method``.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.indicators.risk_ratio(30, 100, 20, 200).round(4)[["value", "lower", "upper"]].values.tolist()
    [[3.0, 1.7973, 5.0076]]
    """
    named = {"numerator1": numerator1, "denominator1": denominator1, "numerator2": numerator2,
             "denominator2": denominator2}
    groups, c = _inputs(data, by, "risk_ratio", named)
    result = _ind.risk_ratio(c["numerator1"], c["denominator1"], c["numerator2"], c["denominator2"],
                             as_levels(confidence_level))
    return interval_frame(result, groups, c)
