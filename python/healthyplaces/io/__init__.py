"""Loading a user's data: scores (a CSV file or a DataFrame in, a validated ScoreTable out), counts for indicators
(numerators and denominators by organisation), and any other CSV table.

Files are read as spreadsheets write them: UTF-8 with or without a byte-order mark, UTF-16 with one, and cp1252
(Excel's "CSV" on Windows; latin-1's letters are the same) when the bytes are not UTF-8, with a
:class:`DataWarning` naming that encoding; comma, semicolon or tab delimiters, detected from the header line.
The decoding, the detection and every check are the C++ core's (``hp::io``); errors name the file, the physical line
and the column (a DataFrame: the row, from 0, and the column).

Limits (docs/io.md): a file, or a DataFrame's CSV text, of at most 1 GiB; at most 16,384 fields on a line; at most
50,000,000 cells in all. Past them a reader stops with a one-line :class:`DataError` naming the limit, so an endless
input (``/dev/zero``, a pipe) is an error, not a ``MemoryError``. Reading is linear in the rows.
"""
from __future__ import annotations

import io as _stdio
import os
import warnings
from typing import IO, Iterable, Union

import pandas as pd

from .. import _core

__all__ = ["DataWarning", "as_framework", "as_table", "read_counts", "read_scores", "read_table", "write_table"]

PathOrFrame = Union[str, "os.PathLike[str]", pd.DataFrame]


class DataWarning(UserWarning):
    """Something in the input was accepted but is worth knowing: an encoding that was guessed (cp1252), an ignored
    column, an unpaired area."""


def _warn(notes: list[str]) -> None:
    # stacklevel 3: the warning points at the line that called read_scores / read_counts / read_table.
    for note in notes:
        warnings.warn(note, DataWarning, stacklevel=3)


