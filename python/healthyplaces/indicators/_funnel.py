"""Funnel plots with control limits and overdispersion (Spiegelhalter 2005, 2012), by the methods of OHID's
PHEindicatormethods (``calculate_funnel_limits``) and NHS-R's FunnelPlotR. The work is one C++ pass per call;
these wrappers only pick columns and shape the DataFrames; :class:`FunnelResult` presents them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np
import pandas as pd

from .. import _core
from .._result import Result, Summary, field_table, fmt_int, fmt_number
from ._frame import as_levels, column, level_suffix, limit_columns
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # matplotlib is imported when a chart is drawn, not on import
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["FunnelResult", "funnel", "funnel_limits"]

_ind = _core.indicators


def _kind(kind: str) -> str:
    """The kind's name, checked in C++ (DomainError naming the kinds otherwise)."""
    return str(_ind.funnel_kind(kind))


def _od(overdispersion: str | None) -> str:
    return "none" if overdispersion is None else overdispersion


def _x_name(kind: str) -> str:
    """The denominator column's name: ``expected`` for standardised ratios, ``denominator`` otherwise."""
    return "expected" if kind == "ratio" else "denominator"


def _name_of(values: Any) -> str:
    """What a column is called, for the chart's axes: the column name given with ``data=``, a Series' name, or ''
    for plain arrays."""
    if isinstance(values, str):
        return values
    name = getattr(values, "name", None)
    return str(name) if isinstance(name, str) else ""


def _small(v: Any) -> str:
    """A small variance such as tau² without an exponent (0.0000123, not 1.23e-05)."""
    x = float(v)
    if x != 0 and abs(x) < 1e-4:
        return f"{x:.10f}".rstrip("0")
    return fmt_number(x)


def funnel_limits(kind: str = "proportion", denominator: Any = None, expected: Any = None,
                  target: float | None = None, confidence_level: float | Sequence[float] = (0.95, 0.998),
                  method: str = "auto", multiplier: float = 1, n_points: int | None = None, numerator: Any = None,
                  data: pd.DataFrame | None = None, overdispersion: str | None = None, phi: float = 1.0,
                  tau2: float = 0.0) -> pd.DataFrame:
    """Funnel-plot control limits around a target at given denominators (or a grid spanning them).

    ``kind="proportion"``: ``method="wilson"`` (the default, as ``"auto"``) gives OHID's limits,
    target ± z·√(target(1 − target)/n) (the values whose Wilson score interval just reaches the target), cut at 0
    and the multiplier; ``"exact"`` the interpolated binomial quantiles of Spiegelhalter (2005). ``kind="ratio"``
    (observed/expected; give ``expected=``; target 1 × multiplier by default) and ``kind="rate"``: ``"exact"``
    interpolated Poisson quantiles, or ``"chisq"`` FunnelPlotR's chi-square limits of a count equal to the
    expected one. With ``overdispersion=`` the limits are target ± z·√(φ·s² + τ²) on the transformed scale.

    Parameters
    ----------
    kind : {"proportion", "ratio", "rate"}
        What the funnel shows.
    denominator : array-like or str, optional
        The denominators (a column name with ``data=``) the limits are computed at, or spanned by a grid.
    expected : array-like or str, optional
        For ``kind="ratio"``: the expected counts, in place of ``denominator``.
    target : float, optional
        The target on the reported scale (× ``multiplier``); without it, Σnumerator/Σdenominator when
        ``numerator=`` is given (1 × multiplier for ratios).
    confidence_level : float or sequence of float, default (0.95, 0.998)
        The levels of the limits, each in (0, 1).
    method : {"auto", "wilson", "exact", "chisq"}, default "auto"
        How the limits are computed (see above).
    multiplier : float, default 1
        The reported scale: 100 for per cent.
    n_points : int, optional
        Draw that many denominators geometrically from half the smallest to 1.1× the largest given.
    numerator : array-like or str, optional
        Numerators, to take the target from when ``target`` is not given.
    data : DataFrame, optional
        The table the column names refer to.
    overdispersion : {None, "multiplicative", "additive"}
        Widen the limits by φ (multiplicative) or τ² (additive); pass a funnel's ``phi`` and ``tau2``.
    phi, tau2 : float
        The dispersion ratio and between-organisation variance (see :func:`funnel`).

    Returns
    -------
    DataFrame
        ``denominator`` (or ``expected``), ``target`` and the limits: ``lower``/``upper`` for one level,
        ``lower_95``, ``upper_95``, ``lower_99_8``, ``upper_99_8`` for two.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.indicators.funnel_limits(denominator=[100, 1000], target=0.2).round(4).values.tolist()
    [[100.0, 0.2, 0.1216, 0.2784, 0.0764, 0.3236], [1000.0, 0.2, 0.1752, 0.2248, 0.1609, 0.2391]]
    """
    kind = _kind(kind)
    given = expected if kind == "ratio" and expected is not None else denominator
    if given is None:
        raise _core.DomainError(f"funnel_limits: give {_x_name(kind)}= (one value per point, or the data's to span)")
    x = column(data, given, _x_name(kind))
    num = column(data, numerator, "numerator") if numerator is not None and target is None else None
    levels = as_levels(confidence_level)
    grid, r = _ind.funnel_limits(x, None if target is None else float(target), kind, method, levels,
                                 float(multiplier), _od(overdispersion), float(phi), float(tau2), num,
                                 None if n_points is None else int(n_points))
    if grid is not None:
        x = np.asarray(grid)
    frame = pd.DataFrame({_x_name(kind): x, "target": r.value})
    limit_columns(frame, levels, r.lower, r.upper)
    return frame


