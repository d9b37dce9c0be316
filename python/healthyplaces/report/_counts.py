"""The analysis behind the indicator report: counts by organisation (numerators and denominators) in; the rows
chosen (``where``, one period), each organisation's indicator with 95% and 99.8% intervals, the funnel plot
with and without the adjustment for overdispersion, and an XmR chart for each flagged organisation when the
counts cover several periods. The sections that show it are ``sections/indicators.py``.

Every call into :mod:`healthyplaces.io` and :mod:`healthyplaces.indicators` is in the block "Calls into the
library" below, so a renamed keyword there is a change of a few lines.
"""
from __future__ import annotations

import math
import os
import re
import warnings
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from .. import DataError, DomainError, indicators
from ..io import DataWarning, PathOrFrame, read_counts

__all__ = ["IndicatorSpec", "IndicatorResults", "analyse_counts", "parse_where"]

LEVELS = (0.95, 0.998)
#: The fewest periods an XmR chart is drawn from (fewer give limits too unstable to read special causes).
MIN_SPC_PERIODS = 12
#: The fewest organisations from which overdispersion is estimated (as PHE's and NHS-R's tools do).
MIN_OVERDISPERSION = 10
#: Up to this many organisations are listed in name order; past it in the order they first appear in the file
#: (sorting a million names costs a second; the page then shows the highest and lowest, the CSV every one).
SORTED_ORGANISATIONS = 100_000
#: The most XmR charts drawn (those of the flagged organisations furthest from the overall value, worse first):
#: past two dozen small multiples a page stops being read, and each costs a chart.
MAX_SPC_CHARTS = 25
_DEFAULT_MULTIPLIER = {"proportion": 100.0, "rate": 100000.0, "ratio": 100.0}
_BETTER = ("lower", "higher")


# --------------------------------------------------------------------------------------------------------------
# Calls into the library: the only lines that name keywords of hp.io and hp.indicators.


def _read(data: PathOrFrame, spec: IndicatorSpec) -> pd.DataFrame:
    return read_counts(data, by=spec.by, numerator=spec.numerator, denominator=spec.denominator,
                       period=spec.time, kind=spec.kind)


def _intervals(spec: IndicatorSpec, x: np.ndarray, n: np.ndarray) -> pd.DataFrame:
    if spec.kind == "proportion":
        return indicators.proportion(x, n, confidence_level=LEVELS, multiplier=spec.scale())
    # a rate, or observed / expected (an SMR): exact Poisson / Byar's limits on the count either way
    return indicators.rate(x, n, confidence_level=LEVELS, multiplier=spec.scale())


def _funnel(spec: IndicatorSpec, x: np.ndarray, n: np.ndarray, orgs: np.ndarray, overdispersion: str | None) -> Any:
    return indicators.funnel(x, n, kind=spec.kind, by=orgs, confidence_level=LEVELS, multiplier=spec.scale(),
                             overdispersion=overdispersion)


def funnel_curves(f: Any, n_points: int = 200) -> pd.DataFrame:
    """The funnel's limit curves to draw: columns ``x``, ``target``, ``lower_95``, ``upper_95``, ``lower_99_8``,
    ``upper_99_8``."""
    curves = f.limits(n_points=n_points)
    return curves.rename(columns={curves.columns[0]: "x"})


def _xmr(values: np.ndarray, dates: Any, improvement: str | None) -> Any:
    return indicators.xmr(values, dates, improvement=improvement)


# --------------------------------------------------------------------------------------------------------------
# What to read and how


