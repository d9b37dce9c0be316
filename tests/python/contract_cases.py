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
    x = [3.0, 4, 4, 3, 2, 5, 4, 3]
    y = [1.0, 2, 2, 1, 3, 2, 1, 2]
    return [
        ("stats.mannwhitneyu", hp.stats.mannwhitneyu(x, y)),
        ("stats.wilcoxon", hp.stats.wilcoxon(x, y)),
        ("stats.brunnermunzel", hp.stats.brunnermunzel(x, y)),
        ("stats.kruskal", hp.stats.kruskal(x, y, [2.0, 3, 3, 4])),
        ("stats.permutation_test", hp.stats.permutation_test((x, y), "mean_difference")),
        ("stats.hodges_lehmann", hp.stats.hodges_lehmann(x, y)),
        ("stats.cliffs_delta", hp.stats.cliffs_delta(x, y)),
        ("stats.bootstrap.exact", hp.stats.bootstrap((x,), "mean", method="percentile")),
        ("stats.bootstrap.bca", hp.stats.bootstrap(([1.0, 2, 2, 3, 3, 3, 4, 4, 2, 3, 1, 4] * 3,), "mean",
                                                   n_resamples=999, resampling="indices")),
    ]


def numerics_cases() -> Cases:
    rng = np.random.default_rng(0)
    X = np.column_stack([np.ones(30), rng.normal(size=30)])
    y = X @ [1.0, 0.5] + rng.normal(size=30)
    return [
        ("numerics.ols", hp.numerics.ols(X, y, ["const", "x"])),
        ("numerics.simplex_least_squares",
         hp.numerics.simplex_least_squares(np.eye(3), np.array([0.2, 0.3, 0.5]))),
    ]


def analysis_cases() -> Cases:
    table = hp.datasets.nlgn2008_table()
    return [
        ("analysis.compare_sectors", hp.compare_sectors(table)),
        ("analysis.compare_sectors.by_star_rating", hp.compare_sectors(table, by="star_rating")),
        ("analysis.paired_sector_tests", hp.paired_sector_tests(table)),
        ("analysis.competency_gaps", hp.competency_gaps(table)),
        ("analysis.pilot_candidates", hp.pilot_candidates(table)),
    ]


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
