"""Datasets embedded in the library (generated at build time from ``data/*.csv``), as DataFrames.

``nlgn2008()``: the green paper's nine areas, a 4-star council and a 1-star PCT in each, five Audit Commission
categories scored 1–4 (NLGN, *Healthy Places*, 2008). ``case_studies()``: Torbay, Herefordshire, Swindon.
``published_modes()``: the paper's two tables of modal scores, as printed. ``sector_facts()``: figures quoted
in the seed documents.
"""
from __future__ import annotations

import io
from importlib import resources
from pathlib import Path

import pandas as pd

from . import _core

__all__ = ["case_studies", "european_standard_population", "names", "nlgn2008", "nlgn2008_table", "path", "published_modes", "sector_facts"]


def names() -> list[str]:
    """Names of the embedded datasets."""
    return list(_core.datasets.names())


def _frame(name: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(_core.datasets.csv_text(name)))


def nlgn2008() -> pd.DataFrame:
    """The green paper's governance scores: 18 organisations in 9 areas (one row per organisation)."""
    frame = _frame("nlgn2008_governance_scores")
    for col in frame.columns[4:]:
        frame[col] = frame[col].astype("Int64")
    return frame


def nlgn2008_table() -> _core.ScoreTable:
    """The same data as a validated ScoreTable (use_of_resources framework)."""
    return _core.datasets.nlgn2008()


def case_studies() -> pd.DataFrame:
    """The three case studies, with their arrangements spelled out dimension by dimension."""
    frame = _frame("case_studies")
    studies = {c.area: c for c in _core.datasets.case_studies()}
    for dim in ("budgets", "staff", "leadership", "governance", "legal_basis"):
        frame[f"arrangement_{dim}"] = [getattr(studies[a].arrangement, dim).name for a in frame["area"]]
    frame["integration_level"] = [studies[a].arrangement.integration_level for a in frame["area"]]
    frame["over_80_share"] = [studies[a].over_80_share for a in frame["area"]]
    return frame


def european_standard_population(standard: str | None = "ESP2013") -> pd.DataFrame:
    """The European Standard Population (Eurostat; ONS publishes both): ``"ESP2013"`` (21 bands, 0, 1-4, ...,
    90-94, 95+), ``"ESP1976"`` (18 bands, 0-4, ..., 85+), or ``None`` for both. Columns standard, age_band,
    population; each standard totals 100,000."""
    frame = _frame("european_standard_population")
    frame["age_band"] = frame["age_band"].astype(str)
    if standard is None:
        return frame
    if standard not in set(frame["standard"]):
        raise _core.DomainError(f"no standard population '{standard}'; available: {', '.join(frame['standard'].unique())}")
    return frame[frame["standard"] == standard].reset_index(drop=True)


def published_modes() -> pd.DataFrame:
    """The paper's modal-score tables as printed (England; the nine areas)."""
    return _frame("nlgn2008_published_modes")


def sector_facts() -> pd.DataFrame:
    """Sector-wide figures quoted in the seed documents (deficits, savings, reorganisation)."""
    return _frame("sector_facts")


def path(name: str) -> Path:
    """Path of the CSV file shipped in the wheel: a template for your own data."""
    p = resources.files("healthyplaces") / "data" / f"{name}.csv"
    if not p.is_file():
        raise _core.DomainError(f"no dataset file '{name}.csv'; available: {', '.join(names())}")
    return Path(str(p))
