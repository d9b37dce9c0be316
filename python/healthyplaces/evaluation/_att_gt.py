"""Staggered adoption by Callaway and Sant'Anna (2021): group-time average treatment effects ATT(g, t), their
aggregation (simple, event-study, cohort, calendar) and multiplier-bootstrap uniform bands, as R's ``did``
computes them (``att_gt``, ``aggte``). The work is done in C++ (``healthyplaces._core.evaluation``)."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .. import _core, _figure
from .._result import ConfidenceInterval, Result, Summary, field_table, fmt_number, fmt_pvalue
from ._common import PERIOD_FORMATS, outcome_text, since_label, time_label
from ._panel import Panel, as_panel
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # matplotlib is imported when a chart is drawn
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["ATTgtResult", "AggregateResult", "aggte", "att_gt"]

_ev = _core.evaluation
PRE, POST = _figure.PALETTE[1], _figure.PALETTE[0]
_KINDS = {"simple": "every post-treatment cell, weighted by cohort size",
          "dynamic": "mean over event times e >= 0 of the effects by time since adoption",
          "group": "mean over cohorts of each cohort's average effect, weighted by cohort size",
          "calendar": "mean over periods of each period's effect on the cohorts already treated"}


# How each kind's overall effect averages, in a chart legend's few words.
_OVERALL = {"simple": "post-treatment cells by cohort size", "dynamic": "mean of the effects from adoption on",
            "group": "mean of cohorts' effects", "calendar": "mean over periods"}
_TITLES = {"simple": "Overall effect", "dynamic": "Effects by time since adoption", "group": "Effects by cohort",
           "calendar": "Effects by period"}


def _interval(estimate: float, se: float, stored: ConfidenceInterval, fit_level: float,
              confidence_level: float | None) -> ConfidenceInterval:
    """The pointwise normal interval of an overall effect: the stored one at the fit's level, else recomputed
    (in C++) from the estimate and its standard error."""
    if confidence_level is None or float(confidence_level) == fit_level:
        return stored
    return ConfidenceInterval(*_ev.confidence_interval(float(estimate), float(se), float(confidence_level)))


@dataclass(eq=False, repr=False)
class AggregateResult(Result):
    """Aggregated group-time effects (see :meth:`ATTgtResult.aggregate`).

    ``kind`` says how ("simple", "dynamic", "group" or "calendar"); the overall effect is ``statistic`` (also
    ``overall_att``) with ``overall_se``, ``pvalue`` and ``confidence_interval()`` (pointwise, normal); per
    ``label`` (event time, cohort or period): ``att``, ``se`` and the band ``ci_low``/``ci_high``
    (simultaneous when ``uniform``).

    Examples
    --------
    >>> import healthyplaces as hp
    >>> res = hp.evaluation.att_gt(hp.datasets.smoking(), unit="state", time="year", outcome="cigsale",
    ...                            adoption={"California": 1989, "Nevada": 1992}, estimator="reg", n_resamples=0)
    >>> dyn = res.aggregate("dynamic", max_e=3)
    >>> dyn.label.tolist()
    [-21, -20, -19, -18, -17, -16, -15, -14, -13, -12, -11, -10, -9, -8, -7, -6, -5, -4, -3, -2, -1, 0, 1, 2, 3]
    >>> dyn.kind, round(dyn.statistic, 1)
    ('dynamic', -8.2)
    """

    kind: str
    overall_att: float
    overall_se: float
    pvalue: float
    overall_ci_low: float
    overall_ci_high: float
    label: np.ndarray
    att: np.ndarray
    se: np.ndarray
    ci_low: np.ndarray
    ci_high: np.ndarray
    critical_value: float
    uniform: bool
    confidence_level: float
    outcome_name: str
    outcome_label: str | None
    periods: list[int]

    @classmethod
    def _from_core(cls, core: Any, outcome_name: str, outcome_label: str | None,
                   periods: Sequence[int]) -> "AggregateResult":
        att, se = float(core.overall_att), float(core.overall_se)
        return cls(kind=str(core.kind), overall_att=att, overall_se=se, pvalue=float(_ev.normal_pvalue(att, se)),
                   overall_ci_low=float(core.overall_ci_low), overall_ci_high=float(core.overall_ci_high),
                   label=np.asarray(core.label, dtype=np.int64), att=np.asarray(core.att), se=np.asarray(core.se),
                   ci_low=np.asarray(core.ci_low), ci_high=np.asarray(core.ci_high),
                   critical_value=float(core.critical_value), uniform=bool(core.uniform),
                   confidence_level=float(core.confidence_level), outcome_name=outcome_name,
                   outcome_label=outcome_label, periods=[int(p) for p in periods])

    @property
    def statistic(self) -> float:
        """The overall effect: ``overall_att``."""
        return self.overall_att

    def confidence_interval(self, confidence_level: float | None = None) -> ConfidenceInterval:
        """The overall effect's pointwise normal interval.

        Parameters
        ----------
        confidence_level : float, optional
            In (0, 1); ``None`` is the level of the fit.

        Returns
        -------
        ConfidenceInterval
        """
        return _interval(self.overall_att, self.overall_se,
                         ConfidenceInterval(self.overall_ci_low, self.overall_ci_high), self.confidence_level,
                         confidence_level)

    def _label_name(self) -> str:
        return {"dynamic": "event_time", "group": "group", "calendar": "period"}.get(self.kind, "label")

    def to_frame(self) -> pd.DataFrame:
        """One row per event time / cohort / period (att, se, band), then a row ``overall`` with the pointwise
        interval; for ``simple`` only the overall row."""
        rows = pd.DataFrame({self._label_name(): self.label.astype(object), "att": self.att, "se": self.se,
                             "ci_low": self.ci_low, "ci_high": self.ci_high})
        lo, hi = self.confidence_interval()
        overall = pd.DataFrame({self._label_name(): ["overall"], "att": [self.overall_att],
                                "se": [self.overall_se], "ci_low": [lo], "ci_high": [hi]})
        return pd.concat([rows, overall], ignore_index=True) if len(rows) else overall

    def summary(self) -> Summary:
        """The overall effect with its test, then the table of effects."""
        pct = f"{self.confidence_level:.0%}"
        head = [("overall ATT", self.overall_att), ("standard error", self.overall_se), ("p-value", self.pvalue),
                (f"{pct} CI (pointwise)", ConfidenceInterval(*self.confidence_interval()))]
        s = Summary.of(f"Aggregated treatment effects ({self.kind}) on "
                       f"{outcome_text(self.outcome_label, self.outcome_name)}", field_table(head),
                       notes=[f"overall: {_KINDS.get(self.kind, self.kind)}",
                              f"{pct} {'simultaneous' if self.uniform else 'pointwise'} band per row"],
                       formats={"p-value": fmt_pvalue, **PERIOD_FORMATS})
        if len(self.label):
            s.add("By " + self._label_name().replace("_", " "), self.to_frame())
        return s

    def plot(self, ax: Axes | None = None) -> Figure:
        """Effects by event time (or cohort, or period) with the band; for dynamic, pre-treatment event times in
        one colour and post-treatment in another, the overall effect as a dashed line.

        Parameters
        ----------
        ax : matplotlib Axes, optional

        Returns
        -------
        matplotlib.figure.Figure
        """
        fig, ax = _figure.axes(ax)
        x, y, lo, hi = self.label, self.att, self.ci_low, self.ci_high
        post = x >= 0 if self.kind == "dynamic" else np.ones(len(x), dtype=bool)
        labels = (("before adoption (should be near 0)", "after adoption") if self.kind == "dynamic"
                  else ("", "effect"))
        for sel, colour, lab in ((~post, PRE, labels[0]), (post, POST, labels[1])):
            if sel.any():
                ax.errorbar(x[sel], y[sel], yerr=[y[sel] - lo[sel], hi[sel] - y[sel]], fmt="o", color=colour,
                            capsize=3, label=lab)
        ax.axhline(0, color="#808080", lw=0.8)
        if self.kind == "dynamic":
            ax.axvline(-0.5, color="#808080", lw=0.8, ls=":")
        ax.axhline(self.overall_att, color=POST, lw=0.8, ls="--",
                   label=f"overall {self.overall_att:.4g}: {_OVERALL[self.kind]}")
        ax.set_xlabel({"dynamic": since_label(self.periods), "group": "cohort (first treated " +
                       time_label(self.periods) + ")", "calendar": time_label(self.periods)}.get(self.kind, ""))
        _figure.year_axis(ax.xaxis)
        ax.set_ylabel(f"effect on {outcome_text(self.outcome_label, self.outcome_name)}")
        band = "simultaneous" if self.uniform else "pointwise"
        ax.set_title(f"{_TITLES[self.kind]} ({int(round(self.confidence_level * 100))}% {band} band)")
        _figure.legend_outside(ax, ncol=2)
        return fig

    def __repr__(self) -> str:
        lo, hi = self.confidence_interval()
        return (f"AggregateResult(kind={self.kind}, overall_att={self.overall_att:.6g}, "
                f"overall_se={self.overall_se:.6g}, ci=({lo:.6g}, {hi:.6g}), {len(self.label)} effects)")


@dataclass(eq=False, repr=False)
class ATTgtResult(Result):
    """Group-time average treatment effects (see :func:`att_gt`): one entry per cohort ``group`` (first treated
    period) and ``period``.

    Per cell: ``att``, ``se`` (multiplier-bootstrap when ``n_resamples > 0``, as R's did reports; the analytic
    ones are ``se_analytic``), the band ``ci_low``/``ci_high`` (simultaneous when ``uniform``, else pointwise),
    ``pvalues``. The headline ``statistic`` is the overall effect of the ``simple`` aggregation (every
    post-treatment cell weighted by cohort size, did's ``aggte(type = "simple")``) with its ``standard_error``,
    ``pvalue`` and ``confidence_interval()``; ``aggregate(kind)`` gives the others.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> res = hp.evaluation.att_gt(hp.datasets.smoking(), unit="state", time="year", outcome="cigsale",
    ...                            adoption={"California": 1989, "Nevada": 1992}, estimator="reg", n_resamples=0)
    >>> res.cohorts, len(res.att)
    ([1989, 1992], 60)
    >>> round(res.statistic, 1)
    -14.9
    """

    _core: Any
    outcome_label: str | None = None

    def __post_init__(self) -> None:
        self._simple = AggregateResult._from_core(_ev.aggregate(self._core, "simple"), self.outcome_name,
                                                  self.outcome_label, self.periods)

    def __getstate__(self) -> dict[str, Any]:
        return {"_core": self._core, "outcome_label": self.outcome_label}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._core = state["_core"]
        self.outcome_label = state["outcome_label"]
        self.__post_init__()

    # -- the numbers ---------------------------------------------------------------------------------------
    @property
    def group(self) -> np.ndarray:
        """Each cell's cohort (first treated period)."""
        return np.asarray(self._core.group, dtype=np.int64)

    @property
    def period(self) -> np.ndarray:
        """Each cell's period."""
        return np.asarray(self._core.period, dtype=np.int64)

    @property
    def att(self) -> np.ndarray:
        """ATT(g, t) per cell."""
        return np.asarray(self._core.att)

    @property
    def se(self) -> np.ndarray:
        """Standard error per cell (bootstrap when ``n_resamples > 0``)."""
        return np.asarray(self._core.se)

    @property
    def se_analytic(self) -> np.ndarray:
        """Analytic standard error per cell."""
        return np.asarray(self._core.se_analytic)

    @property
    def ci_low(self) -> np.ndarray:
        """Lower end of the band per cell."""
        return np.asarray(self._core.ci_low)

    @property
    def ci_high(self) -> np.ndarray:
        """Upper end of the band per cell."""
        return np.asarray(self._core.ci_high)

    @property
    def critical_value(self) -> float:
        """The band's critical value (sup-t when uniform, else the normal quantile)."""
        return float(self._core.critical_value)

    @property
    def uniform(self) -> bool:
        """Whether ``ci_low``/``ci_high`` is a simultaneous band."""
        return bool(self._core.uniform)

    @property
    def confidence_level(self) -> float:
        """The level of the band and of the headline interval."""
        return float(self._core.confidence_level)

    @property
    def pvalues(self) -> np.ndarray:
        """Pointwise two-sided normal p-values of ATT(g, t) = 0, one per cell."""
        return np.asarray(_ev.pointwise_pvalues(self._core))

    @property
    def statistic(self) -> float:
        """The overall effect: the simple aggregation (post-treatment cells weighted by cohort size)."""
        return self._simple.overall_att

    @property
    def standard_error(self) -> float:
        """The overall effect's standard error."""
        return self._simple.overall_se

    @property
    def pvalue(self) -> float:
        """Two-sided normal p-value of the overall effect = 0."""
        return self._simple.pvalue

    @property
    def influence(self) -> np.ndarray:
        """Units x cells influence functions (scaled by n / n_cell as did does)."""
        return np.asarray(self._core.influence)

    @property
    def units(self) -> list[str]:
        """The units of the panel."""
        return list(self._core.units)

    @property
    def cohorts(self) -> list[int]:
        """The cohorts estimated, ascending."""
        return [int(c) for c in self._core.cohorts]

    @property
    def periods(self) -> list[int]:
        """The periods of the panel."""
        return [int(p) for p in self._core.periods]

    @property
    def outcome_name(self) -> str:
        """The outcome column's name."""
        return str(self._core.outcome_name)

    def confidence_interval(self, confidence_level: float | None = None) -> ConfidenceInterval:
        """The overall effect's pointwise normal interval (the band of each cell is ``ci_low``/``ci_high``).

        Parameters
        ----------
        confidence_level : float, optional
            In (0, 1); ``None`` is the level of the fit.

        Returns
        -------
        ConfidenceInterval
        """
        return self._simple.confidence_interval(confidence_level)

    @property
    def options(self) -> dict[str, Any]:
        """The options of the run."""
        c = self._core
        return {"control": c.control, "estimator": c.estimator, "base_period": c.base_period,
                "anticipation": c.anticipation, "covariates": list(c.covariates), "n_resamples": c.n_resamples,
                "seed": c.seed, "weights": c.weights, "confidence_level": c.confidence_level, "threads": c.threads}

    def to_frame(self) -> pd.DataFrame:
        """One row per (group, period): att, se, the band ``ci_low``/``ci_high``, whether the cell is
        post-treatment, the base period and the numbers of treated and control units."""
        c = self._core
        return pd.DataFrame({
            "group": self.group, "period": self.period, "att": self.att, "se": self.se,
            "ci_low": self.ci_low, "ci_high": self.ci_high, "post": self.period >= self.group,
            "base": np.asarray(c.base, dtype=np.int64), "n_treated": np.asarray(c.n_treated, dtype=np.int64),
            "n_control": np.asarray(c.n_control, dtype=np.int64)})

    def summary(self) -> Summary:
        """The overall effect, the options, and the table of group-time effects."""
        o = self.options
        pct = f"{self.confidence_level:.0%}"
        head = [("overall ATT (simple)", self.statistic), ("standard error", self.standard_error),
                ("p-value", self.pvalue), (f"{pct} CI (pointwise)", ConfidenceInterval(*self.confidence_interval())),
                ("units", len(self.units)), ("cohorts", len(self.cohorts)), ("control", o["control"]),
                ("estimator", o["estimator"]), ("bootstrap resamples", int(o["n_resamples"]))]
        s = Summary.of(f"Group-time average treatment effects (Callaway & Sant'Anna) on "
                       f"{outcome_text(self.outcome_label, self.outcome_name)}", field_table(head),
                       notes=[f"overall (simple): {_KINDS['simple']}",
                              f"{pct} {'simultaneous' if self.uniform else 'pointwise'} band per cell"],
                       formats={"p-value": fmt_pvalue, **PERIOD_FORMATS})
        return s.add("ATT(g, t)", self.to_frame())

    def pretest(self) -> tuple[float, float, int]:
        """Wald pre-test of parallel trends, as did's summary prints it: every pre-treatment ATT(g, t) is 0.

        W = n att' V^-1 att with V = psi'psi / n over the pre-treatment cells (group > period; cells with zero
        variance left out). NaN when there is no pre-treatment cell or V is singular.

        Returns
        -------
        tuple
            ``(W, p-value from chi-square with as many degrees of freedom as cells, df)``.
        """
        t = _ev.pretest(self._core)
        return float(t.statistic), float(t.pvalue), int(t.df)

    def aggregate(self, kind: str = "group", *, min_e: int | None = None, max_e: int | None = None,
                  balance_e: int | None = None, n_resamples: int | None = None, seed: int | None = None,
                  threads: int | None = None, confidence_level: float | None = None) -> AggregateResult:
        """Aggregate like did's ``aggte``.

        Parameters
        ----------
        kind : {"group", "simple", "dynamic", "calendar"}
            "simple" (post-treatment cells weighted by cohort size), "dynamic" (event study by e = period -
            group), "group" (each cohort's mean effect; overall = cohort-size-weighted mean) or "calendar".
        min_e, max_e, balance_e : int, optional
            Dynamic: the event times reported, and only cohorts observed at least ``balance_e`` after adoption.
        n_resamples, seed, threads, confidence_level : optional
            ``None``: as the fit (the same seed gives the same draws).

        Returns
        -------
        AggregateResult
        """
        core = _ev.aggregate(self._core, kind, min_e, max_e, balance_e, n_resamples, seed, None, confidence_level,
                             threads)
        return AggregateResult._from_core(core, self.outcome_name, self.outcome_label, self.periods)

    aggte = aggregate

    def plot(self, ax: Axes | None = None) -> Figure:
        """ATT(g, t) against period with the band, pre-treatment cells in one colour and post-treatment in
        another, one row of points per cohort (offset, labelled with the cohort), as did's ggdid.

        Parameters
        ----------
        ax : matplotlib Axes, optional

        Returns
        -------
        matplotlib.figure.Figure
        """
        fig, ax = _figure.axes(ax)
        groups = self.cohorts
        width = 0.8 / max(len(groups), 1)
        shown: set[str] = set()
        for j, g in enumerate(groups):
            m = self.group == g
            x = self.period[m] + (j - (len(groups) - 1) / 2) * width
            post = self.period[m] >= g
            for sel, colour, lab in ((~post, PRE, "before adoption (should be near 0)"),
                                     (post, POST, "after adoption")):
                if not sel.any():
                    continue
                y, lo, hi = self.att[m][sel], self.ci_low[m][sel], self.ci_high[m][sel]
                ax.errorbar(x[sel], y, yerr=[y - lo, hi - y], fmt="o", color=colour, capsize=2,
                            label=None if lab in shown else lab)
                shown.add(lab)
            ax.annotate(f"cohort {g}", (x[-1], self.att[m][-1]), textcoords="offset points", xytext=(4, 4),
                        fontsize=7)
        ax.axhline(0, color="#808080", lw=0.8)
        ax.set_xlabel(time_label(self.periods))
        _figure.year_axis(ax.xaxis)
        ax.set_ylabel(f"ATT(g, t): effect on {outcome_text(self.outcome_label, self.outcome_name)}")
        band = "simultaneous" if self.uniform else "pointwise"
        ax.set_title(f"Group-time effects by cohort ({int(round(self.confidence_level * 100))}% {band} band)")
        _figure.legend_outside(ax, ncol=2)
        return fig

    def __repr__(self) -> str:
        o = self.options
        return (f"ATTgtResult({len(self.att)} group-time effects, {len(self.cohorts)} cohorts, "
                f"{len(self.units)} units, control={o['control']}, estimator={o['estimator']}, "
                f"base_period={o['base_period']}, n_resamples={o['n_resamples']})")


def att_gt(data: pd.DataFrame | Panel, *, unit: str | None = None, time: str | None = None,
           outcome: str | None = None, adoption: str | Mapping[Any, Any] | None = None, treated: str | None = None,
           covariates: Sequence[str] = (), control: str = "never", estimator: str = "dr",
           base_period: str = "varying", anticipation: int = 0, n_resamples: int = 1000, seed: int = 0,
           threads: int = 0, confidence_level: float = 0.95, weights: str = "rademacher",
           uniform_band: bool = True, outcome_label: str | None = None) -> ATTgtResult:
    """Group-time average treatment effects of Callaway and Sant'Anna (2021), as R's ``did::att_gt``.

    The panel must be balanced (a DomainError names the unit and the period it lacks). A unit adopting in the
    first period has no pre-period: DomainError naming it.

    Parameters
    ----------
    data : pandas.DataFrame or Panel
        A :class:`Panel` or a long DataFrame with ``unit``, ``time``, ``outcome`` and either ``adoption`` (each
        unit's first treated period; NaN/0 = never, as did's ``gname``) or ``treated`` (a 0/1 column).
    unit, time, outcome, adoption, treated : str, optional
        Column names (with a DataFrame); ``adoption`` may also be a mapping unit -> first treated period.
    covariates : sequence of str
        Columns (or panel covariates) entering the propensity score and outcome regression, taken at the earlier
        period of each 2x2 comparison as did does.
    control : {"never", "notyet"}
        Never-treated units (did's default), or also units not yet treated by the later of the two periods.
    estimator : {"dr", "ipw", "reg"}
        Doubly robust (default), normalised inverse-probability weighting or outcome regression.
    base_period : {"varying", "universal"}
        Pre-treatment cells compare consecutive periods, or every cell compares with g - 1 - anticipation.
    anticipation : int
        Periods before adoption that may already be affected.
    n_resamples : int
        Multiplier-bootstrap draws (0 = analytic standard errors, pointwise intervals).
    seed : int
        Keys the draws: identical for any ``threads``.
    threads : int
        Worker threads, 0 = all cores.
    confidence_level : float
        Coverage of the band (simultaneous, sup-t, when ``uniform_band``) and of the overall interval.
    weights : {"rademacher", "mammen"}
        The multiplier weights (did's are Rademacher).
    uniform_band : bool
        Simultaneous band (needs the bootstrap) or pointwise intervals.
    outcome_label : str, optional
        How summaries and charts name the outcome, with its unit; default the outcome column's name.

    Returns
    -------
    ATTgtResult

    Examples
    --------
    >>> import pandas as pd, healthyplaces as hp
    >>> df = pd.DataFrame({"area": list("AAABBBCCCDDD"), "year": [2019, 2020, 2021] * 4,
    ...                    "admissions": [1, 2, 6, 2, 4, 9, 1, 2, 3, 3, 3, 5],
    ...                    "pooled_from": [2021] * 6 + [0] * 6})
    >>> res = hp.evaluation.att_gt(df, unit="area", time="year", outcome="admissions",
    ...                            adoption="pooled_from", estimator="reg", n_resamples=0)
    >>> res.to_frame()[["group", "period", "att", "base"]].round(6)
       group  period  att  base
    0   2021    2020  1.0  2019
    1   2021    2021  3.0  2020
    """
    is_frame = isinstance(data, pd.DataFrame)
    panel = as_panel(data, unit=unit, time=time, outcome=outcome, adoption=adoption, treated=treated,
                     covariates=list(covariates) if (is_frame and covariates) else None)
    core = _ev.att_gt(panel._core, control, estimator, base_period, int(anticipation), [str(c) for c in covariates],
                      n_resamples, seed, weights, float(confidence_level), threads, bool(uniform_band))
    return ATTgtResult(core, outcome_label)


def aggte(result: ATTgtResult, kind: str = "group", **options: Any) -> AggregateResult:
    """did's ``aggte``: ``result.aggregate(kind, **options)``.

    Parameters
    ----------
    result : ATTgtResult
    kind : {"group", "simple", "dynamic", "calendar"}
    **options
        As :meth:`ATTgtResult.aggregate`.

    Returns
    -------
    AggregateResult

    Examples
    --------
    >>> import healthyplaces as hp
    >>> res = hp.evaluation.att_gt(hp.datasets.smoking(), unit="state", time="year", outcome="cigsale",
    ...                            adoption={"California": 1989, "Nevada": 1992}, estimator="reg", n_resamples=0)
    >>> hp.evaluation.aggte(res, "simple").statistic == res.statistic
    True
    """
    return result.aggregate(kind, **options)
