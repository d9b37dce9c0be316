"""``healthyplaces evaluate``: one self-contained HTML page saying whether an intervention worked.

>>> from healthyplaces.evaluation._report import build_evaluation_report
>>> page = build_evaluation_report()   # Proposition 99: California against 38 donor states
>>> page.startswith("<!DOCTYPE html>") and "Synthetic control" in page
True

The design decides the method, as an evaluator would choose it: one treated unit gets a synthetic control
(with placebo inference and the ridge-augmented estimate beside it); several units adopting in the same period
get difference-in-differences with an event study of the pre-trends; adoption staggered over periods gets
Callaway and Sant'Anna's group-time effects, with the two-way fixed-effects estimate and its Goodman-Bacon
decomposition shown to say why the simple regression misleads. ``method=`` overrides the choice.
"""
from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pandas as pd

from .. import _core, datasets
from .._core import DataError, DomainError
from ..report import _CSS, _figure, _Html, _list, _table, esc
from ._panel import Panel

__all__ = ["EvaluationSpec", "build_evaluation_report", "write_evaluation_report", "METHODS"]

METHODS = ("auto", "synth", "did", "att_gt")
DEFAULT_TITLE = "Did it work? An evaluation"
_PROP99_SOURCE = ("Abadie, Diamond and Hainmueller (2010): cigarette sales per head in 39 US states, 1970-2000; "
                  "California's Proposition 99 took effect in 1989 (hp.datasets.smoking())")


@dataclass
class EvaluationSpec:
    """Which columns hold what, who is treated from when, and how to estimate.

    Treatment is given one of three ways: ``treated`` names a 0/1 column (1 from adoption on); or ``treated``
    names one or more units (a list, or comma-separated text) with ``treatment_period`` the first treated
    period; or ``adoption`` names a column with each unit's first treated period (empty or 0 = never).
    ``covariates`` are carried into the panel: synthetic control uses them as predictors averaged over the
    pre-period, Callaway-Sant'Anna conditions on them at the base period.
    """

    unit: str = "unit"
    time: str = "period"
    outcome: str = "outcome"
    treated: str | Sequence[str] | None = None
    treatment_period: int | None = None
    adoption: str | None = None
    covariates: Sequence[str] = ()
    method: str = "auto"
    level: float = 0.95
    n_boot: int = 999
    seed: int = 20260101
    threads: int = 0
    predictors: Sequence[Any] | None = None   # synthetic control predictors, default: covariates + outcome lags

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
class _Evaluation:
    panel: Panel
    spec: EvaluationSpec
    source_label: str
    design: str                      # "single", "block" (one cohort, several units) or "staggered"
    method: str
    sections: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    decimals: int = 2


def _read(data: Any) -> tuple[pd.DataFrame, str]:
    if isinstance(data, pd.DataFrame):
        return data, "a pandas DataFrame"
    path = os.fspath(data)
    try:
        frame = pd.read_csv(path)
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


