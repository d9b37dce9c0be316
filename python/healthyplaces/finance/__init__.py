"""Money under uncertainty for councils and NHS bodies working together: demand-led spend simulated from
age-specific event rates and unit-cost distributions, budget arrangements (separate, aligned, pooled, single) with
the risk-share rules section 75 agreements use, the integration business case (Green Book discounting,
probabilistic sensitivity analysis) and weighted-capitation fair shares.
"""
from __future__ import annotations

from ._business_case import (BusinessCaseResult, Flow, business_case, discount_factors, flows_from_frame, one_off_cost,
                             prevention, running_cost, saving)
from ._cost import Gamma, LogNormal
from ._fair_shares import fair_shares, what_if
from ._presets import AreaPreset, illustrative_services, swindon_like, torbay_like
from ._service import Service
from ._simulate import ARRANGEMENTS, RiskShare, SimulationResult, compare_arrangements, simulate
from ._uncertain import Uncertain

__all__: list[str] = ["ARRANGEMENTS", "AreaPreset", "BusinessCaseResult", "Flow", "Gamma", "LogNormal", "RiskShare",
                      "Service", "SimulationResult", "Uncertain", "business_case", "compare_arrangements",
                      "discount_factors", "fair_shares", "flows_from_frame", "illustrative_services", "one_off_cost",
                      "prevention", "running_cost", "saving", "simulate", "swindon_like", "torbay_like", "what_if"]
