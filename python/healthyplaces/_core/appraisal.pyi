"""
Options appraisal for integration (HM Treasury's Green Book): long list, optimism bias, economic appraisal on common random numbers, value of information, SMAA-2, staged decisions.
"""
from __future__ import annotations
import collections.abc
import healthyplaces._core.finance
import healthyplaces._core.integration
import numpy
import numpy.typing
import typing
__all__: list[str] = ['EconomicAppraisal', 'EconomicDraws', 'EvpiResult', 'EvppiEstimate', 'EvppiResult', 'StagedDecision', 'apply_optimism_bias', 'appraise_economic', 'appraise_economic_draws', 'appraise_economic_from_draws', 'blend_of', 'critical_success_factor', 'critical_success_factors', 'effect_posterior', 'england_over_80_share', 'evpi', 'evppi', 'for_population', 'green_paper_criteria', 'long_list', 'max_evppi_group', 'optimism_bias', 'optimism_bias_table', 'pilot_standard_error', 'place_amounts', 'place_bed_day_cost', 'place_bed_days_prior', 'place_blend_gap', 'place_default_population', 'place_facts', 'place_flows', 'place_optimism_bias', 'place_option_label', 'place_options', 'place_over_80_growth', 'place_performances', 'place_pilot', 'place_restructuring_finding', 'place_short_list', 'place_spend_per_resident', 'place_staged_option', 'place_staging', 'sample_weights', 'share_of_evpi', 'shortlist', 'smaa', 'smaa_blocks', 'smaa_confidence_partial', 'smaa_merge', 'smaa_partial', 'staged_decision', 'swing_weights', 'validate_place_facts', 'weighted_sum']
class EconomicAppraisal:
    """
    The economic appraisal of several options (hp.appraisal.appraise builds the result).
    """
    def net_benefit_at(self, wtp: typing.SupportsFloat | typing.SupportsIndex) -> numpy.typing.NDArray[numpy.float64]:
        """
        NPSV + wtp × non-monetised quantity by simulation and option.
        """
    @property
    def acceptability(self) -> tuple[numpy.typing.NDArray[numpy.float64], numpy.typing.NDArray[numpy.float64], numpy.typing.NDArray[numpy.float64], numpy.typing.NDArray[numpy.int64], numpy.typing.NDArray[numpy.float64]]:
        ...
    @property
    def block_size(self) -> int:
        ...
    @property
    def business_as_usual(self) -> int:
        ...
    @property
    def declining(self) -> bool:
        ...
    @property
    def discount_factor(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def evpi(self) -> float:
        ...
    @property
    def horizon(self) -> int:
        ...
    @property
    def input_draws(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def inputs(self) -> list:
        ...
    @property
    def n_sims(self) -> int:
        ...
    @property
    def net_benefit(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def non_monetised(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def options(self) -> list:
        ...
    @property
    def preferred(self) -> int:
        ...
    @property
    def quantile_levels(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def rate(self) -> float:
        ...
    @property
    def se_evpi(self) -> float:
        ...
    @property
    def seed(self) -> int:
        ...
    @property
    def switching(self) -> list:
        ...
class EconomicDraws:
    """
    The simulations of a slice of whole blocks of an economic appraisal (appraise_draws).
    """
    def __getstate__(self) -> tuple[int, int, int, int, numpy.typing.NDArray[numpy.float64], numpy.typing.NDArray[numpy.float64], numpy.typing.NDArray[numpy.float64]]:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def first_block(self) -> int:
        ...
    @property
    def input_draws(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def n_sims(self) -> int:
        ...
    @property
    def net_benefit(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def non_monetised(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
class EvpiResult:
    @property
    def best(self) -> int:
        ...
    @property
    def evpi(self) -> float:
        ...
    @property
    def mean_net_benefit(self) -> list[float]:
        ...
    @property
    def n_sims(self) -> int:
        ...
    @property
    def options(self) -> list[str]:
        ...
    @property
    def p_best(self) -> list[float]:
        ...
    @property
    def standard_error(self) -> float:
        ...
class EvppiEstimate:
    @property
    def basis_size(self) -> int:
        ...
    @property
    def edf(self) -> list[float]:
        ...
    @property
    def evppi(self) -> float:
        ...
    @property
    def group(self) -> list[int]:
        ...
    @property
    def inputs(self) -> list[str]:
        ...
    @property
    def smoothing(self) -> list[float]:
        ...
    @property
    def standard_error(self) -> float:
        ...
class EvppiResult:
    @property
    def estimates(self) -> list[EvppiEstimate]:
        ...
    @property
    def perfect(self) -> EvpiResult:
        ...
    @property
    def reference(self) -> int:
        ...
class StagedDecision:
    """
    The staged decision's numbers (see as_dict).
    """
    def as_dict(self) -> dict:
        ...
def apply_optimism_bias(flows: collections.abc.Sequence[tuple[str, str, healthyplaces._core.finance.Uncertain, typing.SupportsInt | typing.SupportsIndex, typing.SupportsInt | typing.SupportsIndex, typing.SupportsInt | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex]], capital: typing.SupportsFloat | typing.SupportsIndex, operating: typing.SupportsFloat | typing.SupportsIndex, duration: typing.SupportsFloat | typing.SupportsIndex, works_years: int, horizon: int) -> list[tuple[str, str, healthyplaces._core.finance.Uncertain, int, int, int, float]]:
    """
    Flows (name, kind, amount, start, end, years, baseline) with optimism bias applied.
    """
def appraise_economic(options: collections.abc.Sequence[tuple[str, collections.abc.Sequence[tuple[str, str, healthyplaces._core.finance.Uncertain, typing.SupportsInt | typing.SupportsIndex, typing.SupportsInt | typing.SupportsIndex, typing.SupportsInt | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex]], tuple[typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex], str, healthyplaces._core.finance.Uncertain | None]], business_as_usual: str = '', horizon: typing.SupportsInt | typing.SupportsIndex = 10, rate: typing.SupportsFloat | typing.SupportsIndex = 0.035, declining: bool = False, n_sims: int = 10000, seed: int = 0, threads: int = 0, block_size: int = 256, wtp: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex] = [], range_low: typing.SupportsFloat | typing.SupportsIndex = 0.001, range_high: typing.SupportsFloat | typing.SupportsIndex = 0.999, ranges: collections.abc.Sequence[tuple[str, typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex]] = []) -> EconomicAppraisal:
    """
    The economic appraisal; options are (name, flow rows, (capital, operating, duration), benefit name, benefit Uncertain or None) tuples.
    """
def appraise_economic_draws(options: collections.abc.Sequence[tuple[str, collections.abc.Sequence[tuple[str, str, healthyplaces._core.finance.Uncertain, typing.SupportsInt | typing.SupportsIndex, typing.SupportsInt | typing.SupportsIndex, typing.SupportsInt | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex]], tuple[typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex], str, healthyplaces._core.finance.Uncertain | None]], business_as_usual: str, horizon: typing.SupportsInt | typing.SupportsIndex, rate: typing.SupportsFloat | typing.SupportsIndex, declining: bool, n_sims: int, seed: int, threads: int, block_size: int, wtp: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], range_low: typing.SupportsFloat | typing.SupportsIndex, range_high: typing.SupportsFloat | typing.SupportsIndex, ranges: collections.abc.Sequence[tuple[str, typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex]], first_block: int, n_blocks: int) -> EconomicDraws:
    """
    The draws of blocks [first_block, first_block + n_blocks) of appraise_economic with the same arguments.
    """
def appraise_economic_from_draws(options: collections.abc.Sequence[tuple[str, collections.abc.Sequence[tuple[str, str, healthyplaces._core.finance.Uncertain, typing.SupportsInt | typing.SupportsIndex, typing.SupportsInt | typing.SupportsIndex, typing.SupportsInt | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex]], tuple[typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex], str, healthyplaces._core.finance.Uncertain | None]], business_as_usual: str, horizon: typing.SupportsInt | typing.SupportsIndex, rate: typing.SupportsFloat | typing.SupportsIndex, declining: bool, n_sims: int, seed: int, threads: int, block_size: int, wtp: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], range_low: typing.SupportsFloat | typing.SupportsIndex, range_high: typing.SupportsFloat | typing.SupportsIndex, ranges: collections.abc.Sequence[tuple[str, typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex]], parts: collections.abc.Sequence[EconomicDraws]) -> EconomicAppraisal:
    """
    appraise_economic from the slices of its draws (appraise_economic_draws), joined in the order given.
    """
def blend_of(council_score: typing.SupportsFloat | typing.SupportsIndex, nhs_score: typing.SupportsFloat | typing.SupportsIndex) -> str:
    """
    The green paper's blend of two governance scores.
    """
def critical_success_factor(spec: str, reason: str = '') -> tuple[str, str]:
    """
    A factor by built-in key or limit text, as (key, reason); DomainError listing the known ones.
    """
def critical_success_factors() -> list[tuple[str, str]]:
    """
    The built-in critical success factors as (key, reason) pairs.
    """
def effect_posterior(prior: healthyplaces._core.finance.Uncertain, se: typing.SupportsFloat | typing.SupportsIndex, estimate: typing.SupportsFloat | typing.SupportsIndex) -> tuple[float, float]:
    """
    The effect's posterior (mean, sd) given an estimate.
    """
def evpi(net_benefit: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"], options: collections.abc.Sequence[str] = []) -> EvpiResult:
    """
    EVPI of a PSA (net_benefit: n_sims x options), its Monte Carlo standard error and P(best) per option.
    """
def evppi(net_benefit: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"], inputs: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"], groups: collections.abc.Sequence[collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]], options: collections.abc.Sequence[str] = [], input_names: collections.abc.Sequence[str] = [], threads: int = 0) -> EvppiResult:
    """
    EVPPI of each group of input columns by Strong, Oakley & Brennan's regression (P-spline, GCV).
    """
@typing.overload
def for_population(result: EvpiResult, population: typing.SupportsFloat | typing.SupportsIndex) -> EvpiResult:
    """
    The EVPI result with every money value × population.
    """
@typing.overload
def for_population(result: EvppiResult, population: typing.SupportsFloat | typing.SupportsIndex) -> EvppiResult:
    """
    The EVPPI result with every money value × population.
    """
def green_paper_criteria() -> list:
    """
    The green paper's benefit areas and barriers as (name, direction, unit, worst, best) rows.
    """
def long_list(current: healthyplaces._core.integration.Arrangement) -> tuple[list, str, int, int]:
    """
    The long list from the current arrangement: ([(Arrangement, kind, integration_level, preset)], do_minimum_rule, coherent, behind_current).
    """
def optimism_bias(project: collections.abc.Sequence[tuple[str, typing.SupportsFloat | typing.SupportsIndex]], capital: typing.SupportsFloat | typing.SupportsIndex, operating: typing.SupportsFloat | typing.SupportsIndex, duration: typing.SupportsFloat | typing.SupportsIndex) -> tuple[tuple, tuple, tuple]:
    """
    Optimism bias of a project [(type, share)] with mitigations per measure: (bias, upper, lower), each (capital, operating, duration).
    """
def optimism_bias_table() -> list:
    """
    Table 2 of the Green Book's optimism bias guidance: [(type, (capital, operating, duration) upper, lower)].
    """
def pilot_standard_error(design: str, clusters_per_arm: typing.SupportsFloat | typing.SupportsIndex = 0.0, n_treated: typing.SupportsFloat | typing.SupportsIndex = 0.0, treatment: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"] | None = None, steps: typing.SupportsInt | typing.SupportsIndex = 0, clusters_per_step: typing.SupportsInt | typing.SupportsIndex = 0, baseline_periods: typing.SupportsInt | typing.SupportsIndex = 1, cluster_size: typing.SupportsFloat | typing.SupportsIndex = 1.0, icc: typing.SupportsFloat | typing.SupportsIndex = 0.0, sd: typing.SupportsFloat | typing.SupportsIndex = 1.0, cv: typing.SupportsFloat | typing.SupportsIndex = 0.0, pre_periods: typing.SupportsInt | typing.SupportsIndex = 1, post_periods: typing.SupportsInt | typing.SupportsIndex = 1, rho: typing.SupportsFloat | typing.SupportsIndex = 0.0, ratio: typing.SupportsFloat | typing.SupportsIndex = 1.0, estimator: str = 'did') -> float:
    """
    The pilot estimate's standard error from power_cluster, power_did or power_stepped_wedge.
    """
def place_amounts(facts: typing.Any, option: healthyplaces._core.integration.Arrangement) -> dict:
    """
    The illustrative sums of moving to an option (£).
    """
def place_facts(area: str, scores_source: str, council: str, nhs_body: str, council_total: typing.SupportsFloat | typing.SupportsIndex, council_max: typing.SupportsFloat | typing.SupportsIndex, nhs_total: typing.SupportsFloat | typing.SupportsIndex, nhs_max: typing.SupportsFloat | typing.SupportsIndex, coterminosity: typing.SupportsFloat | typing.SupportsIndex, case_source: str, case_arrangement: healthyplaces._core.integration.Arrangement | None, case_population: typing.SupportsFloat | typing.SupportsIndex, case_over_80_share: typing.SupportsFloat | typing.SupportsIndex, england_over_80_share: typing.SupportsFloat | typing.SupportsIndex, current: healthyplaces._core.integration.Arrangement | None, population: typing.SupportsFloat | typing.SupportsIndex | None, over_80_share: typing.SupportsFloat | typing.SupportsIndex | None, over_80_growth: typing.SupportsFloat | typing.SupportsIndex | None, pooled_spend: typing.SupportsFloat | typing.SupportsIndex | None, nhs_deficit: typing.SupportsFloat | typing.SupportsIndex | None) -> dict:
    """
    A place's facts from what the datasets say and what the user gives (None: not given; NaN: not recorded), each with its source, validated: a dict of PlaceFacts' fields.
    """
def place_flows(facts: typing.Any, option: healthyplaces._core.integration.Arrangement) -> list:
    """
    The option's flows as (name, kind, amount, start, end, years, baseline) rows.
    """
def place_optimism_bias() -> tuple[float, float, float]:
    """
    (capital, operating, duration): the optimism bias of every option but business as usual.
    """
def place_option_label(arrangement: healthyplaces._core.integration.Arrangement, kind: str, preset: str, current: healthyplaces._core.integration.Arrangement) -> str:
    """
    An option's label: what it changes from business as usual, in short words.
    """
def place_options(facts: typing.Any, options: collections.abc.Sequence[healthyplaces._core.integration.Arrangement], bias: tuple[typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex]) -> list:
    """
    The economic appraisal's options as (name, flows, (capital, operating, duration)).
    """
def place_performances(facts: typing.Any, options: collections.abc.Sequence[healthyplaces._core.integration.Arrangement]) -> tuple[list[str], list[str], list[list[tuple[float, float]]]]:
    """
    (options, criteria, [[(low, high)] per criterion] per option): the proposed criteria performances.
    """
def place_restructuring_finding(found: bool, value: typing.SupportsFloat | typing.SupportsIndex, mean: typing.SupportsFloat | typing.SupportsIndex, takes_over: str, most_is_preferred: bool, most: str) -> str:
    """
    What the most integrated option's restructuring switching value says: none, stays_preferred, only_below or stays_below.
    """
def place_short_list(kept: collections.abc.Sequence[tuple[healthyplaces._core.integration.Arrangement, str, str]], most: typing.SupportsFloat | typing.SupportsIndex) -> list[int]:
    """
    The options appraised for a place, as indices into kept [(Arrangement, kind, preset)].
    """
def place_staged_option(preferred_in_money: typing.SupportsInt | typing.SupportsIndex, rank_acceptability: collections.abc.Sequence[collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]]) -> int:
    """
    The index of the option the staged decision is about.
    """
def place_staging(facts: typing.Any, option: healthyplaces._core.integration.Arrangement, bias: tuple[typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex], horizon: int = 10, rate: typing.SupportsFloat | typing.SupportsIndex = 0.035) -> dict:
    """
    The staged decision's inputs for an option (a dict of single_step_or_staged's arguments).
    """
def sample_weights(names: collections.abc.Sequence[str], exact: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], lower: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], upper: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], ranking: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], constraints: collections.abc.Sequence[tuple[collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], typing.SupportsFloat | typing.SupportsIndex, bool, str]], thinning: int = 0, n_sims: int = 1000, seed: int = 0, threads: int = 0) -> numpy.typing.NDArray[numpy.float64]:
    """
    Weights as SMAA draws them (hp::appraisal::sample_weights).
    """