@dataclass
class IndicatorSpec:
    """Which columns of the counts hold what, which rows to use, and how to name and read the indicator.

    Parameters
    ----------
    by
        Column naming the organisation (rows of the same organisation and period are summed).
    numerator, denominator
        Columns of events (breaches, deaths; observed for ``kind="ratio"``) and of what they are out of
        (attendances, population; expected for ``kind="ratio"``).
    time
        Column of periods (dates such as ``2019-03-01`` or ``01/03/2019``, compared as dates; numbers; or
        labels). ``None``: the file has one period.
    period
        The period to report (needs ``time``); ``None`` for the latest. Dates match whatever their spelling
        (``01/03/2019`` is ``2019-03-01``).
    where
        Rows to keep: ``{"type": "1"}``, ``{"type": ["1", "2"]}`` (either), or ``["type=1"]``. Several columns
        must all match. Values match as text, as numbers (``1`` is ``1.0``) or as dates.
    kind
        ``"proportion"`` (numerator out of denominator), ``"rate"`` (per population) or ``"ratio"`` (observed
        over expected).
    multiplier
        Scale of the values: 100 (per cent) for proportions and ratios, 100,000 for rates, unless given.
    label
        The indicator's name, e.g. "Four-hour A&E breaches, type 1 departments"; by default from the columns.
    unit
        The values' unit, e.g. "% of attendances" (the default for a proportion of ``attendances``).
    better
        ``"lower"`` or ``"higher"``: which direction is better; ``None`` when neither is.

    Examples
    --------
    >>> from healthyplaces.report import IndicatorSpec
    >>> spec = IndicatorSpec(by="org_code", numerator="breaches", denominator="attendances", time="period",
    ...                      where={"type": "1"}, label="Four-hour A&E breaches", better="lower")
    >>> spec.unit_text(), spec.scale()
    ('% of attendances', 100.0)
    """

    by: str = "organisation"
    numerator: str = "numerator"
    denominator: str = "denominator"
    time: str | None = None
    period: str | None = None
    where: Mapping[str, Any] | Sequence[str] = ()
    kind: str = "proportion"
    multiplier: float | None = None
    label: str | None = None
    unit: str | None = None
    better: str | None = None

    def __post_init__(self) -> None:
        if self.better is not None and self.better not in _BETTER:
            raise DomainError(f"better: '{self.better}' is not 'lower' or 'higher' (or None for neither)")
        if self.period is not None and self.time is None:
            raise DomainError("period: choosing a period needs time= (the column of periods)")
        if self.multiplier is not None and not (math.isfinite(self.multiplier) and self.multiplier > 0):
            raise DomainError(f"multiplier: {self.multiplier} is not a positive number")

    def scale(self) -> float:
        """The multiplier the values are shown at.

        Returns
        -------
        float
            ``multiplier``, or 100 for proportions and ratios and 100,000 for rates.

        Examples
        --------
        >>> IndicatorSpec(kind="rate").scale()
        100000.0
        """
        return float(self.multiplier) if self.multiplier is not None else _DEFAULT_MULTIPLIER.get(self.kind, 1.0)

    def unit_text(self) -> str:
        """The values' unit: ``unit``, or one made from the kind, multiplier and denominator.

        Returns
        -------
        str
            e.g. "% of attendances", "per 100,000 population", "per 100 expected".

        Examples
        --------
        >>> IndicatorSpec(kind="rate", denominator="population").unit_text()
        'per 100,000 population'
        """
        if self.unit:
            return self.unit
        m = self.scale()
        if self.kind == "proportion" and m == 100:
            return f"% of {self.denominator}"
        if self.kind == "ratio":
            return f"per {m:,.10g} expected"
        return f"per {m:,.10g} {self.denominator}"

    def label_text(self) -> str:
        """The indicator's name: ``label``, or one made from the numerator and the unit.

        Returns
        -------
        str
            The label.

        Examples
        --------
        >>> IndicatorSpec(numerator="deaths", denominator="population", kind="rate").label_text()
        'Deaths per 100,000 population'
        >>> IndicatorSpec(numerator="breaches", denominator="attendances").label_text()
        'Breaches as % of attendances'
        """
        if self.label:
            return self.label
        unit = self.unit_text()
        text = f"{self.numerator} {'as ' if unit.startswith('%') else ''}{unit}"
        return text[:1].upper() + text[1:]


def parse_where(items: Mapping[str, Any] | Sequence[str]) -> dict[str, list[str]]:
    """``["type=1", "type=2", "region=North"]`` or ``{"type": ["1", "2"]}`` as ``{column: [values]}``.

    Parameters
    ----------
    items
        ``column=value`` texts (a column repeated means any of its values), or a mapping of column to a value
        or a list of values.

    Returns
    -------
    dict
        Each column with the values wanted, as text.

    Examples
    --------
    >>> parse_where(["type=1", "type = 2", "region=North East"])
    {'type': ['1', '2'], 'region': ['North East']}
    """
    out: dict[str, list[str]] = {}
    if isinstance(items, Mapping):
        for col, v in items.items():
            values = [v] if isinstance(v, (str, int, float)) or not isinstance(v, Sequence) else list(v)
            out.setdefault(str(col).strip(), []).extend(str(x).strip() for x in values)
        return out
    if isinstance(items, str):
        items = [items]
    for item in items:
        col, sep, value = str(item).partition("=")
        if not sep or not col.strip():
            raise DomainError(f"where: '{item}' is not COLUMN=VALUE (e.g. type=1)")
        out.setdefault(col.strip(), []).append(value.strip())
    return out


