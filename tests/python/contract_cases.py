"""One small instance of every result class, per box, for the contract tests (test_contract.py) and the
notebook test's "every chart shows once in a kernel" check. Each box's function returns (name, result) pairs;
keep them small and fast: the whole module builds in a few seconds."""
from __future__ import annotations

from typing import Any

import numpy as np

import healthyplaces as hp

# Public classes that are results although their names do not end in "Result".
ALSO_RESULTS = {"CompetencyGaps", "PairedSectorTests", "PilotCandidates", "SectorComparison", "Projection",
                "Population", "AreaSimulations", "OlsFit"}

Cases = list[tuple[str, Any]]


def stats_cases() -> Cases:
    return []


def numerics_cases() -> Cases:
    return []


def analysis_cases() -> Cases:
    return []


def indicators_cases() -> Cases:
    return []


def demography_cases() -> Cases:
    return []


def finance_cases() -> Cases:
    return []


def evaluation_cases() -> Cases:
    ev = hp.evaluation
    smoking = hp.datasets.smoking()
    cols = dict(unit="state", time="year", outcome="cigsale")
    donors = ["Colorado", "Connecticut", "Idaho", "Montana", "Nevada", "Utah", "Ohio", "Iowa"]
    panel = ev.Panel.from_frame(smoking[smoking["state"].isin(donors + ["California"])], **cols,
                                adoption={"California": 1989})
    staggered = ev.Panel.from_frame(smoking, **cols, adoption={"California": 1989, "Nevada": 1992, "Utah": 1980})
    cs = ev.att_gt(smoking, **cols, adoption={"California": 1989, "Nevada": 1992}, estimator="reg", n_resamples=99)
    label = "cigarette sales (packs per person)"
    return [
        ("DidResult", ev.did(panel, outcome_label=label)),
        ("EventStudyResult", ev.event_study(panel, window=(-3, 3))),
        ("BaconResult", ev.bacon(staggered)),
        ("ATTgtResult", cs),
        ("AggregateResult", cs.aggregate("dynamic", min_e=-3, max_e=3)),
        ("SynthResult", ev.synth(panel, treated="California", outcome_label=label)),
        ("AugsynthResult", ev.augsynth(panel, treated="California")),
        ("PowerResult", ev.power_cluster(0.5, power=0.8, cluster_size=20, icc=0.05)),
    ]


def distributed_cases() -> Cases:
    return []


def instances() -> Cases:
    out: Cases = []
    for build in (stats_cases, numerics_cases, analysis_cases, indicators_cases, demography_cases, finance_cases,
                  evaluation_cases, distributed_cases):
        out += build()
    return out
