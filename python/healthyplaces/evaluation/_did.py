"""Difference-in-differences: the 2x2 and two-way fixed-effects estimates, the event study and the Goodman-Bacon
decomposition. The estimation is in C++ (``_core.evaluation``); these wrappers build the panel, keep plain Python
results (so they pickle) and draw them."""
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


def _fmt(v: Any) -> str:
    if isinstance(v, (float, np.floating)):
        return "nan" if math.isnan(v) else f"{v:.6g}"
    return str(v)


class DidResult:
    """A difference-in-differences estimate: ``statistic`` (the ATT, also ``att``), ``standard_error``,
    ``pvalue``, ``confidence_interval(level)``, ``df`` (of the t reference; ``inf`` for the normal), ``n_obs``,
    ``n_clusters``; ``table`` (the 2x2 of group means, before/after adoption), ``means`` (group means per period),
    ``coefficients`` (the regression's terms); ``summary()``, ``plot()``."""

    def __init__(self, core: Any, cov_type: str, confidence_level: float) -> None:
        fit = core.fit
        self.method = core.method
        self.cov_type = cov_type
        self.statistic = float(core.att)
        self.standard_error = float(core.standard_error)
        self.tstatistic = float(core.statistic)
        self.pvalue = float(core.pvalue)
        self.df = float(core.df)
        self.confidence_level = confidence_level
        self._ci = ConfidenceInterval(float(core.ci_low), float(core.ci_high))
        self.n_obs = int(core.n_obs)
        self.n_units = int(core.n_units)
        self.n_periods = int(core.n_periods)
        self.n_treated = int(core.n_treated)
        self.n_clusters = int(core.n_clusters)
        self.n_params = int(fit.n_params)
        self.outcome_name = core.outcome_name
        self.cohorts = list(core.cohorts)
        self.coefficients = _coefficients(fit)
        self.table = pd.DataFrame(np.asarray(core.table, dtype=float),
                                  index=pd.Index(["control", "treated", "difference"], name="group"),
                                  columns=["before", "after", "change"])
        self.means = pd.DataFrame({"treated": np.asarray(core.treated_mean), "control": np.asarray(core.control_mean)},
                                  index=pd.Index(np.asarray(core.periods), name="period"))

    @property
    def att(self) -> float:
        return self.statistic

    def confidence_interval(self, confidence_level: float | None = None) -> ConfidenceInterval:
        """The interval at ``confidence_level`` (default: the level of the fit), t or normal as the fit."""
        if confidence_level is None or float(confidence_level) == self.confidence_level:
            return self._ci
        return ConfidenceInterval(*_ev.confidence_interval(self.statistic, self.standard_error, float(confidence_level),
                                                           self.df))

    def summary(self) -> pd.DataFrame:
        """One row: the estimate, its standard error, test, interval and sizes."""
        lo, hi = self._ci
        return pd.DataFrame([{"estimate": self.statistic, "std_error": self.standard_error,
                              "statistic": self.tstatistic, "pvalue": self.pvalue, "ci_low": lo, "ci_high": hi,
                              "confidence_level": self.confidence_level, "df": self.df, "n_obs": self.n_obs,
                              "n_units": self.n_units, "n_treated": self.n_treated, "n_clusters": self.n_clusters,
                              "method": self.method, "cov_type": self.cov_type}])

    to_frame = summary

    def plot(self, ax: Any = None, title: str | None = None) -> Any:
        """Mean outcome of the treated and the never-treated units per period, adoption marked; returns the Axes."""
        from ._did_plot import plot_means
        return plot_means(self, ax=ax, title=title)

    def __repr__(self) -> str:
        lo, hi = self._ci
        return (f"DidResult(att={_fmt(self.statistic)}, standard_error={_fmt(self.standard_error)}, "
                f"pvalue={_fmt(self.pvalue)}, ci=({_fmt(lo)}, {_fmt(hi)}), method={self.method!r}, "
                f"cov_type={self.cov_type!r}, n_obs={self.n_obs}, n_clusters={self.n_clusters})")

    def _repr_html_(self) -> str:
        label = "2&times;2 regression" if self.method == "2x2" else "two-way fixed effects"
        head = (f"<p><b>Difference-in-differences</b> ({label}, {html.escape(self.cov_type)} standard errors) on "
                f"<code>{html.escape(self.outcome_name)}</code>: ATT {_fmt(self.statistic)}</p>")
        out = head + self.summary().to_html(index=False, float_format=lambda x: f"{x:.6g}")
        if not self.table.isna().all().all():
            out += "<p>Group means</p>" + self.table.to_html(float_format=lambda x: f"{x:.6g}")
        return out


