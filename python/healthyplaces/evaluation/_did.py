"""Difference-in-differences: the 2x2 and two-way fixed-effects estimates, the event study and the Goodman-Bacon
decomposition. The estimation is in C++ (``_core.evaluation``); these wrappers build the panel, keep plain Python
results (typed dataclasses, so they pickle and mypy sees their fields) and draw them."""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .. import _core
from .._result import ConfidenceInterval, Result, Summary, field_table, fmt_number, fmt_pvalue
from ._common import PERIOD_FORMATS, WEIGHT_FORMATS, fmt_period, outcome_text
from ._panel import Panel, as_panel
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # matplotlib is imported when a chart is drawn
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["did", "event_study", "bacon", "DidResult", "EventStudyResult", "BaconResult"]

_ev = _core.evaluation


def _panel(data: Any, unit: str | None, time: str | None, outcome: str | None, treated: str | None,
           adoption: str | Mapping[Any, Any] | None, covariates: Sequence[str]) -> Panel:
    if isinstance(data, Panel):
        return as_panel(data, unit=unit, time=time, outcome=outcome, treated=treated, adoption=adoption)
    if isinstance(data, pd.DataFrame) and (unit is None or time is None or outcome is None):
        raise _core.DataError("with a DataFrame, name its columns: unit=, time= and outcome= (and treated= or "
                              "adoption=)")
    return as_panel(data, unit=unit, time=time, outcome=outcome, treated=treated, adoption=adoption,
                    covariates=list(covariates) or None)


def _coefficients(fit: Any) -> pd.DataFrame:
    return pd.DataFrame({"estimate": np.asarray(fit.params), "std_error": np.asarray(fit.bse),
                         "statistic": np.asarray(fit.statistic), "pvalue": np.asarray(fit.pvalues),
                         "ci_low": np.asarray(fit.ci_low), "ci_high": np.asarray(fit.ci_high)},
                        index=pd.Index(list(fit.names), name="term"))


_FORMATS = {"pvalue": fmt_pvalue, "p-value": fmt_pvalue, **PERIOD_FORMATS, **WEIGHT_FORMATS}


