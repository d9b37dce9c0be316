"""Staggered adoption by Callaway and Sant'Anna (2021): group-time average treatment effects ATT(g, t), their
aggregation (simple, event-study, cohort, calendar) and multiplier-bootstrap uniform bands, as R's ``did``
computes them (``att_gt``, ``aggte``). The work is done in C++ (``healthyplaces._core.evaluation``)."""
from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .. import _core
from ..stats import ConfidenceInterval
from ._panel import Panel, as_panel

__all__ = ["ATTgtResult", "AggregateResult", "aggte", "att_gt"]

_ev = _core.evaluation


def _fmt(v: float) -> str:
    return "nan" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:.4f}"


class ATTgtResult:
    """Group-time average treatment effects: one row per cohort ``group`` (first treated period) and
    ``period``. ``att``, ``se`` (multiplier-bootstrap when ``n_boot > 0``, as R's did reports; the analytic
    ones are ``se_analytic``), ``ci_low``/``ci_high`` (simultaneous band when ``uniform``, else pointwise),
    ``critical_value``. ``summary()`` is the table, ``aggregate(kind)`` (alias ``aggte``) aggregates it and
    ``plot()`` draws the effects by period, one panel per cohort."""

    def __init__(self, core: Any) -> None:
        self._core = core

    # -- the numbers ---------------------------------------------------------------------------------------
    @property
    def group(self) -> np.ndarray:
        return np.asarray(self._core.group, dtype=np.int64)

    @property
    def period(self) -> np.ndarray:
        return np.asarray(self._core.period, dtype=np.int64)

    @property
    def att(self) -> np.ndarray:
        return np.asarray(self._core.att)

    statistic = att

    @property
    def se(self) -> np.ndarray:
        return np.asarray(self._core.se)

    @property
    def se_analytic(self) -> np.ndarray:
        return np.asarray(self._core.se_analytic)

    @property
    def ci_low(self) -> np.ndarray:
        return np.asarray(self._core.ci_low)

    @property
    def ci_high(self) -> np.ndarray:
        return np.asarray(self._core.ci_high)

    @property
    def critical_value(self) -> float:
        return float(self._core.critical_value)

    @property
    def uniform(self) -> bool:
        return bool(self._core.uniform)

    @property
    def level(self) -> float:
        return float(self._core.level)

    @property
    def pvalue(self) -> np.ndarray:
        """Pointwise two-sided normal p-values of ATT(g, t) = 0."""
        return np.asarray(_ev.pointwise_pvalues(self._core))

    @property
    def influence(self) -> np.ndarray:
        """Units x cells influence functions (scaled by n / n_cell as did does)."""
        return np.asarray(self._core.influence)

    @property
    def units(self) -> list[str]:
        return list(self._core.units)

    @property
    def cohorts(self) -> list[int]:
        return list(self._core.cohorts)

    def confidence_interval(self) -> ConfidenceInterval:
        """The band (or pointwise intervals) as arrays ``low``, ``high``."""
        return ConfidenceInterval(self.ci_low, self.ci_high)

    @property
    def options(self) -> dict[str, Any]:
        c = self._core
        return {"control": c.control, "estimator": c.estimator, "base_period": c.base_period,
                "anticipation": c.anticipation, "covariates": list(c.covariates), "n_boot": c.n_boot,
                "seed": c.seed, "weights": c.weights, "level": c.level, "threads": c.threads}

    def summary(self) -> pd.DataFrame:
        """One row per (group, period): att, se, the band ``ci_low``/``ci_high``, whether the cell is
        post-treatment, the base period and the numbers of treated and control units."""
        c = self._core
        return pd.DataFrame({
            "group": self.group, "period": self.period, "att": self.att, "se": self.se,
            "ci_low": self.ci_low, "ci_high": self.ci_high, "post": self.period >= self.group,
            "base": np.asarray(c.base, dtype=np.int64), "n_treated": np.asarray(c.n_treated, dtype=np.int64),
            "n_control": np.asarray(c.n_control, dtype=np.int64)})

    to_frame = summary

    def pretest(self) -> tuple[float, float, int]:
        """Wald pre-test of parallel trends, as did's summary prints it: every pre-treatment ATT(g, t)
        (group > period) is 0. W = n att' V^-1 att with V = psi'psi / n over those cells (cells with zero
        variance left out); returns (W, p-value from chi-square with as many degrees of freedom as cells, df).
        NaN when there is no pre-treatment cell or V is singular."""
        t = _ev.pretest(self._core)
        return float(t.statistic), float(t.pvalue), int(t.df)

    def aggregate(self, kind: str = "group", *, min_e: int | None = None, max_e: int | None = None,
                  balance_e: int | None = None, n_boot: int | None = None, seed: int | None = None,
                  threads: int | None = None, level: float | None = None) -> AggregateResult:
        """Aggregate like did's ``aggte``: ``kind`` = "simple" (post-treatment cells weighted by cohort size),
        "dynamic" (event study by e = period - group; ``min_e``, ``max_e``, ``balance_e``), "group" (each
        cohort's mean effect; overall = cohort-size-weighted mean, did's headline) or "calendar". Bootstrap
        settings default to this run's (same seed: same draws)."""
        core = _ev.aggregate(self._core, kind, min_e, max_e, balance_e, n_boot, seed, None, level,
                                          threads)
        return AggregateResult(core, self)

    aggte = aggregate

    def plot(self, ax: Any = None) -> Any:
        """ATT(g, t) against period with the band, pre-treatment cells in one colour and post-treatment in
        another, one row of points per cohort (offset), as did's ggdid. Returns the matplotlib Axes."""
        ax = _axes(ax)
        groups = self.cohorts
        width = 0.8 / max(len(groups), 1)
        for j, g in enumerate(groups):
            m = self.group == g
            x = self.period[m] + (j - (len(groups) - 1) / 2) * width
            post = self.period[m] >= g
            for sel, colour, lab in ((~post, "#e46c0a", "pre-treatment"), (post, "#00789c", "post-treatment")):
                if not sel.any():
                    continue
                y, lo, hi = self.att[m][sel], self.ci_low[m][sel], self.ci_high[m][sel]
                ax.errorbar(x[sel], y, yerr=[y - lo, hi - y], fmt="o", color=colour, capsize=2,
                            label=lab if j == 0 else None)
            ax.annotate(str(g), (x[-1], self.att[m][-1]), textcoords="offset points", xytext=(4, 4), fontsize=7)
        ax.axhline(0, color="#808080", lw=0.8)
        ax.set_xlabel("period")
        ax.set_ylabel(f"ATT(g, t) on {self._core.outcome_name}")
        band = "simultaneous" if self.uniform else "pointwise"
        ax.set_title(f"Group-time effects ({int(round(self.level * 100))}% {band} band; labels = cohort)")
        ax.legend(loc="best", fontsize=8)
        return ax

    def __repr__(self) -> str:
        o = self.options
        return (f"ATTgtResult({len(self.att)} group-time effects, {len(self.cohorts)} cohorts, "
                f"{len(self.units)} units, control={o['control']}, estimator={o['estimator']}, "
                f"base_period={o['base_period']}, n_boot={o['n_boot']})")

    def _repr_html_(self) -> str:
        o = self.options
        head = (f"<p><b>Group-time average treatment effects</b> (Callaway &amp; Sant'Anna): "
                f"{html.escape(self._core.outcome_name)}, {len(self.units)} units, control "
                f"{html.escape(o['control'])}, estimator {html.escape(o['estimator'])}, "
                f"{'simultaneous' if self.uniform else 'pointwise'} {int(round(self.level * 100))}% band</p>")
        return head + self.summary().to_html(index=False, float_format=lambda v: f"{v:.4f}")

    def __getstate__(self) -> Any:
        return self._core

    def __setstate__(self, state: Any) -> None:
        self._core = state


