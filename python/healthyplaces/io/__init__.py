"""Loading a user's data: scores (a CSV file or a DataFrame in, a validated ScoreTable out) and counts for
indicators (numerators and denominators by organisation)."""
from __future__ import annotations

import os
import warnings
from typing import Union

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
    if isinstance(data, pd.DataFrame):
        counts = _core.io.read_counts_text(data.to_csv(index=False), "<DataFrame>", organisation, numerator,
                                           denominator, period, kind, rows_not_lines=True)
        frame = data.copy()
    elif isinstance(data, (str, os.PathLike)):
        counts = _core.io.read_counts_file(os.fspath(data), organisation, numerator, denominator, period, kind)
        text = dict(zip(counts.other_columns, counts.other))
        if period:
            text[period] = counts.periods
        frame = pd.DataFrame({c: text.get(c) for c in counts.columns}, index=pd.RangeIndex(len(counts)))
    else:
        raise TypeError(f"read_counts expects a CSV path or a pandas DataFrame, not {type(data).__name__}")
    frame[organisation] = counts.organisations
    frame[numerator] = counts.numerators
    frame[denominator] = counts.denominators
    return frame