@dataclass(eq=False, repr=False)
class DidResult(Result):
    """A difference-in-differences estimate (see :func:`did`).

    ``statistic`` is the average effect on the treated (ATT, also ``att``), with ``standard_error``, the test's
    ``tstatistic`` and ``pvalue`` and ``confidence_interval()``; ``df`` is the t reference's degrees of freedom
    (``inf`` for the normal). ``table`` is the 2x2 of group means before and after adoption, ``means`` the group
    means per period, ``coefficients`` the regression's terms.

    Examples
    --------
    >>> import pandas as pd, healthyplaces as hp
    >>> df = pd.DataFrame({"area": ["A", "A", "B", "B", "C", "C"], "year": [2019, 2020] * 3,
    ...                    "admissions": [10.0, 13.0, 9.0, 9.5, 11.0, 11.0], "pooled": [0, 1, 0, 0, 0, 0]})
    >>> r = hp.evaluation.did(df, unit="area", time="year", outcome="admissions", treated="pooled")
    >>> round(r.statistic, 2), r.n_treated, r.method
    (2.75, 1, '2x2')
    """

    statistic: float
    standard_error: float
    tstatistic: float
    pvalue: float
    df: float
    confidence_level: float
    ci_low: float
    ci_high: float
    method: str
    cov_type: str
    n_obs: int
    n_units: int
    n_periods: int
    n_treated: int
    n_clusters: int
    n_params: int
    outcome_name: str
    outcome_label: str | None
    cohorts: list[int]
    coefficients: pd.DataFrame
    table: pd.DataFrame
    means: pd.DataFrame

    @classmethod
    def _from_core(cls, core: Any, confidence_level: float, outcome_label: str | None) -> "DidResult":
        fit = core.fit
        return cls(
            statistic=float(core.att), standard_error=float(core.standard_error), tstatistic=float(core.statistic),
            pvalue=float(core.pvalue), df=float(core.df), confidence_level=confidence_level,
            ci_low=float(core.ci_low), ci_high=float(core.ci_high), method=str(core.method),
            cov_type=str(fit.cov_type), n_obs=int(core.n_obs), n_units=int(core.n_units),
            n_periods=int(core.n_periods), n_treated=int(core.n_treated), n_clusters=int(core.n_clusters),
            n_params=int(fit.n_params), outcome_name=str(core.outcome_name), outcome_label=outcome_label,
            cohorts=[int(c) for c in core.cohorts], coefficients=_coefficients(fit),
            table=pd.DataFrame(np.asarray(core.table, dtype=float),
                               index=pd.Index(["control", "treated", "difference"], name="group"),
                               columns=["before", "after", "change"]),
            means=pd.DataFrame({"treated": np.asarray(core.treated_mean), "control": np.asarray(core.control_mean)},
                               index=pd.Index(np.asarray(core.periods), name="period")))

    @property
    def att(self) -> float:
        """The average effect on the treated: ``statistic``."""
        return self.statistic

    def confidence_interval(self, confidence_level: float | None = None) -> ConfidenceInterval:
        """The ATT's interval at ``confidence_level`` (default: the fit's), t or normal as the fit.

        Parameters
        ----------
        confidence_level : float, optional
            A number in (0, 1); ``None`` is the level of the fit.

        Returns
        -------
        ConfidenceInterval
            ``(low, high)``.
        """
        if confidence_level is None or float(confidence_level) == self.confidence_level:
            return ConfidenceInterval(self.ci_low, self.ci_high)
        return ConfidenceInterval(*_ev.confidence_interval(self.statistic, self.standard_error,
                                                           float(confidence_level), self.df))

    def to_frame(self) -> pd.DataFrame:
        """One row: the estimate, its standard error, test, interval and sizes."""
        return pd.DataFrame([{"estimate": self.statistic, "std_error": self.standard_error,
                              "statistic": self.tstatistic, "pvalue": self.pvalue, "ci_low": self.ci_low,
                              "ci_high": self.ci_high, "confidence_level": self.confidence_level, "df": self.df,
                              "n_obs": self.n_obs, "n_units": self.n_units, "n_treated": self.n_treated,
                              "n_clusters": self.n_clusters, "method": self.method, "cov_type": self.cov_type}])

    def summary(self) -> Summary:
        """The estimate with its test and interval, the sizes, and the 2x2 of group means."""
        label = "2x2 regression" if self.method == "2x2" else "two-way fixed effects"
        pct = f"{self.confidence_level:.0%}"
        rows = [("ATT", self.statistic), ("standard error", self.standard_error), ("t", self.tstatistic),
                ("p-value", self.pvalue), (f"{pct} CI", ConfidenceInterval(self.ci_low, self.ci_high)),
                ("df", self.df), ("observations", self.n_obs), ("units", self.n_units),
                ("treated units", self.n_treated), ("clusters", self.n_clusters)]
        s = Summary.of(f"Difference-in-differences ({label}, {self.cov_type} standard errors) on "
                       f"{outcome_text(self.outcome_label, self.outcome_name)}", field_table(rows),
                       formats=_FORMATS)
        if not self.table.isna().all().all():
            s.add("Group means before and after adoption", self.table)
        return s

    def plot(self, ax: Axes | None = None, title: str | None = None) -> Figure:
        """Mean outcome of the treated and the never-treated units per period, adoption marked.

        Parameters
        ----------
        ax : matplotlib Axes, optional
            Draw here; default a new figure.
        title : str, optional
            Default: the ATT.

        Returns
        -------
        matplotlib.figure.Figure
        """
        from ._did_plot import plot_means
        return plot_means(self, ax=ax, title=title)

    def __repr__(self) -> str:
        return (f"DidResult(att={fmt_number(self.statistic)}, standard_error={fmt_number(self.standard_error)}, "
                f"pvalue={fmt_pvalue(self.pvalue)}, ci=({fmt_number(self.ci_low)}, {fmt_number(self.ci_high)}), "
                f"method={self.method!r}, cov_type={self.cov_type!r}, n_obs={self.n_obs}, "
                f"n_clusters={self.n_clusters})")


