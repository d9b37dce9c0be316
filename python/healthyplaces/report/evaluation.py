"""``healthyplaces evaluate``: one self-contained HTML page saying whether an intervention worked.

>>> from healthyplaces.report.evaluation import prop99_spec
>>> spec = prop99_spec()   # the default page: Proposition 99, California against 38 donor states
>>> spec.treated, spec.treatment_period, spec.method
('California', 1989, 'auto')

``build_evaluation_report()`` builds that page (a synthetic control, with its placebos and the ridge-augmented
estimate); ``write_evaluation_report(path)`` writes it.

The design decides the method, as an evaluator would choose it: one treated unit gets a synthetic control
(with placebo inference and the ridge-augmented estimate beside it); several units adopting in the same period
get difference-in-differences with an event study of the pre-trends; adoption staggered over periods gets
Callaway and Sant'Anna's group-time effects, with the two-way fixed-effects estimate and its Goodman-Bacon
decomposition shown to say why the simple regression misleads. ``method=`` overrides the choice.

This module runs the estimators of :mod:`healthyplaces.evaluation` (their public API only) and keeps the
results; the sections in :mod:`healthyplaces.report.sections.evaluation` turn them into the contexts of their
templates (``templates/sections/evaluation/*.html.j2``), and ``evaluation.html.j2`` extends the same
``base.html.j2`` as the report.
"""
from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pandas as pd

from .. import DataError, DomainError, __version__, datasets
from ..io import read_table
from ..evaluation import Panel, att_gt, augsynth, bacon, did, event_study, panel_moments, power_did, synth
from . import _render
from .sections.evaluation import (att_gt as att_gt_section, augsynth as augsynth_section, bacon as bacon_section,
                                  did as did_section, event_study as event_study_section, finding, panel as panel_section,
                                  power as power_section, synth as synth_section)

__all__ = ["EvaluationSpec", "build_evaluation_report", "write_evaluation_report", "prop99_spec", "METHODS",
           "DEFAULT_TITLE"]

METHODS = ("auto", "synth", "did", "att_gt")
DEFAULT_TITLE = "Did it work? An evaluation"
TEMPLATE = "evaluation.html.j2"
# In page order; each returns None when its method did not run (or could not be shown).
SECTIONS = (finding, panel_section, synth_section, augsynth_section, did_section, event_study_section,
            power_section, att_gt_section, bacon_section)
METHOD_LABELS = {"synth": "synthetic control", "did": "difference-in-differences",
                 "att_gt": "Callaway and Sant'Anna (staggered adoption)"}
_PROP99_SOURCE = ("Abadie, Diamond and Hainmueller (2010): cigarette sales per head in 39 US states, 1970-2000; "
                  "California's Proposition 99 took effect in 1989 (hp.datasets.smoking())")
# ADH (2010): income, youth share and price averaged 1980-88, beer 1984-88, cigarette sales in 1975, 1980, 1988.
_PROP99_PREDICTORS: list[Any] = ["lnincome", "age15to24", "retprice", ("beer", range(1984, 1989)), 1975, 1980, 1988]
_PROP99_PREDICTOR_PERIODS = range(1980, 1989)