def did(data: Any, *, unit: str | None = None, time: str | None = None, outcome: str | None = None,
        treated: str | None = None, adoption: str | Mapping[Any, Any] | None = None,
        covariates: Sequence[str] = (), method: str = "auto", cov_type: str = "cluster",
        use_t: bool = True, confidence_level: float = 0.95) -> DidResult:
    """Difference-in-differences: did the treated units' outcome change more than the controls'?

    ``data`` is a :class:`Panel` or a long DataFrame with ``unit``, ``time``, ``outcome`` and either ``treated``
    (a 0/1 column) or ``adoption`` (first treated period per unit; a column or a mapping), as
    :meth:`Panel.from_frame`.

    ``method``: "2x2" regresses ``y ~ treat + post + treat:post`` (+ covariates) on every observed cell, "post"
    meaning from the (single) adoption period on; "twfe" regresses ``y ~ D + unit + period`` (+ covariates),
    ``D`` = 1 once a unit has adopted, the fixed effects absorbed (exactly the regression with dummies; their
    number counts in the small-sample corrections); "auto" takes 2x2 with two periods, twfe with more. With
    staggered adoption the twfe estimate is a weighted average that may mislead: see :func:`bacon`.

    ``cov_type``: "cluster" (by unit; CR1 as statsmodels: G/(G-1) (N-1)/(N-K)), "HC1" or "nonrobust".
    ``use_t``: Student t with N - K degrees of freedom (G - 1 with clusters, as statsmodels with ``use_t=True``),
    the default because pilots have few areas; ``False`` uses the normal (statsmodels' default for robust
    covariances).

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
                   confidence=level, covariates=[str(c) for c in covariates])
    return DidResult(core, core.fit.cov_type, level)


class EventStudyResult:
    """A two-way fixed-effects event study: ``estimates`` (one row per event time, the reference included with 0),
    ``pretrend`` (the joint test that the leads are zero: ``statistic``, ``pvalue``, ``df_num``, ``df_denom``,
    ``distribution``), ``summary()``, ``plot()``."""

    def __init__(self, core: Any, cov_type: str, confidence_level: float) -> None:
        self.cov_type = cov_type
        self.confidence_level = confidence_level
        self.reference = int(core.reference)
        self.df = float(core.df)
        self.n_obs = int(core.n_obs)
        self.n_units = int(core.n_units)
        self.n_clusters = int(core.n_clusters)
        self.binned = (bool(core.binned_low), bool(core.binned_high))
        self.outcome_name = core.outcome_name
        est = pd.DataFrame({"event_time": np.asarray(core.event_time, dtype=np.int64),
                            "estimate": np.asarray(core.estimate), "std_error": np.asarray(core.standard_error),
                            "statistic": np.asarray(core.statistic), "pvalue": np.asarray(core.pvalue),
                            "ci_low": np.asarray(core.ci_low), "ci_high": np.asarray(core.ci_high),
                            "n_obs": np.asarray(core.n_obs_event, dtype=np.int64), "reference": False})
        ref = pd.DataFrame([{"event_time": self.reference, "estimate": 0.0, "std_error": np.nan, "statistic": np.nan,
                             "pvalue": np.nan, "ci_low": np.nan, "ci_high": np.nan, "n_obs": 0, "reference": True}])
        self.estimates = pd.concat([est, ref], ignore_index=True).sort_values("event_time", ignore_index=True)
        stat, p, df_num, df_denom, is_f = core.pretrend
        self.pretrend = _Pretrend(float(stat), float(p), float(df_num), float(df_denom), "F" if is_f else "chi2",
                                  int(core.n_leads))
        self.coefficients = _coefficients(core.fit)

    def confidence_interval(self, confidence_level: float | None = None) -> pd.DataFrame:
        """Per event time (index), ``low`` and ``high`` at ``confidence_level`` (default: the fit's)."""
        e = self.estimates.set_index("event_time")
        if confidence_level is None or float(confidence_level) == self.confidence_level:
            return e[["ci_low", "ci_high"]].set_axis(["low", "high"], axis=1)
        low, high = _ev.confidence_intervals(e["estimate"].to_numpy(dtype=float), e["std_error"].to_numpy(dtype=float),
                                             float(confidence_level), self.df)
        return pd.DataFrame({"low": np.asarray(low), "high": np.asarray(high)}, index=e.index)

    def summary(self) -> pd.DataFrame:
        """The estimates per event time (the reference row has estimate 0 and no standard error)."""
        return self.estimates.copy()

    to_frame = summary

    def plot(self, ax: Any = None, title: str | None = None) -> Any:
        """Estimates with their intervals against event time, adoption marked; returns the Axes."""
        from ._did_plot import plot_event_study
        return plot_event_study(self, ax=ax, title=title)

    def __repr__(self) -> str:
        e = self.estimates
        return (f"EventStudyResult({int((~e['reference']).sum())} event times from {int(e['event_time'].min())} to "
                f"{int(e['event_time'].max())}, reference {self.reference}, pre-trend p={_fmt(self.pretrend.pvalue)}, "
                f"cov_type={self.cov_type!r}, n_obs={self.n_obs})")

    def _repr_html_(self) -> str:
        pt = self.pretrend
        test = (f"pre-trend {pt.distribution}({pt.df_num:g}{'' if pt.distribution == 'chi2' else f', {pt.df_denom:g}'}) = "
                f"{_fmt(pt.statistic)}, p = {_fmt(pt.pvalue)}" if pt.n_leads else "no leads to test pre-trends")
        head = (f"<p><b>Event study</b> (two-way fixed effects, {html.escape(self.cov_type)} standard errors) on "
                f"<code>{html.escape(self.outcome_name)}</code>; reference event time {self.reference}; {test}</p>")
        return head + self.estimates.to_html(index=False, float_format=lambda x: f"{x:.6g}", na_rep="")


class _Pretrend:
    """The joint Wald test that every lead is zero."""

    def __init__(self, statistic: float, pvalue: float, df_num: float, df_denom: float, distribution: str,
                 n_leads: int) -> None:
        self.statistic, self.pvalue, self.df_num, self.df_denom = statistic, pvalue, df_num, df_denom
        self.distribution, self.n_leads = distribution, n_leads

    def __repr__(self) -> str:
        return (f"PretrendTest(statistic={_fmt(self.statistic)}, pvalue={_fmt(self.pvalue)}, "
                f"distribution={self.distribution!r}, df_num={self.df_num:g}, df_denom={self.df_denom:g})")


def event_study(data: Any, *, unit: str | None = None, time: str | None = None, outcome: str | None = None,
                treated: str | None = None, adoption: str | Mapping[Any, Any] | None = None,
                covariates: Sequence[str] = (), reference: int = -1, window: tuple[int | None, int | None] | None = None,
                cov_type: str = "cluster", use_t: bool = True,
                confidence_level: float = 0.95) -> EventStudyResult:
    """Two-way fixed-effects event study: ``y_it = unit_i + period_t + sum_e beta_e 1{t - adoption_i = e}``
    (+ covariates), one coefficient per event time ``e`` except ``reference`` (default -1: the period before
    adoption). Never-treated and not-yet-treated units are the controls through the fixed effects.

    ``window=(low, high)`` bins event times below ``low`` into ``low`` and above ``high`` into ``high`` (either may be
    None); without it every event time gets its own coefficient. Event time is measured in the units of ``time``
    (years for annual data). ``pretrend`` tests jointly that the leads (event times < 0) are zero: F on (leads,
    df) with ``use_t``, else chi-square (statsmodels' ``wald_test``). Data, ``cov_type``, ``use_t``: as :func:`did`.

    With staggered adoption and effects that change over time the leads and lags can be contaminated by other
    event times (Sun and Abraham 2021); Callaway and Sant'Anna's estimator avoids that.
    """
    panel = _panel(data, unit, time, outcome, treated, adoption, covariates)
    level = float(confidence_level)
    low, high = (None, None) if window is None else window
    core = _ev.event_study(panel._core, reference=int(reference), min_event=None if low is None else int(low),
                           max_event=None if high is None else int(high), cov_type=str(cov_type),
                           use_t=bool(use_t), confidence=level, covariates=[str(c) for c in covariates])
    return EventStudyResult(core, core.fit.cov_type, level)


class BaconResult:
    """The Goodman-Bacon decomposition: ``comparisons`` (type, treated and control adoption periods, 2x2
    ``estimate``, ``weight``), ``twfe`` (the two-way estimate), ``weighted_sum`` (equal to it); ``summary()`` by
    type; ``plot()`` estimate against weight."""

    def __init__(self, core: Any) -> None:
        self.twfe = float(core.twfe)
        self.weighted_sum = float(core.weighted_sum)
        self.outcome_name = core.outcome_name
        rows = [{"type": c.type, "treated": int(c.treated), "control": "never" if c.control is None else int(c.control),
                 "estimate": float(c.estimate), "weight": float(c.weight)} for c in core.comparisons]
        self.comparisons = pd.DataFrame(rows, columns=["type", "treated", "control", "estimate", "weight"])
        self._by_type = pd.DataFrame([{"type": s.type, "weight": s.weight, "estimate": s.estimate,
                                       "comparisons": int(s.comparisons)} for s in _ev.summarise_by_type(core)],
                                     columns=["type", "weight", "estimate", "comparisons"])

    @property
    def statistic(self) -> float:
        return self.twfe

    def summary(self) -> pd.DataFrame:
        """Per type of comparison: total weight and the weighted average of its 2x2 estimates."""
        return self._by_type.copy()

    to_frame = summary

    def plot(self, ax: Any = None, title: str | None = None) -> Any:
        """Each 2x2 estimate against its weight, coloured by type, the two-way estimate as a line; returns the
        Axes."""
        from ._did_plot import plot_bacon
        return plot_bacon(self, ax=ax, title=title)

    def __repr__(self) -> str:
        return (f"BaconResult(twfe={_fmt(self.twfe)}, {len(self.comparisons)} comparisons, "
                f"weighted_sum={_fmt(self.weighted_sum)})")

    def _repr_html_(self) -> str:
        head = (f"<p><b>Goodman-Bacon decomposition</b> of the two-way fixed-effects estimate "
                f"{_fmt(self.twfe)} on <code>{html.escape(self.outcome_name)}</code></p>")
        return (head + self.summary().to_html(index=False, float_format=lambda x: f"{x:.6g}") +
                self.comparisons.to_html(index=False, float_format=lambda x: f"{x:.6g}"))


def bacon(data: Any, *, unit: str | None = None, time: str | None = None, outcome: str | None = None,
          treated: str | None = None, adoption: str | Mapping[Any, Any] | None = None) -> BaconResult:
    """The Goodman-Bacon (2021) decomposition of the two-way fixed-effects estimate (``did(method="twfe")`` without
    covariates) under staggered adoption, on a balanced panel: every 2x2 between timing groups, earlier vs later
    adopters (before the later adopt), later vs earlier adopters (after the earlier adopted: already-treated units
    as controls, which biases the estimate when effects grow over time) and adopters vs never treated, with
    weights (Goodman-Bacon's eq. 10) that sum to 1; ``weighted_sum`` equals ``twfe``. Data as :func:`did`."""
    panel = _panel(data, unit, time, outcome, treated, adoption, ())
    return BaconResult(_ev.bacon(panel._core))
