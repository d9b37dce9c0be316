"""Shared shaping for indicator results: numbers in from arrays or a DataFrame with ``by=`` group columns, a
DataFrame out with ``value`` and ``lower``/``upper`` (one level) or ``lower_95``, ``upper_95``, ``lower_99_8``,
``upper_99_8`` (several levels), as PHEindicatormethods names them."""
from __future__ import annotations

import functools
import inspect
from typing import Any, Sequence

import numpy as np
import pandas as pd

from .. import _core

__all__ = ["as_levels", "block_frame", "categories", "column", "group_keys", "interval_frame", "level_suffix", "limit_columns",
           "limit_names", "one_category"]


def as_levels(confidence_level: float | Sequence[float]) -> list[float]:
    """0.95 → [0.95]; (0.95, 0.998) → [0.95, 0.998]. Validation (each in (0, 1)) happens in C++."""
    if np.ndim(confidence_level) == 0:
        return [float(confidence_level)]  # type: ignore[arg-type]
    return [float(c) for c in confidence_level]  # type: ignore[union-attr]


def level_suffix(confidence_level: float) -> str:
    """The column suffix for a confidence level, as the limit columns are named (``lower_95``, ``upper_99_8``).

    Parameters
    ----------
    confidence_level : float
        A confidence level in (0, 1).

    Returns
    -------
    str
        The level in per cent with the decimal point as an underscore: 0.95 → ``"95"``, 0.998 → ``"99_8"``.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.indicators.level_suffix(0.95), hp.indicators.level_suffix(0.998)
    ('95', '99_8')
    """
    text = f"{confidence_level * 100:.10g}"
    return text.replace(".", "_")


def column(data: pd.DataFrame | None, values: Any, name: str) -> np.ndarray:
    """A float64 column: ``values`` itself (array-like), or ``data[values]`` when a DataFrame is given and
    ``values`` names one of its columns. Missing columns are a DataError naming them."""
    if data is not None and isinstance(values, str):
        if values not in data.columns:
            raise _core.DataError(f"{name}: no column '{values}' in the data; columns are {', '.join(map(str, data.columns))}")
        values = data[values]
    if isinstance(values, pd.Series):
        values = values.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    arr = np.ascontiguousarray(values, dtype=np.float64)
    if arr.ndim != 1:
        raise _core.DataError(f"{name}: expected a one-dimensional column, got shape {arr.shape}")
    return arr


def group_keys(data: pd.DataFrame | None, by: str | Sequence[str], fn: str) -> list[str]:
    """The ``by=`` column names, checked: ``data`` must be a DataFrame holding every one of them."""
    if data is None:
        raise _core.DomainError(f"{fn}: by= names group columns of data=; give data= as a DataFrame")
    keys = [by] if isinstance(by, str) else list(by)
    missing = [k for k in keys if k not in data.columns]
    if missing:
        raise _core.DataError(f"{fn}: no column {', '.join(map(repr, missing))} in the data for by=")
    return keys


def limit_names(levels: Sequence[float]) -> list[str]:
    """``["lower", "upper"]`` for one level, ``["lower_95", "upper_95", "lower_99_8", ...]`` for several."""
    if len(levels) == 1:
        return ["lower", "upper"]
    return [f"{side}_{level_suffix(level)}" for level in levels for side in ("lower", "upper")]


def limit_columns(frame: pd.DataFrame, levels: Sequence[float], lower: Any, upper: Any) -> None:
    """Add ``lower``/``upper`` (one level) or ``lower_95``, ``upper_95``, ... (several) from [level, row] tables."""
    names = limit_names(levels)
    for i in range(len(levels)):
        frame[names[2 * i]], frame[names[2 * i + 1]] = lower[i], upper[i]


# pandas >= 2.1 can skip re-checking codes that C++ wrote
_FROM_CODES = {"validate": False} if "validate" in inspect.signature(pd.Categorical.from_codes).parameters else {}


@functools.lru_cache(maxsize=64)
def _category_dtype(categories: tuple[str, ...]) -> pd.CategoricalDtype:
    return pd.CategoricalDtype(list(categories))


@functools.lru_cache(maxsize=64)
def _column_index(names: tuple[str, ...]) -> pd.Index:
    return pd.Index(list(names))  # immutable: frames may share it


def categories(codes: np.ndarray, names: Sequence[str]) -> pd.Categorical:
    """A Categorical from C++'s int8 codes into ``names`` (the dtype made once per set of names)."""
    return pd.Categorical.from_codes(codes, dtype=_category_dtype(tuple(names)), **_FROM_CODES)


def one_category(n: int, text: str) -> pd.Categorical:
    """``n`` rows of the same text as a Categorical: one category, not a Python string per row."""
    return categories(np.zeros(n, dtype=np.int8), [text])


def block_frame(block: np.ndarray, inputs: Sequence[str], levels: Sequence[float], method: Any,
                groups: pd.DataFrame | None = None) -> pd.DataFrame:
    """The DataFrame over a C++-filled [rows x groups] float64 block whose rows are ``inputs``, ``value`` and the
    limits (lower, upper per level), without copying it: pandas keeps the block as the frame's float columns. The
    group columns (if any) go first and ``method`` (a Categorical) last, as :func:`interval_frame` orders them."""
    names = _column_index((*inputs, "value", *limit_names(levels)))
    frame = pd.DataFrame(block.T, columns=names, copy=False)  # block.T: the [groups x rows] view pandas transposes back
    if groups is not None:
        keys = groups.reset_index(drop=True)
        for i, key in enumerate(keys.columns):
            frame.insert(i, key, keys[key])
    frame["method"] = method
    return frame


def interval_frame(result: Any, groups: pd.DataFrame | None = None, extra: dict[str, Any] | None = None) -> pd.DataFrame:
    """The DataFrame for an ``_core.indicators.Intervals``: group columns first (if any), then ``extra``
    columns (e.g. numerator, denominator), ``value`` and the limits, and ``method`` last."""
    frame = groups.reset_index(drop=True).copy() if groups is not None else pd.DataFrame(index=range(len(result)))
    for k, v in (extra or {}).items():
        frame[k] = v
    frame["value"] = result.value
    limit_columns(frame, list(result.confidence_level), result.lower, result.upper)
    # one category, not a million Python strings: the column is the same text on every row
    frame["method"] = pd.Categorical.from_codes(np.zeros(len(frame), dtype=np.int8), [result.method])
    return frame