def share_of_evpi(evppi: typing.SupportsFloat | typing.SupportsIndex, evpi: typing.SupportsFloat | typing.SupportsIndex) -> float:
    """
    evppi / evpi, NaN when the EVPI is not positive.
    """
def shortlist(current: healthyplaces._core.integration.Arrangement, factors: collections.abc.Sequence[tuple[str, str]]) -> tuple[list, list[tuple[str, str]], list]:
    """
    The options framework filter of the long list from `current` by (spec, reason) factors: (long-list rows, [(key, reason)], [(option, kept, dropped_by, fails, reason)]).
    """
def smaa(options: collections.abc.Sequence[str], criteria: collections.abc.Sequence[tuple[str, str, str, typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex]], performances: collections.abc.Sequence[collections.abc.Sequence[tuple[str, typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex, collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]]]], exact: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], lower: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], upper: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], ranking: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], constraints: collections.abc.Sequence[tuple[collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], typing.SupportsFloat | typing.SupportsIndex, bool, str]], thinning: int = 0, n_sims: int = 10000, seed: int = 0, threads: int = 0) -> dict:
    """
    SMAA-2 (hp::appraisal::smaa); healthyplaces.appraisal.smaa is the public wrapper.
    """
def smaa_blocks(n_sims: int) -> int:
    """
    Pass 1's blocks for n_sims draws (hp::appraisal::smaa_blocks).
    """
