"""
The embedded tables as domain objects.
"""
from __future__ import annotations
import healthyplaces._core.core
import healthyplaces._core.integration
__all__: list[str] = ['case_studies', 'nlgn2008']
def case_studies() -> list[healthyplaces._core.integration.CaseStudy]:
    """
    Torbay, Herefordshire and Swindon as the green paper describes them.
    """
def nlgn2008() -> healthyplaces.ScoreTable:
    """
    The green paper's nine areas as a ScoreTable.
    """