@dataclass(eq=False)
class FunnelResult(Result):
    """A funnel plot's numbers: one row per organisation in ``table`` with its value, z-score, limits at its own
    denominator and ``significance``; the ``target``, the dispersion ratio ``phi`` and between-organisation
    variance ``tau2``.

    ``outliers(confidence_level)`` lists the organisations outside the limits at that level, ``limits(n_points)``
    gives the curves to draw, ``to_frame()`` the table, ``summary()`` the headline numbers and the outliers, and
    ``plot()`` the funnel as a Figure. Made by :func:`funnel`.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> f = hp.indicators.funnel([10, 20, 45, 55], [100, 100, 100, 100], multiplier=100)
    >>> f.outliers(0.998)["label"].tolist()
    ['0', '3']
    """

    table: pd.DataFrame
    kind: str
    method: str                     # in words, e.g. "Wilson score"
    target: float                   # on the reported scale (× multiplier)
    phi: float                      # dispersion ratio (always computed, applied as overdispersion= asks)
    tau2: float                     # between-organisation variance on the transformed scale
    n_used: int                     # organisations phi averages over
    confidence_level: list[float]   # the levels of the limits, e.g. [0.95, 0.998]
    overdispersion: str | None
    multiplier: float
    limits_method: str              # the method= asked for ("auto", "wilson", ...), to redraw the limits
    direction: np.ndarray           # +1 above the widest limits crossed, -1 below, 0 within
    beyond: np.ndarray              # the highest level whose limits it is outside (NaN within)
    numerator_name: str = ""        # what the counts are called (a column name), for the chart's axes
    denominator_name: str = ""

    def __len__(self) -> int:
        return len(self.table)

    def outliers(self, confidence_level: float = 0.998) -> pd.DataFrame:
        """The rows of ``table`` outside the limits at ``confidence_level`` (one of the funnel's levels).

        Parameters
        ----------
        confidence_level : float, default 0.998
            One of the levels the funnel was made with.

        Returns
        -------
        DataFrame
            The organisations strictly outside those limits, high or low.
        """
        if not any(abs(confidence_level - c) < 1e-12 for c in self.confidence_level):
            raise _core.DomainError(f"outliers: confidence_level {confidence_level} is not one of this funnel's "
                                    f"levels {', '.join(map(str, self.confidence_level))}")
        hit = ~np.isnan(self.beyond) & (self.beyond >= confidence_level - 1e-12)
        return self.table[hit]

    def limits(self, n_points: int = 200) -> pd.DataFrame:
        """The control-limit curves over the data's range (``n_points`` denominators), for drawing.

        Parameters
        ----------
        n_points : int, default 200
            How many denominators, spaced geometrically over the data's range.

        Returns
        -------
        DataFrame
            As :func:`funnel_limits`.
        """
        x = self.table[_x_name(self.kind)].to_numpy(dtype=float)
        return funnel_limits(self.kind, denominator=x, target=self.target, confidence_level=self.confidence_level,
                             method=self.limits_method, multiplier=self.multiplier, n_points=n_points,
                             overdispersion=self.overdispersion, phi=self.phi, tau2=self.tau2)

    def to_frame(self) -> pd.DataFrame:
        """One row per organisation: label, numerator, denominator, value, z, limits and significance."""
        return self.table.copy()

    def summary(self) -> Summary:
        """The headline numbers (organisations, target, method, φ, τ², how many are high or low at each level)
        and the organisations outside the limits, each with the limits of the level it crosses."""
        counts = self.table["significance"].value_counts()
        fields: list[tuple[str, Any]] = [
            ("organisations", len(self.table)), ("kind", self.kind), ("target", self.target),
            ("method", self.method), ("overdispersion", self.overdispersion or "none"), ("phi", self.phi),
            ("tau2", self.tau2)]
        fields += [(str(c), int(counts.get(c, 0))) for c in self.table["significance"].cat.categories]
        formats = {"organisations": fmt_int, "tau2": _small, **{str(c): fmt_int
                                                                for c in self.table["significance"].cat.categories}}
        s = Summary.of(f"Funnel plot: {self.kind}", field_table(fields), formats=formats)
        out = self.outliers(min(self.confidence_level)) if len(self.confidence_level) else self.table.iloc[:0]
        if len(out):
            s.add("Outside the limits (the limits shown are those of the level crossed)", self._outlier_rows(out))
            s.formats.update({"numerator": fmt_number, _x_name(self.kind): fmt_number})
        s.notes.append(f"{self.method}; an organisation is outside when its value lies strictly beyond the limits "
                       "at its own denominator.")
        return s

    def _outlier_rows(self, out: pd.DataFrame) -> pd.DataFrame:
        single = len(self.confidence_level) == 1
        beyond = self.beyond[self.table.index.get_indexer(out.index)]
        lows, highs = [], []
        for (_, row), level in zip(out.iterrows(), beyond):
            lo = "lower" if single else f"lower_{level_suffix(level)}"
            hi = "upper" if single else f"upper_{level_suffix(level)}"
            lows.append(row[lo])
            highs.append(row[hi])
        x = _x_name(self.kind)
        return pd.DataFrame({"organisation": out["label"].astype(str).to_numpy(), "numerator": out["numerator"],
                             x: out[x], "value": out["value"], "lower": lows, "upper": highs,
                             "significance": out["significance"].astype(str).to_numpy()}).reset_index(drop=True)

    def plot(self, ax: Axes | None = None, label_outliers: bool = True, n_points: int = 200, title: str | None = None,
             y_label: str | None = None, x_label: str | None = None, max_labels: int = 20) -> Figure:
        """The funnel plot as a matplotlib Figure: one dot per organisation, the target, the limit curves of each
        level and, with ``label_outliers``, the organisations outside the outermost limits labelled.

        Parameters
        ----------
        ax : matplotlib Axes, optional
            Draw into these axes; a new figure otherwise.
        label_outliers : bool, default True
            Label the organisations outside the outermost (e.g. 99.8%) limits, the furthest out first, where a
            label overlaps no other; when not all are labelled the legend says how many are.
        n_points : int, default 200
            Points along each limit curve.
        title : str, optional
            The chart's title (default: the method).
        y_label, x_label : str, optional
            Axis labels; by default they name the indicator's unit from the column names given to :func:`funnel`
            (e.g. "breaches, % of attendances" and "attendances (denominator)").
        max_labels : int, default 20
            At most this many labels (past about 20 a funnel is better read from ``outliers()`` as a table).

        Returns
        -------
        matplotlib.figure.Figure
        """
        from ._funnel_plot import draw

        return draw(self, ax=ax, label_outliers=label_outliers, n_points=n_points, title=title, y_label=y_label,
                    x_label=x_label, max_labels=max_labels)

    def __repr__(self) -> str:
        return (f"FunnelResult({len(self.table)} organisations, {self.kind}, target {self.target:.6g}, "
                f"{self.method}, phi {self.phi:.4g}, tau2 {self.tau2:.4g})")


