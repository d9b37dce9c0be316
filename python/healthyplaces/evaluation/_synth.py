"""Synthetic control (Abadie, Diamond and Hainmueller 2010) and its ridge-augmented form (Ben-Michael, Feller and
Rothstein 2021): thin wrappers over ``_core.evaluation`` that return result objects with ``summary()``,
``gaps()``, ``plot()`` and an HTML view."""
from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .. import _core
from .._core import DataError
from ._panel import Panel, as_panel

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


def _axes(ax: Any) -> Any:
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(7, 4))
    return ax


class SynthResult:
    """Synthetic control for one treated unit (see :func:`synth`).

    Attributes: ``weights`` (Series, per donor), ``v`` (Series, per predictor), ``treated``,
    ``treatment_period``, ``pre_rmspe``, ``post_rmspe``, ``rmspe_ratio`` (post / pre), ``statistic`` (mean gap
    after treatment), ``pvalue`` (in-space placebo permutation p-value; NaN without placebos), ``rank``,
    ``loss_v`` (MSPE over the optimisation periods), ``loss_w``.
    """

    def __init__(self, core: Any, outcome_name: str = "outcome") -> None:
        fit = core.fit
        self.outcome_name = outcome_name
        self.treated: str = fit.treated
        self.periods = np.asarray(core.periods)
        self.treatment_period = int(core.treatment_period)
        self.optimisation_periods = list(core.optimisation_periods)
        self.predictor_labels = list(core.predictor_labels)
        self.weights = _series(fit.weights, fit.donors, "weight", "donor")
        self.v = _series(fit.v, self.predictor_labels, "v", "predictor")
        self._balance = pd.DataFrame({"treated": np.asarray(fit.treated_predictors),
                                      "synthetic": np.asarray(fit.synthetic_predictors),
                                      "donor_mean": np.asarray(core.donor_mean_predictors),
                                      "v": np.asarray(fit.v)}, index=pd.Index(self.predictor_labels, name="predictor"))
        self._gaps = _fit_frame(fit, self.periods)
        self.pre_rmspe = float(fit.pre_rmspe)
        self.post_rmspe = float(fit.post_rmspe)
        self.rmspe_ratio = float(fit.rmspe_ratio)
        self.loss_v = float(fit.loss_v)
        self.loss_w = float(fit.loss_w)
        self.pvalue = float(core.pvalue)
        self.rank = int(core.rank)
        self.statistic = float(core.mean_post_gap)
        self._placebos = pd.DataFrame(
            {"pre_rmspe": [p.fit.pre_rmspe for p in core.placebos], "post_rmspe": [p.fit.post_rmspe for p in core.placebos],
             "rmspe_ratio": [p.fit.rmspe_ratio for p in core.placebos], "kept": [bool(p.kept) for p in core.placebos]},
            index=pd.Index([p.fit.treated for p in core.placebos], name="unit"))
        self._placebo_gaps = pd.DataFrame({p.fit.treated: np.asarray(p.fit.gaps) for p in core.placebos},
                                          index=pd.Index(self.periods, name="period"))
        self._loo = pd.DataFrame({o.dropped: np.asarray(o.fit.synthetic_path) for o in core.leave_one_out},
                                 index=pd.Index(self.periods, name="period"))

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

    def summary(self) -> pd.DataFrame:
        """Key figures, one row each: treated unit, treatment period, fit and placebo inference."""
        kept = int(self._placebos["kept"].sum()) if len(self._placebos) else 0
        rows = [("treated", self.treated), ("treatment period", self.treatment_period),
                ("donors", len(self.weights)), ("donors with weight > 0.001", int((self.weights > 1e-3).sum())),
                ("pre-period RMSPE", self.pre_rmspe), ("post-period RMSPE", self.post_rmspe),
                ("post/pre RMSPE ratio", self.rmspe_ratio), (f"mean gap after treatment ({self.outcome_name})", self.statistic),
                ("placebos used", kept), ("rank of the ratio", self.rank), ("permutation p-value", self.pvalue)]
        return pd.DataFrame({"value": [v for _, v in rows]}, index=pd.Index([k for k, _ in rows], name="quantity"))

    # -- plots ----------------------------------------------------------------------------------------------
    def plot(self, kind: str = "paths", ax: Any = None) -> Any:
        """``"paths"`` treated vs synthetic; ``"gaps"``; ``"placebos"`` the gap among the placebos' gaps (those
        kept); ``"ratios"`` post/pre RMSPE ratios of the treated unit and placebos. Returns the Axes."""
        kinds = ("paths", "gaps", "placebos", "ratios")
        if kind not in kinds:
            raise _core.DomainError(f"unknown plot kind {kind!r}; use one of {', '.join(kinds)}")
        ax = _axes(ax)
        g = self._gaps
        if kind == "paths":
            ax.plot(g.index, g["treated"], color="black", label=self.treated)
            ax.plot(g.index, g["synthetic"], color="black", linestyle="--", label=f"synthetic {self.treated}")
            ax.set_ylabel(self.outcome_name)
            ax.legend()
        elif kind in ("gaps", "placebos"):
            if kind == "placebos":
                kept = self._placebos.index[self._placebos["kept"]]
                for u in kept:
                    ax.plot(g.index, self._placebo_gaps[u], color="0.75", linewidth=0.8)
            ax.plot(g.index, g["gap"], color="black", linewidth=2, label=self.treated)
            ax.axhline(0, color="0.4", linestyle=":", linewidth=0.8)
            ax.set_ylabel(f"gap in {self.outcome_name}")
        else:
            ratios = pd.concat([pd.Series({self.treated: self.rmspe_ratio}),
                                self._placebos.loc[self._placebos["kept"], "rmspe_ratio"]]).sort_values()
            colours = ["black" if u == self.treated else "0.7" for u in ratios.index]
            ax.barh(range(len(ratios)), ratios.to_numpy(), color=colours)
            ax.set_yticks(range(len(ratios)), list(ratios.index), fontsize=6)
            ax.set_xlabel("post/pre-treatment RMSPE ratio")
        if kind != "ratios":
            ax.axvline(self.treatment_period, color="0.4", linestyle="--", linewidth=0.8)
            ax.set_xlabel("period")
        ax.set_title(f"Synthetic control: {self.treated} ({kind})")
        return ax

    def __repr__(self) -> str:
        top = self.weights[self.weights > 1e-3].sort_values(ascending=False).head(5)
        w = ", ".join(f"{k} {v:.3f}" for k, v in top.items())
        p = "" if math.isnan(self.pvalue) else f", p = {self.pvalue:.4g}"
        return (f"SynthResult(treated={self.treated!r} from {self.treatment_period}, pre RMSPE {self.pre_rmspe:.4g}, "
                f"post RMSPE {self.post_rmspe:.4g}{p}; weights {w})")

    def _repr_html_(self) -> str:
        top = self.weights[self.weights > 1e-3].sort_values(ascending=False).to_frame()
        return (f"<p><b>Synthetic control</b> for {html.escape(self.treated)} from {self.treatment_period}</p>"
                + self.summary().to_html() + top.to_html(float_format=lambda v: f"{v:.3f}")
                + self._balance.to_html(float_format=lambda v: f"{v:.4g}"))