class AggregateResult:
    """Aggregated group-time effects: ``kind``, the overall effect ``statistic`` (``overall_att``) with
    ``overall_se`` and ``confidence_interval()`` (pointwise), and per ``label`` (event time, cohort or
    period) ``att``, ``se`` and the band ``ci_low``/``ci_high``. ``summary()`` is the table; ``plot()`` the
    event-study style chart."""

    def __init__(self, core: Any, parent: ATTgtResult | None = None) -> None:
        self._core = core
        self._parent_repr = repr(parent) if parent is not None else ""
        self._outcome = parent._core.outcome_name if parent is not None else "outcome"

    @property
    def kind(self) -> str:
        return self._core.kind

    @property
    def overall_att(self) -> float:
        return float(self._core.overall_att)

    statistic = overall_att

    @property
    def overall_se(self) -> float:
        return float(self._core.overall_se)

    @property
    def pvalue(self) -> float:
        """Two-sided normal p-value of the overall effect = 0 (NaN without a standard error)."""
        return float(_ev.normal_pvalue(self.overall_att, self.overall_se))

    def confidence_interval(self) -> ConfidenceInterval:
        return ConfidenceInterval(float(self._core.overall_ci_low), float(self._core.overall_ci_high))

    @property
    def label(self) -> np.ndarray:
        return np.asarray(self._core.label, dtype=np.int64)

    @property
    def att(self) -> np.ndarray:
        return np.asarray(self._core.att)

    @property
    def se(self) -> np.ndarray:
        return np.asarray(self._core.se)

    @property
    def ci_low(self) -> np.ndarray:
        return np.asarray(self._core.ci_low)

    @property
    def ci_high(self) -> np.ndarray:
        return np.asarray(self._core.ci_high)

    @property
    def critical_value(self) -> float:
        return float(self._core.critical_value)

    @property
    def uniform(self) -> bool:
        return bool(self._core.uniform)

    @property
    def level(self) -> float:
        return float(self._core.level)

    def _label_name(self) -> str:
        return {"dynamic": "event_time", "group": "group", "calendar": "period"}.get(self.kind, "label")

    def summary(self) -> pd.DataFrame:
        """One row per event time / cohort / period (att, se, band), then a row ``overall`` with the
        pointwise interval; for ``simple`` only the overall row."""
        rows = pd.DataFrame({self._label_name(): self.label.astype(object), "att": self.att, "se": self.se,
                             "ci_low": self.ci_low, "ci_high": self.ci_high})
        lo, hi = self.confidence_interval()
        overall = pd.DataFrame({self._label_name(): ["overall"], "att": [self.overall_att],
                                "se": [self.overall_se], "ci_low": [lo], "ci_high": [hi]})
        return pd.concat([rows, overall], ignore_index=True) if len(rows) else overall

    to_frame = summary

    def plot(self, ax: Any = None) -> Any:
        """Effects by event time (or cohort, or period) with the band; for dynamic, pre-treatment event times
        in one colour and post-treatment in another. Returns the matplotlib Axes."""
        ax = _axes(ax)
        x, y, lo, hi = self.label, self.att, self.ci_low, self.ci_high
        post = x >= 0 if self.kind == "dynamic" else np.ones(len(x), dtype=bool)
        for sel, colour, lab in ((~post, "#e46c0a", "pre-treatment"), (post, "#00789c", "post-treatment")):
            if sel.any():
                ax.errorbar(x[sel], y[sel], yerr=[y[sel] - lo[sel], hi[sel] - y[sel]], fmt="o", color=colour,
                            capsize=3, label=lab)
        ax.axhline(0, color="#808080", lw=0.8)
        if self.kind == "dynamic":
            ax.axvline(-0.5, color="#808080", lw=0.8, ls=":")
        ax.axhline(self.overall_att, color="#00789c", lw=0.8, ls="--", label=f"overall {self.overall_att:.4g}")
        ax.set_xlabel({"dynamic": "periods since adoption (e)", "group": "cohort (first treated period)",
                       "calendar": "period"}.get(self.kind, ""))
        ax.set_ylabel(f"ATT on {self._outcome}")
        band = "simultaneous" if self.uniform else "pointwise"
        ax.set_title(f"{self.kind} aggregation ({int(round(self.level * 100))}% {band} band)")
        ax.legend(loc="best", fontsize=8)
        return ax

    def __repr__(self) -> str:
        lo, hi = self.confidence_interval()
        return (f"AggregateResult(kind={self.kind}, overall_att={self.overall_att:.6g}, "
                f"overall_se={self.overall_se:.6g}, ci=({lo:.6g}, {hi:.6g}), {len(self.label)} effects)")

    def _repr_html_(self) -> str:
        head = (f"<p><b>Aggregated treatment effects</b> ({html.escape(self.kind)}): overall ATT "
                f"{_fmt(self.overall_att)} (se {_fmt(self.overall_se)})</p>")
        return head + self.summary().to_html(index=False, float_format=lambda v: f"{v:.4f}")

    def __getstate__(self) -> Any:
        raise TypeError("AggregateResult does not pickle; pickle the ATTgtResult and aggregate again")


