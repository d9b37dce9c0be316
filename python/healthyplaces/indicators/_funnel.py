"""Funnel plots with control limits and overdispersion (Spiegelhalter 2005, 2012), by the methods of OHID's
PHEindicatormethods (``calculate_funnel_limits``) and NHS-R's FunnelPlotR. The work is one C++ pass per call;
these wrappers only pick columns and shape the DataFrames."""
from __future__ import annotations

import html
from typing import Any, Sequence

import numpy as np
import pandas as pd

from .. import _core
from ._frame import as_levels, column, limit_columns

__all__ = ["FunnelResult", "funnel", "funnel_limits"]

_ind = _core.indicators


def _kind(kind: str) -> str:
    """The kind's name, checked in C++ (DomainError naming the kinds otherwise)."""
    return _ind.funnel_kind(kind)


def _od(overdispersion: str | None) -> str:
    return "none" if overdispersion is None else overdispersion


def _x_name(kind: str) -> str:
    """The denominator column's name: ``expected`` for standardised ratios, ``denominator`` otherwise."""
    return "expected" if kind == "ratio" else "denominator"


def funnel_limits(kind: str = "proportion", denominator: Any = None, expected: Any = None, target: float | None = None,
                  confidence: float | Sequence[float] = (0.95, 0.998), method: str = "auto", multiplier: float = 1,
                  n_points: int | None = None, numerator: Any = None, data: pd.DataFrame | None = None,
                  overdispersion: str | None = None, phi: float = 1.0, tau2: float = 0.0) -> pd.DataFrame:
    """Funnel-plot control limits around a target at given denominators (or a grid spanning them).

    ``kind="proportion"``: ``method="wilson"`` (default) gives OHID's limits, target ± z·√(target(1 − target)/n)
    (the values whose Wilson score interval just reaches the target), cut at 0 and the multiplier; ``"exact"``
    the interpolated binomial quantiles of Spiegelhalter (2005). ``kind="ratio"`` (observed/expected; give
    ``expected=``; target 1 × multiplier by default) and ``kind="rate"``: ``"exact"`` interpolated Poisson
    quantiles, or ``"chisq"`` FunnelPlotR's chi-square limits of a count equal to the expected one.
    ``target`` is on the reported scale (× ``multiplier``); without it the overall
    Σnumerator/Σdenominator is used when ``numerator=`` is given. ``n_points`` draws that many denominators
    geometrically from half the smallest to 1.1× the largest given. With ``overdispersion=`` the limits are
    target ± z·√(φ·s² + τ²) on the transformed scale (pass a funnel's ``phi`` and ``tau2``).

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
    levels = as_levels(confidence)
    grid, r = _ind.funnel_limits(x, None if target is None else float(target), kind, method, levels,
                                 float(multiplier), _od(overdispersion), float(phi), float(tau2), num,
                                 None if n_points is None else int(n_points))
    if grid is not None:
        x = np.asarray(grid)
    frame = pd.DataFrame({_x_name(kind): x, "target": r.value})
    limit_columns(frame, levels, r.lower, r.upper)
    return frame


class FunnelResult:
    """A funnel plot's numbers: ``table`` (one row per organisation), ``phi``, ``tau2``, ``target``, ``kind``.

    ``outliers(level)`` lists the organisations outside the limits at that level, ``limits(n_points)`` gives
    the curves to draw, ``summary()`` the headline numbers and ``plot()`` a matplotlib Figure.
    """

    def __init__(self, core: Any, table: pd.DataFrame, options: dict[str, Any]) -> None:
        self._core = core
        self.table = table
        self.kind: str = core.kind
        self.method: str = core.method
        self.target: float = core.target
        self.phi: float = core.phi
        self.tau2: float = core.tau2
        self.confidence: list[float] = list(core.confidence)
        self.overdispersion: str | None = options["overdispersion"]
        self._options = options

    def __len__(self) -> int:
        return len(self.table)

    def outliers(self, level: float = 0.998) -> pd.DataFrame:
        """The rows outside the limits at ``level`` (one of the levels the funnel was made with)."""
        if not any(abs(level - c) < 1e-12 for c in self.confidence):
            raise _core.DomainError(f"outliers: level {level} is not one of this funnel's levels "
                                    f"{', '.join(map(str, self.confidence))}")
        beyond = np.asarray(self._core.beyond)
        hit = ~np.isnan(beyond) & (beyond >= level - 1e-12)
        return self.table[hit]

    def limits(self, n_points: int = 200) -> pd.DataFrame:
        """The control-limit curves over the data's range (``n_points`` denominators), for drawing."""
        x = self.table[_x_name(self.kind)].to_numpy(dtype=float)
        o = self._options
        return funnel_limits(self.kind, denominator=x, target=self.target, confidence=self.confidence,
                             method=o["method"], multiplier=o["multiplier"], n_points=n_points,
                             overdispersion=self.overdispersion, phi=self.phi, tau2=self.tau2)

    def summary(self) -> pd.Series:
        """Organisations, target, method, phi, tau2 and how many are high or low at each level."""
        counts = self.table["significance"].value_counts()
        out: dict[str, Any] = {"organisations": len(self.table), "kind": self.kind, "target": self.target,
                               "method": self.method, "phi": self.phi, "tau2": self.tau2}
        for label in self.table["significance"].cat.categories:
            out[label] = int(counts.get(label, 0))
        return pd.Series(out, name="funnel")

    def plot(self, ax: Any = None, label_outliers: bool = True, n_points: int = 200, title: str | None = None) -> Any:
        """The funnel plot as a matplotlib Figure: dots, target line, limit curves per level, outlier labels."""
        from ._funnel_plot import draw

        return draw(self, ax=ax, label_outliers=label_outliers, n_points=n_points, title=title)

    def __repr__(self) -> str:
        s = self.summary()
        return (f"FunnelResult({s['organisations']} organisations, {self.kind}, target {self.target:.6g}, "
                f"{self.method}, phi {self.phi:.4g}, tau2 {self.tau2:.4g})")

    def _repr_html_(self) -> str:
        head = html.escape(repr(self))
        return f"<p>{head}</p>" + self.table.to_html(max_rows=20, index=False)