class AugsynthResult:
    """Ridge-augmented synthetic control (see :func:`augsynth`).

    ``statistic``/``att``: mean estimated effect after treatment; ``se``: its leave-one-donor-out jackknife
    standard error; ``pvalue`` and ``confidence_interval()`` from the normal approximation to it (as augsynth's
    jackknife summary); ``weights`` (augmented, sum to 1, may be negative), ``scm_weights``, ``lambda_``.
    """

    def __init__(self, core: Any, outcome_name: str = "outcome") -> None:
        self.outcome_name = outcome_name
        self.treated: str = core.treated
        self.periods = np.asarray(core.periods)
        self.treatment_period = int(core.treatment_period)
        self.weights = _series(core.weights, core.donors, "weight", "donor")
        self.scm_weights = _series(core.scm_weights, core.donors, "scm_weight", "donor")
        self.lambda_ = float(core.lambda_)
        self.att = self.statistic = float(core.att)
        self.se = float(core.att_se)
        self.l2_imbalance = float(core.l2_imbalance)
        self.scm_l2_imbalance = float(core.scm_l2_imbalance)
        self.scaled_l2_imbalance = float(core.scaled_l2_imbalance)
        self.pre_rmspe = float(core.pre_rmspe)
        self._est = pd.DataFrame({"treated": np.asarray(core.treated_path), "synthetic": np.asarray(core.synthetic_path),
                                  "scm": np.asarray(core.scm_path), "estimate": np.asarray(core.estimates),
                                  "se": np.asarray(core.se)}, index=pd.Index(self.periods, name="period"))
        self._cv = pd.DataFrame({"cv_error": np.asarray(core.cv_error), "cv_se": np.asarray(core.cv_se)},
                                index=pd.Index(np.asarray(core.lambdas), name="lambda"))
        self.pvalue = float(core.att_pvalue)

    def confidence_interval(self, confidence_level: float = 0.95) -> tuple[float, float]:
        """ATT +- z x jackknife SE."""
        lo, hi = _core.evaluation.confidence_interval(self.att, self.se, float(confidence_level))
        return (lo, hi)

    def estimates(self, confidence_level: float = 0.95) -> pd.DataFrame:
        """Per period: treated, augmented synthetic, plain synthetic control, estimate (treated - augmented), its
        jackknife SE and normal interval."""
        out = self._est.copy()
        lo, hi = _core.evaluation.confidence_intervals(out["estimate"].to_numpy(), out["se"].to_numpy(),
                                                       float(confidence_level))
        out["ci_low"] = np.asarray(lo)
        out["ci_high"] = np.asarray(hi)
        return out

    def cv(self) -> pd.DataFrame:
        """The cross-validation curve: mean held-out error and its SE per lambda (empty when lambda was given)."""
        return self._cv.copy()

    def summary(self) -> pd.DataFrame:
        lo, hi = self.confidence_interval()
        rows = [("treated", self.treated), ("treatment period", self.treatment_period), ("donors", len(self.weights)),
                ("lambda", self.lambda_), ("ATT", self.att), ("jackknife SE", self.se), ("95% CI low", lo),
                ("95% CI high", hi), ("p-value (normal)", self.pvalue), ("pre-period RMSPE", self.pre_rmspe),
                ("L2 imbalance", self.l2_imbalance), ("L2 imbalance, plain SCM", self.scm_l2_imbalance),
                ("scaled L2 imbalance", self.scaled_l2_imbalance)]
        return pd.DataFrame({"value": [v for _, v in rows]}, index=pd.Index([k for k, _ in rows], name="quantity"))

    def plot(self, kind: str = "gaps", ax: Any = None) -> Any:
        """``"gaps"`` estimates with jackknife 95% band; ``"paths"`` treated, augmented and plain synthetic;
        ``"cv"`` the cross-validation curve."""
        kinds = ("gaps", "paths", "cv")
        if kind not in kinds:
            raise _core.DomainError(f"unknown plot kind {kind!r}; use one of {', '.join(kinds)}")
        ax = _axes(ax)
        e = self.estimates()
        if kind == "gaps":
            ax.fill_between(e.index, e["ci_low"], e["ci_high"], color="0.85", label="95% (jackknife)")
            ax.plot(e.index, e["estimate"], color="black", label="estimate")
            ax.axhline(0, color="0.4", linestyle=":", linewidth=0.8)
            ax.set_ylabel(f"effect on {self.outcome_name}")
        elif kind == "paths":
            ax.plot(e.index, e["treated"], color="black", label=self.treated)
            ax.plot(e.index, e["synthetic"], color="black", linestyle="--", label="augmented synthetic")
            ax.plot(e.index, e["scm"], color="0.5", linestyle=":", label="synthetic control")
            ax.set_ylabel(self.outcome_name)
        else:
            ax.errorbar(self._cv.index, self._cv["cv_error"], yerr=self._cv["cv_se"], fmt="o-", color="black")
            ax.set_xscale("log")
            ax.axvline(self.lambda_, color="0.4", linestyle="--")
            ax.set_xlabel("lambda")
            ax.set_ylabel("held-out squared error")
        if kind != "cv":
            ax.axvline(self.treatment_period, color="0.4", linestyle="--", linewidth=0.8)
            ax.set_xlabel("period")
            ax.legend()
        ax.set_title(f"Augmented synthetic control: {self.treated} ({kind})")
        return ax

    def __repr__(self) -> str:
        return (f"AugsynthResult(treated={self.treated!r} from {self.treatment_period}, ATT {self.att:.4g} "
                f"(jackknife SE {self.se:.4g}), lambda {self.lambda_:.4g})")

    def _repr_html_(self) -> str:
        return (f"<p><b>Augmented synthetic control</b> (ridge) for {html.escape(self.treated)} from "
                f"{self.treatment_period}</p>" + self.summary().to_html())


