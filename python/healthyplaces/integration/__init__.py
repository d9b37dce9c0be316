"""Integration arrangements as five dimensions (budgets, staff, leadership, governance, legal basis), validated
for coherence and ordered from closer working to full merger; the seeds' models as presets, and a table of them.

C++: ``hp::integration`` (include/healthyplaces/integration/)."""
from __future__ import annotations

import pandas as pd

from .. import _core
from .._core.integration import (Arrangement, Budgets, CaseStudy, Governance, Leadership, LegalBasis, Staff,
                                incoherences)

__all__ = ["Arrangement", "Budgets", "CaseStudy", "DIMENSIONS", "Governance", "Leadership", "LegalBasis", "Staff",
           "arrangement_presets", "arrangements_frame", "incoherences", "preset"]

DIMENSIONS = ("budgets", "staff", "leadership", "governance", "legal_basis")


def arrangement_presets() -> list[_core.integration.Arrangement]:
    """The seeds' models, ordered from closer working to full merger.

    Returns
    -------
    list of Arrangement
        closer_working, swindon, herefordshire, nlgn_proposal, torbay, public_service_trust.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> [a.integration_level for a in hp.arrangement_presets()]
    [1, 4, 5, 6, 8, 15]
    """
    return list(_core.integration.arrangement_presets())


def preset(key: str) -> _core.integration.Arrangement:
    """One of the seeds' models by key.

    Parameters
    ----------
    key : str
        closer_working, swindon, herefordshire, nlgn_proposal, torbay or public_service_trust; aliases such as
        "care_trust" (Torbay) and "full_merger" are accepted.

    Returns
    -------
    Arrangement

    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.preset("care_trust").name, hp.preset("torbay").budgets.name
    ('torbay', 'pooled')
    """
    return _core.integration.arrangement_preset(key)


def arrangements_frame(arrangements: list[_core.integration.Arrangement] | None = None) -> pd.DataFrame:
    """A table of arrangements: one row each, its five dimensions, integration level (0–15) and description.

    Parameters
    ----------
    arrangements : list of Arrangement, optional
        The arrangements (default: :func:`arrangement_presets`).

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> import healthyplaces as hp
    >>> t = hp.arrangements_frame()
    >>> t["arrangement"].tolist()[-1], t["budgets"].tolist()[-1], t["integration_level"].tolist()
    ('public_service_trust', 'single', [1, 4, 5, 6, 8, 15])
    """
    arrs = arrangement_presets() if arrangements is None else arrangements
    return pd.DataFrame(
        {
            "arrangement": [a.name for a in arrs],
            **{d: [getattr(a, d).name for a in arrs] for d in DIMENSIONS},
            "integration_level": [a.integration_level for a in arrs],
            "description": [a.description for a in arrs],
        }
    )
