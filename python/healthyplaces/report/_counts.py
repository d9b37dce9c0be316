"""The analysis behind the report's indicator section: when the user gives counts by organisation (numerators
and denominators), each organisation's indicator with 95% and 99.8% intervals, a funnel plot, and the
organisations outside the 99.8% limits, before and after allowing for overdispersion. The section itself is
``sections/indicators.py``."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .. import DataError, indicators
from ..io import PathOrFrame, read_counts

__all__ = ["IndicatorSpec", "IndicatorResults", "analyse_counts"]

_DEFAULT_MULTIPLIER = {"proportion": 100.0, "rate": 100000.0, "ratio": 100.0}
_UNIT = {"proportion": "%", "rate": " per {m:,.0f}", "ratio": " (observed / expected × 100)"}


@dataclass
class IndicatorSpec:
    """Which columns of the counts file hold what, and how to read them.

    ``period``: a column of dates or period labels; the report uses ``period_value`` if given, otherwise the
    latest period (rows of the same organisation and period are summed, e.g. an A&E trust's department types).
    ``multiplier``: 100 (percentages) for proportions and ratios, 100,000 for rates unless given.
    """

    by: str = "organisation"
    numerator: str = "numerator"
    denominator: str = "denominator"
    period: str | None = None
    period_value: str | None = None
    kind: str = "proportion"
    multiplier: float | None = None
    name: str | None = None

    def scale(self) -> float:
        return float(self.multiplier) if self.multiplier is not None else _DEFAULT_MULTIPLIER.get(self.kind, 1.0)

    def title(self) -> str:
        if self.name:
            return self.name
        unit = _UNIT.get(self.kind, "").format(m=self.scale())
        per = "per" if self.kind != "proportion" else "out of"
        return f"{self.numerator} {per} {self.denominator}{unit if self.kind != 'proportion' else ' (%)'}"


@dataclass
class IndicatorResults:
    spec: IndicatorSpec
    source_label: str
    counts: pd.DataFrame                 # one row per organisation: organisation, numerator, denominator
    indicators: pd.DataFrame             # value with 95% and 99.8% limits, by organisation
    funnel: Any                          # FunnelResult without adjustment
    funnel_adjusted: Any | None          # with the additive (random-effects) adjustment when phi > 1
    period_label: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def chosen(self) -> Any:
        """The funnel the report's verdicts use: adjusted for overdispersion when the data are overdispersed."""
        return self.funnel_adjusted if self.funnel_adjusted is not None else self.funnel


def _indicator_frame(spec: IndicatorSpec, x: np.ndarray, n: np.ndarray, orgs: np.ndarray) -> pd.DataFrame:
    levels = (0.95, 0.998)
    if spec.kind == "proportion":
        out = indicators.proportion(x, n, confidence=levels, multiplier=spec.scale())
    else:  # a rate, or observed / expected (an SMR): exact Poisson / Byar's limits on the count either way
        out = indicators.rate(x, n, multiplier=spec.scale(), confidence=levels)
    out.insert(0, "organisation", orgs)
    return out


def analyse_counts(data: PathOrFrame, spec: IndicatorSpec, source_label: str | None = None) -> IndicatorResults:
    """Read the counts, choose the period, sum by organisation, compute indicators and the funnel."""
    frame = read_counts(data, by=spec.by, numerator=spec.numerator,
                        denominator=spec.denominator, period=spec.period, kind=spec.kind)
    label = source_label or (os.fspath(data) if isinstance(data, (str, os.PathLike)) else "a pandas DataFrame")
    notes: list[str] = []
    period_label = None
    if spec.period:
        periods = frame[spec.period].astype(str).str.strip()
        if spec.period_value is not None:
            chosen = str(spec.period_value)
            if chosen not in set(periods):
                raise DataError(f"{label}: no rows with {spec.period} = '{chosen}'; the periods run from "
                                      f"{min(periods)} to {max(periods)}")
        else:
            chosen = max(periods)  # ISO dates and period labels like 2019-03 sort as text
            if periods.nunique() > 1:
                notes.append(f"The counts cover {periods.nunique()} periods; the indicators use the latest, {chosen}.")
        frame = frame[periods == chosen]
        period_label = chosen
    summed = frame.groupby(spec.by, sort=True)[[spec.numerator, spec.denominator]].sum()
    if len(summed) < len(frame):
        notes.append(f"{len(frame)} rows were summed to {len(summed)} organisations (rows of the same organisation"
                     + (" and period" if spec.period else "") + " add up).")
    if spec.kind == "proportion":
        over = summed.index[summed[spec.numerator] > summed[spec.denominator]]
        if len(over):
            raise DataError(f"{label}: organisation '{over[0]}': summed {spec.numerator} exceeds summed "
                                  f"{spec.denominator}")
    orgs = summed.index.astype(str).to_numpy()
    x = summed[spec.numerator].to_numpy(dtype=float)
    n = summed[spec.denominator].to_numpy(dtype=float)
    if len(orgs) < 3:
        raise DataError(f"{label}: {len(orgs)} organisation(s); a funnel plot needs at least 3")
    counts = pd.DataFrame({"organisation": orgs, "numerator": x, "denominator": n})
    table = _indicator_frame(spec, x, n, orgs)
    kind = spec.kind
    plain = indicators.funnel(x, n, kind=kind, labels=orgs, multiplier=spec.scale(), confidence=(0.95, 0.998))
    adjusted = None
    if len(orgs) >= 10 and plain.phi > 1:
        adjusted = indicators.funnel(x, n, kind=kind, labels=orgs, multiplier=spec.scale(),
                                     confidence=(0.95, 0.998), overdispersion="additive")
    return IndicatorResults(spec, label, counts, table, plain, adjusted, period_label, notes)