def did(data: Any, *, unit: str | None = None, time: str | None = None, outcome: str | None = None,
        treated: str | None = None, adoption: str | Mapping[Any, Any] | None = None,
        covariates: Sequence[str] = (), method: str = "auto", cov_type: str = "cluster",
        use_t: bool = True, confidence_level: float = 0.95, outcome_label: str | None = None) -> DidResult:
    """Difference-in-differences: did the treated units' outcome change more than the controls'?

    ``method``: "2x2" regresses ``y ~ treat + post + treat:post`` (+ covariates) on every observed cell, "post"
    meaning from the (single) adoption period on; "twfe" regresses ``y ~ D + unit + period`` (+ covariates),
    ``D`` = 1 once a unit has adopted, the fixed effects absorbed (exactly the regression with dummies; their
    number counts in the small-sample corrections); "auto" takes 2x2 with two periods, twfe with more. With
    staggered adoption the twfe estimate is a weighted average that may mislead: see :func:`bacon`.

    Parameters
    ----------
    data : Panel or pandas.DataFrame
        A :class:`Panel`, or a long DataFrame with ``unit``, ``time``, ``outcome`` and either ``treated`` (a 0/1
        column) or ``adoption`` (first treated period per unit; a column or a mapping), as
        :meth:`Panel.from_frame`.
    unit, time, outcome, treated, adoption : str, optional
        Column names (with a DataFrame).
    covariates : sequence of str
        Columns added to the regression.
    method : {"auto", "2x2", "twfe"}
    cov_type : {"cluster", "HC1", "nonrobust"}
        "cluster" clusters by unit (CR1 as statsmodels: G/(G-1) (N-1)/(N-K)).
    use_t : bool
        Student t with N - K degrees of freedom (G - 1 with clusters, as statsmodels with ``use_t=True``), the
        default because pilots have few areas; ``False`` uses the normal.
    confidence_level : float
        Of the interval, in (0, 1); ``95`` is a DomainError suggesting 0.95.
    outcome_label : str, optional
        How summaries and charts name the outcome, with its unit (e.g. "emergency admissions per 1,000");
        default: the outcome column's name.

    Returns
    -------
    DidResult

    Examples
    --------
    >>> import pandas as pd, healthyplaces as hp
    >>> df = pd.DataFrame({"area": ["A", "A", "B", "B", "C", "C"], "year": [2019, 2020] * 3,
    ...                    "admissions": [10.0, 13.0, 9.0, 9.5, 11.0, 11.0], "pooled": [0, 1, 0, 0, 0, 0]})
    >>> r = hp.evaluation.did(df, unit="area", time="year", outcome="admissions", treated="pooled")
    >>> round(r.statistic, 6)  # (13 - 10) - mean(9.5 - 9, 11 - 11)
    2.75
    """
    panel = _panel(data, unit, time, outcome, treated, adoption, covariates)
    level = float(confidence_level)
    core = _ev.did(panel._core, method=str(method), cov_type=str(cov_type), use_t=bool(use_t),
                   confidence_level=level, covariates=[str(c) for c in covariates])
    return DidResult._from_core(core, level, outcome_label)


@dataclass(eq=False)
class PretrendTest:
    """The joint Wald test that every lead of an event study is zero: F on (``df_num``, ``df_denom``) with
    ``use_t``, else chi-square on ``df_num``."""

    statistic: float
    pvalue: float
    df_num: float
    df_denom: float
    distribution: str
    n_leads: int

    def __iter__(self) -> Any:  # statistic, pvalue = test, as scipy's results unpack
        return iter((self.statistic, self.pvalue))


