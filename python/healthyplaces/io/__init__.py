"""Loading a user's data: scores (a CSV file or a DataFrame in, a validated ScoreTable out) and counts for
indicators (numerators and denominators by organisation)."""
from __future__ import annotations

import os
import warnings
from typing import Union

import numpy as np
import pandas as pd

from .. import _core

PathOrFrame = Union[str, "os.PathLike[str]", pd.DataFrame]


class DataWarning(UserWarning):
    """Something in the input was accepted but is worth knowing (an ignored column, an unpaired area)."""


def as_framework(framework: str | _core.core.Framework) -> _core.core.Framework:
    """A Framework object from a built-in name ("use_of_resources", "cpa_star_rating") or a Framework."""
    if isinstance(framework, _core.core.Framework):
        return framework
    return _core.core.Framework.builtin(str(framework))


def read_scores(
    data: PathOrFrame,
    framework: str | _core.core.Framework = "use_of_resources",
    *,
    allow_missing: bool = True,
) -> _core.core.ScoreTable:
    """Load scores into a validated :class:`ScoreTable`.

    Parameters
    ----------
    data
        A CSV file path, or a DataFrame with the same columns. The shape is the green paper's table:
        ``area, organisation, sector, authority_type, star_rating`` and one column per category of the
        framework (``financial_reporting`` ... ``value_for_money``); optional ``code``, ``population`` and
        ``coterminosity``. Column names are matched ignoring case and spacing; other columns are ignored
        with a :class:`DataWarning`. UTF-8 with or without BOM, CRLF and quoted fields are accepted.
    framework
        A built-in framework name or a :class:`Framework` of your own (level labels such as "good" are
        accepted in score cells).
    allow_missing
        Empty cells mark missing scores (NaN in ``table.scores``). With ``False`` they are an error.

    Raises
    ------
    DataError
        A ``ValueError`` whose message names the file (or ``<DataFrame>``), the line (or row), the column,
        the organisation, the category, and what was expected.
    """
    fw = as_framework(framework)
    if isinstance(data, pd.DataFrame):
        if data.empty and len(data.columns) == 0:
            raise _core.DataError("<DataFrame>: the table is empty: no columns and no rows")
        text = data.to_csv(index=False)
        table, notes = _core.io.read_scores_text(text, "<DataFrame>", fw, allow_missing, rows_not_lines=True)
    elif isinstance(data, (str, os.PathLike)):
        table, notes = _core.io.read_scores_file(os.fspath(data), fw, allow_missing)
    else:
        raise TypeError(f"read_scores expects a CSV path or a pandas DataFrame, not {type(data).__name__}")
    for note in notes:
        warnings.warn(note, DataWarning, stacklevel=2)
    return table


def as_table(data: PathOrFrame | _core.core.ScoreTable, framework: str | _core.core.Framework = "use_of_resources") -> _core.core.ScoreTable:
    """Accept a ScoreTable as is, or load one from a path or DataFrame."""
    if isinstance(data, _core.core.ScoreTable):
        return data
    return read_scores(data, framework)


COUNT_KINDS = ("proportion", "rate", "ratio")