def smaa_confidence_partial(options: collections.abc.Sequence[str], criteria: collections.abc.Sequence[tuple[str, str, str, typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex]], performances: collections.abc.Sequence[collections.abc.Sequence[tuple[str, typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex, collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]]]], central_weights: collections.abc.Sequence[collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]], n_sims: int, seed: int, threads: int, first_block: int, n_blocks: int) -> tuple[int, int, list[int]]:
    """
    SMAA pass 2 over some blocks: (first_block, n_blocks, first counts with the central weights).
    """
def smaa_merge(options: collections.abc.Sequence[str], criteria: collections.abc.Sequence[tuple[str, str, str, typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex]], performances: collections.abc.Sequence[collections.abc.Sequence[tuple[str, typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex, collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]]]], exact: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], lower: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], upper: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], ranking: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], constraints: collections.abc.Sequence[tuple[collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], typing.SupportsFloat | typing.SupportsIndex, bool, str]], thinning: int, n_sims: int, seed: int, parts: collections.abc.Sequence[tuple[typing.SupportsInt | typing.SupportsIndex, typing.SupportsInt | typing.SupportsIndex, collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]]], confidence_parts: collections.abc.Sequence[tuple[typing.SupportsInt | typing.SupportsIndex, typing.SupportsInt | typing.SupportsIndex, collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]]] | None = None) -> dict:
    """
    SMAA's result (as smaa's dict) from its pass-1 slices and, when given, its pass-2 slices (else the confidence factors NaN).
    """
