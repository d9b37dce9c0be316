"""
Options appraisal for integration (HM Treasury's Green Book): long list, optimism bias, economic appraisal on common random numbers, value of information, SMAA-2, staged decisions.
"""
from __future__ import annotations
import healthyplaces._core.finance
import numpy
import numpy.typing
import typing
__all__: list[str] = ['StagedDecision', 'effect_posterior', 'pilot_standard_error', 'staged_decision']
class StagedDecision:
    """
    The staged decision's numbers (see as_dict).
    """
    def as_dict(self) -> dict:
        ...
def effect_posterior(prior: healthyplaces._core.finance.Uncertain, se: typing.SupportsFloat | typing.SupportsIndex, estimate: typing.SupportsFloat | typing.SupportsIndex) -> tuple[float, float]:
    """
    The effect's posterior (mean, sd) given an estimate.
    """
def pilot_standard_error(design: str, clusters_per_arm: typing.SupportsFloat | typing.SupportsIndex = 0.0, n_treated: typing.SupportsFloat | typing.SupportsIndex = 0.0, treatment: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"] | None = None, steps: typing.SupportsInt | typing.SupportsIndex = 0, clusters_per_step: typing.SupportsInt | typing.SupportsIndex = 0, baseline_periods: typing.SupportsInt | typing.SupportsIndex = 1, cluster_size: typing.SupportsFloat | typing.SupportsIndex = 1.0, icc: typing.SupportsFloat | typing.SupportsIndex = 0.0, sd: typing.SupportsFloat | typing.SupportsIndex = 1.0, cv: typing.SupportsFloat | typing.SupportsIndex = 0.0, pre_periods: typing.SupportsInt | typing.SupportsIndex = 1, post_periods: typing.SupportsInt | typing.SupportsIndex = 1, rho: typing.SupportsFloat | typing.SupportsIndex = 0.0, ratio: typing.SupportsFloat | typing.SupportsIndex = 1.0, estimator: str = 'did') -> float:
    """
    The pilot estimate's standard error from power_cluster, power_did or power_stepped_wedge.
    """
def staged_decision(prior: healthyplaces._core.finance.Uncertain, se: typing.SupportsFloat | typing.SupportsIndex, scale: str = 'per_year', value_per_unit: typing.SupportsFloat | typing.SupportsIndex = 1.0, horizon: int = 10, lag: int = 1, restructuring_cost: typing.SupportsFloat | typing.SupportsIndex = 0.0, running_cost: typing.SupportsFloat | typing.SupportsIndex = 0.0, do_minimum: typing.SupportsFloat | typing.SupportsIndex = 0.0, pilot_years: int = 1, pilot_cost: typing.SupportsFloat | typing.SupportsIndex = 0.0, rate: typing.SupportsFloat | typing.SupportsIndex = 0.035, declining: bool = False, rule: str = 'optimal', threshold: typing.SupportsFloat | typing.SupportsIndex = 0.0, alpha: typing.SupportsFloat | typing.SupportsIndex = 0.05, n_sims: int = 0, seed: int = 0, threads: int = 0) -> StagedDecision:
    """
    Integrate now, pilot then decide, or do minimum: the closed form (n_sims=0, normal prior) or Monte Carlo.
    """