@dataclass
class EvaluationSpec:
    """Which columns hold what, who is treated from when, and how to estimate.

    Treatment is given one of three ways: ``treated`` names a 0/1 column (1 from adoption on); or ``treated``
    names one or more units (a list, or comma-separated text) with ``treatment_period`` the first treated
    period; or ``adoption`` names a column with each unit's first treated period (empty or 0 = never).
    ``covariates`` are carried into the panel: synthetic control uses them as predictors averaged over the
    pre-period, Callaway-Sant'Anna conditions on them at the base period. ``outcome_label`` names the outcome
    with its unit on the page's charts (default: the outcome column's name).

    Examples
    --------
    >>> from healthyplaces.report import EvaluationSpec
    >>> spec = EvaluationSpec(unit="state", time="year", outcome="cigsale", treated="California",
    ...                       treatment_period=1989)
    >>> spec.confidence_level, spec.seed, spec.method
    (0.95, 0, 'auto')
    """

    unit: str = "unit"
    time: str = "period"
    outcome: str = "outcome"
    treated: str | Sequence[str] | None = None
    treatment_period: int | None = None
    adoption: str | None = None
    covariates: Sequence[str] = ()
    method: str = "auto"
    confidence_level: float = 0.95
    n_resamples: int = 1000  # as att_gt's default (R did's biters)
    seed: int = 0
    threads: int = 0
    predictors: Sequence[Any] | None = None   # synthetic control predictors, default: covariates + outcome lags
    outcome_label: str | None = None

    def treatment_kwargs(self, data: pd.DataFrame) -> dict[str, Any]:
        """The Panel.from_frame keywords that say who is treated."""
        if self.adoption is not None:
            if self.treated is not None:
                raise DataError("give --treated or --adoption, not both")
            return {"adoption": self.adoption}
        if self.treated is None:
            raise DataError("say who is treated: --treated COLUMN (0/1), --treated UNIT --treatment-period P, or "
                            "--adoption COLUMN")
        if isinstance(self.treated, str) and self.treated in data.columns:
            if self.treatment_period is not None:
                raise DataError(f"--treated names the 0/1 column {self.treated!r}, so --treatment-period is not used; "
                                "drop it, or name units instead")
            return {"treated": self.treated}
        units = ([u.strip() for u in self.treated.split(",") if u.strip()] if isinstance(self.treated, str)
                 else [str(u) for u in self.treated])
        if self.treatment_period is None:
            raise DataError(f"--treated {', '.join(units)} names units (no such column in the data), so "
                            "--treatment-period must say when they were first treated")
        known = set(data[self.unit].astype(str)) if self.unit in data.columns else set()
        missing = [u for u in units if u not in known]
        if missing and self.unit in data.columns:
            raise DataError(f"--treated: no unit {missing[0]!r} in column {self.unit!r} (and no column of that name)")
        return {"adoption": {u: int(self.treatment_period) for u in units}}


@dataclass
class Evaluation:
    """The panel, the method the design called for, and its fitted results, for the sections to show."""

    panel: Panel
    spec: EvaluationSpec
    source_label: str
    design: str                      # "single", "block" (one cohort, several units) or "staggered"
    method: str
    decimals: int = 2
    notes: list[str] = field(default_factory=list)
    fits: dict[str, Any] = field(default_factory=dict)

    def fx(self, x: float | None) -> str:
        """An effect or error on the outcome's scale, with the page's fixed number of decimals."""
        if x is None or not np.isfinite(x):
            return "–"
        return f"{x:,.{self.decimals}f}"

    def resolve(self, se: float) -> None:
        """Enough decimals to show a standard error to two significant digits."""
        if np.isfinite(se) and se > 0:
            self.decimals = int(min(6, max(self.decimals, 1 - np.floor(np.log10(se)))))


def _read(data: Any) -> tuple[pd.DataFrame, str]:
    if isinstance(data, pd.DataFrame):
        return data, "a pandas DataFrame"
    path = os.fspath(data)
    try:
        frame = read_table(path)  # the encodings and delimiters hp.io reads, with located errors
    except FileNotFoundError as e:
        raise OSError(e.errno, "no such file", path) from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as e:
        raise DataError(f"{path}: cannot read as CSV: {str(e).strip()}") from None
    return frame, os.path.abspath(path)


def _design(panel: Panel) -> str:
    treated = panel.treated_units
    if len(treated) == 1:
        return "single"
    return "block" if len(panel.cohorts) == 1 else "staggered"


def _choose(design: str, method: str) -> str:
    if method not in METHODS:
        raise DomainError(f"method {method!r} is not one of {', '.join(METHODS)}")
    if method != "auto":
        return method
    return {"single": "synth", "block": "did", "staggered": "att_gt"}[design]