@dataclass(eq=False, repr=False)
class EventStudyResult(Result):
    """A two-way fixed-effects event study (see :func:`event_study`).

    ``estimates`` has one row per event time (the reference included, with estimate 0 and no standard error);
    ``pretrend`` is the joint test that the leads are zero (``statistic``, ``pvalue``, ``df_num``, ``df_denom``,
    ``distribution``); ``confidence_interval(event_time=0)`` the interval of one event time's effect and
    ``intervals()`` all of them.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> es = hp.evaluation.event_study(hp.datasets.smoking(), unit="state", time="year", outcome="cigsale",
    ...                                adoption={"California": 1989}, window=(-5, 5))
    >>> es.estimates["event_time"].tolist()
    [-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5]
    >>> es.pretrend.distribution, es.pretrend.n_leads
    ('F', 4)
    """

    cov_type: str
    confidence_level: float
    reference: int
    df: float
    n_obs: int
    n_units: int
    n_clusters: int
    binned: tuple[bool, bool]
    outcome_name: str
    outcome_label: str | None
    estimates: pd.DataFrame
    pretrend: PretrendTest
    coefficients: pd.DataFrame
    periods: list[int]

    @classmethod
    def _from_core(cls, core: Any, confidence_level: float, outcome_label: str | None,
                   periods: Sequence[int]) -> "EventStudyResult":
        est = pd.DataFrame({"event_time": np.asarray(core.event_time, dtype=np.int64),
                            "estimate": np.asarray(core.estimate), "std_error": np.asarray(core.standard_error),
                            "statistic": np.asarray(core.statistic), "pvalue": np.asarray(core.pvalue),
                            "ci_low": np.asarray(core.ci_low), "ci_high": np.asarray(core.ci_high),
                            "n_obs": np.asarray(core.n_obs_event, dtype=np.int64), "reference": False})
        ref = pd.DataFrame([{"event_time": int(core.reference), "estimate": 0.0, "std_error": np.nan,
                             "statistic": np.nan, "pvalue": np.nan, "ci_low": np.nan, "ci_high": np.nan, "n_obs": 0,
                             "reference": True}])
        stat, p, df_num, df_denom, is_f = core.pretrend
        return cls(cov_type=str(core.fit.cov_type), confidence_level=confidence_level,
                   reference=int(core.reference), df=float(core.df), n_obs=int(core.n_obs),
                   n_units=int(core.n_units), n_clusters=int(core.n_clusters),
                   binned=(bool(core.binned_low), bool(core.binned_high)), outcome_name=str(core.outcome_name),
                   outcome_label=outcome_label,
                   estimates=pd.concat([est, ref], ignore_index=True).sort_values("event_time", ignore_index=True),
                   pretrend=PretrendTest(float(stat), float(p), float(df_num), float(df_denom),
                                         "F" if is_f else "chi2", int(core.n_leads)),
                   coefficients=_coefficients(core.fit), periods=[int(t) for t in periods])

    def intervals(self, confidence_level: float | None = None) -> pd.DataFrame:
        """Per event time (the index), ``low`` and ``high`` at ``confidence_level`` (default: the fit's).

        Parameters
        ----------
        confidence_level : float, optional
            In (0, 1); ``None`` is the fit's.

        Returns
        -------
        pandas.DataFrame
            Columns ``low``, ``high``; NaN for the reference event time.
        """
        e = self.estimates.set_index("event_time")
        if confidence_level is None or float(confidence_level) == self.confidence_level:
            return e[["ci_low", "ci_high"]].set_axis(["low", "high"], axis=1)
        low, high = _ev.confidence_intervals(e["estimate"].to_numpy(dtype=float),
                                             e["std_error"].to_numpy(dtype=float), float(confidence_level), self.df)
        return pd.DataFrame({"low": np.asarray(low), "high": np.asarray(high)}, index=e.index)

    def confidence_interval(self, confidence_level: float | None = None, event_time: int = 0) -> ConfidenceInterval:
        """The interval of the effect at one ``event_time`` (default 0: the first period of adoption).

        Parameters
        ----------
        confidence_level : float, optional
            In (0, 1); ``None`` is the fit's.
        event_time : int
            Periods since adoption; not the reference.

        Returns
        -------
        ConfidenceInterval
        """
        e = self.estimates.set_index("event_time")
        if event_time not in e.index or bool(e.loc[event_time, "reference"]):
            raise _core.DomainError(f"event_time {event_time} has no estimate; estimated event times: "
                                    f"{', '.join(str(t) for t in e.index[~e['reference']])}")
        ci = self.intervals(confidence_level).loc[event_time]
        return ConfidenceInterval(float(ci["low"]), float(ci["high"]))

    def to_frame(self) -> pd.DataFrame:
        """The estimates, one row per event time (the reference row has estimate 0 and no standard error)."""
        return self.estimates.copy()

    def summary(self) -> Summary:
        """The estimates per event time and the pre-trend test."""
        pt = self.pretrend
        test = (f"pre-trend test: {pt.distribution}({pt.df_num:g}"
                f"{'' if pt.distribution == 'chi2' else f', {pt.df_denom:g}'}) = {fmt_number(pt.statistic)}, "
                f"p = {fmt_pvalue(pt.pvalue)}" if pt.n_leads else "no leads to test pre-trends")
        table = self.estimates.drop(columns="reference").assign(
            note=np.where(self.estimates["reference"], "reference", ""))
        return Summary.of(f"Event study (two-way fixed effects, {self.cov_type} standard errors) on "
                          f"{outcome_text(self.outcome_label, self.outcome_name)}", table,
                          notes=[test, f"intervals at {self.confidence_level:.0%}"], formats=_FORMATS)

    def plot(self, ax: Axes | None = None, title: str | None = None) -> Figure:
        """Estimates with their intervals against event time, adoption marked.

        Parameters
        ----------
        ax : matplotlib Axes, optional
        title : str, optional

        Returns
        -------
        matplotlib.figure.Figure
        """
        from ._did_plot import plot_event_study
        return plot_event_study(self, ax=ax, title=title)

    def __repr__(self) -> str:
        e = self.estimates
        return (f"EventStudyResult({int((~e['reference']).sum())} event times from {int(e['event_time'].min())} to "
                f"{int(e['event_time'].max())}, reference {self.reference}, pre-trend p="
                f"{fmt_pvalue(self.pretrend.pvalue)}, cov_type={self.cov_type!r}, n_obs={self.n_obs})")


