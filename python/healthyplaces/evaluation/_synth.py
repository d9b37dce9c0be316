"""Synthetic control (Abadie, Diamond and Hainmueller 2010) and its ridge-augmented form (Ben-Michael, Feller and
Rothstein 2021): thin wrappers over ``_core.evaluation`` that return result objects with ``summary()``,
``gaps()``, ``plot()`` and an HTML view."""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .. import _core, _figure
from .._core import DataError
from .._result import ConfidenceInterval, Result, Summary, field_table, fmt_pvalue
from ._common import PERIOD_FORMATS, WEIGHT_FORMATS, outcome_text, time_label
from ._panel import Panel, as_panel
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # matplotlib is imported when a chart is drawn
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["SynthResult", "AugsynthResult", "synth", "synth_in_time", "augsynth"]


def _periods(values: Any, what: str) -> list[int]:
    if values is None:
        return []
    if isinstance(values, (int, np.integer)):
        return [int(values)]
    out = []
    for v in values:
        f = float(v)
        if f != round(f):
            raise DataError(f"{what}: period {v!r} is not a whole number")
        out.append(int(f))
    return out


def _specials(special: Any, outcome: str | None) -> list[tuple[str, list[int], str]]:
    """Synth's special.predictors: (variable, periods[, "mean"]) tuples; a bare period means the outcome then."""
    out = []
    for item in special or []:
        if isinstance(item, (int, np.integer)):
            if outcome is None:
                raise DataError("a bare period in special_predictors means the outcome in that period; with a "
                                "Panel write (panel outcome name, [period]) instead")
            out.append((outcome, [int(item)], "mean"))
            continue
        item = tuple(item)
        if len(item) not in (2, 3):
            raise DataError(f"special predictor {item!r}: expected (variable, periods) or (variable, periods, 'mean')")
        op = item[2] if len(item) == 3 else "mean"
        out.append((str(item[0]), _periods(item[1], f"special predictor {item[0]!r}"), str(op)))
    return out


def _panel_for(data: Any, unit: str | None, time: str | None, outcome: str | None, variables: Iterable[str],
               adoption: Any = None) -> Panel:
    if isinstance(data, Panel):
        return as_panel(data, unit=unit, time=time, outcome=outcome)
    if not isinstance(data, pd.DataFrame):
        raise DataError(f"expected a Panel or a pandas DataFrame, got {type(data).__name__}")
    if unit is None or time is None or outcome is None:
        raise DataError("with a DataFrame, name its unit=, time= and outcome= columns")
    covariates = [v for v in dict.fromkeys(variables) if v != outcome]
    return as_panel(data, unit=unit, time=time, outcome=outcome, covariates=covariates, adoption=adoption)


def _series(values: Any, index: Sequence[Any], name: str, index_name: str) -> pd.Series:
    return pd.Series(np.asarray(values, dtype=float), index=pd.Index(list(index), name=index_name), name=name)