def _decimals(panel: Panel) -> int:
    """Decimals that suit the outcome's spread: effects on a scale of tens get one, of tenths three."""
    sd = float(np.nanstd(panel.outcome.to_numpy()))
    if not np.isfinite(sd) or sd <= 0:
        return 2
    return int(min(4, max(0, 2 - np.floor(np.log10(sd)))))


# --------------------------------------------------------------------------------------------------------------
# The estimation for each method: fits kept in ev.fits, problems that only hide a section kept in ev.notes


def _synth_predictors(ev: Evaluation) -> tuple[list[str], list[Any], range | None]:
    """ADH-style predictors: covariates averaged over the pre-period and the outcome in up to three pre-periods."""
    if ev.spec.predictors:
        return [], list(ev.spec.predictors), None
    p = ev.panel
    start = int(p.cohorts[0])
    pre = [int(t) for t in p.periods if t < start]
    lags = sorted({pre[0], pre[len(pre) // 2], pre[-1]}) if pre else []
    return list(ev.spec.covariates), lags, range(pre[0], pre[-1] + 1) if pre else None


def _fit_synth(ev: Evaluation) -> None:
    p, spec = ev.panel, ev.spec
    if len(p.treated_units) != 1:
        raise DomainError(f"synthetic control evaluates one treated unit; {len(p.treated_units)} are treated "
                          "(use --method did or att_gt)")
    unit = p.treated_units[0]
    start = int(p.cohorts[0])
    covs, specials, periods = _synth_predictors(ev)
    kwargs: dict[str, Any] = {"treated": unit, "treatment_period": start, "threads": spec.threads,
                              "outcome_label": spec.outcome_label}
    if ev.spec.predictors:
        kwargs["predictors"] = [x for x in specials if isinstance(x, str)]
        kwargs["special_predictors"] = [x for x in specials if not isinstance(x, str)]
        kwargs["predictor_periods"] = _PROP99_PREDICTOR_PERIODS if ev.spec.predictors is _PROP99_PREDICTORS else None
    else:
        kwargs.update(predictors=covs, special_predictors=specials, predictor_periods=periods)
    # augsynth first: it is quick and checks the confidence level before the placebo fits start
    ev.fits["augsynth"] = a = augsynth(p, treated=unit, treatment_period=start, threads=spec.threads,
                                       confidence_level=spec.confidence_level, outcome_label=spec.outcome_label)
    ev.fits["synth"] = synth(p, **kwargs)
    ev.resolve(a.se)


def _fit_did(ev: Evaluation) -> None:
    p, spec = ev.panel, ev.spec
    covariates = list(spec.covariates)
    ev.fits["did"] = r = did(p, covariates=covariates, confidence_level=spec.confidence_level,
                             outcome_label=spec.outcome_label)
    ev.fits["event_study"] = event_study(p, covariates=covariates, confidence_level=spec.confidence_level,
                                         outcome_label=spec.outcome_label)
    ev.resolve(r.standard_error)
    # The smallest effect this design could have detected: context for a null result, not evidence of one.
    start = int(p.cohorts[0])
    pre = int(sum(int(t) < start for t in p.periods))
    post = len(p.periods) - pre
    n_t, n_c = len(p.treated_units), len(p.never_treated)
    try:
        m = panel_moments(p)
        power = power_did(None, n=n_t, power=0.8, sd=m["sd"], rho=min(max(m["rho"], 0.0), 0.999),
                          pre_periods=pre, post_periods=post, ratio=n_c / n_t)
    except (DomainError, DataError) as e:
        ev.notes.append(f"Power not shown: {e}")
        return
    ev.fits["power"] = {"moments": m, "result": power, "pre": pre, "post": post, "treated": n_t, "controls": n_c}


def _fit_att_gt(ev: Evaluation) -> None:
    p, spec = ev.panel, ev.spec
    ev.fits["att_gt"] = r = att_gt(p, covariates=list(spec.covariates), n_resamples=spec.n_resamples,
                                   seed=spec.seed, threads=spec.threads,
                                   confidence_level=spec.confidence_level, outcome_label=spec.outcome_label)
    ev.fits["simple"] = simple = r.aggregate("simple")
    ev.fits["dynamic"] = r.aggregate("dynamic")
    ev.fits["group"] = r.aggregate("group")
    ev.resolve(simple.overall_se)
    ev.fits["twfe"] = did(p, method="twfe", confidence_level=spec.confidence_level,
                          outcome_label=spec.outcome_label)
    try:
        ev.fits["bacon"] = bacon(p, outcome_label=spec.outcome_label)
    except (DomainError, DataError) as e:
        ev.notes.append(f"Goodman-Bacon decomposition not shown: {e}")


_FIT = {"synth": _fit_synth, "did": _fit_did, "att_gt": _fit_att_gt}


# --------------------------------------------------------------------------------------------------------------
# The page


def prop99_spec(**options: Any) -> EvaluationSpec:
    """The specification of the default page: California's Proposition 99 as Abadie, Diamond and Hainmueller
    (2010) evaluated it, on :func:`healthyplaces.datasets.smoking`.

    Parameters
    ----------
    **options
        ``method``, ``confidence_level``, ``n_resamples``, ``seed``, ``threads``: how to estimate (the columns,
        treatment and predictors are ADH's).

    Returns
    -------
    EvaluationSpec

    Examples
    --------
    >>> from healthyplaces.report.evaluation import prop99_spec
    >>> spec = prop99_spec(confidence_level=0.9)
    >>> spec.treated, spec.treatment_period, spec.confidence_level
    ('California', 1989, 0.9)
    """
    unknown = sorted(set(options) - {"method", "confidence_level", "n_resamples", "seed", "threads"})
    if unknown:
        raise DomainError(f"the Proposition 99 evaluation fixes its columns and treatment; {unknown[0]} cannot be "
                          "set (give your own data to choose them)")
    # ADH's covariates are synthetic-control predictors, averaged over the years they exist; the regressions of
    # the other methods would need every year of them (income starts in 1972, beer in 1984), so they go without.
    synth_like = options.get("method", "auto") in ("auto", "synth")
    return EvaluationSpec(unit="state", time="year", outcome="cigsale", treated="California", treatment_period=1989,
                          covariates=("lnincome", "beer", "age15to24", "retprice") if synth_like else (),
                          predictors=_PROP99_PREDICTORS if synth_like else None,
                          outcome_label="cigarette sales (packs per person)", **options)


def _check_applies(spec: EvaluationSpec, method: str) -> None:
    """Options that the chosen method does not use are an error, not silently ignored."""
    defaults = EvaluationSpec()
    if method != "att_gt" and (spec.n_resamples != defaults.n_resamples or spec.seed != defaults.seed):
        raise DomainError(f"n_resamples and seed (--n-resamples, --seed) set the bootstrap of Callaway and "
                          f"Sant'Anna, used for staggered adoption; this design is evaluated by "
                          f"{METHOD_LABELS[method]}, which does not use them")


def _context(env: Any, data: Any, spec: EvaluationSpec | None, *, title: str = DEFAULT_TITLE,
             source_label: str | None = None, generated: _dt.date | _dt.datetime | None = None) -> dict[str, Any]:
    if data is None:
        frame, label = datasets.smoking(), _PROP99_SOURCE
        if spec is None:
            spec = prop99_spec()
        if title == DEFAULT_TITLE:
            title = "Did Proposition 99 cut smoking in California?"
    else:
        if spec is None:
            raise DomainError("say which columns hold the unit, period, outcome and treatment (an EvaluationSpec)")
        frame, label = _read(data)
    label = source_label or label
    panel = Panel.from_frame(frame, unit=spec.unit, time=spec.time, outcome=spec.outcome,
                             covariates=list(spec.covariates), **spec.treatment_kwargs(frame))
    if not panel.treated_units:
        raise DomainError("no unit is treated in the data: nothing to evaluate")
    design = _design(panel)
    ev = Evaluation(panel, spec, label, design, _choose(design, spec.method), decimals=_decimals(panel))
    _check_applies(spec, ev.method)
    _FIT[ev.method](ev)
    sections = []
    for module in SECTIONS:
        ctx = module.context(ev)
        if ctx is not None:
            sections.append(_render.Section(env, module.TEMPLATE, ctx, module.ANCHOR, module.TOC))
    return _render.page_context(
        env, title=title, kicker="healthyplaces evaluation", version=__version__, source=label,
        date=_render.date_text(generated or _dt.date.today()),
        meta=[("Data", label), ("Outcome", panel.outcome_name), ("Method", METHOD_LABELS[ev.method])],
        toc=[(s.anchor, s.toc) for s in sections if s.toc], sections=sections)


def build_evaluation_report(data: Any = None, spec: EvaluationSpec | None = None, *, title: str = DEFAULT_TITLE,
                            source_label: str | None = None,
                            generated: _dt.date | _dt.datetime | None = None,
                            template_dir: str | os.PathLike[str] | None = None) -> str:
    """One self-contained HTML page: the panel, the method the design calls for, its estimate with uncertainty,
    the diagnostics an evaluator must see (pre-trends, placebos, the decomposition), and the finding.

    Parameters
    ----------
    data : str, path or pandas.DataFrame, optional
        A CSV path or a DataFrame in long form (one row per unit and period); ``None`` evaluates California's
        Proposition 99 on :func:`healthyplaces.datasets.smoking` as Abadie, Diamond and Hainmueller (2010) did.
    spec : EvaluationSpec, optional
        Which columns hold what and how to estimate; with ``data=None``, default :func:`prop99_spec`.
    title : str
        The page's title.
    source_label : str, optional
        How the page names the data (default: the file's absolute path).
    generated : date or datetime, optional
        The page's date (default today).
    template_dir : str or path, optional
        A folder of templates replacing the packaged ones of the same name, as for
        :func:`healthyplaces.report.build_report` (the two pages share ``base.html.j2`` and ``style.css``).

    Returns
    -------
    str
        The page's HTML.

    Examples
    --------
    >>> from healthyplaces.report import build_evaluation_report
    >>> page = build_evaluation_report()
    >>> "Did Proposition 99 cut smoking in California?" in page
    True
    """
    env = _render.environment(template_dir)
    ctx = _context(env, data, spec, title=title, source_label=source_label, generated=generated)
    return _render.render(env, TEMPLATE, ctx)


def write_evaluation_report(path: str | os.PathLike[str], data: Any = None, spec: EvaluationSpec | None = None,
                            *, template_dir: str | os.PathLike[str] | None = None, **kwargs: Any) -> Path:
    """Build the evaluation page (see :func:`build_evaluation_report`) and write it to ``path`` as UTF-8.

    The page goes to a temporary file in the same folder and replaces ``path`` only when complete, so a failed
    analysis or rendering never leaves half a file and never destroys an existing one.

    Parameters
    ----------
    path : str or path
        Where to write the page.
    data, spec
        As :func:`build_evaluation_report`.
    template_dir : str or path, optional
        As :func:`build_evaluation_report`.
    **kwargs
        ``title``, ``source_label``, ``generated``: as :func:`build_evaluation_report`.

    Returns
    -------
    pathlib.Path
        The absolute path written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from healthyplaces.report import write_evaluation_report
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_evaluation_report(pathlib.Path(folder) / "prop99.html")
    ...     path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    True
    """
    env = _render.environment(template_dir)
    ctx = _context(env, data, spec, **kwargs)
    return _render.write_atomic(path, env, TEMPLATE, ctx)
