"""Integration arrangements: the seeds' models as presets, and a table of them."""
from __future__ import annotations

import pandas as pd

from . import _core

__all__ = ["arrangement_presets", "arrangements_frame", "preset"]

DIMENSIONS = ("budgets", "staff", "leadership", "governance", "legal_basis")


def arrangement_presets() -> list[_core.Arrangement]:
    """The seeds' models ordered from closer working to full merger: closer_working, swindon, herefordshire,
    nlgn_proposal, torbay, public_service_trust."""
    return list(_core.arrangement_presets())


def preset(key: str) -> _core.Arrangement:
    """One preset by key; aliases such as "care_trust" (Torbay) and "full_merger" are accepted."""
    return _core.arrangement_preset(key)


def arrangements_frame(arrangements: list[_core.Arrangement] | None = None) -> pd.DataFrame:
    """One row per arrangement: its five dimensions, integration level (0–15) and description."""
    arrs = arrangement_presets() if arrangements is None else arrangements
    return pd.DataFrame(
        {
            "arrangement": [a.name for a in arrs],
            **{d: [getattr(a, d).name for a in arrs] for d in DIMENSIONS},
            "integration_level": [a.integration_level for a in arrs],
            "description": [a.description for a in arrs],
        }
    )
