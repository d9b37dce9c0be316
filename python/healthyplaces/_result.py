"""The result protocol every box follows (docs/conventions.md, "Results").

Shared by every box, like ``_progress``: the ``ConfidenceInterval`` named tuple, the ``Summary`` a result's
``summary()`` returns (complete plain text for ``print``, an HTML table in Jupyter, as statsmodels' summaries), the
``Result`` base whose ``_repr_html_`` and ``__str__`` come from ``summary()``, and the formatting of numbers for
people (integers as integers, money as £ with thousands separators, p-values to 2-3 significant figures).

Presentation only: no statistic is computed here.
"""
from __future__ import annotations

import html
import math
import numbers
import textwrap
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, NamedTuple, Sequence

import pandas as pd

__all__ = ["ConfidenceInterval", "Summary", "Result", "fmt_number", "fmt_int", "fmt_money", "fmt_pvalue",
           "fmt_percent", "fmt_value"]


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