def _section_data(ev: _Evaluation) -> str:
    p = ev.panel
    y = p.outcome
    periods = p.periods
    treated = p.treated_units
    cohorts = p.cohorts
    who = (f"{esc(treated[0])} from {cohorts[0]}" if len(treated) == 1 else
           f"{len(treated)} units from {cohorts[0]}" if len(cohorts) == 1 else
           f"{len(treated)} units adopting in {len(cohorts)} different periods ({cohorts[0]} to {cohorts[-1]})")
    out = ['<section id="data"><h2>1. The panel</h2>',
           f"<p>{p.outcome_name!s} for {len(p)} units over {len(periods)} periods ({periods[0]}–{periods[-1]}), "
           f"from {esc(ev.source_label)}. Treated: {who}; {len(p.never_treated)} units never treated. "
           f"The panel is {'balanced' if p.balanced else 'unbalanced (some unit-periods have no row)'}.</p>"]
    if ev.notes:
        out.append('<div class="callout"><h3>Notes on the data</h3>' + _list(ev.notes) + "</div>")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.5, 3.6))
    never = p.never_treated
    if never:
        ax.plot(periods, y.loc[never].mean(axis=0).to_numpy(), color="0.45", lw=2, label="never treated (mean)")
    for c in cohorts[:6]:
        members = [u for u in treated if int(p.adoption[u]) == c]
        label = members[0] if len(members) == 1 else f"adopted {c} ({len(members)} units, mean)"
        line, = ax.plot(periods, y.loc[members].mean(axis=0).to_numpy(), lw=2, label=label)
        ax.axvline(c - 0.5, color=line.get_color(), ls=":", lw=1)
    ax.set_xlabel("period")
    ax.set_ylabel(p.outcome_name)
    ax.legend(frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    out.append(_figure(fig, f"{p.outcome_name}: treated units against units never treated; dotted lines mark adoption.",
                       "Outcome over time, treated and never treated"))
    plt.close(fig)
    out.append("</section>")
    return "".join(out)


def build_evaluation_report(data: Any = None, spec: EvaluationSpec | None = None, *, title: str = DEFAULT_TITLE,
                            source_label: str | None = None,
                            generated: _dt.date | _dt.datetime | None = None) -> str:
    """One self-contained HTML page: the panel, the method the design calls for, its estimate with uncertainty,
    the diagnostics an evaluator must see (pre-trends, placebos, the decomposition), and the finding.

    ``data`` is a CSV path or a DataFrame in long form (one row per unit and period); ``None`` evaluates
    California's Proposition 99 on :func:`healthyplaces.datasets.smoking` as Abadie, Diamond and Hainmueller
    (2010) did.
    """
    if data is None:
        frame, label = datasets.smoking(), _PROP99_SOURCE
        if spec is None:
            spec = EvaluationSpec(unit="state", time="year", outcome="cigsale", treated="California",
                                  treatment_period=1989, covariates=("lnincome", "beer", "age15to24", "retprice"))
            spec.predictors = _PROP99_PREDICTORS
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
    ev = _Evaluation(panel, spec, label, design, _choose(design, spec.method), decimals=_decimals(panel))
    _METHOD_SECTIONS[ev.method](ev)

    when = generated or _dt.date.today()
    when_text = when.strftime("%d %B %Y").lstrip("0") if isinstance(when, _dt.date) else str(when)
    version = _core.__version__
    summary = ('<section id="summary"><h2>Finding</h2>' + "".join(f"<p>{f}</p>" for f in ev.findings) + "</section>")
    body = [summary, _section_data(ev), *ev.sections]
    toc = "".join(f'<a href="#{a}">{esc(t)}</a>' for a, t in _toc(body))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="healthyplaces {esc(version)}">\n'
        f"<title>{esc(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        '<header class="top"><p class="kicker">healthyplaces evaluation</p>'
        f"<h1>{esc(title)}</h1>"
        f'<p class="meta">Data: {esc(label)} · Outcome: {esc(panel.outcome_name)} · Method: '
        f'{esc(_METHOD_LABELS[ev.method])} · {esc(when_text)}</p>'
        f'<nav class="toc" aria-label="Contents">{toc}</nav></header>\n'
        + "\n".join(s for s in body if s)
        + f'\n<footer>Generated on {esc(when_text)} by healthyplaces {esc(version)}. Data: {esc(label)}.</footer>\n'
        "</main>\n</body>\n</html>\n"
    )


def _toc(sections: list[str]) -> list[tuple[str, str]]:
    import re

    out = []
    for s in sections:
        m = re.match(r'<section id="([^"]+)"><h2>([^<]+)</h2>', s)
        if m:
            out.append((m.group(1), m.group(2)))
    return out


def write_evaluation_report(path: str | os.PathLike[str], data: Any = None, spec: EvaluationSpec | None = None,
                            **kwargs: Any) -> Path:
    """Build the evaluation page (see :func:`build_evaluation_report`) and write it to ``path`` as UTF-8.

    The page is built completely before the file is opened, so a failed analysis never leaves half a file.
    """
    text = build_evaluation_report(data, spec, **kwargs)
    out = Path(path).expanduser().absolute()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except OSError as err:
        raise OSError(f"cannot write the report to {out}: {err.strerror or err}") from err
    return out


# --------------------------------------------------------------------------------------------------------------
# Method sections: each appends its sections and its sentence of the finding


def _num(x: float, digits: int = 3) -> str:
    """Significant digits, for tables of mixed quantities."""
    if x is None or not np.isfinite(x):
        return "–"
    return f"{x:,.{digits}g}" if abs(x) >= 1e-3 or x == 0 else f"{x:.2e}"


def _fx(ev: "_Evaluation", x: float) -> str:
    """An effect or error on the outcome's scale, with the report's fixed number of decimals."""
    if x is None or not np.isfinite(x):
        return "–"
    return f"{x:,.{ev.decimals}f}"


def _decimals(panel: Panel) -> int:
    """Decimals that suit the outcome's spread: effects on a scale of tens get one, of tenths three."""
    sd = float(np.nanstd(panel.outcome.to_numpy()))
    if not np.isfinite(sd) or sd <= 0:
        return 2
    return int(min(4, max(0, 2 - np.floor(np.log10(sd)))))


