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
    return []


def distributed_cases() -> Cases:
    return []


def instances() -> Cases:
    out: Cases = []
    for build in (stats_cases, numerics_cases, analysis_cases, indicators_cases, demography_cases, finance_cases,
                  evaluation_cases, distributed_cases):
        out += build()
    return out
