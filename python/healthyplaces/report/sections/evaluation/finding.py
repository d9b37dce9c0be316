"""The finding, at the top of the evaluation page: one paragraph saying what the method found and how sure it is."""
from __future__ import annotations

from typing import Any

import numpy as np

from ._common import level_text, p_text

TEMPLATE = "sections/evaluation/finding.html.j2"
ANCHOR = "summary"
TOC = "Finding"


def _synth(ev: Any) -> dict[str, Any]:
    p, spec = ev.panel, ev.spec
    r, a = ev.fits["synth"], ev.fits["augsynth"]
    start = int(p.cohorts[0])
    n_placebo = int(r.placebos()["kept"].sum())
    lo, hi = a.confidence_interval(spec.confidence_level)
    donors = r.weights[r.weights > 0.001]
    same_sign = np.sign(a.att) == np.sign(r.statistic)
    agrees = ("agrees" if same_sign and (lo > 0 or hi < 0) else
              "points the same way but its interval includes no effect" if same_sign else "points the other way")
    return {"start": start, "unit": p.treated_units[0], "gap": ev.fx(abs(r.statistic)),
            "direction": "higher" if r.statistic > 0 else "lower", "n_donors": len(donors),
            "n_weights": len(r.weights), "rmspe": ev.fx(r.pre_rmspe), "rank": r.rank, "n_ranked": n_placebo + 1,
            "p": p_text(r.pvalue), "smallest": f"{1 / (n_placebo + 1):.3f}", "agrees": agrees,
            "att": ev.fx(a.att), "lo": ev.fx(lo), "hi": ev.fx(hi)}


def _did(ev: Any) -> dict[str, Any]:
    p = ev.panel
    r, pre = ev.fits["did"], ev.fits["event_study"].pretrend
    lo, hi = r.confidence_interval()
    pretrend = ("untestable" if not np.isfinite(pre.pvalue) else "parallel" if pre.pvalue >= 0.05 else "diverging")
    return {"n_treated": len(p.treated_units), "n_never": len(p.never_treated), "effect": ev.fx(r.statistic),
            "lo": ev.fx(lo), "hi": ev.fx(hi), "p": p_text(r.pvalue), "pretrend": pretrend,
            "p_pretrend": p_text(pre.pvalue)}


def _att_gt(ev: Any) -> dict[str, Any]:
    simple = ev.fits["simple"]
    lo, hi = simple.confidence_interval()
    return {"n_cohorts": len(ev.panel.cohorts), "att": ev.fx(simple.overall_att), "lo": ev.fx(lo), "hi": ev.fx(hi),
            "p": p_text(simple.pvalue), "n_resamples": ev.spec.n_resamples, "twfe": ev.fx(ev.fits["twfe"].statistic),
            "dynamic": ev.fx(ev.fits["dynamic"].statistic), "group": ev.fx(ev.fits["group"].statistic)}


def context(ev: Any) -> dict[str, Any]:
    values = {"synth": _synth, "did": _did, "att_gt": _att_gt}[ev.method](ev)
    return {"heading": TOC, "method": ev.method, "outcome": ev.panel.outcome_name, "level": level_text(ev.spec.confidence_level),
            **values}