def _p(p: float) -> str:
    """A p-value for HTML text."""
    if not np.isfinite(p):
        return "p not available"
    return "p &lt; 0.001" if p < 0.001 else f"p = {p:.3f}"


def _direction(x: float) -> str:
    return "higher" if x > 0 else "lower"


def _plot(result: Any, caption: str, label: str, **kwargs: Any) -> str:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.5, 3.8))
    result.plot(ax=ax, **kwargs)
    fig.tight_layout()
    html = _figure(fig, caption, label)
    plt.close(fig)
    return html


def _frame_table(frame: pd.DataFrame, caption: str, digits: int = 4, index_name: str | None = None) -> str:
    """A DataFrame as a report table; a plain 0..n-1 index is not shown."""
    show_index = not isinstance(frame.index, pd.RangeIndex)
    headers = ([index_name or (frame.index.name or "")] if show_index else []) + \
        [str(c).replace("_", " ") for c in frame.columns]
    rows = []
    for idx, r in frame.iterrows():
        cells = [(_num(v, digits) if isinstance(v, (float, np.floating)) else v) for v in r.tolist()]
        rows.append(([idx] if show_index else []) + cells)
    return _table(headers, rows, numeric=set(range(1 if show_index else 0, len(headers))), caption=caption)


def _resolve(ev: "_Evaluation", se: float) -> None:
    """Enough decimals to show a standard error to two significant digits."""
    if np.isfinite(se) and se > 0:
        ev.decimals = int(min(6, max(ev.decimals, 1 - np.floor(np.log10(se)))))


