"""Populations by age band: shares over 65, 80 and 85, dependency ratios, and cohort-component projections
(Leslie-matrix form) from age-specific mortality, fertility and net migration, deterministic or with uncertainty
in the rates.
"""
from __future__ import annotations

from ._population import Population, england
from ._projection import Projection, RateUncertainty, leslie, project

__all__: list[str] = ["Population", "Projection", "RateUncertainty", "england", "leslie", "project"]
