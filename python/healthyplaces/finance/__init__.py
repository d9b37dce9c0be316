"""Money under uncertainty for councils and NHS bodies working together: demand-led spend simulated from
age-specific event rates and unit-cost distributions, budget arrangements (separate, aligned, pooled, single) with
the risk-share rules section 75 agreements use, the integration business case (Green Book discounting,
probabilistic sensitivity analysis) and weighted-capitation fair shares.
"""
from __future__ import annotations

from ._business_case import (BusinessCaseResult, Flow, business_case, discount_factors, flows_from_frame, one_off_cost,
                             prevention, running_cost, saving)
from ._fair_shares import fair_shares, what_if
from ._uncertain import Uncertain

__all__: list[str] = []
__all__ += ["BusinessCaseResult", "Flow", "Uncertain", "business_case", "discount_factors", "fair_shares",
            "flows_from_frame", "one_off_cost", "prevention", "running_cost", "saving", "what_if"]