def _labels(n: int, labels: Any, data: pd.DataFrame | None) -> np.ndarray:
    if labels is None:
        return np.asarray(data.index if data is not None else np.arange(n)).astype(str)
    if data is not None and isinstance(labels, str):
        if labels not in data.columns:
            raise _core.DataError(f"labels: no column '{labels}' in the data; columns are {', '.join(map(str, data.columns))}")
        labels = data[labels]
    out = np.asarray(labels).astype(str)
    if out.shape != (n,):
        raise _core.DataError(f"labels: expected {n} labels (one per organisation), got shape {out.shape}")
    return out


def funnel(numerator: Any, denominator: Any, kind: str = "proportion", labels: Any = None,
           data: pd.DataFrame | None = None, target: float | None = None,
           confidence: float | Sequence[float] = (0.95, 0.998), method: str = "auto",
           overdispersion: str | None = None, winsorise: float = 0.1, truncate: float | None = None,
           multiplier: float = 1) -> FunnelResult:
    """A funnel plot: each organisation's value against control limits at its own denominator.

    ``kind``: "proportion" (numerator/denominator), "ratio" (observed/expected, an indirectly standardised
    ratio; give the expected counts as ``denominator``) or "rate" (events/population). Limits as
    :func:`funnel_limits`. z-scores are on FunnelPlotR's transformed scale: arcsine-√ for proportions
    (s = 1/(2√n)), log for ratios and rates (s = 1/√(target·expected)); a zero count's z uses half an event.
    φ is the mean squared z after winsorising ``winsorise`` (default 10%) at each tail, or after dropping the
    tails with ``truncate=``; τ² = max(0, (nφ − (n − 1)) / (Σw − Σw²/Σw)), w = 1/s². With
    ``overdispersion="multiplicative"`` the limits widen by √φ when φ > 1; with ``"additive"`` they are
    target ± z·√(s² + τ²), back-transformed. ``significance`` says "high 99.8%", "high 95%", "within", "low 95%" or
    "low 99.8%" (value strictly outside the limits). Bad counts are a ``DataError`` naming the organisation.

    >>> import healthyplaces as hp
    >>> f = hp.indicators.funnel([10, 20, 45, 55], [100, 100, 100, 100], multiplier=100)
    >>> f.table["significance"].tolist()
    ['low 99.8%', 'low 95%', 'high 95%', 'high 99.8%']
    >>> round(f.target, 2)
    32.5
    """
    kind = _kind(kind)
    x = column(data, numerator, "numerator")
    n = column(data, denominator, _x_name(kind))
    levels = as_levels(confidence)
    od = _od(overdispersion)
    cut = 0.0 if truncate is None else float(truncate)
    core = _ind.funnel(x, n, kind, method, levels, float(multiplier), od, float(winsorise), cut,
                       None if target is None else float(target))
    table = pd.DataFrame({"label": _labels(len(x), labels, data), "numerator": x, _x_name(kind): n,
                          "value": core.value, "z": core.z})
    if od != "none":
        table["z_adjusted"] = core.z_adjusted
    limit_columns(table, levels, core.lower, core.upper)
    table["significance"] = _significance(core, levels)
    options = {"method": method, "multiplier": float(multiplier), "overdispersion": overdispersion}
    return FunnelResult(core, table, options)


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
