"""The result protocol every box follows (docs/conventions.md, "Results").

Shared by every box, like ``_progress``: the ``ConfidenceInterval`` named tuple, the ``Summary`` a result's
``summary()`` returns (complete plain text for ``print``, an HTML table in Jupyter, as statsmodels' summaries), the
``Result`` base whose ``_repr_html_`` and ``__str__`` come from ``summary()``, and the formatting of numbers for
people (integers as integers, money as £ with thousands separators, p-values to 2-3 significant figures).

Presentation only: no statistic is computed here. Also here, because every box may write a file: the one way the
library writes one (:func:`atomic_file`: complete or not at all) and :func:`readable_text` (text from a file name
or argument in another encoding, made printable).
"""
from __future__ import annotations

import codecs
import contextlib
import html
import math
import numbers
import os
import textwrap
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator, Mapping, NamedTuple, Sequence

import pandas as pd

__all__ = ["ConfidenceInterval", "Summary", "Result", "fmt_number", "fmt_int", "fmt_money", "fmt_pvalue",
           "fmt_percent", "fmt_value", "atomic_file", "readable_text"]


class ConfidenceInterval(NamedTuple):
    """A confidence interval, as scipy's: ``ci.low``, ``ci.high``, and ``low, high = ci``.

    Examples
    --------
    >>> from healthyplaces.stats import ConfidenceInterval
    >>> low, high = ConfidenceInterval(0.2, 0.7)
    >>> ConfidenceInterval(0.2, 0.7).high
    0.7
    """

    low: float
    high: float


# ---- numbers for people ------------------------------------------------------------------------------------

def _missing(v: Any) -> bool:
    try:
        return v is None or v is pd.NA or (isinstance(v, numbers.Real) and math.isnan(float(v)))
    except (TypeError, ValueError):
        return False


def fmt_int(v: Any) -> str:
    """An integer with thousands separators: ``18``, ``52,600,000``."""
    if _missing(v):
        return "–"
    return f"{int(round(float(v))):,}"


def fmt_number(v: Any, digits: int = 4) -> str:
    """A real number to ``digits`` significant figures, thousands separated, no exponent for everyday sizes:
    ``547,491``, ``0.0772``, ``-0.04``; integers (including numpy's) print as integers."""
    if _missing(v):
        return "–"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, numbers.Integral):
        return f"{int(v):,}"
    x = float(v)
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    if x == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(x)))
    if magnitude >= digits - 1 and abs(x) < 1e15:  # 547490.798 -> 547,491
        return f"{x:,.0f}"
    if magnitude < -4 or abs(x) >= 1e15:
        return f"{x:.{digits - 1}e}"
    decimals = max(digits - 1 - magnitude, 0)
    text = f"{x:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def fmt_money(v: Any, pence: bool = False) -> str:
    """Pounds with thousands separators and a sign before the £: ``£52,600,000``, ``−£1,250``."""
    if _missing(v):
        return "–"
    x = float(v)
    sign = "−" if x < 0 else ""
    return f"{sign}£{abs(x):,.{2 if pence else 0}f}"


def fmt_pvalue(p: Any) -> str:
    """A p-value to 2 significant figures (3 near the usual thresholds), ``<0.0001`` below that."""
    if _missing(p):
        return "–"
    x = float(p)
    if x < 1e-4:
        return "<0.0001"
    if x >= 0.995:
        return "1"
    digits = 3 if 0.001 <= x < 0.1 else 2
    return f"{x:.{digits}g}" if x >= 0.001 else f"{x:.2g}"


def fmt_percent(v: Any, decimals: int = 1) -> str:
    """A proportion as a percentage: ``0.0772`` -> ``7.7%``."""
    if _missing(v):
        return "–"
    return f"{100 * float(v):.{decimals}f}%"


def fmt_value(v: Any) -> str:
    """Any field value as a person reads it (the default of ``Summary``'s columns)."""
    if isinstance(v, ConfidenceInterval):
        return f"({fmt_number(v.low)}, {fmt_number(v.high)})"
    if isinstance(v, str):
        return v
    if isinstance(v, (numbers.Number, type(None))) or v is pd.NA:
        return fmt_number(v)
    return str(v)


# ---- the summary ---------------------------------------------------------------------------------------------

Formatter = Callable[[Any], str]