def as_framework(framework: str | _core.core.Framework) -> _core.core.Framework:
    """A :class:`Framework` from a built-in name, or the Framework given.

    Parameters
    ----------
    framework
        A built-in name (``"use_of_resources"``, ``"cpa_star_rating"``; ``hp.Framework.builtin_names()`` lists
        them) or a :class:`Framework` of your own, returned as it is.

    Returns
    -------
    Framework
        The framework; ``DomainError`` listing the built-in names when the name is unknown.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.io.as_framework("use_of_resources").name
    'use_of_resources'
    """
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
        with a :class:`DataWarning`. A file may be UTF-8 (with or without BOM), UTF-16 with BOM or cp1252
        (a :class:`DataWarning` says so), delimited by commas, semicolons or tabs, with CRLF line ends and
        quoted fields.
    framework
        A built-in framework name or a :class:`Framework` of your own (level labels such as "good" are
        accepted in score cells).
    allow_missing
        Empty cells mark missing scores (NaN in ``table.scores``). With ``False`` they are an error.

    Returns
    -------
    ScoreTable
        The organisations, their scores (organisations x categories) and the areas that pair a council with
        an NHS commissioner.

    Raises
    ------
    DataError
        A ``ValueError`` whose message names the file (or ``<DataFrame>``), the line (or row), the column,
        the organisation, the category, and what was expected; also for a file that does not exist, a
        directory, a workbook (.xlsx) or a binary file, and past the readers' limits: a file of more than 1 GiB,
        a line of more than 16,384 fields, more than 50,000,000 cells.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> table = hp.read_scores(hp.datasets.nlgn2008())
    >>> table.n_organisations
    18

    A semicolon-delimited file saved by Excel on Windows (cp1252, with an en dash) reads the same, and says
    which encoding it was read in:

    >>> import pathlib, tempfile, warnings
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "scores.csv"
    >>> rows = ["area;organisation;sector;authority_type;financial_reporting;financial_management;"
    ...         "financial_standing;internal_control;value_for_money",
    ...         "Bexley;Bexley PCT – south;pct;primary_care_trust;1;1;1;2;1",
    ...         "Bexley;LB Bexley;local_authority;london_borough;3;3;4;3;3"]
    >>> _ = path.write_bytes("\\r\\n".join(rows).encode("cp1252"))
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     table = hp.read_scores(path)
    >>> [o.name for o in table.organisations]
    ['Bexley PCT – south', 'LB Bexley']
    >>> str(caught[0].message).endswith("read as cp1252 (Windows), not UTF-8: line 2 has byte 0x96 ('–'), "
    ...                                 "which is not UTF-8; save the file as \\"CSV UTF-8\\" to be sure of its letters")
    True
    """
    fw = as_framework(framework)
    if isinstance(data, pd.DataFrame):
        if data.empty and len(data.columns) == 0:
            raise _core.DataError("<DataFrame>: the table is empty: no columns and no rows")
        text = data.to_csv(index=False)
        table, notes, _ = _core.io.read_scores_text(text, "<DataFrame>", fw, allow_missing, rows_not_lines=True)
    elif isinstance(data, (str, os.PathLike)):
        table, notes, _ = _core.io.read_scores_file(os.fspath(data), fw, allow_missing)
    else:
        raise TypeError(f"read_scores expects a CSV path or a pandas DataFrame, not {type(data).__name__}")
    _warn(notes)
    return table


def as_table(data: PathOrFrame | _core.core.ScoreTable,
             framework: str | _core.core.Framework = "use_of_resources") -> _core.core.ScoreTable:
    """A :class:`ScoreTable` as it is, or one loaded from a path or DataFrame with :func:`read_scores`.

    Parameters
    ----------
    data
        A ScoreTable, a CSV path or a DataFrame.
    framework
        The framework of a path or DataFrame (ignored for a ScoreTable, which has its own).

    Returns
    -------
    ScoreTable
        ``data`` itself when it is one, else :func:`read_scores` of it.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> table = hp.io.as_table(hp.datasets.nlgn2008())
    >>> hp.io.as_table(table) is table
    True
    """
    if isinstance(data, _core.core.ScoreTable):
        return data
    return read_scores(data, framework)


def read_counts(
    data: PathOrFrame,
    *,
    by: str = "organisation",
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
        A CSV file path or a DataFrame. Other columns are kept. A file may be UTF-8 (with or without BOM),
        UTF-16 with BOM or cp1252 (a :class:`DataWarning` says so), delimited by commas, semicolons or tabs.
    by
        The column naming who the counts belong to (an organisation's name or code).
    numerator, denominator
        Column names: how many events (deaths, breaches, admissions; observed for ``kind="ratio"``), and
        out of how many (population, attendances; expected for ``kind="ratio"``). Counts may carry thousands
        separators (``"1,000"``); a decimal comma (``"1,5"``) is an error, never read as 15.
    period
        Optional column of dates or period labels; kept as text and left for the caller to choose from.
    kind
        ``"proportion"`` (numerator out of denominator: the numerator may not exceed it), ``"rate"`` (events
        per population) or ``"ratio"`` (observed over expected).

    Returns
    -------
    DataFrame
        The data with ``by`` as text and ``numerator`` and ``denominator`` as float64 columns under the names
        given, rows in file order. For a file, ``frame.attrs["encoding"]`` is the encoding it was read in
        (``"utf-8"``, ``"utf-8-sig"``, ``"utf-16-le"``, ``"utf-16-be"`` or ``"cp1252"``).

    Raises
    ------
    DataError
        Naming the file (or ``<DataFrame>``), the line (or row), the column and the organisation: a missing
        column, an empty or non-numeric count, a missing organisation or count in a DataFrame (NaN, None,
        ``pd.NA``), a negative count, a zero or negative denominator, a numerator above its denominator for a
        proportion, or no rows at all; and past the readers' limits (1 GiB, 16,384 fields on a line,
        50,000,000 cells).

    Examples
    --------
    >>> import pandas as pd, healthyplaces as hp
    >>> hp.read_counts(pd.DataFrame({"organisation": ["A", "B"], "numerator": [3, 5],
    ...                              "denominator": [10, 20]}))["numerator"].tolist()
    [3.0, 5.0]

    A tab-delimited UTF-16 file, as Excel's "Unicode text" writes it:

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "ae.txt"
    >>> _ = path.write_text("trust\\tbreaches\\tattendances\\nSaint-Étienne\\t12\\t1,000\\n", encoding="utf-16")
    >>> frame = hp.read_counts(path, by="trust", numerator="breaches", denominator="attendances")
    >>> frame.to_dict("list"), frame.attrs["encoding"]
    ({'trust': ['Saint-Étienne'], 'breaches': [12.0], 'attendances': [1000.0]}, 'utf-16-le')
    """
    if isinstance(data, pd.DataFrame):
        counts = _core.io.read_counts_text(data.to_csv(index=False), "<DataFrame>", by, numerator,
                                           denominator, period, kind, rows_not_lines=True)
        frame = data.copy()
    elif isinstance(data, (str, os.PathLike)):
        counts = _core.io.read_counts_file(os.fspath(data), by, numerator, denominator, period, kind)
        text = dict(zip(counts.other_columns, counts.other))
        if period:
            text[period] = counts.periods
        frame = pd.DataFrame({c: text.get(c) for c in counts.columns}, index=pd.RangeIndex(len(counts)))
        frame.attrs["encoding"] = counts.encoding
    else:
        raise TypeError(f"read_counts expects a CSV path or a pandas DataFrame, not {type(data).__name__}")
    _warn(list(counts.notes))
    frame[by] = counts.organisations
    frame[numerator] = counts.numerators
    frame[denominator] = counts.denominators
    return frame


