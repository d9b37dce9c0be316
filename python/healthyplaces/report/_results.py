"""The report's analyses of the scores, run once and kept together for the sections to read."""
from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .. import DomainError, ScoreTable, datasets
from ..analysis import (
    CompetencyGaps,
    PairedSectorTests,
    PilotCandidates,
    SectorComparison,
    compare_sectors,
    competency_gaps,
    pilot_candidates,
)
from ..io import DataWarning, read_scores
from ._counts import IndicatorResults

DEFAULT_TITLE = "Healthy Places: councils and NHS commissioners compared"
EMBEDDED_SOURCE = (
    "NLGN, Healthy Places green paper (April 2008): nine areas where a 4-star council lines up with a 1-star PCT"
)


@dataclass
class Results:
    table: ScoreTable
    embedded: bool
    source_label: str
    notes: list[str]
    comparison: SectorComparison | None = None
    comparison_error: str | None = None
    gaps: CompetencyGaps | None = None
    gaps_error: str | None = None
    pilots: PilotCandidates | None = None
    pilots_error: str | None = None
    paired: PairedSectorTests | None = None
    indicators: IndicatorResults | None = None
    case_studies: Any = None  # as given to build_report: None for the paper's, False for none


def load(table: Any, framework: Any, source_label: str | None) -> tuple[ScoreTable, bool, str, list[str]]:
    notes: list[str] = []
    embedded = table is None
    if embedded:
        table, source_label = datasets.nlgn2008(), source_label or EMBEDDED_SOURCE
    if isinstance(table, ScoreTable):
        return table, embedded, source_label or "a ScoreTable supplied by the caller", notes
    if isinstance(table, pd.DataFrame):
        label = source_label or "a pandas DataFrame"
    elif isinstance(table, (str, os.PathLike)):
        label = source_label or os.fspath(table)
    else:
        raise TypeError(f"build_report expects a ScoreTable, CSV path or DataFrame, not {type(table).__name__}")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DataWarning)
        loaded = read_scores(table, framework)
    for w in caught:
        if issubclass(w.category, DataWarning):
            notes.append(str(w.message))
        else:  # not ours to swallow
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return loaded, embedded, label, notes


def analyse(t: ScoreTable, embedded: bool, label: str, notes: list[str]) -> Results:
    res = Results(t, embedded, label, list(notes))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DataWarning)
        try:
            res.comparison = compare_sectors(t)
        except DomainError as e:
            res.comparison_error = str(e)
        try:
            res.gaps = competency_gaps(t)
        except DomainError as e:
            res.gaps_error = str(e)
        if res.gaps is not None and res.comparison is not None:
            # areas exist, so each council has its NHS body to be compared with
            try:
                res.paired = res.comparison.paired_tests()
            except DomainError as e:
                # exact distributions are for the few areas of a real comparison; past what they can tabulate
                # (thousands of areas) the normal approximation is as good, and the page says which was used
                if "asymptotic" not in str(e):
                    raise
                res.paired = res.comparison.paired_tests(method="asymptotic")
                res.notes.append(f"The paired tests use the normal approximation (asymptotic Wilcoxon signed-rank "
                                 f"test): with {len(t.areas):,} areas the exact distribution is too costly to "
                                 "compute, and at that size the two agree.")
        if res.gaps is not None:
            try:
                res.pilots = pilot_candidates(t)
            except DomainError as e:
                res.pilots_error = str(e)
        else:
            res.pilots_error = res.gaps_error
    for w in caught:
        if issubclass(w.category, DataWarning):
            if str(w.message) not in res.notes:
                res.notes.append(str(w.message))
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return res