@dataclass
class Summary:
    """What ``result.summary()`` returns: a title, tables and notes.

    ``str(summary)`` (and ``print``) is a complete plain-text table, every column shown; in Jupyter it renders
    as HTML. ``tables`` are (caption, DataFrame) pairs with the numbers as computed; ``formats`` maps a
    column name to how its numbers are shown (``fmt_money``, ``fmt_pvalue``, ...).
    """

    title: str
    tables: list[tuple[str, pd.DataFrame]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    formats: dict[str, Formatter] = field(default_factory=dict)

    @classmethod
    def of(cls, title: str, frame: pd.DataFrame | Mapping[str, Any], notes: Iterable[str] = (),
           formats: Mapping[str, Formatter] | None = None, caption: str = "") -> "Summary":
        """One table: a DataFrame, or a mapping of field -> value shown as a two-column table."""
        if not isinstance(frame, pd.DataFrame):
            frame = pd.DataFrame({"value": list(frame.values())}, index=pd.Index(list(frame.keys())))
        return cls(title, [(caption, frame)], list(notes), dict(formats or {}))

    def add(self, caption: str, frame: pd.DataFrame) -> "Summary":
        self.tables.append((caption, frame))
        return self

    def _cells(self, frame: pd.DataFrame) -> tuple[list[str], list[str], list[list[str]]]:
        columns = [str(c) for c in frame.columns]
        index = [str(i) for i in frame.index]
        rows = []
        for name, row in frame.iterrows():
            cells = []
            for c, v in row.items():
                f = self.formats.get(str(c))
                if f is None and str(c) == "value":  # a field table: format by the row's field name
                    f = self.formats.get(str(name))
                cells.append(f(v) if f is not None else fmt_value(v))
            rows.append(cells)
        return columns, index, rows

    def __str__(self) -> str:
        title = textwrap.wrap(self.title, 100) or [""]  # a long method description wraps, not a 170-column line
        out = title + ["=" * max(max(len(t) for t in title), 20)]
        for caption, frame in self.tables:
            columns, index, rows = self._cells(frame)
            show_index = not isinstance(frame.index, pd.RangeIndex)
            head = ([""] if show_index else []) + columns
            body = [([i] if show_index else []) + r for i, r in zip(index, rows)]
            widths = [max([len(h)] + [len(b[j]) for b in body]) for j, h in enumerate(head)]
            if caption:
                out += ["", caption]
            rule = "-" * (sum(widths) + 2 * (len(widths) - 1))
            out.append(rule)
            out.append("  ".join(h.ljust(w) if j == 0 and show_index else h.rjust(w)
                                 for j, (h, w) in enumerate(zip(head, widths))))
            out.append(rule)
            for b in body:
                out.append("  ".join(c.ljust(w) if j == 0 and show_index else c.rjust(w)
                                     for j, (c, w) in enumerate(zip(b, widths))))
            out.append(rule)
        if self.notes:
            out.append("")
            for n in self.notes:
                out += textwrap.wrap(f"Note: {n}", 100, subsequent_indent="      ")
        return "\n".join(out)

    def __repr__(self) -> str:
        return str(self)

    def as_text(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        e = html.escape
        parts = [f"<div class='hp-summary'><strong>{e(self.title)}</strong>"]
        for caption, frame in self.tables:
            columns, index, rows = self._cells(frame)
            show_index = not isinstance(frame.index, pd.RangeIndex)
            head = "".join(f"<th>{e(c)}</th>" for c in ([""] if show_index else []) + columns)
            body = "".join(
                "<tr>" + (f"<th style='text-align:left'>{e(i)}</th>" if show_index else "")
                + "".join(f"<td style='text-align:right'>{e(c)}</td>" for c in r) + "</tr>"
                for i, r in zip(index, rows))
            cap = f"<caption style='text-align:left'>{e(caption)}</caption>" if caption else ""
            parts.append(f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
        parts += [f"<p><em>Note:</em> {e(n)}</p>" for n in self.notes]
        parts.append("</div>")
        return "".join(parts)


class Result:
    """The base of every result class: ``_repr_html_`` and ``str()`` come from ``summary()``.

    Subclasses are dataclasses (or use ``__slots__``) with typed fields, and define ``summary()`` and
    ``to_frame()``; where they apply, ``statistic``, ``pvalue``, ``confidence_interval(confidence_level=None)``
    and ``plot(ax=None) -> Figure`` (docs/conventions.md).
    """

    def summary(self) -> Summary:  # pragma: no cover - every subclass defines it
        raise NotImplementedError(f"{type(self).__name__} does not define summary()")

    def to_frame(self) -> pd.DataFrame:  # pragma: no cover - every subclass defines it
        raise NotImplementedError(f"{type(self).__name__} does not define to_frame()")

    def __str__(self) -> str:
        return str(self.summary())

    def _repr_html_(self) -> str:
        return self.summary()._repr_html_()

    def __eq__(self, other: object) -> bool:
        """Equal when of the same class with equal fields (arrays and frames compared by value, NaN equal to
        NaN): so a result survives pickling as an equal result. Classes may define a narrower equality."""
        if type(other) is not type(self):
            return NotImplemented
        return _same(_state(self), _state(other))

    __hash__ = None  # type: ignore[assignment]  # results are mutable records, like dataclasses with eq


def _state(obj: Any) -> dict[str, Any]:
    import dataclasses

    if dataclasses.is_dataclass(obj):
        return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
    state: dict[str, Any] = dict(getattr(obj, "__dict__", {}))
    for klass in type(obj).__mro__:
        for name in getattr(klass, "__slots__", ()):
            if hasattr(obj, name):
                state[name] = getattr(obj, name)
    return state


def _same(a: Any, b: Any) -> bool:
    import numpy as np

    if a is b:
        return True
    if isinstance(a, (pd.DataFrame, pd.Series, pd.Index)):
        return type(a) is type(b) and a.equals(b)
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        try:
            return np.array_equal(np.asarray(a), np.asarray(b), equal_nan=np.asarray(a).dtype.kind in "fc")
        except TypeError:
            return np.array_equal(np.asarray(a), np.asarray(b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if type(a) is not type(b):
        return False
    if type(a).__eq__ is object.__eq__:  # identity equality (a record, a compiled object): compare its state
        import dataclasses
        import pickle

        if dataclasses.is_dataclass(a):
            return _same(_state(a), _state(b))
        try:  # a compiled object pickles its whole state
            return pickle.dumps(a) == pickle.dumps(b)
        except Exception:  # noqa: BLE001 - not picklable: compare what Python can see of it
            return bool(_state(a)) and _same(_state(a), _state(b))
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


def field_table(fields: Sequence[tuple[str, Any]]) -> pd.DataFrame:
    """A two-column (field, value) table for a result whose summary is a list of named numbers."""
    return pd.DataFrame({"value": [v for _, v in fields]}, index=pd.Index([k for k, _ in fields]))


# ---- files: written completely or not at all -----------------------------------------------------------------

_REPAIR = "healthyplaces.readable"


def _readable(err: UnicodeError) -> tuple[bytes, int]:
    """Encoding error handler: a run of bytes that were not UTF-8 (Python keeps them as lone surrogates U+DC80-
    U+DCFF, e.g. in a Latin-1 file name or ``--title $'caf\\xe9'``) is read as Windows-1252, the encoding such
    bytes nearly always come from; any other lone surrogate is U+FFFD."""
    if not isinstance(err, UnicodeEncodeError):  # pragma: no cover - registered for encoding only
        raise err
    run = err.object[err.start:err.end]
    if all("\udc80" <= c <= "\udcff" for c in run):
        raw = bytes(ord(c) - 0xDC00 for c in run)
        text = "".join(b.decode("cp1252", errors="replace") if b not in b"\x81\x8d\x8f\x90\x9d" else
                       b.decode("latin-1") for b in (raw[i:i + 1] for i in range(len(raw))))
    else:
        text = "\ufffd" * len(run)
    return text.encode("utf-8"), err.end  # bytes: the UTF-8 encoder takes only ASCII text from a handler


codecs.register_error(_REPAIR, _readable)


def readable_text(text: Any) -> str:
    """``text`` as valid Unicode: bytes that were not UTF-8 (lone surrogates from a file name or a command-line
    argument in another encoding) read as Windows-1252, so ``'caf\\udce9'`` is ``'café'``; other text unchanged.

    Examples
    --------
    >>> readable_text("caf\\udce9"), readable_text("café")
    ('café', 'café')
    """
    s = str(text)
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return s.encode("utf-8", _REPAIR).decode("utf-8")


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike[str], mode: str = "w") -> Iterator[IO[Any]]:
    """Write ``path`` completely or not at all: every file the library writes goes through this.

    Yields a file opened on a new temporary file in the same folder (``.NAME.XXXX.tmp``; text as UTF-8 with
    ``\\n`` line ends, and text that is not valid Unicode made readable as :func:`readable_text` does); when the
    ``with`` block ends normally the temporary file is moved onto ``path`` in one step (``os.replace``). If the
    block raises (a bad value, a full disk, Ctrl-C) the temporary file is removed and an existing ``path`` is left
    exactly as it was. Folders missing from ``path`` are made. ``mode`` is ``"w"`` (text) or ``"wb"``.

    Raises
    ------
    OSError
        The folder cannot be written: "cannot write PATH: <reason>".

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     out = pathlib.Path(folder) / "page.html"
    ...     _ = out.write_text("the old page")
    ...     try:
    ...         with atomic_file(out) as f:
    ...             _ = f.write("half a new pa")
    ...             raise ValueError("the analysis failed")
    ...     except ValueError:
    ...         pass
    ...     out.read_text(), sorted(p.name for p in pathlib.Path(folder).iterdir())
    ('the old page', ['page.html'])
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"mode: '{mode}' is not 'w' or 'wb'")
    out = Path(path).expanduser().absolute()
    shown = readable_text(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(f".{out.name}.{uuid.uuid4().hex[:12]}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # mode as any new file (umask applies)
    except OSError as err:
        raise OSError(err.errno, f"cannot write {shown}: {err.strerror or err}") from err
    try:
        if mode == "wb":
            f: IO[Any] = open(fd, "wb")
        else:
            f = open(fd, "w", encoding="utf-8", errors=_REPAIR, newline="\n")
        with f:
            yield f
    except OSError as err:
        _unlink(tmp)
        if err.filename is not None:  # another file the block opened: its own error, unchanged
            raise
        raise OSError(err.errno, f"cannot write {shown}: {err.strerror or err}") from err  # a full disk
    except BaseException:
        _unlink(tmp)
        raise
    try:
        os.replace(tmp, out)
    except OSError as err:
        _unlink(tmp)
        raise OSError(err.errno, f"cannot write {shown}: {err.strerror or err}") from err


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