def _labels(n: int, by: Any, data: pd.DataFrame | None) -> np.ndarray:
    if by is None:
        return np.asarray(data.index if data is not None else np.arange(n)).astype(str)
    if data is not None and isinstance(by, str):
        if by not in data.columns:
            raise _core.DataError(f"by: no column '{by}' in the data; columns are {', '.join(map(str, data.columns))}")
        by = data[by]
    missing = np.flatnonzero(pd.isna(np.asarray(by, dtype=object))) if np.ndim(by) == 1 else np.array([], int)
    if missing.size:
        raise _core.DataError(f"by: row {missing[0]} has no organisation (a missing value); drop or name it")
    out = np.asarray(by).astype(str)
    if out.shape != (n,):
        raise _core.DataError(f"by: expected {n} organisation names (one per row), got shape {out.shape}")
    return out


def _grouped(labels: np.ndarray, x: np.ndarray, n: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``by=`` groups as everywhere else: the rows of an organisation are summed (in the order organisations first
    appear), so one organisation is one point. NaN counts are an error before summing."""
    if pd.Index(labels).is_unique:  # a hash table: np.unique sorts the strings (2 s for a million)
        return labels, x, n
    for name, v in (("numerator", x), ("denominator", n)):
        bad = np.flatnonzero(np.isnan(v))
        if bad.size:
            raise _core.DataError(f"funnel: row {bad[0]} ({labels[bad[0]]}) has {name} nan; counts must be numbers")
    summed = pd.DataFrame({"label": labels, "x": x, "n": n}).groupby("label", sort=False).sum()
    return (summed.index.to_numpy().astype(str), summed["x"].to_numpy(dtype=np.float64),
            summed["n"].to_numpy(dtype=np.float64))


def funnel(numerator: Any, denominator: Any, kind: str = "proportion", by: Any = None,
           data: pd.DataFrame | None = None, target: float | None = None,
           confidence_level: float | Sequence[float] = (0.95, 0.998), method: str = "auto",
           overdispersion: str | None = None, winsorise: float = 0.1, truncate: float | None = None,
           multiplier: float = 1) -> FunnelResult:
    """A funnel plot: each organisation's value against control limits at its own denominator.

    z-scores are on FunnelPlotR's transformed scale: arcsine-√ for proportions (s = 1/(2√n)), log for ratios and
    rates (s = 1/√(target·expected)); a zero count's z uses half an event. φ is the mean squared z after
    winsorising ``winsorise`` (default 10%) at each tail, or after dropping the tails with ``truncate=``;
    τ² = max(0, (nφ − (n − 1)) / (Σw − Σw²/Σw)), w = 1/s². With ``overdispersion="multiplicative"`` the limits widen
    by √φ when φ > 1; with ``"additive"`` they are target ± z·√(s² + τ²), back-transformed. Bad counts are a
    ``DataError`` naming the organisation.

    Parameters
    ----------
    numerator : array-like or str
        The counts (breaches, deaths, observed events), one per organisation, or a column of ``data``.
    denominator : array-like or str
        The denominators (attendances, population), or for ``kind="ratio"`` the expected counts.
    kind : {"proportion", "ratio", "rate"}, default "proportion"
        numerator/denominator, observed/expected (an indirectly standardised ratio) or events/population.
    by : array-like or str, optional
        The organisations' names (a column of ``data``); the data's index otherwise. Grouping, as ``by=``
        everywhere: the rows of an organisation are summed (in the order organisations first appear), so each is
        one point. A missing name is a ``DataError``.
    data : DataFrame, optional
        The table the column names refer to.
    target : float, optional
        On the reported scale; default Σnumerator/Σdenominator × multiplier (1 × multiplier for ratios).
    confidence_level : float or sequence of float, default (0.95, 0.998)
        The levels of the control limits.
    method : {"auto", "wilson", "exact", "chisq"}, default "auto"
        How the limits are computed (see :func:`funnel_limits`).
    overdispersion : {None, "multiplicative", "additive"}
        Adjust the limits for overdispersion (Spiegelhalter 2005, 2012).
    winsorise : float, default 0.1
        Fraction of z-scores pulled in at each tail before φ is taken.
    truncate : float, optional
        Drop that fraction at each tail instead of winsorising (as NHS Digital's SHMI).
    multiplier : float, default 1
        The reported scale: 100 for per cent.

    Returns
    -------
    FunnelResult
        ``table`` (``label``, ``numerator``, ``denominator``, ``value``, ``z``, the limits and ``significance``:
        "high 99.8%", "high 95%", "within", "low 95%" or "low 99.8%"), ``target``, ``phi``, ``tau2``.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> f = hp.indicators.funnel([10, 20, 45, 55], [100, 100, 100, 100], by=["A", "B", "C", "D"], multiplier=100)
    >>> f.table["significance"].tolist()
    ['low 99.8%', 'low 95%', 'high 95%', 'high 99.8%']
    >>> round(f.target, 2)
    32.5
    """
    kind = _kind(kind)
    x = column(data, numerator, "numerator")
    n = column(data, denominator, _x_name(kind))
    labels, x, n = _grouped(_labels(len(x), by, data), x, n)
    levels = as_levels(confidence_level)
    od = _od(overdispersion)
    cut = 0.0 if truncate is None else float(truncate)
    core = _ind.funnel(x, n, kind, method, levels, float(multiplier), od, float(winsorise), cut,
                       None if target is None else float(target))
    table = pd.DataFrame({"label": labels, "numerator": x, _x_name(kind): n,
                          "value": core.value, "z": core.z})
    if od != "none":
        table["z_adjusted"] = core.z_adjusted
    limit_columns(table, levels, core.lower, core.upper)
    table["significance"] = _significance(core, levels)
    return FunnelResult(table=table, kind=str(core.kind), method=str(core.method), target=float(core.target),
                        phi=float(core.phi), tau2=float(core.tau2), n_used=int(core.n_used),
                        confidence_level=[float(c) for c in core.confidence_level], overdispersion=overdispersion,
                        multiplier=float(multiplier), limits_method=method,
                        direction=np.asarray(core.direction).copy(), beyond=np.asarray(core.beyond).copy(),
                        numerator_name=_name_of(numerator), denominator_name=_name_of(denominator))


def _significance(core: Any, levels: list[float]) -> pd.Categorical:
    """The labels as an ordered categorical built from C++'s direction and level codes (one category per
    label, not a Python string per organisation): high at the widest level first, within, low at the widest
    level last."""
    order = sorted(set(levels), reverse=True)
    categories = ([f"high {level_text(c)}" for c in order] + ["within"] +
                  [f"low {level_text(c)}" for c in reversed(order)])
    direction = np.asarray(core.direction)
    beyond = np.asarray(core.beyond)
    rank = np.zeros(direction.size, dtype=np.int64)  # position of the level crossed in `order`
    for i, c in enumerate(order):
        rank[beyond == c] = i
    k = len(order)
    codes = np.where(direction > 0, rank, np.where(direction < 0, 2 * k - rank, k))
    return pd.Categorical.from_codes(codes.astype(np.int16), categories=categories, ordered=True)


def level_text(level: float) -> str:
    """0.998 → "99.8%", 0.95 → "95%": the level as the significance labels write it."""
    return f"{level * 100:.10g}%"
