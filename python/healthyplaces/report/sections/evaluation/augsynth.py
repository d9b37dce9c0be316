"""The augmented synthetic control section: the ridge-corrected estimate and its jackknife intervals."""
from __future__ import annotations

from typing import Any

from ... import _render
from ._common import chart, p_text

TEMPLATE = "sections/evaluation/augsynth.html.j2"
ANCHOR = "augsynth"
TOC = "3. Augmented synthetic control"


def context(ev: Any) -> dict[str, Any] | None:
    a = ev.fits.get("augsynth")
    if a is None:
        return None
    return {
        "heading": TOC, "scm_imbalance": _render.significant(a.scm_l2_imbalance),
        "imbalance": _render.significant(a.l2_imbalance), "lambda_": _render.significant(a.lambda_),
        "start": int(ev.panel.cohorts[0]), "att": ev.fx(a.att), "se": ev.fx(a.se), "p": p_text(a.pvalue),
        "chart": chart(a, "Augmented estimate by period with jackknife intervals.", "Augmented estimates", kind="gaps"),
    }