def _fit_frame(fit: Any, periods: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame({"treated": np.asarray(fit.treated_path), "synthetic": np.asarray(fit.synthetic_path),
                         "gap": np.asarray(fit.gaps)}, index=pd.Index(periods, name="period"))


def _plot_title(prefix: str, treated: str, kind: str) -> str:
    return f"{prefix}: {treated} ({kind})"


_SYNTH_KINDS = ("paths", "gaps", "placebos", "ratios")


@dataclass(eq=False, repr=False)
class SynthResult(Result):
    """Synthetic control for one treated unit (see :func:`synth`).

    ``weights`` (Series, per donor), ``v`` (Series, per predictor), ``treated``, ``treatment_period``,
    ``pre_rmspe``, ``post_rmspe``, ``rmspe_ratio`` (post / pre), ``statistic`` (mean gap after treatment),
    ``pvalue`` (in-space placebo permutation p-value; NaN without placebos), ``rank``, ``loss_v`` (MSPE over the
    optimisation periods), ``loss_w``. Tables: ``gaps()``, ``balance()``, ``placebos()``, ``placebo_gaps()``,
    ``leave_one_out()``. Synthetic control has no confidence interval: its inference is the placebo rank.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> r = hp.evaluation.synth(hp.datasets.smoking(), unit="state", time="year", outcome="cigsale",
    ...                         treated="California", treatment_period=1989, in_space_placebos=False)
    >>> r.treated, r.treatment_period, round(float(r.weights.sum()), 6)
    ('California', 1989, 1.0)
    """

    treated: str
    treatment_period: int
    periods: np.ndarray
    optimisation_periods: list[int]
    predictor_labels: list[str]
    weights: pd.Series
    v: pd.Series
    pre_rmspe: float
    post_rmspe: float
    rmspe_ratio: float
    loss_v: float
    loss_w: float
    statistic: float
    pvalue: float
    rank: int
    outcome_name: str
    outcome_label: str | None
    _balance: pd.DataFrame
    _gaps: pd.DataFrame
    _placebos: pd.DataFrame
    _placebo_gaps: pd.DataFrame
    _loo: pd.DataFrame

    @classmethod
    def _from_core(cls, core: Any, outcome_name: str, outcome_label: str | None) -> "SynthResult":
        fit = core.fit
        periods = np.asarray(core.periods)
        labels = list(core.predictor_labels)
        pl = core.in_space_placebos
        return cls(
            treated=str(fit.treated), treatment_period=int(core.treatment_period), periods=periods,
            optimisation_periods=[int(t) for t in core.optimisation_periods], predictor_labels=labels,
            weights=_series(fit.weights, fit.donors, "weight", "donor"), v=_series(fit.v, labels, "v", "predictor"),
            pre_rmspe=float(fit.pre_rmspe), post_rmspe=float(fit.post_rmspe), rmspe_ratio=float(fit.rmspe_ratio),
            loss_v=float(fit.loss_v), loss_w=float(fit.loss_w), statistic=float(core.mean_post_gap),
            pvalue=float(core.pvalue), rank=int(core.rank), outcome_name=outcome_name, outcome_label=outcome_label,
            _balance=pd.DataFrame({"treated": np.asarray(fit.treated_predictors),
                                   "synthetic": np.asarray(fit.synthetic_predictors),
                                   "donor_mean": np.asarray(core.donor_mean_predictors),
                                   "v": np.asarray(fit.v)}, index=pd.Index(labels, name="predictor")),
            _gaps=_fit_frame(fit, periods),
            _placebos=pd.DataFrame(
                {"pre_rmspe": [p.fit.pre_rmspe for p in pl], "post_rmspe": [p.fit.post_rmspe for p in pl],
                 "rmspe_ratio": [p.fit.rmspe_ratio for p in pl], "kept": [bool(p.kept) for p in pl]},
                index=pd.Index([p.fit.treated for p in pl], name="unit")),
            _placebo_gaps=pd.DataFrame({p.fit.treated: np.asarray(p.fit.gaps) for p in pl},
                                       index=pd.Index(periods, name="period")),
            _loo=pd.DataFrame({o.dropped: np.asarray(o.fit.synthetic_path) for o in core.leave_one_out},
                              index=pd.Index(periods, name="period")))

    # -- tables ---------------------------------------------------------------------------------------------
    def gaps(self) -> pd.DataFrame:
        """Per period: the treated unit's outcome, the synthetic control's, and the gap (treated - synthetic)."""
        return self._gaps.copy()

    def balance(self) -> pd.DataFrame:
        """Predictor balance (ADH 2010 Table 1): treated, synthetic, unweighted donor mean, and V."""
        return self._balance.copy()

    def placebos(self) -> pd.DataFrame:
        """In-space placebos: each donor's pre/post RMSPE and ratio, and whether it passed the MSPE cutoff."""
        return self._placebos.copy()

    def placebo_gaps(self) -> pd.DataFrame:
        """Gap paths (periods x placebo units)."""
        return self._placebo_gaps.copy()

    def leave_one_out(self) -> pd.DataFrame:
        """Synthetic paths refitted without each donor of positive weight (periods x dropped donor)."""
        return self._loo.copy()

    def to_frame(self) -> pd.DataFrame:
        """Per period: the treated unit's outcome, the synthetic control's and the gap (as :meth:`gaps`)."""
        return self.gaps()

    def _key_figures(self) -> list[tuple[str, Any]]:
        kept = int(self._placebos["kept"].sum()) if len(self._placebos) else 0
        return [("treated", self.treated), ("treatment period", self.treatment_period),
                ("donors", len(self.weights)), ("donors with weight > 0.001", int((self.weights > 1e-3).sum())),
                ("pre-period RMSPE", self.pre_rmspe), ("post-period RMSPE", self.post_rmspe),
                ("post/pre RMSPE ratio", self.rmspe_ratio),
                (f"mean gap after treatment ({outcome_text(self.outcome_label, self.outcome_name)})", self.statistic),
                ("placebos used", kept), ("rank of the ratio", self.rank), ("permutation p-value", self.pvalue)]

    def summary(self) -> Summary:
        """Key figures (treated unit, fit, placebo inference), the donors' weights and the predictor balance."""
        top = self.weights[self.weights > 1e-3].sort_values(ascending=False).to_frame()
        s = Summary.of(f"Synthetic control for {self.treated} from {self.treatment_period}",
                       field_table(self._key_figures()),
                       formats={"permutation p-value": fmt_pvalue, **PERIOD_FORMATS, **WEIGHT_FORMATS})
        s.add("Donor weights above 0.001", top)
        return s.add("Predictor balance", self._balance)

    # -- plots ----------------------------------------------------------------------------------------------
    def plot(self, kind: str = "paths", ax: Axes | None = None, top: int = 20) -> Figure:
        """Draw the fit.

        Parameters
        ----------
        kind : {"paths", "gaps", "placebos", "ratios"}
            Treated against synthetic; the gap; the gap among the placebos' gaps (those kept); or post/pre RMSPE
            ratios of the treated unit and the placebos.
        ax : matplotlib Axes, optional
        top : int
            ``"ratios"``: show the treated unit and the ``top`` highest ratios (the chart says how many it
            leaves out); a new figure grows with the number of bars.

        Returns
        -------
        matplotlib.figure.Figure
        """
        if kind not in _SYNTH_KINDS:
            raise _core.DomainError(f"unknown plot kind {kind!r}; use one of {', '.join(_SYNTH_KINDS)}")
        outcome = outcome_text(self.outcome_label, self.outcome_name)
        g = self._gaps
        if kind == "ratios":
            ratios = pd.concat([pd.Series({self.treated: self.rmspe_ratio}),
                                self._placebos.loc[self._placebos["kept"], "rmspe_ratio"]]).sort_values(ascending=False)
            shown = ratios.head(max(int(top), 1))
            if self.treated not in shown.index:
                shown = pd.concat([shown, ratios[[self.treated]]])
            shown = shown.sort_values()
            fig, ax = _figure.axes(ax, height=max(2.5, 0.24 * len(shown) + 1.2))
            colours = [_figure.PALETTE[0] if u == self.treated else "#b0b0b0" for u in shown.index]
            ax.barh(range(len(shown)), shown.to_numpy(), color=colours)
            ax.set_yticks(range(len(shown)), [str(u) for u in shown.index], fontsize=8)
            ax.set_xlabel("post/pre-treatment RMSPE ratio (times)")
            left = len(ratios) - len(shown)
            more = f": top {len(shown)} of {len(ratios)} units shown" if left else f": {self.treated} and its placebos"
            ax.set_title(f"Post/pre RMSPE ratios{more}")
            return fig
        fig, ax = _figure.axes(ax)
        if kind == "paths":
            ax.plot(g.index, g["treated"], color=_figure.PALETTE[0], label=self.treated)
            ax.plot(g.index, g["synthetic"], color=_figure.PALETTE[0], linestyle="--",
                    label=f"synthetic {self.treated}")
            ax.set_ylabel(outcome)
        else:
            if kind == "placebos":
                kept = self._placebos.index[self._placebos["kept"]]
                for j, u in enumerate(kept):
                    ax.plot(g.index, self._placebo_gaps[u], color="#c8c8c8", linewidth=0.8,
                            label="placebos (each donor treated in turn)" if j == 0 else None)
            ax.plot(g.index, g["gap"], color=_figure.PALETTE[0], linewidth=2, label=self.treated)
            ax.axhline(0, color="0.4", linestyle=":", linewidth=0.8)
            ax.set_ylabel(f"gap in {outcome}")
        ax.axvline(self.treatment_period, color="0.4", linestyle="--", linewidth=0.8, label="treatment")
        ax.set_xlabel(time_label(g.index))
        _figure.year_axis(ax.xaxis)
        _figure.legend_outside(ax)
        ax.set_title(_plot_title("Synthetic control", self.treated, kind))
        return fig

    def __repr__(self) -> str:
        top = self.weights[self.weights > 1e-3].sort_values(ascending=False).head(5)
        w = ", ".join(f"{k} {v:.3f}" for k, v in top.items())
        p = "" if math.isnan(self.pvalue) else f", p = {self.pvalue:.4g}"
        return (f"SynthResult(treated={self.treated!r} from {self.treatment_period}, pre RMSPE {self.pre_rmspe:.4g}, "
                f"post RMSPE {self.post_rmspe:.4g}{p}; weights {w})")


_AUG_KINDS = ("gaps", "paths", "cv")


@dataclass(eq=False, repr=False)
class AugsynthResult(Result):
    """Ridge-augmented synthetic control (see :func:`augsynth`).

    ``statistic`` (also ``att``): mean estimated effect after treatment; ``se``: its leave-one-donor-out jackknife
    standard error; ``pvalue`` and ``confidence_interval()`` from the normal approximation to it (as augsynth's
    jackknife summary); ``weights`` (augmented, sum to 1, may be negative), ``scm_weights``, ``lambda_``.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> a = hp.evaluation.augsynth(hp.datasets.smoking(), unit="state", time="year", outcome="cigsale",
    ...                            treated="California", treatment_period=1989)
    >>> round(float(a.weights.sum()), 6), a.confidence_interval().low < a.statistic
    (1.0, True)
    """

    treated: str
    treatment_period: int
    periods: np.ndarray
    weights: pd.Series
    scm_weights: pd.Series
    lambda_: float
    statistic: float
    se: float
    pvalue: float
    l2_imbalance: float
    scm_l2_imbalance: float
    scaled_l2_imbalance: float
    pre_rmspe: float
    outcome_name: str
    outcome_label: str | None
    confidence_level: float
    _est: pd.DataFrame
    _cv: pd.DataFrame

    @classmethod
    def _from_core(cls, core: Any, outcome_name: str, outcome_label: str | None,
                   confidence_level: float) -> "AugsynthResult":
        periods = np.asarray(core.periods)
        return cls(
            treated=str(core.treated), treatment_period=int(core.treatment_period), periods=periods,
            weights=_series(core.weights, core.donors, "weight", "donor"),
            scm_weights=_series(core.scm_weights, core.donors, "scm_weight", "donor"), lambda_=float(core.lambda_),
            statistic=float(core.att), se=float(core.att_se), pvalue=float(core.att_pvalue),
            l2_imbalance=float(core.l2_imbalance), scm_l2_imbalance=float(core.scm_l2_imbalance),
            scaled_l2_imbalance=float(core.scaled_l2_imbalance), pre_rmspe=float(core.pre_rmspe),
            outcome_name=outcome_name, outcome_label=outcome_label, confidence_level=confidence_level,
            _est=pd.DataFrame({"treated": np.asarray(core.treated_path), "synthetic": np.asarray(core.synthetic_path),
                               "scm": np.asarray(core.scm_path), "estimate": np.asarray(core.estimates),
                               "se": np.asarray(core.se)}, index=pd.Index(periods, name="period")),
            _cv=pd.DataFrame({"cv_error": np.asarray(core.cv_error), "cv_se": np.asarray(core.cv_se)},
                             index=pd.Index(np.asarray(core.lambdas), name="lambda")))

    @property
    def att(self) -> float:
        """The mean estimated effect after treatment: ``statistic``."""
        return self.statistic

    def confidence_interval(self, confidence_level: float | None = None) -> ConfidenceInterval:
        """ATT -/+ z x jackknife SE.

        Parameters
        ----------
        confidence_level : float, optional
            In (0, 1); ``None`` is the fit's (``augsynth(confidence_level=...)``).

        Returns
        -------
        ConfidenceInterval
        """
        level = self.confidence_level if confidence_level is None else float(confidence_level)
        return ConfidenceInterval(*_core.evaluation.confidence_interval(self.statistic, self.se, level))

    def estimates(self, confidence_level: float | None = None) -> pd.DataFrame:
        """Per period: treated, augmented synthetic, plain synthetic control, estimate (treated - augmented), its
        jackknife SE and normal interval at ``confidence_level`` (default: the fit's)."""
        level = self.confidence_level if confidence_level is None else float(confidence_level)
        out = self._est.copy()
        lo, hi = _core.evaluation.confidence_intervals(out["estimate"].to_numpy(), out["se"].to_numpy(), level)
        out["ci_low"] = np.asarray(lo)
        out["ci_high"] = np.asarray(hi)
        return out

    def cv(self) -> pd.DataFrame:
        """The cross-validation curve: mean held-out error and its SE per lambda (empty when lambda was given)."""
        return self._cv.copy()

    def to_frame(self) -> pd.DataFrame:
        """Per period, as :meth:`estimates`."""
        return self.estimates()

    def summary(self) -> Summary:
        """Key figures: the ATT with its jackknife interval and test, lambda and the imbalance."""
        lo, hi = self.confidence_interval()
        pct = f"{self.confidence_level:.0%}"
        rows = [("treated", self.treated), ("treatment period", self.treatment_period), ("donors", len(self.weights)),
                ("lambda", self.lambda_), ("ATT", self.statistic), ("jackknife SE", self.se),
                (f"{pct} CI", ConfidenceInterval(lo, hi)), ("p-value (normal)", self.pvalue),
                ("pre-period RMSPE", self.pre_rmspe), ("L2 imbalance", self.l2_imbalance),
                ("L2 imbalance, plain SCM", self.scm_l2_imbalance), ("scaled L2 imbalance", self.scaled_l2_imbalance)]
        return Summary.of(f"Augmented synthetic control (ridge) for {self.treated} from {self.treatment_period} on "
                          f"{outcome_text(self.outcome_label, self.outcome_name)}", field_table(rows),
                          formats={"p-value (normal)": fmt_pvalue, **PERIOD_FORMATS})

    def plot(self, kind: str = "gaps", ax: Axes | None = None) -> Figure:
        """Draw the estimate.

        Parameters
        ----------
        kind : {"gaps", "paths", "cv"}
            Estimates with the jackknife band; treated, augmented and plain synthetic; or the
            cross-validation curve.
        ax : matplotlib Axes, optional

        Returns
        -------
        matplotlib.figure.Figure
        """
        if kind not in _AUG_KINDS:
            raise _core.DomainError(f"unknown plot kind {kind!r}; use one of {', '.join(_AUG_KINDS)}")
        fig, ax = _figure.axes(ax)
        e = self.estimates()
        outcome = outcome_text(self.outcome_label, self.outcome_name)
        if kind == "gaps":
            ax.fill_between(e.index, e["ci_low"], e["ci_high"], color="0.85",
                            label=f"{self.confidence_level:.0%} interval (jackknife)")
            ax.plot(e.index, e["estimate"], color=_figure.PALETTE[0], label="estimate")
            ax.axhline(0, color="0.4", linestyle=":", linewidth=0.8)
            ax.set_ylabel(f"effect on {outcome}")
        elif kind == "paths":
            ax.plot(e.index, e["treated"], color=_figure.PALETTE[0], label=self.treated)
            ax.plot(e.index, e["synthetic"], color=_figure.PALETTE[0], linestyle="--", label="augmented synthetic")
            ax.plot(e.index, e["scm"], color=_figure.PALETTE[1], linestyle=":", label="synthetic control")
            ax.set_ylabel(outcome)
        else:
            ax.errorbar(self._cv.index, self._cv["cv_error"], yerr=self._cv["cv_se"], fmt="o-",
                        color=_figure.PALETTE[0])
            ax.set_xscale("log")
            ax.axvline(self.lambda_, color="0.4", linestyle="--")
            ax.set_xlabel("ridge penalty lambda (log scale)")
            ax.set_ylabel(f"held-out squared error of {outcome}")
        if kind != "cv":
            ax.axvline(self.treatment_period, color="0.4", linestyle="--", linewidth=0.8)
            ax.set_xlabel(time_label(e.index))
            _figure.year_axis(ax.xaxis)
            _figure.legend_outside(ax)
        ax.set_title(_plot_title("Augmented synthetic control", self.treated, kind))
        return fig

    def __repr__(self) -> str:
        return (f"AugsynthResult(treated={self.treated!r} from {self.treatment_period}, ATT {self.statistic:.4g} "
                f"(jackknife SE {self.se:.4g}), lambda {self.lambda_:.4g})")


def synth(data: Panel | pd.DataFrame, *, treated: str, unit: str | None = None, time: str | None = None,
          outcome: str | None = None, treatment_period: int | None = None, predictors: Sequence[str] = (),
          predictor_periods: Iterable[int] | None = None, special_predictors: Sequence[Any] = (),
          optimisation_periods: Iterable[int] | None = None, donors: Sequence[str] | None = None,
          v: Sequence[float] | None = None, in_space_placebos: bool = True, placebo_mspe_cutoff: float | None = None,
          leave_one_out: bool = False, threads: int = 0, max_evaluations: int = 4000, restarts: int = 3,
          regression_start: bool = True, outcome_label: str | None = None) -> SynthResult:
    """Synthetic control (Abadie, Diamond and Hainmueller 2010) as R's ``Synth``: ``dataprep`` then ``synth``.

    V minimises the MSPE over ``optimisation_periods`` (default: every pre-period) unless ``v`` is given; W is
    on the simplex.

    Parameters
    ----------
    data : Panel or pandas.DataFrame
        A :class:`Panel` or a long DataFrame with ``unit``/``time``/``outcome`` columns.
    treated : str
        The treated unit.
    unit, time, outcome : str, optional
        Column names (with a DataFrame).
    treatment_period : int, optional
        The first treated period (default: the treated unit's adoption in the Panel).
    predictors : sequence of str
        Covariates (or the outcome) averaged over ``predictor_periods`` (default: every pre-period), NaN skipped.
    predictor_periods : iterable of int, optional
    special_predictors : sequence
        ``(variable, periods)`` or ``(variable, periods, "mean")`` tuples, or a bare period for the outcome in
        that period (e.g. ``[1975, 1980, 1988]``).
    optimisation_periods : iterable of int, optional
    donors : sequence of str, optional
        Default: every other never-treated unit.
    v : sequence of float, optional
        Predictor weights; skips the search for V.
    in_space_placebos : bool
        Treat each donor in turn (in parallel on ``threads``) for the permutation p-value.
    placebo_mspe_cutoff : float, optional
        Leave out placebos whose pre-MSPE exceeds this multiple of the treated unit's.
    leave_one_out : bool
        Refit without each donor of positive weight.
    threads : int
        0 = all cores; results do not depend on it.
    max_evaluations, restarts, regression_start
        The search for V (Nelder-Mead evaluations, 1 to 10^9; restarts, 0 to 10^9; start from the
        regression-based V).
    outcome_label : str, optional
        How summaries and charts name the outcome, with its unit (e.g. "cigarette sales, packs per person");
        default: the outcome column's name.

    Returns
    -------
    SynthResult

    Examples
    --------
    >>> import healthyplaces as hp
    >>> r = hp.evaluation.synth(hp.datasets.smoking(), unit="state", time="year", outcome="cigsale",
    ...     treated="California", treatment_period=1989, predictors=["lnincome", "age15to24", "retprice"],
    ...     predictor_periods=range(1980, 1989), special_predictors=[("beer", range(1984, 1989)), 1975, 1980, 1988],
    ...     threads=2)
    >>> r.weights[r.weights > 0.01].round(2).to_dict()
    {'Colorado': 0.16, 'Connecticut': 0.07, 'Montana': 0.2, 'Nevada': 0.24, 'Utah': 0.34}
    >>> round(r.pvalue * 39)
    1
    """
    specials = _specials(special_predictors, outcome if not isinstance(data, Panel) else data.outcome_name)
    panel = _panel_for(data, unit, time, outcome, list(predictors) + [s[0] for s in specials])
    vv = None if v is None else np.asarray(v, dtype=float)
    core = _core.evaluation.synth(
        panel._core, str(treated), None if treatment_period is None else int(treatment_period),
        [str(d) for d in donors] if donors is not None else [], list(predictors),
        _periods(predictor_periods, "predictor_periods"), specials,
        _periods(optimisation_periods, "optimisation_periods"), vv, bool(in_space_placebos),
        math.inf if placebo_mspe_cutoff is None else float(placebo_mspe_cutoff), bool(leave_one_out), threads,
        max_evaluations, restarts, bool(regression_start))
    return SynthResult._from_core(core, panel.outcome_name, outcome_label)


def synth_in_time(data: Panel | pd.DataFrame, placebo_period: int, *, treated: str, unit: str | None = None,
                  time: str | None = None, outcome: str | None = None, treatment_period: int | None = None,
                  predictors: Sequence[str] = (), predictor_periods: Iterable[int] | None = None,
                  special_predictors: Sequence[Any] = (), optimisation_periods: Iterable[int] | None = None,
                  donors: Sequence[str] | None = None, v: Sequence[float] | None = None, threads: int = 0,
                  max_evaluations: int = 4000, restarts: int = 3, regression_start: bool = True,
                  outcome_label: str | None = None) -> SynthResult:
    """In-time placebo: :func:`synth` with treatment moved back to ``placebo_period``, on the periods before the
    real treatment only.

    Predictor, special-predictor and optimisation periods from the placebo period on are dropped. A gap opening
    at the placebo period would cast doubt on the real estimate.

    Parameters
    ----------
    data : Panel or pandas.DataFrame
    placebo_period : int
        The fake first treated period (before the real one).
    treated, unit, time, outcome, treatment_period, predictors, predictor_periods, special_predictors
        As :func:`synth`.
    optimisation_periods, donors, v, threads, max_evaluations, restarts, regression_start, outcome_label
        As :func:`synth`.

    Returns
    -------
    SynthResult

    Examples
    --------
    >>> import healthyplaces as hp
    >>> r = hp.evaluation.synth_in_time(hp.datasets.smoking(), 1980, unit="state", time="year",
    ...                                 outcome="cigsale", treated="California", treatment_period=1989)
    >>> r.treatment_period, int(r.periods.max())
    (1980, 1988)
    """
    specials = _specials(special_predictors, outcome if not isinstance(data, Panel) else data.outcome_name)
    panel = _panel_for(data, unit, time, outcome, list(predictors) + [s[0] for s in specials])
    vv = None if v is None else np.asarray(v, dtype=float)
    core = _core.evaluation.synth_in_time(
        panel._core, int(placebo_period), str(treated), None if treatment_period is None else int(treatment_period),
        [str(d) for d in donors] if donors is not None else [], list(predictors),
        _periods(predictor_periods, "predictor_periods"), specials,
        _periods(optimisation_periods, "optimisation_periods"), vv, threads, max_evaluations,
        restarts, bool(regression_start))
    return SynthResult._from_core(core, panel.outcome_name, outcome_label)


def augsynth(data: Panel | pd.DataFrame, *, treated: str, unit: str | None = None, time: str | None = None,
             outcome: str | None = None, treatment_period: int | None = None, donors: Sequence[str] | None = None,
             lambda_: float | None = None, n_lambda: int = 20, lambda_min_ratio: float = 1e-8, min_1se: bool = True,
             holdout: int = 1, jackknife: bool = True, threads: int = 0, confidence_level: float = 0.95,
             outcome_label: str | None = None) -> AugsynthResult:
    """Ridge-augmented synthetic control (Ben-Michael, Feller and Rothstein 2021; R ``augsynth`` with
    ``progfunc="Ridge"``, ``scm=TRUE``, no covariates, no fixed effects).

    Synthetic control weights on the pre-period outcomes, corrected by ridge regression. Inference:
    leave-one-donor-out jackknife standard errors (augsynth's ``inf_type="jackknife"``), per period and for the
    ATT.

    Parameters
    ----------
    data, treated, unit, time, outcome, treatment_period, donors
        As :func:`synth`.
    lambda_ : float, optional
        The ridge penalty; default augsynth's cross-validation (hold out each pre-period in turn, refit, grid
        sigma_max^2 r^(i-1), i = 0..n_lambda).
    n_lambda, lambda_min_ratio : int, float
        The grid (n_lambda from 1 to 10,000).
    min_1se : bool
        Take the largest lambda within one SE of the best.
    holdout : int
        Pre-periods held out at a time (at least 1, at most the pre-periods less 2).
    jackknife : bool
        Compute the jackknife standard errors.
    threads : int
        0 = all cores; results do not depend on it.
    confidence_level : float
        Of the jackknife intervals the result reports (``confidence_interval()``, ``estimates()``, the charts).
    outcome_label : str, optional
        As :func:`synth`.

    Returns
    -------
    AugsynthResult

    Examples
    --------
    >>> import healthyplaces as hp
    >>> a = hp.evaluation.augsynth(hp.datasets.smoking(), unit="state", time="year", outcome="cigsale",
    ...                            treated="California", treatment_period=1989)
    >>> a.statistic < 0
    True
    """
    level = float(confidence_level)
    _core.stats.check_confidence_level(level, "confidence_level")  # before the fit, not when it is shown
    panel = _panel_for(data, unit, time, outcome, [])
    core = _core.evaluation.augsynth(
        panel._core, str(treated), None if treatment_period is None else int(treatment_period),
        [str(d) for d in donors] if donors is not None else [], None if lambda_ is None else float(lambda_),
        n_lambda, float(lambda_min_ratio), bool(min_1se), holdout, bool(jackknife), threads)
    return AugsynthResult._from_core(core, panel.outcome_name, outcome_label, level)
