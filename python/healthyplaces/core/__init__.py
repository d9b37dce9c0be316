"""The vocabulary every other box speaks: organisations, frameworks of scored categories, areas, score tables.

C++: ``hp::core`` (include/healthyplaces/core/). The classes are the compiled ones; this package adds their
pandas face (``ScoreTable.to_frame()`` and a rich display).

>>> import healthyplaces as hp
>>> hp.core.Sector.local_authority is hp.Sector.local_authority
True
"""
from __future__ import annotations

from .._core.core import (
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
from . import _table  # noqa: F401  (adds to_frame / _repr_html_ to ScoreTable)

__all__ = ["Area", "Category", "Framework", "Level", "Organisation", "OrganisationKind", "ScoreTable", "Sector",
           "TotalScore"]