def event_study(data: Any, *, unit: str | None = None, time: str | None = None, outcome: str | None = None,
                treated: str | None = None, adoption: str | Mapping[Any, Any] | None = None,
                covariates: Sequence[str] = (), reference: int = -1,
                window: tuple[int | None, int | None] | None = None, cov_type: str = "cluster", use_t: bool = True,
                confidence_level: float = 0.95, outcome_label: str | None = None) -> EventStudyResult:
    """Two-way fixed-effects event study: ``y_it = unit_i + period_t + sum_e beta_e 1{t - adoption_i = e}``
    (+ covariates), one coefficient per event time ``e`` except ``reference``.

    Never-treated and not-yet-treated units are the controls through the fixed effects. ``pretrend`` tests
    jointly that the leads (event times < 0) are zero: F on (leads, df) with ``use_t``, else chi-square
    (statsmodels' ``wald_test``). With staggered adoption and effects that change over time the leads and lags
    can be contaminated by other event times (Sun and Abraham 2021); Callaway and Sant'Anna's estimator
    (:func:`att_gt`) avoids that.

    Parameters
    ----------
    data, unit, time, outcome, treated, adoption, covariates, cov_type, use_t, confidence_level, outcome_label
        As :func:`did`.
    reference : int
        The event time left out (default -1: the period before adoption).
    window : (int or None, int or None), optional
        Bins event times below ``low`` into ``low`` and above ``high`` into ``high``; without it every event time
        gets its own coefficient. Event time is in the units of ``time`` (years for annual data).

    Returns
    -------
    EventStudyResult

    Examples
    --------
    >>> import healthyplaces as hp
    >>> es = hp.evaluation.event_study(hp.datasets.smoking(), unit="state", time="year", outcome="cigsale",
    ...                                adoption={"California": 1989}, window=(-3, 3))
    >>> round(float(es.estimates.set_index("event_time").loc[3, "estimate"]), 1)
    -21.8
    """
    panel = _panel(data, unit, time, outcome, treated, adoption, covariates)
    level = float(confidence_level)
    low, high = (None, None) if window is None else window
    core = _ev.event_study(panel._core, reference=int(reference), min_event=None if low is None else int(low),
                           max_event=None if high is None else int(high), cov_type=str(cov_type),
                           use_t=bool(use_t), confidence_level=level, covariates=[str(c) for c in covariates])
    return EventStudyResult._from_core(core, level, outcome_label, [int(t) for t in panel.periods])