def read_counts(
    data: PathOrFrame,
    *,
    organisation: str = "organisation",
    numerator: str = "numerator",
    denominator: str = "denominator",
    period: str | None = None,
    kind: str = "proportion",
) -> pd.DataFrame:
    """Load counts for indicators and funnel plots: one row per organisation (and period), a numerator and a
    denominator.

    Parameters
    ----------
    data
        A CSV file path or a DataFrame. Other columns are kept.
    organisation, numerator, denominator
        Column names: who, how many events (deaths, breaches, admissions; observed for ``kind="ratio"``), and
        out of how many (population, attendances; expected for ``kind="ratio"``).
    period
        Optional column of dates or period labels; kept as text and left for the caller to choose from.
    kind
        ``"proportion"`` (numerator out of denominator: the numerator may not exceed it), ``"rate"`` (events
        per population) or ``"ratio"`` (observed over expected).

    Returns
    -------
    DataFrame
        The data with ``organisation``, ``numerator`` and ``denominator`` as float64 columns under the names
        given, rows in file order.

    Raises
    ------
    DataError
        Naming the file (or ``<DataFrame>``), the line (or row), the column and the organisation: a missing
        column, an empty or non-numeric count, a negative count, a zero or negative denominator, a numerator
        above its denominator for a proportion, or no rows at all.

    >>> import pandas as pd, healthyplaces as hp
    >>> hp.io.read_counts(pd.DataFrame({"organisation": ["A", "B"], "numerator": [3, 5],
    ...                                 "denominator": [10, 20]}))["numerator"].tolist()
    [3.0, 5.0]
    """
    if kind not in COUNT_KINDS:
        raise _core.DomainError(f"read_counts: kind '{kind}' is not one of {', '.join(COUNT_KINDS)}")
    if isinstance(data, pd.DataFrame):
        frame, source, first, unit = data.copy(), "<DataFrame>", 0, "row"
    elif isinstance(data, (str, os.PathLike)):
        source, first, unit = os.fspath(data), 2, "line"  # line 1 is the header
        try:
            frame = pd.read_csv(source, dtype=str, keep_default_na=False, skipinitialspace=True,
                                encoding="utf-8-sig")
        except pd.errors.EmptyDataError:
            raise _core.DataError(f"{source}: the file is empty: expected a header line naming the columns") from None
        except pd.errors.ParserError as e:
            raise _core.DataError(f"{source}: not a well-formed CSV file: {e}") from None
    else:
        raise TypeError(f"read_counts expects a CSV path or a pandas DataFrame, not {type(data).__name__}")
    wanted = [organisation, numerator, denominator] + ([period] if period else [])
    missing = [c for c in wanted if c not in frame.columns]
    if missing:
        raise _core.DataError(f"{source}: no column {', '.join(map(repr, missing))}; the columns are "
                              f"{', '.join(map(str, frame.columns))}")
    if frame.empty:
        raise _core.DataError(f"{source}: no data rows after the header")
    columns = list(frame.columns)
    orgs = frame[organisation].astype(str).str.strip()

    def where(i: int, col: str) -> str:
        return (f"{source}, {unit} {i + first}, column {columns.index(col) + 1} ({col}), "
                f"organisation '{orgs.iloc[i]}'")

    for i in range(len(frame)):
        if orgs.iloc[i] in ("", "nan", "None"):
            raise _core.DataError(f"{source}, {unit} {i + first}, column {columns.index(organisation) + 1} "
                                  f"({organisation}): the organisation is empty")
    values = {}
    for col in (numerator, denominator):
        raw = frame[col]
        parsed = pd.to_numeric(raw.astype(str).str.strip().str.replace(",", "", regex=False), errors="coerce")
        parsed = parsed.astype(float)
        bad = np.flatnonzero(~np.isfinite(parsed.to_numpy()))
        if bad.size:
            i = int(bad[0])
            text = str(raw.iloc[i]).strip()
            what = "is empty" if text in ("", "nan", "None", "<NA>") else f"'{text}' is not a number"
            raise _core.DataError(f"{where(i, col)}: {what}; counts must be numbers")
        neg = np.flatnonzero(parsed.to_numpy() < 0)
        if neg.size:
            i = int(neg[0])
            raise _core.DataError(f"{where(i, col)}: {parsed.iloc[i]:g} is negative; counts must be >= 0")
        values[col] = parsed.to_numpy()
    zero = np.flatnonzero(values[denominator] <= 0)
    if zero.size:
        i = int(zero[0])
        raise _core.DataError(f"{where(i, denominator)}: the denominator is {values[denominator][i]:g}; it must be > 0")
    if kind == "proportion":
        over = np.flatnonzero(values[numerator] > values[denominator])
        if over.size:
            i = int(over[0])
            raise _core.DataError(f"{where(i, numerator)}: {values[numerator][i]:g} is more than the denominator "
                                  f"{values[denominator][i]:g}; a proportion's numerator cannot exceed it")
    frame[organisation] = orgs.to_numpy()
    frame[numerator] = values[numerator]
    frame[denominator] = values[denominator]
    return frame
