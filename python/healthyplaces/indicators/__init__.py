"""Public-health indicators with confidence intervals, by the methods of the Office for Health Improvement and
Disparities (the R package PHEindicatormethods): proportions, rates, directly and indirectly standardised rates,
means, ratios between them, life expectancy, the slope and relative indices of inequality and deprivation
quantiles; funnel plots with Spiegelhalter's overdispersion adjustments (FunnelPlotR) and XmR charts with the
NHS "Making Data Count" rules (NHSRplotthedots). Arrays or a DataFrame with ``by=`` group columns in; a
DataFrame out with ``value`` and ``lower``/``upper`` for one confidence level, or ``lower_95``, ``upper_95``,
``lower_99_8``, ``upper_99_8`` for two.
"""
from __future__ import annotations

from ._frame import level_suffix
from ._funnel import FunnelResult, funnel, funnel_limits
from ._inequality import quantiles, sii
from ._life import life_expectancy
from ._rates import mean, proportion, rate, rate_ratio, risk_ratio
from ._spc import XmrResult, xmr
from ._standardised import dsr, isr, standard_population

__all__ = ["FunnelResult", "XmrResult", "dsr", "funnel", "funnel_limits", "isr", "level_suffix", "life_expectancy",
           "mean", "proportion", "quantiles", "rate", "rate_ratio", "risk_ratio", "sii", "standard_population", "xmr"]