def smaa_partial(options: collections.abc.Sequence[str], criteria: collections.abc.Sequence[tuple[str, str, str, typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex]], performances: collections.abc.Sequence[collections.abc.Sequence[tuple[str, typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex, collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]]]], exact: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], lower: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], upper: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], ranking: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], constraints: collections.abc.Sequence[tuple[collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], typing.SupportsFloat | typing.SupportsIndex, bool, str]], thinning: int, n_sims: int, seed: int, threads: int, first_block: int, n_blocks: int) -> tuple[int, int, list[int], list[int]]:
    """
    SMAA pass 1 over some blocks: (first_block, n_blocks, rank counts, central-weight sums in 2^-32 units).
    """
def staged_decision(prior: healthyplaces._core.finance.Uncertain, se: typing.SupportsFloat | typing.SupportsIndex, scale: str = 'per_year', value_per_unit: typing.SupportsFloat | typing.SupportsIndex = 1.0, horizon: int = 10, lag: int = 1, restructuring_cost: typing.SupportsFloat | typing.SupportsIndex = 0.0, running_cost: typing.SupportsFloat | typing.SupportsIndex = 0.0, do_minimum: typing.SupportsFloat | typing.SupportsIndex = 0.0, pilot_years: int = 1, pilot_cost: typing.SupportsFloat | typing.SupportsIndex = 0.0, rate: typing.SupportsFloat | typing.SupportsIndex = 0.035, declining: bool = False, rule: str = 'optimal', threshold: typing.SupportsFloat | typing.SupportsIndex = 0.0, alpha: typing.SupportsFloat | typing.SupportsIndex = 0.05, n_sims: int = 0, seed: int = 0, threads: int = 0) -> StagedDecision:
    """
    Integrate now, pilot then decide, or do minimum: the closed form (n_sims=0, normal prior) or Monte Carlo.
    """
def swing_weights(points: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], names: collections.abc.Sequence[str]) -> numpy.typing.NDArray[numpy.float64]:
    """
    Weights = points / Σ points (hp::appraisal::swing_weights).
    """
def validate_place_facts(facts: typing.Any) -> None:
    """
    DomainError naming the first fact out of its range.
    """
def weighted_sum(options: collections.abc.Sequence[str], criteria: collections.abc.Sequence[tuple[str, str, str, typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex]], performances: collections.abc.Sequence[collections.abc.Sequence[tuple[str, typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex, collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]]]], weights: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]) -> dict:
    """
    The weighted sum of linear partial values (hp::appraisal::weighted_sum).
    """
england_over_80_share: float = 0.051
max_evppi_group: int = 4
place_bed_day_cost: float = 350.0
place_bed_days_prior: tuple = (0.1, 0.4)
place_blend_gap: float = 0.15
place_default_population: float = 250000.0
place_over_80_growth: float = 0.25
place_pilot: dict = {'design': 'stepped_wedge', 'steps': 2, 'clusters_per_step': 2, 'baseline_periods': 1, 'cluster_size': 300.0, 'icc': 0.03, 'sd': 3.0}
place_spend_per_resident: float = 600.0