@dataclass(eq=False, repr=False)
class BaconResult(Result):
    """The Goodman-Bacon decomposition (see :func:`bacon`).

    ``comparisons`` lists every 2x2 (type, treated and control adoption periods, ``estimate``, ``weight``);
    ``twfe`` (also ``statistic``) is the two-way estimate and ``weighted_sum`` the weighted sum of the 2x2s,
    equal to it; ``by_type`` totals the weights per type of comparison.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> b = hp.evaluation.bacon(hp.datasets.smoking(), unit="state", time="year", outcome="cigsale",
    ...                         adoption={"California": 1989, "Utah": 1980})
    >>> abs(b.weighted_sum - b.twfe) < 1e-9
    True
    >>> sorted(b.by_type["type"])
    ['earlier vs later treated', 'later vs earlier treated', 'treated vs never treated']
    """

    twfe: float
    weighted_sum: float
    outcome_name: str
    outcome_label: str | None
    comparisons: pd.DataFrame
    by_type: pd.DataFrame

    @classmethod
    def _from_core(cls, core: Any, outcome_label: str | None) -> "BaconResult":
        rows = [{"type": c.type, "treated": int(c.treated), "control": "never" if c.control is None else int(c.control),
                 "estimate": float(c.estimate), "weight": float(c.weight)} for c in core.comparisons]
        by_type = pd.DataFrame([{"type": s.type, "weight": s.weight, "estimate": s.estimate,
                                 "comparisons": int(s.comparisons)} for s in _ev.summarise_by_type(core)],
                               columns=["type", "weight", "estimate", "comparisons"])
        return cls(twfe=float(core.twfe), weighted_sum=float(core.weighted_sum), outcome_name=str(core.outcome_name),
                   outcome_label=outcome_label,
                   comparisons=pd.DataFrame(rows, columns=["type", "treated", "control", "estimate", "weight"]),
                   by_type=by_type)

    @property
    def statistic(self) -> float:
        """The two-way fixed-effects estimate: ``twfe``."""
        return self.twfe

    def to_frame(self) -> pd.DataFrame:
        """Per type of comparison: total weight, the weighted average of its 2x2 estimates, how many."""
        return self.by_type.copy()

    def summary(self) -> Summary:
        """The two-way estimate, the weights by type of comparison and every 2x2."""
        s = Summary.of(f"Goodman-Bacon decomposition of the two-way fixed-effects estimate "
                       f"{fmt_number(self.twfe)} on {outcome_text(self.outcome_label, self.outcome_name)}",
                       self.by_type, caption="By type of comparison", formats=_FORMATS)
        # here "treated" and "control" are the adoption periods of the two groups compared
        s.formats.update({"treated": fmt_period, "control": fmt_period})
        return s.add("Every 2x2 comparison", self.comparisons)

    def plot(self, ax: Axes | None = None, title: str | None = None) -> Figure:
        """Each 2x2 estimate against its weight, coloured by type, the two-way estimate as a line.

        Parameters
        ----------
        ax : matplotlib Axes, optional
        title : str, optional

        Returns
        -------
        matplotlib.figure.Figure
        """
        from ._did_plot import plot_bacon
        return plot_bacon(self, ax=ax, title=title)

    def __repr__(self) -> str:
        return (f"BaconResult(twfe={fmt_number(self.twfe)}, {len(self.comparisons)} comparisons, "
                f"weighted_sum={fmt_number(self.weighted_sum)})")


def bacon(data: Any, *, unit: str | None = None, time: str | None = None, outcome: str | None = None,
          treated: str | None = None, adoption: str | Mapping[Any, Any] | None = None,
          outcome_label: str | None = None) -> BaconResult:
    """The Goodman-Bacon (2021) decomposition of the two-way fixed-effects estimate under staggered adoption.

    The estimate is ``did(method="twfe")`` without covariates, on a balanced panel. Every 2x2 between timing
    groups: earlier vs later adopters (before the later adopt), later vs earlier adopters (after the earlier
    adopted: already-treated units as controls, which biases the estimate when effects grow over time) and
    adopters vs never treated, with weights (Goodman-Bacon's eq. 10) that sum to 1; ``weighted_sum`` equals
    ``twfe``.

    Parameters
    ----------
    data, unit, time, outcome, treated, adoption, outcome_label
        As :func:`did`.

    Returns
    -------
    BaconResult

    Examples
    --------
    >>> import healthyplaces as hp
    >>> b = hp.evaluation.bacon(hp.datasets.smoking(), unit="state", time="year", outcome="cigsale",
    ...                         adoption={"California": 1989, "Utah": 1980})
    >>> len(b.comparisons), round(float(b.comparisons["weight"].sum()), 9)
    (4, 1.0)
    """
    panel = _panel(data, unit, time, outcome, treated, adoption, ())
    return BaconResult._from_core(_ev.bacon(panel._core), outcome_label)
