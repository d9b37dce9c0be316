"""Loading a user's scores: a CSV file or a DataFrame in, a validated ScoreTable out."""
from __future__ import annotations

import os
import warnings
from typing import Union

import pandas as pd

from . import _core

PathOrFrame = Union[str, "os.PathLike[str]", pd.DataFrame]


class DataWarning(UserWarning):
    """Something in the input was accepted but is worth knowing (an ignored column, an unpaired area)."""


def as_framework(framework: str | _core.Framework) -> _core.Framework:
    """A Framework object from a built-in name ("use_of_resources", "cpa_star_rating") or a Framework."""
    if isinstance(framework, _core.Framework):
        return framework
    return _core.Framework.builtin(str(framework))


def read_scores(
    data: PathOrFrame,
    framework: str | _core.Framework = "use_of_resources",
    *,
    allow_missing: bool = True,
) -> _core.ScoreTable:
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
        table, notes = _core.read_scores_text(text, "<DataFrame>", fw, allow_missing, rows_not_lines=True)
    elif isinstance(data, (str, os.PathLike)):
        table, notes = _core.read_scores_file(os.fspath(data), fw, allow_missing)
    else:
        raise TypeError(f"read_scores expects a CSV path or a pandas DataFrame, not {type(data).__name__}")
    for note in notes:
        warnings.warn(note, DataWarning, stacklevel=2)
    return table


def as_table(data: PathOrFrame | _core.ScoreTable, framework: str | _core.Framework = "use_of_resources") -> _core.ScoreTable:
    """Accept a ScoreTable as is, or load one from a path or DataFrame."""
    if isinstance(data, _core.ScoreTable):
        return data
    return read_scores(data, framework)