# --------------------------------------------------------------------------------------------------------------
# Periods and values compared as dates, numbers or text

_ISO = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_UK = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$")


def as_date(text: Any) -> pd.Timestamp | None:
    """A period's date: ISO (2019-03-01, 2019-03) or day first (01/03/2019, as the NHS writes it); else None."""
    if isinstance(text, (pd.Timestamp, np.datetime64)):
        return pd.Timestamp(text).normalize()
    s = str(text).strip()
    m = _ISO.match(s)
    try:
        if m:
            return pd.Timestamp(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))
        m = _UK.match(s)
        if m:
            return pd.Timestamp(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:  # 31/02/2019: looks like a date, is not one
        return None
    return None


def _as_number(text: Any) -> float | None:
    try:
        v = float(str(text).strip().replace(",", ""))
    except ValueError:
        return None
    return v if math.isfinite(v) else None


@dataclass
class Periods:
    """A column's periods as keys that order and compare them: dates, numbers, or (failing both) text."""

    text: pd.Series
    keys: pd.Series
    kind: str  # "date", "number" or "text"

    @classmethod
    def of(cls, column: pd.Series) -> Periods:
        if pd.api.types.is_datetime64_any_dtype(column.dtype):
            keys = pd.to_datetime(column).dt.normalize()
            return cls(keys.dt.strftime("%Y-%m-%d"), keys, "date")
        text = column.astype(str).str.strip()
        # each distinct value parsed once: a million rows hold a few dozen periods
        codes, distinct = pd.factorize(text)
        dates = [as_date(v) for v in distinct]
        if all(d is not None for d in dates):
            stamps = pd.DatetimeIndex(dates).to_numpy(dtype="datetime64[ns]")[codes]
            return cls(text, pd.Series(stamps, index=column.index), "date")
        numbers = [_as_number(v) for v in distinct]
        if all(v is not None for v in numbers):
            return cls(text, pd.Series(np.asarray(numbers, dtype=float)[codes], index=column.index), "number")
        return cls(text, text, "text")

    def key(self, value: Any) -> Any:
        """``value`` as a key of this column's kind, or None when it cannot be one (a date that is not a date)."""
        if self.kind == "date":
            return as_date(value)
        if self.kind == "number":
            return _as_number(value)
        return str(value).strip()

    def show(self, key: Any) -> str:
        """A period for people: "March 2019" for monthly dates, "1 March 2019" for other dates, else as given."""
        if self.kind == "date":
            monthly = bool((self.keys.dt.day == 1).all())
            ts = pd.Timestamp(key)
            return ts.strftime("%B %Y") if monthly else f"{ts.day} {ts.strftime('%B %Y')}"
        if self.kind == "number":
            return f"{key:g}"
        return str(key)


def _values_match(column: pd.Series, wanted: list[str]) -> pd.Series:
    """Rows whose value is one of ``wanted``: equal as text, as numbers (1 = 1.0) or as dates."""
    source = column if pd.api.types.is_datetime64_any_dtype(column.dtype) else column.astype(str).str.strip()
    codes, distinct = pd.factorize(source, use_na_sentinel=False)  # each distinct value tested once
    nums = {v for v in (_as_number(w) for w in wanted) if v is not None}
    dates = {d for d in (as_date(w) for w in wanted) if d is not None}
    text = [str(v).strip() for v in distinct]
    keep = np.array([t in wanted or (bool(nums) and _as_number(t) in nums) or (bool(dates) and as_date(v) in dates)
                     for t, v in zip(text, distinct)], dtype=bool)
    return pd.Series(keep[codes] if len(keep) else np.zeros(len(column), bool), index=column.index)


def _some(values: Any, limit: int = 12) -> str:
    uniq = list(dict.fromkeys(str(v).strip() for v in values))
    shown = ", ".join(uniq[:limit])
    return shown + (f" and {len(uniq) - limit} more" if len(uniq) > limit else "")


# --------------------------------------------------------------------------------------------------------------
# The results


@dataclass
class Flag:
    """One organisation outside the funnel's 95% limits (and maybe its 99.8% ones)."""

    organisation: str
    numerator: float
    denominator: float
    value: float
    direction: str        # "high" or "low"
    level: float          # 0.95 or 0.998: the widest limits it is outside
    lower: float          # the limits at that level, at its denominator
    upper: float
    spc: Any = None       # its XmrResult over the periods, when there are enough


@dataclass
class IndicatorResults:
    """The indicator analysis, run once: what was read, chosen and computed."""

    spec: IndicatorSpec
    source_label: str
    counts: pd.DataFrame                 # one row per organisation: organisation, numerator, denominator
    indicators: pd.DataFrame             # value with 95% and 99.8% intervals, by organisation (same order)
    funnel: Any                          # FunnelResult without adjustment
    funnel_adjusted: Any | None          # with the additive (random-effects) adjustment when phi > 1
    limits: pd.DataFrame                 # the chosen funnel's limits at each organisation's denominator
    flags: list[Flag]
    plain_counts: tuple[int, int]        # how many are outside the 95% and the 99.8% limits without the adjustment
    period_label: str | None = None      # "March 2019"
    periods: list[str] = field(default_factory=list)   # every period the rows cover, for people, in order
    rows_total: int = 0
    rows_kept: int = 0
    where_text: str = ""                 # "type = 1"
    spc_note: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def chosen(self) -> Any:
        """The funnel the verdicts use: adjusted for overdispersion when the data are overdispersed."""
        return self.funnel_adjusted if self.funnel_adjusted is not None else self.funnel

    @property
    def title(self) -> str:
        """"Four-hour A&E breaches, type 1 departments, March 2019": the label and the period."""
        label = self.spec.label_text()
        if not self.spec.label and self.where_text:
            label += f" ({self.where_text})"
        return f"{label}, {self.period_label}" if self.period_label else label

    def sorted_flags(self) -> list[Flag]:
        """The flagged organisations in the order the page lists them: worse (or higher) first, alarms before
        alerts, furthest from the overall value first."""
        cached = self.__dict__.get("_sorted_flags")
        if cached is not None and len(cached) == len(self.flags):  # sorted once: a million rows flag thousands
            return list(cached)
        target = self.target
        rank = {d: 0 if self.verdict(d).startswith(("worse", "higher")) else 1 for d in ("high", "low")}

        def key(f: Flag) -> tuple[int, int, float]:
            return rank[f.direction], 0 if f.level == 0.998 else 1, -abs(f.value - target)
        self.__dict__["_sorted_flags"] = out = sorted(self.flags, key=key)
        return list(out)

    @property
    def target(self) -> float:
        """The overall value (Σ numerators / Σ denominators × multiplier): the funnel's centre line."""
        return float(self.chosen.target)

    def verdict(self, direction: str) -> str:
        """"worse than expected" / "better than expected" (or "higher" / "lower" without a direction)."""
        better = self.spec.better
        if better is None:
            return f"{'higher' if direction == 'high' else 'lower'} than expected"
        good = (direction == "high") == (better == "higher")
        return f"{'better' if good else 'worse'} than expected"


def _flags(f: Any, orgs: np.ndarray, x: np.ndarray, n: np.ndarray) -> tuple[list[Flag], pd.DataFrame]:
    """The organisations outside the funnel's limits, each with the limits of the level it is outside."""
    t = f.table
    limits = pd.DataFrame({"organisation": orgs, "value": t["value"].to_numpy(dtype=float),
                           "lower_95": t["lower_95"].to_numpy(dtype=float), "upper_95": t["upper_95"].to_numpy(dtype=float),
                           "lower_99_8": t["lower_99_8"].to_numpy(dtype=float),
                           "upper_99_8": t["upper_99_8"].to_numpy(dtype=float),
                           "significance": t["significance"].astype(str).to_numpy()})
    out = []
    cols = {c: limits[c].to_numpy(dtype=float) for c in ("value", "lower_95", "upper_95", "lower_99_8", "upper_99_8")}
    significance = limits["significance"].to_numpy()
    at = np.flatnonzero(significance != "within")  # only the flagged: a million rows hold thousands
    wide = np.char.endswith(significance[at].astype(str), "99.8%")
    lower = np.where(wide, cols["lower_99_8"][at], cols["lower_95"][at]).tolist()
    upper = np.where(wide, cols["upper_99_8"][at], cols["upper_95"][at]).tolist()
    direction = [s.split()[0] for s in significance[at]]
    out = [Flag(str(o), a, b, v, d, 0.998 if w else 0.95, lo, hi) for o, a, b, v, d, w, lo, hi in
           zip(orgs[at].tolist(), x[at].tolist(), n[at].tolist(), cols["value"][at].tolist(), direction,
               wide.tolist(), lower, upper)]
    return out, limits


def _check_columns(frame: pd.DataFrame, wanted: Mapping[str, list[str]], label: str) -> None:
    missing = [c for c in wanted if c not in frame.columns]
    if missing:
        raise DataError(f"{label}: where: no column '{missing[0]}'; the columns are "
                        f"{', '.join(map(str, frame.columns))}")


def analyse_counts(data: PathOrFrame, spec: IndicatorSpec, source_label: str | None = None) -> IndicatorResults:
    """Read the counts, keep the rows asked for, sum by organisation (and period), compute the indicators, the
    funnel with and without the overdispersion adjustment, and an XmR chart for each flagged organisation.

    Parameters
    ----------
    data
        A CSV path or a DataFrame of counts.
    spec
        What the columns hold and which rows to use (:class:`IndicatorSpec`).
    source_label
        Where the counts came from, for the report (default: the path).

    Returns
    -------
    IndicatorResults
        Everything the report's indicator sections show.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"organisation": list("ABCDEFGHIJKL"), "numerator": [5, 9, 12, 30, 8, 11, 14, 10,
    ...                       9, 13, 7, 12], "denominator": [100] * 12})
    >>> r = analyse_counts(frame, IndicatorSpec(better="lower"))
    >>> [(f.organisation, f.direction, r.verdict(f.direction)) for f in r.flags]
    [('A', 'low', 'better than expected'), ('D', 'high', 'worse than expected')]
    """
    frame = _read(data, spec)
    if not isinstance(frame[spec.by].dtype, pd.StringDtype):  # already text: a million names not copied
        frame[spec.by] = frame[spec.by].astype(str)  # a DataFrame's numeric codes name organisations as text does
    label = source_label or (os.fspath(data) if isinstance(data, (str, os.PathLike)) else "a pandas DataFrame")
    notes: list[str] = []
    rows_total = len(frame)
    wanted = parse_where(spec.where)
    _check_columns(frame, wanted, label)
    for col, values in wanted.items():
        mask = _values_match(frame[col], values)
        if not mask.any():
            raise DataError(f"{label}: no rows with {col} = {' or '.join(repr(v) for v in values)}"
                            + (" among the rows chosen so far" if len(frame) < rows_total else "")
                            + f"; {col} has {_some(frame[col])}")
        frame = frame[mask]
    where_text = "; ".join(f"{col} = {' or '.join(values)}" for col, values in wanted.items())

    period_label, periods_shown, series_frame, period_kind = None, [], None, None
    if spec.time is not None:
        blank = frame[spec.time].isna() | (frame[spec.time].astype(str).str.strip().isin(["", "nan", "NaT", "None"]))
        if blank.any():
            raise DataError(f"{label}: {int(blank.sum()):,} row(s) have no {spec.time}, first organisation "
                            f"'{frame.loc[blank, spec.by].iloc[0]}'; every row needs its period")
        per = Periods.of(frame[spec.time])
        period_kind = per.kind
        if per.kind == "text" and per.text.nunique() > 1:
            notes.append(f"The periods in '{spec.time}' are neither dates nor numbers, so they are ordered as "
                         "text.")
        ordered = sorted(set(per.keys))
        if spec.period is not None:
            chosen = per.key(spec.period)
            if chosen is None:
                raise DataError(f"{label}: period '{spec.period}' is not a {per.kind} like the periods in "
                                f"'{spec.time}' (e.g. {per.text.iloc[0]})")
            if chosen not in set(per.keys):
                raise DataError(f"{label}: no rows with {spec.time} = '{spec.period}'"
                                + (f" (and {where_text})" if where_text else "")
                                + f"; the periods run from {per.show(ordered[0])} to {per.show(ordered[-1])}")
        else:
            chosen = ordered[-1]
        periods_shown = [per.show(k) for k in ordered]
        period_label = per.show(chosen)
        if len(ordered) > 1:
            notes.append(f"The counts cover {len(ordered)} periods ({periods_shown[0]} to {periods_shown[-1]}); "
                         f"the funnel plot uses {'the one chosen' if spec.period is not None else 'the latest'}, "
                         f"{period_label}.")
        # the series for the XmR charts: every period up to the one reported (what was known then)
        upto = frame[(per.keys <= chosen).to_numpy()]
        series_frame = upto.assign(_key=per.keys[(per.keys <= chosen).to_numpy()].to_numpy())
        frame = frame[(per.keys == chosen).to_numpy()]
    rows_kept = len(frame)

    summed = frame.groupby(spec.by, sort=False)[[spec.numerator, spec.denominator]].sum()
    if len(summed) <= SORTED_ORGANISATIONS:
        summed = summed.sort_index()
    if len(summed) < len(frame):
        notes.append(f"{len(frame):,} rows were summed to {len(summed):,} organisations (rows of the same "
                     f"organisation{' and period' if spec.time else ''} add up)"
                     + ("; choose rows with where (--where COLUMN=VALUE) if they should not." if not wanted else "."))
    if spec.kind == "proportion":
        over = summed.index[summed[spec.numerator] > summed[spec.denominator]]
        if len(over):
            raise DataError(f"{label}: organisation '{over[0]}': summed {spec.numerator} exceeds summed "
                            f"{spec.denominator}")
    orgs = summed.index.astype(str).to_numpy()
    x = summed[spec.numerator].to_numpy(dtype=float)
    n = summed[spec.denominator].to_numpy(dtype=float)
    if len(orgs) < 3:
        raise DataError(f"{label}: {len(orgs)} organisation(s) in the rows chosen; a funnel plot needs at least 3")
    counts = pd.DataFrame({"organisation": orgs, "numerator": x, "denominator": n})
    table = _intervals(spec, x, n)
    table.insert(0, "organisation", orgs)
    plain = _funnel(spec, x, n, orgs, None)
    adjusted = None
    if len(orgs) >= MIN_OVERDISPERSION and plain.phi > 1:
        adjusted = _funnel(spec, x, n, orgs, "additive")
    chosen_funnel = adjusted if adjusted is not None else plain
    flags, limits = _flags(chosen_funnel, orgs, x, n)
    # without the adjustment nearly every organisation of an overdispersed million is outside: count, not list
    plain_sig = plain.table["significance"].astype(str).to_numpy()
    plain_counts = (int(np.sum(plain_sig != "within")), int(np.char.endswith(plain_sig.astype(str), "99.8%").sum()))

    res = IndicatorResults(spec, label, counts, table, plain, adjusted, limits, flags, plain_counts, period_label,
                           periods_shown, rows_total, rows_kept, where_text, notes=notes)
    if series_frame is not None and period_kind == "text":
        res.spc_note = "The periods are neither dates nor numbers, so there are no XmR (SPC) charts."
    elif series_frame is not None:
        _spc(res, series_frame, len(periods_shown))
    return res


def _spc(res: IndicatorResults, rows: pd.DataFrame, n_periods: int) -> None:
    """An XmR chart of each flagged organisation's value, period by period, up to the period reported."""
    spec = res.spec
    if not res.flags:
        return
    if n_periods < MIN_SPC_PERIODS:
        res.spc_note = (f"The counts cover {n_periods} period{'s' if n_periods != 1 else ''}: too few for XmR "
                        f"(SPC) charts, which need at least {MIN_SPC_PERIODS}.")
        return
    charted = res.sorted_flags()[:MAX_SPC_CHARTS]
    if len(res.flags) > MAX_SPC_CHARTS:
        res.spc_note = (f"XmR charts are drawn for the {MAX_SPC_CHARTS} flagged organisations listed first (of "
                        f"{len(res.flags):,}), worse first and furthest from the overall value first.")
    wanted = {f.organisation for f in charted}
    rows = rows[rows[spec.by].isin(wanted)]  # the charted organisations' rows only, not every row of the file
    sums = rows.groupby([spec.by, "_key"], sort=True)[[spec.numerator, spec.denominator]].sum()
    improvement = {"lower": "decrease", "higher": "increase", None: None}[spec.better]
    said: dict[str, list[str]] = {}  # one note per message, naming the organisations it applies to
    for flag in charted:
        s = sums.loc[flag.organisation] if flag.organisation in sums.index.get_level_values(0) else None
        if s is None or len(s) < 2:
            continue
        values = (s[spec.numerator] / s[spec.denominator] * spec.scale()).to_numpy(dtype=float)
        dates = s.index.to_series().reset_index(drop=True)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", DataWarning)
            flag.spc = _xmr(values, dates, improvement)
        for w in caught:
            if issubclass(w.category, DataWarning):
                said.setdefault(str(w.message), []).append(str(flag.organisation))
    for message, orgs in said.items():
        who = ", ".join(orgs) if len(orgs) <= 8 else ", ".join(orgs[:8]) + f" and {len(orgs) - 8} more"
        res.notes.append(f"XmR chart{'s' if len(orgs) > 1 else ''} of {who}: {message}")