def read_table(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read any CSV file into a DataFrame as :func:`read_scores` reads files, the values typed as pandas does.

    Parameters
    ----------
    path
        A CSV file: UTF-8 (with or without BOM), UTF-16 with BOM or cp1252 (a :class:`DataWarning` says so),
        delimited by commas, semicolons or tabs (detected from the header line).

    Returns
    -------
    DataFrame
        One column per header name; numbers as numbers, empty cells as NaN (``pandas.read_csv`` of the decoded
        text). ``frame.attrs["encoding"]`` and ``frame.attrs["delimiter"]`` say how the file was read;
        ``frame.attrs["source"]`` and ``frame.attrs["lines"]`` (each row's physical line, as "row:line" runs) let
        :meth:`healthyplaces.evaluation.Panel.from_frame` name the file, line and column of a bad value.

    Raises
    ------
    DataError
        Naming the file, line and column: no such file, a directory, a workbook or binary file, an unclosed
        quote, a line with more or fewer fields than the header, an empty or duplicate column name; and past the
        readers' limits (1 GiB, 16,384 fields on a line, 50,000,000 cells).

    Examples
    --------
    >>> import pathlib, tempfile, healthyplaces as hp
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "panel.csv"
    >>> _ = path.write_text("unit;year;outcome\\nA;2019;1.5\\nB;2019;\\n", encoding="utf-8-sig")
    >>> frame = hp.io.read_table(path)
    >>> frame["outcome"].tolist(), frame.attrs["delimiter"], frame.attrs["encoding"]
    ([1.5, nan], ';', 'utf-8-sig')
    """
    name = os.fspath(path)
    text, encoding, delimiter, notes, lines = _core.io.read_text_file(name)
    _warn(list(notes))
    # the text is the table as the reader parsed it, one line per row and comma-separated, so row k is line lines[k]
    frame = pd.read_csv(_stdio.StringIO(text), sep=",", keep_default_na=True)
    frame.attrs["encoding"] = encoding
    frame.attrs["delimiter"] = delimiter
    frame.attrs["source"] = name
    frame.attrs["lines"] = _line_runs(lines)
    return frame


def write_table(frame: pd.DataFrame, file: str | os.PathLike[str] | IO[str], *, counts: Iterable[str] = (),
                significant: int = 6) -> None:
    """Write a DataFrame as CSV for a spreadsheet: RFC 4180 quoting, formula-like text kept as text, numbers as
    printf's ``%g`` writes them. Formatted by the C++ core (``hp::io::format_csv``): a million rows of a dozen
    columns in well under a second, where ``DataFrame.to_csv`` takes about twenty.

    Parameters
    ----------
    frame
        The table; the index is not written. Numeric columns are numbers, every other column is text (``str`` of
        each value; a missing value is written as ``nan``).
    file
        A path (written completely or not at all: a temporary file renamed into place, so a failure leaves an
        existing file as it was) or an open text file.
    counts
        Numeric columns of counts: a whole number below 2**53 is written as an integer, any other value with 10
        significant digits.
    significant
        Significant digits of the other numeric columns, 1 to 17 (17 round-trips every double).

    Returns
    -------
    None
        The table is in ``file``: a header line of the column names, then one line per row (``\\n`` line ends).

    Raises
    ------
    DomainError
        ``significant`` outside 1..17, or a name in ``counts`` that is not a numeric column.

    Examples
    --------
    >>> import io, pandas as pd, healthyplaces as hp
    >>> out = io.StringIO()
    >>> hp.io.write_table(pd.DataFrame({"organisation": ["A, the first", "=cmd()"], "deaths": [3.0, 1e15],
    ...                                 "rate": [1 / 3, 2.5e-7]}), out, counts=["deaths"])
    >>> print(out.getvalue(), end="")
    organisation,deaths,rate
    "A, the first",3,0.333333
    '=cmd(),1000000000000000,2.5e-07
    """
    counts = set(counts)
    names = [str(c) for c in frame.columns]
    kinds, texts, numbers = [], [], []
    for name, col in zip(names, (frame.iloc[:, k] for k in range(frame.shape[1]))):
        numeric = pd.api.types.is_numeric_dtype(col.dtype) and not pd.api.types.is_bool_dtype(col.dtype)
        if name in counts and not numeric:
            raise _core.DomainError(f"write_table: counts: column '{name}' is not numeric ({col.dtype})")
        if numeric:
            kinds.append("counts" if name in counts else "reals")
            numbers.append(col.to_numpy(dtype=float, na_value=float("nan")))
        else:
            kinds.append("text")
            texts.append(col.astype(str).tolist())
    missing = counts - set(names)
    if missing:
        raise _core.DomainError(f"write_table: counts: no column '{sorted(missing)[0]}'; the columns are "
                                f"{', '.join(names)}")
    digits = [int(significant)] * len(names)

    def put(f: IO[str]) -> None:
        block = 200_000  # bounded memory: the text of a block of rows at a time
        for start in range(0, max(len(frame), 1), block):
            stop = start + block
            f.write(_core.io.format_csv(names, kinds, [t[start:stop] for t in texts],
                                        [v[start:stop] for v in numbers], digits, header=start == 0))

    if hasattr(file, "write"):
        put(file)  # type: ignore[arg-type]
    else:
        from .._result import atomic_file
        with atomic_file(file) as f:
            put(f)


def _line_runs(lines: list[int]) -> str:
    """The physical line of each row, compactly: "rows=5 0:2" (five rows, row 0 on line 2, each next row on the
    next line), a new "row:line" pair wherever a blank line or a line break inside quotes breaks the run. A string, so ``attrs`` stays
    cheap to copy and to compare (pandas copies it with the frame)."""
    import numpy as np

    a = np.asarray(lines, dtype=np.int64)
    if a.size == 0:
        return ""
    starts = np.flatnonzero(np.diff(a) != 1) + 1
    starts = np.concatenate(([0], starts))
    return f"rows={a.size} " + " ".join(f"{r}:{a[r]}" for r in starts.tolist())