def _axes(ax: Any) -> Any:
    if ax is not None:
        return ax
    from matplotlib.figure import Figure
    fig = Figure(figsize=(7, 4.2), layout="constrained")
    return fig.add_subplot()


def att_gt(data: pd.DataFrame | Panel, *, unit: str | None = None, time: str | None = None,
           outcome: str | None = None, adoption: str | Mapping[Any, Any] | None = None, treated: str | None = None,
           covariates: Sequence[str] = (), control: str = "never", estimator: str = "dr",
           base_period: str = "varying", anticipation: int = 0, n_boot: int = 1000, seed: int = 0,
           threads: int = 0, level: float = 0.95, weights: str = "rademacher",
           uniform_band: bool = True) -> ATTgtResult:
    """Group-time average treatment effects of Callaway and Sant'Anna (2021), as R's ``did::att_gt``.

    ``data`` is a :class:`Panel` or a long DataFrame with ``unit``, ``time``, ``outcome`` and either
    ``adoption`` (each unit's first treated period; NaN/0 = never, as did's ``gname``) or ``treated`` (a 0/1
    column). The panel must be balanced (a DomainError names the unit and the period it lacks). A unit
    adopting in the first period has no pre-period: DomainError naming it.

    ``control``: "never" (never-treated units; did's default) or "notyet" (also units not yet treated by
    the later of the two periods compared). ``estimator``: "dr" (doubly robust, default), "ipw"
    (normalised inverse-probability weighting) or "reg" (outcome regression). ``covariates``: columns (or
    panel covariates) entering the propensity score and outcome regression, taken at the earlier period of
    each 2x2 comparison as did does. ``base_period``: "varying" (pre-treatment cells compare consecutive
    periods) or "universal" (every cell compares with g - 1 - anticipation). ``n_boot`` multiplier-bootstrap
    draws (0 = analytic standard errors, pointwise intervals) with ``weights`` "rademacher" (did's) or
    "mammen", keyed by ``seed``: identical for any ``threads`` (0 = all cores). ``level``: coverage of the
    simultaneous band (sup-t critical value) when ``uniform_band``.

    >>> import pandas as pd, healthyplaces as hp
    >>> df = pd.DataFrame({"area": list("AAABBBCCCDDD"), "year": [2019, 2020, 2021] * 4,
    ...                    "admissions": [1, 2, 6, 2, 4, 9, 1, 2, 3, 3, 3, 5],
    ...                    "pooled_from": [2021] * 6 + [0] * 6})
    >>> res = hp.evaluation.att_gt(df, unit="area", time="year", outcome="admissions",
    ...                            adoption="pooled_from", estimator="reg", n_boot=0)
    >>> res.summary()[["group", "period", "att", "base"]].round(6)
       group  period  att  base
    0   2021    2020  1.0  2019
    1   2021    2021  3.0  2020
    """
    is_frame = isinstance(data, pd.DataFrame)
    panel = as_panel(data, unit=unit, time=time, outcome=outcome, adoption=adoption, treated=treated,
                     covariates=list(covariates) if (is_frame and covariates) else None)
    core = _ev.att_gt(panel._core, control, estimator, base_period, int(anticipation),
                                   [str(c) for c in covariates], int(n_boot), int(seed), weights, float(level),
                                   int(threads), bool(uniform_band))
    return ATTgtResult(core)


def aggte(result: ATTgtResult, kind: str = "group", **options: Any) -> AggregateResult:
    """did's ``aggte``: ``result.aggregate(kind, **options)``."""
    return result.aggregate(kind, **options)

