"""Money under uncertainty for councils and NHS bodies working together: demand-led spend simulated from
age-specific event rates and unit-cost distributions, budget arrangements (separate, aligned, pooled, single) with
the risk-share rules section 75 agreements use, the integration business case (Green Book discounting,
probabilistic sensitivity analysis) and weighted-capitation fair shares.
"""
from __future__ import annotations

from ._cost import Gamma, LogNormal
from ._presets import AreaPreset, illustrative_services, swindon_like, torbay_like
from ._service import Service
from ._simulate import ARRANGEMENTS, RiskShare, SimulationResult, compare_arrangements, simulate

__all__: list[str] = ["ARRANGEMENTS", "AreaPreset", "Gamma", "LogNormal", "RiskShare", "Service", "SimulationResult",
                      "compare_arrangements", "illustrative_services", "simulate", "swindon_like", "torbay_like"]