def _synth_predictors(ev: _Evaluation) -> tuple[list[str], list[Any], range | None]:
    """ADH-style predictors: covariates averaged over the pre-period and the outcome in up to three pre-periods."""
    if ev.spec.predictors:
        return [], list(ev.spec.predictors), None
    p = ev.panel
    start = int(p.cohorts[0])
    pre = [int(t) for t in p.periods if t < start]
    lags = sorted({pre[0], pre[len(pre) // 2], pre[-1]}) if pre else []
    return list(ev.spec.covariates), lags, range(pre[0], pre[-1] + 1) if pre else None


def _run_synth(ev: _Evaluation) -> None:
    from ._synth import augsynth, synth

    p, spec = ev.panel, ev.spec
    if len(p.treated_units) != 1:
        raise DomainError(f"synthetic control evaluates one treated unit; {len(p.treated_units)} are treated "
                          "(use --method did or att_gt)")
    unit = p.treated_units[0]
    start = int(p.cohorts[0])
    covs, specials, periods = _synth_predictors(ev)
    kwargs: dict[str, Any] = {"treated": unit, "treatment_period": start, "threads": spec.threads}
    if ev.spec.predictors:
        kwargs["predictors"] = [x for x in specials if isinstance(x, str)]
        kwargs["special_predictors"] = [x for x in specials if not isinstance(x, str)]
        kwargs["predictor_periods"] = _PROP99_PREDICTOR_PERIODS if ev.spec.predictors is _PROP99_PREDICTORS else None
    else:
        kwargs.update(predictors=covs, special_predictors=specials, predictor_periods=periods)
    r = synth(p, **kwargs)
    a = augsynth(p, treated=unit, treatment_period=start, threads=spec.threads)
    n_placebo = int(r.placebos()["kept"].sum())
    post = r.gaps()
    post = post[post.index >= start]
    lo, hi = a.confidence_interval(spec.level)
    donors = r.weights[r.weights > 0.001].sort_values(ascending=False)
    _resolve(ev, a.se)
    same_sign = np.sign(a.att) == np.sign(r.statistic)
    agrees = ("agrees" if same_sign and (lo > 0 or hi < 0) else
              "points the same way but its interval includes no effect" if same_sign else "points the other way")
    ev.findings.append(
        f"After {start}, {esc(p.outcome_name)} in <strong>{esc(unit)}</strong> was on average "
        f"<strong>{_fx(ev, abs(r.statistic))} {_direction(r.statistic)}</strong> than in its synthetic control "
        f"(a weighted mix of {len(donors)} of {len(r.weights)} donor units that tracked it before {start} with a "
        f"root mean squared error of {_fx(ev, r.pre_rmspe)}). Its post/pre RMSPE ratio ranks {r.rank} of "
        f"{n_placebo + 1} when every donor is treated in turn: permutation <strong>{_p(r.pvalue)}</strong> "
        f"(the smallest possible is 1/{n_placebo + 1} = {1 / (n_placebo + 1):.3f}). The ridge-augmented estimate "
        f"{agrees}: {_fx(ev, a.att)} per period ({int(spec.level * 100)}% CI {_fx(ev, lo)} to {_fx(ev, hi)}, jackknife).")
    out = ['<section id="synth"><h2>2. Synthetic control</h2>',
           f"<p>Abadie, Diamond and Hainmueller's synthetic control builds {esc(unit)}'s counterfactual as the "
           "convex combination of never-treated units whose predictors best match its own, the predictors "
           "weighted to minimise the error in the pre-period outcome. The gap after adoption is the estimated "
           "effect; inference compares it with the gaps when each donor is treated in turn.</p>",
           _plot(r, f"{p.outcome_name}: {unit} and its synthetic control; adoption in {start}.",
                 "Treated against synthetic", kind="paths"),
           _frame_table(donors.to_frame(), "Donor weights above 0.001", index_name="donor"),
           _frame_table(r.balance(), "Predictor balance: treated, synthetic and the donors' unweighted mean",
                        index_name="predictor"),
           "<h3>Placebo inference</h3>",
           _plot(r, "Gaps after placebo treatment of every donor (grey) and of the treated unit.",
                 "Placebo gaps", kind="placebos"),
           _plot(r, "Post/pre RMSPE ratios: the treated unit against every placebo.", "RMSPE ratios", kind="ratios"),
           _frame_table(r.summary(), "Synthetic control: key figures", index_name="quantity"),
           "</section>",
           '<section id="augsynth"><h2>3. Augmented synthetic control</h2>',
           f"<p>Ben-Michael, Feller and Rothstein's ridge augmentation corrects the synthetic control for the "
           f"pre-period imbalance it leaves (L2 imbalance {_num(a.scm_l2_imbalance)} plain, "
           f"{_num(a.l2_imbalance)} augmented; ridge λ = {_num(a.lambda_)} by cross-validation). Average effect "
           f"after {start}: {_fx(ev, a.att)} (jackknife SE {_fx(ev, a.se)}, {_p(a.pvalue)}).</p>",
           _plot(a, "Augmented estimate by period with jackknife intervals.", "Augmented estimates", kind="gaps"),
           "</section>"]
    ev.sections += out


def _run_did(ev: _Evaluation) -> None:
    from ._did import did, event_study

    p, spec = ev.panel, ev.spec
    r = did(p, confidence_level=spec.level)
    es = event_study(p, confidence_level=spec.level)
    lo, hi = r.confidence_interval()
    _resolve(ev, r.standard_error)
    pre = es.pretrend
    pre_text = ("the data cannot test it (too few clusters for the leads)" if not np.isfinite(pre.pvalue) else
                "as far as the data can tell" if pre.pvalue >= 0.05 else "<strong>less than the method assumes</strong>")
    ev.findings.append(
        f"The {len(p.treated_units)} treated units' {esc(p.outcome_name)} changed by <strong>{_fx(ev, r.statistic)}"
        f"</strong> more than the {len(p.never_treated)} never-treated units' after adoption "
        f"({int(spec.level * 100)}% CI {_fx(ev, lo)} to {_fx(ev, hi)}, <strong>{_p(r.pvalue)}</strong>; standard errors "
        f"clustered by unit). Before adoption the two groups moved together {pre_text} (joint test of the leads: "
        f"{_p(pre.pvalue)}).")
    ev.sections += [
        '<section id="did"><h2>2. Difference-in-differences</h2>',
        f"<p>{esc(r.method)} regression of {esc(p.outcome_name)} on treatment, with unit-clustered standard errors "
        f"({r.n_clusters} clusters, {r.n_obs} observations).</p>",
        _frame_table(r.table, "Group means before and after adoption", index_name="group"),
        _plot(r, "Mean outcome of treated and control units by period.", "Means by group"),
        "</section>",
        '<section id="event-study"><h2>3. Event study</h2>',
        "<p>Two-way fixed-effects coefficients by period relative to adoption (reference: the period before). "
        "Coefficients before adoption should be near zero if the groups were on parallel paths.</p>",
        _plot(es, "Event-study estimates with confidence intervals.", "Event study"),
        _frame_table(es.summary(), "Event-study coefficients"),
        "</section>"]
    ev.sections.append(_section_power(ev))


def _section_power(ev: _Evaluation) -> str:
    """The smallest effect this design could have detected: context for a null result, not evidence of one."""
    from ._power import panel_moments, power_did

    p = ev.panel
    start = int(p.cohorts[0])
    pre = int(sum(int(t) < start for t in p.periods))
    post = len(p.periods) - pre
    n_t, n_c = len(p.treated_units), len(p.never_treated)
    try:
        m = panel_moments(p)
        r = power_did(None, n=n_t, power=0.8, sd=m["sd"], rho=min(max(m["rho"], 0.0), 0.999), pre_periods=pre,
                      post_periods=post, ratio=n_c / n_t)
    except (DomainError, DataError) as e:
        ev.notes.append(f"Power not shown: {e}")
        return ""
    return ('<section id="power"><h2>4. What this design could detect</h2>'
            f"<p>With {n_t} treated and {n_c} control units, {pre} periods before and {post} after, and the "
            f"untreated units' spread (sd {_fx(ev, m['sd'])}, correlation between a unit's periods "
            f"{m['rho']:.2f}), a difference-in-differences at the 5% level has 80% power to detect an effect of "
            f"{_fx(ev, r.effect)} (McKenzie 2012). This is the design's sensitivity; it is not evidence about the "
            "effect itself.</p></section>")


def _run_att_gt(ev: _Evaluation) -> None:
    from ._att_gt import att_gt
    from ._did import bacon, did

    p, spec = ev.panel, ev.spec
    r = att_gt(p, covariates=list(spec.covariates), n_boot=spec.n_boot, seed=spec.seed, threads=spec.threads,
               level=spec.level)
    simple = r.aggregate("simple")
    dynamic = r.aggregate("dynamic")
    lo, hi = simple.confidence_interval()
    _resolve(ev, simple.overall_se)
    twfe = did(p, method="twfe", confidence_level=spec.level)
    ev.findings.append(
        f"Averaged over the {len(p.cohorts)} adoption cohorts and the periods after adoption, adopting changed "
        f"{esc(p.outcome_name)} by <strong>{_fx(ev, simple.overall_att)}</strong> ({int(spec.level * 100)}% CI "
        f"{_fx(ev, lo)} to {_fx(ev, hi)}, <strong>{_p(simple.pvalue)}</strong>; Callaway and Sant'Anna, "
        f"never-treated controls, doubly robust, {spec.n_boot} bootstrap draws). The two-way fixed-effects "
        f"regression gives {_fx(ev, twfe.statistic)}; the Goodman-Bacon decomposition below shows which comparisons "
        "drive the difference.")
    out = ['<section id="att-gt"><h2>2. Staggered adoption: Callaway and Sant\'Anna</h2>',
           "<p>Each cohort (units adopting in the same period) is compared with never-treated units, period by "
           "period, giving group-time effects ATT(g, t); these are averaged by time since adoption and overall. "
           "Bands are simultaneous (multiplier bootstrap, sup-t).</p>",
           _plot(dynamic, "Effects by time since adoption with simultaneous bands.", "Dynamic effects"),
           _frame_table(dynamic.summary(), "Effects by time since adoption"),
           _plot(r, "Group-time effects by cohort.", "Group-time effects"),
           "</section>"]
    try:
        b = bacon(p)
        out += ['<section id="bacon"><h2>3. Why the two-way regression misleads</h2>',
                f"<p>The two-way fixed-effects estimate ({_fx(ev, twfe.statistic)}) is a weighted average of every 2x2 "
                "comparison between adoption cohorts, including comparisons that use already-treated units as "
                "controls (Goodman-Bacon 2021).</p>",
                _plot(b, "Each 2x2 comparison's estimate against its weight.", "Bacon decomposition"),
                _frame_table(b.summary(), "Goodman-Bacon decomposition"), "</section>"]
    except (DomainError, DataError) as e:
        ev.notes.append(f"Goodman-Bacon decomposition not shown: {e}")
    ev.sections += out


_METHOD_LABELS = {"synth": "synthetic control", "did": "difference-in-differences",
                  "att_gt": "Callaway and Sant'Anna (staggered adoption)"}
_METHOD_SECTIONS: dict[str, Any] = {"synth": _run_synth, "did": _run_did, "att_gt": _run_att_gt}
# ADH (2010): income, youth share and price averaged 1980-88, beer 1984-88, cigarette sales in 1975, 1980, 1988.
_PROP99_PREDICTORS: list[Any] = ["lnincome", "age15to24", "retprice", ("beer", range(1984, 1989)), 1975, 1980, 1988]
_PROP99_PREDICTOR_PERIODS = range(1980, 1989)
