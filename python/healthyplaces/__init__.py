"""healthyplaces: councils, NHS commissioners and the integration arrangements between them.

Compare how councils and NHS bodies score on the same frameworks, choose an integration arrangement,
and report it — one C++ core (``healthyplaces._core``) with pandas in and out.

>>> import healthyplaces as hp
>>> table = hp.read_scores(hp.datasets.nlgn2008())
>>> hp.compare_sectors(table).modal_table().loc["Financial standing"].tolist()
['3', '1']
"""
from __future__ import annotations

from . import _core
from ._core import ArrangementError, DataError, DomainError, Error
from .core import (
    Area,
    Category,
    Framework,
    Level,
    Organisation,
    OrganisationKind,
    ScoreTable,
    Sector,
    TotalScore,
)
from .integration import (
    Arrangement,
    Budgets,
    CaseStudy,
    Governance,
    Leadership,
    LegalBasis,
    Staff,
    arrangement_presets,
    arrangements_frame,
    incoherences,
    preset,
)
from . import core, datasets, demography, evaluation, finance, indicators, integration, io, numerics, stats
from . import analysis, appraisal
from . import distributed  # noqa: F401  (Dask itself is imported only when hp.distributed's functions run)
from .analysis import (
    CompetencyGaps,
    PairedSectorTests,
    PilotCandidates,
    SectorComparison,
    compare_sectors,
    competency_gaps,
    paired_sector_tests,
    pilot_candidates,
    total_scores,
)
from .io import DataWarning, read_counts, read_scores

__version__: str = _core.__version__

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a type checker sees the lazily loaded modules as the modules they are
    from . import plot, report


def __getattr__(name: str):
    # Charts pull in matplotlib: load hp.plot (and hp.report) only when first used.
    if name in ("plot", "report"):
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'healthyplaces' has no attribute '{name}'")

__all__ = [
    "Area", "Arrangement", "ArrangementError", "Budgets", "CaseStudy", "Category", "CompetencyGaps", "DataError",
    "DataWarning", "DomainError", "Error", "Framework", "Governance", "Leadership", "LegalBasis", "Level",
    "Organisation", "OrganisationKind", "PairedSectorTests", "PilotCandidates", "ScoreTable", "Sector", "SectorComparison", "Staff",
    "TotalScore", "arrangement_presets", "arrangements_frame", "compare_sectors", "competency_gaps", "datasets",
    "demography", "evaluation", "core", "integration", "io", "numerics", "analysis", "appraisal", "finance", "incoherences", "indicators", "paired_sector_tests", "pilot_candidates", "plot", "preset", "read_counts", "read_scores", "report", "stats", "total_scores", "__version__",
    "distributed",
]