def synth(data: Panel | pd.DataFrame, *, treated: str, unit: str | None = None, time: str | None = None,
          outcome: str | None = None, treatment_period: int | None = None, predictors: Sequence[str] = (),
          predictor_periods: Iterable[int] | None = None, special_predictors: Sequence[Any] = (),
          optimisation_periods: Iterable[int] | None = None, donors: Sequence[str] | None = None,
          v: Sequence[float] | None = None, placebos: bool = True, placebo_mspe_cutoff: float | None = None,
          leave_one_out: bool = False, threads: int = 0, max_evaluations: int = 4000, restarts: int = 3,
          regression_start: bool = True) -> SynthResult:
    """Synthetic control (ADH 2010) as R's ``Synth``: ``dataprep`` then ``synth``.

    ``data``: a :class:`Panel` or a long DataFrame with ``unit``/``time``/``outcome`` columns. ``treated``
    names the treated unit, ``treatment_period`` its first treated period (default: its adoption in the Panel).
    ``predictors`` (covariates or the outcome) are averaged over ``predictor_periods`` (default: every
    pre-period), NaN skipped; ``special_predictors`` are ``(variable, periods)`` or ``(variable, periods,
    "mean")`` tuples, or a bare period for the outcome in that period (e.g. ``[1975, 1980, 1988]``). V minimises
    the MSPE over ``optimisation_periods`` (default: every pre-period) unless ``v`` is given. ``donors``
    default to every other never-treated unit. With ``placebos`` each donor is treated in turn (in parallel on
    ``threads``, 0 = all cores; results do not depend on it) for the permutation p-value; placebos whose
    pre-MSPE exceeds ``placebo_mspe_cutoff`` times the treated unit's are left out. ``leave_one_out`` refits
    without each donor of positive weight.

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
        [str(d) for d in donors] if donors is not None else [], list(predictors), _periods(predictor_periods, "predictor_periods"),
        specials, _periods(optimisation_periods, "optimisation_periods"), vv, bool(placebos),
        math.inf if placebo_mspe_cutoff is None else float(placebo_mspe_cutoff), bool(leave_one_out), int(threads),
        int(max_evaluations), int(restarts), bool(regression_start))
    return SynthResult(core, panel.outcome_name)


def synth_in_time(data: Panel | pd.DataFrame, placebo_period: int, *, treated: str, unit: str | None = None,
                  time: str | None = None, outcome: str | None = None, treatment_period: int | None = None,
                  predictors: Sequence[str] = (), predictor_periods: Iterable[int] | None = None,
                  special_predictors: Sequence[Any] = (), optimisation_periods: Iterable[int] | None = None,
                  donors: Sequence[str] | None = None, v: Sequence[float] | None = None, threads: int = 0,
                  max_evaluations: int = 4000, restarts: int = 3, regression_start: bool = True) -> SynthResult:
    """In-time placebo: :func:`synth` with treatment moved back to ``placebo_period``, on the periods before the
    real treatment only; predictor, special-predictor and optimisation periods from the placebo period on are
    dropped. A gap opening at the placebo period would cast doubt on the real estimate."""
    specials = _specials(special_predictors, outcome if not isinstance(data, Panel) else data.outcome_name)
    panel = _panel_for(data, unit, time, outcome, list(predictors) + [s[0] for s in specials])
    vv = None if v is None else np.asarray(v, dtype=float)
    core = _core.evaluation.synth_in_time(
        panel._core, int(placebo_period), str(treated), None if treatment_period is None else int(treatment_period),
        [str(d) for d in donors] if donors is not None else [], list(predictors), _periods(predictor_periods, "predictor_periods"),
        specials, _periods(optimisation_periods, "optimisation_periods"), vv, int(threads), int(max_evaluations),
        int(restarts), bool(regression_start))
    return SynthResult(core, panel.outcome_name)


def augsynth(data: Panel | pd.DataFrame, *, treated: str, unit: str | None = None, time: str | None = None,
             outcome: str | None = None, treatment_period: int | None = None, donors: Sequence[str] | None = None,
             lambda_: float | None = None, n_lambda: int = 20, lambda_min_ratio: float = 1e-8, min_1se: bool = True,
             holdout: int = 1, jackknife: bool = True, threads: int = 0) -> AugsynthResult:
    """Ridge-augmented synthetic control (Ben-Michael, Feller and Rothstein 2021; R ``augsynth`` with
    ``progfunc="Ridge"``, ``scm=TRUE``, no covariates, no fixed effects): synthetic control weights on the
    pre-period outcomes, corrected by ridge regression. ``lambda_`` defaults to augsynth's cross-validation
    (hold out each pre-period in turn, refit, grid sigma_max^2 r^(i-1), i = 0..n_lambda, largest lambda
    within one SE of the best with ``min_1se``). Inference: leave-one-donor-out jackknife standard errors
    (augsynth's ``inf_type="jackknife"``), per period and for the ATT."""
    panel = _panel_for(data, unit, time, outcome, [])
    core = _core.evaluation.augsynth(
        panel._core, str(treated), None if treatment_period is None else int(treatment_period),
        [str(d) for d in donors] if donors is not None else [], None if lambda_ is None else float(lambda_),
        int(n_lambda), float(lambda_min_ratio), bool(min_1se), int(holdout), bool(jackknife), int(threads))
    return AugsynthResult(core, panel.outcome_name)
