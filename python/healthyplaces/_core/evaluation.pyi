"""
Did the pilot work? Panels, difference-in-differences, staggered adoption, synthetic control and power.
"""
from __future__ import annotations
import collections.abc
import healthyplaces._core.numerics
import numpy
import numpy.typing
import typing
__all__: list[str] = ['AggregateResult', 'AttGtResult', 'AugsynthResult', 'BaconComparison', 'BaconResult', 'BaconTypeSummary', 'DidResult', 'EffectEstimate', 'EventStudyResult', 'LeaveOneOut', 'Panel', 'PowerResult', 'PreTest', 'SimulationPower', 'SynthFit', 'SynthPlacebo', 'SynthResult', 'SynthWeights', 'aggregate', 'att_gt', 'augsynth', 'bacon', 'check_design', 'check_simulation_options', 'cluster_noise', 'common_odds_ratio', 'confidence_interval', 'confidence_intervals', 'design_effect', 'did', 'did_variance_factor', 'estimate_cluster_means', 'estimate_twfe', 'event_study', 'gls_variance', 'hussey_hughes_variance', 'make_design', 'n_required', 'normal_pvalue', 'normal_pvalues', 'panel_moments', 'parallel_baseline_design', 'parallel_design', 'pointwise_pvalues', 'power_cluster', 'power_did', 'power_from_pvalues', 'power_ordinal', 'power_stepped_wedge', 'pretest', 'proportional_odds_shift', 'require_balanced', 'require_never_treated', 'require_pre_periods', 'require_varying_outcome', 'ridge_augmented_weights', 'simulate_panel', 'simulate_power', 'staggered_design', 'stepped_wedge_design', 'summarise_by_type', 'synth', 'synth_in_time', 'synth_weights', 'treatment_matrix', 'wald_power']
class Panel:
    """
    Outcomes of units over periods (units x periods, NaN = not observed), each unit's adoption period (None = never) and optional covariates.
    """
    def __getstate__(self) -> tuple[str, list[str], list[int], typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"], list[str], list[typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]], list[int | None]]:
        ...
    def __init__(self, unit: collections.abc.Sequence[str], period: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], outcome: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], adoption: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex | None] | None = None, treated: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None, covariate_names: collections.abc.Sequence[str] = [], covariates: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None, outcome_name: str = 'outcome', source: str = '', lines: typing.Annotated[numpy.typing.ArrayLike, numpy.int64] | None = None, columns: collections.abc.Sequence[str] = [], unit_name: str = 'unit', period_name: str = 'period', treated_name: str = 'treated', adoption_name: str = 'adoption') -> None:
        """
        Validates the long table (one row per unit and period). DataError naming unit and period for a NaN outcome, a duplicate row, an inconsistent adoption period or a non-absorbing treated indicator; with a source (a file name), the lines (each row's physical line) and the file's columns, also the file, line and column.
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def covariate(self, name: str) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
        """
        A covariate as units x periods (a copy); NaN = missing.
        """
    def period_index(self, period: typing.SupportsInt | typing.SupportsIndex) -> int:
        ...
    def pre_periods(self, unit: typing.SupportsInt | typing.SupportsIndex) -> int:
        ...
    def subpanel(self, units: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], first_period: typing.SupportsInt | typing.SupportsIndex, last_period: typing.SupportsInt | typing.SupportsIndex) -> Panel:
        """
        The given units (indices, in that order) over periods first..last (indices, inclusive).
        """
    def unit_index(self, name: str) -> int:
        ...
    @property
    def adoption(self) -> list[int | None]:
        ...
    @property
    def balanced(self) -> bool:
        ...
    @property
    def cohorts(self) -> list[int]:
        ...
    @property
    def covariate_names(self) -> list[str]:
        ...
    @property
    def n_periods(self) -> int:
        ...
    @property
    def n_units(self) -> int:
        ...
    @property
    def never_treated(self) -> list[int]:
        ...
    @property
    def outcome(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
        """
        units x periods (a copy); NaN = not observed
        """
    @property
    def outcome_name(self) -> str:
        ...
    @property
    def periods(self) -> numpy.typing.NDArray[numpy.int64]:
        ...
    @property
    def treated_units(self) -> list[int]:
        ...
    @property
    def units(self) -> list[str]:
        ...
class PowerResult:
    """
    Power, size and effect of a design (one of them solved for).
    """
    @property
    def alpha(self) -> float:
        ...
    @property
    def control_probabilities(self) -> list[float]:
        ...
    @property
    def design_effect(self) -> float:
        ...
    @property
    def details(self) -> list[tuple[str, float]]:
        """
        design-specific numbers as (name, value) pairs
        """
    @property
    def df(self) -> float:
        ...
    @property
    def effect(self) -> float:
        ...
    @property
    def effect_label(self) -> str:
        ...
    @property
    def mean_probabilities(self) -> list[float]:
        ...
    @property
    def method(self) -> str:
        ...
    @property
    def n(self) -> float:
        ...
    @property
    def n_label(self) -> str:
        ...
    @property
    def power(self) -> float:
        ...
    @property
    def solved(self) -> str:
        ...
    @property
    def standard_error(self) -> float:
        ...
    @property
    def treated_probabilities(self) -> list[float]:
        ...
class EffectEstimate:
    @property
    def df(self) -> float:
        ...
    @property
    def estimate(self) -> float:
        ...
    @property
    def se(self) -> float:
        ...
class SimulationPower:
    @property
    def mc_se(self) -> float:
        ...
    @property
    def mean_estimate(self) -> float:
        ...
    @property
    def mean_se(self) -> float:
        ...
    @property
    def method(self) -> str:
        ...
    @property
    def n_sims(self) -> int:
        ...
    @property
    def power(self) -> float:
        ...
    @property
    def rejections(self) -> int:
        ...
    @property
    def sd_estimate(self) -> float:
        ...
class AttGtResult:
    """
    Group-time average treatment effects ATT(g, t) (one entry per cohort and period) with standard errors and bands.
    """
    def __getstate__(self) -> tuple[tuple[list[int], list[int], list[int], list[int], list[int], typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"], typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"], typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"], typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"], typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"], float, bool, typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]], tuple[list[str], list[int], list[int], list[int], str], tuple[str, str, str, int, list[str], int, int, str, float, int, bool]]:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def anticipation(self) -> int:
        ...
    @property
    def att(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def base(self) -> list[int]:
        ...
    @property
    def base_period(self) -> str:
        ...
    @property
    def ci_high(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def ci_low(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def cohorts(self) -> list[int]:
        ...
    @property
    def confidence_level(self) -> float:
        ...
    @property
    def control(self) -> str:
        ...
    @property
    def covariates(self) -> list[str]:
        ...
    @property
    def critical_value(self) -> float:
        ...
    @property
    def estimator(self) -> str:
        ...
    @property
    def group(self) -> list[int]:
        ...
    @property
    def influence(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
        """
        units x cells (a copy)
        """
    @property
    def n_control(self) -> list[int]:
        ...
    @property
    def n_resamples(self) -> int:
        ...
    @property
    def n_treated(self) -> list[int]:
        ...
    @property
    def outcome_name(self) -> str:
        ...
    @property
    def period(self) -> list[int]:
        ...
    @property
    def periods(self) -> list[int]:
        ...
    @property
    def se(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def se_analytic(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def seed(self) -> int:
        ...
    @property
    def threads(self) -> int:
        ...
    @property
    def uniform(self) -> bool:
        ...
    @property
    def unit_group(self) -> list[int]:
        """
        each unit's cohort, 0 = never treated
        """
    @property
    def units(self) -> list[str]:
        ...
    @property
    def weights(self) -> str:
        ...
class AggregateResult:
    """
    Aggregated group-time effects (simple, dynamic, group or calendar) with the overall effect.
    """
    @property
    def att(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def ci_high(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def ci_low(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def confidence_level(self) -> float:
        ...
    @property
    def critical_value(self) -> float:
        ...
    @property
    def influence(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
        ...
    @property
    def kind(self) -> str:
        ...
    @property
    def label(self) -> list[int]:
        ...
    @property
    def overall_att(self) -> float:
        ...
    @property
    def overall_ci_high(self) -> float:
        ...
    @property
    def overall_ci_low(self) -> float:
        ...
    @property
    def overall_influence(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def overall_se(self) -> float:
        ...
    @property
    def overall_se_analytic(self) -> float:
        ...
    @property
    def se(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def se_analytic(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def uniform(self) -> bool:
        ...
class PreTest:
    """
    did's Wald pre-test of parallel trends: statistic, pvalue, df.
    """
    @property
    def df(self) -> int:
        ...
    @property
    def pvalue(self) -> float:
        ...
    @property
    def statistic(self) -> float:
        ...
class DidResult:
    """
    A difference-in-differences estimate (2x2 or two-way fixed effects).
    """
    @property
    def att(self) -> float:
        ...
    @property
    def ci_high(self) -> float:
        ...
    @property
    def ci_low(self) -> float:
        ...
    @property
    def cohorts(self) -> list[int]:
        ...
    @property
    def control_mean(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def df(self) -> float:
        ...
    @property
    def fit(self) -> healthyplaces._core.numerics.OlsFit:
        ...
    @property
    def means(self) -> typing.Annotated[list[typing.Annotated[list[float], "FixedSize(2)"]], "FixedSize(2)"]:
        ...
    @property
    def method(self) -> str:
        ...
    @property
    def n_clusters(self) -> int:
        ...
    @property
    def n_obs(self) -> int:
        ...
    @property
    def n_periods(self) -> int:
        ...
    @property
    def n_treated(self) -> int:
        ...
    @property
    def n_units(self) -> int:
        ...
    @property
    def outcome_name(self) -> str:
        ...
    @property
    def periods(self) -> numpy.typing.NDArray[numpy.int64]:
        ...
    @property
    def pvalue(self) -> float:
        ...
    @property
    def standard_error(self) -> float:
        ...
    @property
    def statistic(self) -> float:
        ...
    @property
    def table(self) -> typing.Annotated[list[typing.Annotated[list[float], "FixedSize(3)"]], "FixedSize(3)"]:
        """
        rows control, treated, difference x columns before, after, change
        """
    @property
    def treated_mean(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
class EventStudyResult:
    """
    A two-way fixed-effects event study: one coefficient per event time, and the joint pre-trend test.
    """
    @property
    def binned_high(self) -> bool:
        ...
    @property
    def binned_low(self) -> bool:
        ...
    @property
    def ci_high(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def ci_low(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def df(self) -> float:
        ...
    @property
    def estimate(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def event_time(self) -> list[int]:
        ...
    @property
    def fit(self) -> healthyplaces._core.numerics.OlsFit:
        ...
    @property
    def n_clusters(self) -> int:
        ...
    @property
    def n_leads(self) -> int:
        ...
    @property
    def n_obs(self) -> int:
        ...
    @property
    def n_obs_event(self) -> list[int]:
        ...
    @property
    def n_units(self) -> int:
        ...
    @property
    def outcome_name(self) -> str:
        ...
    @property
    def pretrend(self) -> tuple[float, float, float, float, bool]:
        """
        (statistic, pvalue, df_num, df_denom, is_f) of the joint test that the leads are zero
        """
    @property
    def pvalue(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def reference(self) -> int:
        ...
    @property
    def standard_error(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def statistic(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
class BaconComparison:
    """
    One 2x2 comparison of the Goodman-Bacon decomposition.
    """
    @property
    def control(self) -> int | None:
        ...
    @property
    def estimate(self) -> float:
        ...
    @property
    def treated(self) -> int:
        ...
    @property
    def type(self) -> str:
        ...
    @property
    def weight(self) -> float:
        ...
class BaconResult:
    """
    The two-way fixed-effects estimate as a weighted sum of 2x2s.
    """
    @property
    def comparisons(self) -> list[BaconComparison]:
        ...
    @property
    def outcome_name(self) -> str:
        ...
    @property
    def twfe(self) -> float:
        ...
    @property
    def weighted_sum(self) -> float:
        ...
class BaconTypeSummary:
    """
    One type of 2x2 comparison, summed.
    """
    @property
    def comparisons(self) -> int:
        ...
    @property
    def estimate(self) -> float:
        ...
    @property
    def type(self) -> str:
        ...
    @property
    def weight(self) -> float:
        ...
class SynthWeights:
    """
    Donor weights W and predictor weights V of one synthetic control.
    """
    @property
    def evaluations(self) -> int:
        ...
    @property
    def loss_v(self) -> float:
        ...
    @property
    def loss_w(self) -> float:
        ...
    @property
    def v(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def w(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
class SynthFit:
    """
    One synthetic control: weights, predictors and paths over every period.
    """
    @property
    def donors(self) -> list[str]:
        ...
    @property
    def gaps(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def loss_v(self) -> float:
        ...
    @property
    def loss_w(self) -> float:
        ...
    @property
    def post_rmspe(self) -> float:
        ...
    @property
    def pre_rmspe(self) -> float:
        ...
    @property
    def rmspe_ratio(self) -> float:
        ...
    @property
    def synthetic_path(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def synthetic_predictors(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def treated(self) -> str:
        ...
    @property
    def treated_path(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def treated_predictors(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def v(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def weights(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
class SynthPlacebo:
    """
    An in-space placebo: a donor treated in its place.
    """
    @property
    def fit(self) -> SynthFit:
        ...
    @property
    def kept(self) -> bool:
        ...
class LeaveOneOut:
    """
    The fit without one donor.
    """
    @property
    def dropped(self) -> str:
        ...
    @property
    def fit(self) -> SynthFit:
        ...
class SynthResult:
    """
    Synthetic control with its placebos.
    """
    @property
    def donor_mean_predictors(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def fit(self) -> SynthFit:
        ...
    @property
    def in_space_placebos(self) -> list[SynthPlacebo]:
        ...
    @property
    def leave_one_out(self) -> list[LeaveOneOut]:
        ...
    @property
    def mean_post_gap(self) -> float:
        ...
    @property
    def optimisation_periods(self) -> list[int]:
        ...
    @property
    def periods(self) -> numpy.typing.NDArray[numpy.int64]:
        ...
    @property
    def predictor_labels(self) -> list[str]:
        ...
    @property
    def pvalue(self) -> float:
        ...
    @property
    def rank(self) -> int:
        ...
    @property
    def treatment_period(self) -> int:
        ...
class AugsynthResult:
    """
    Ridge-augmented synthetic control.
    """
    @property
    def att(self) -> float:
        ...
    @property
    def att_pvalue(self) -> float:
        ...
    @property
    def att_se(self) -> float:
        ...
    @property
    def cv_error(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def cv_se(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def donors(self) -> list[str]:
        ...
    @property
    def estimates(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def l2_imbalance(self) -> float:
        ...
    @property
    def lambda_(self) -> float:
        ...
    @property
    def lambdas(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def periods(self) -> numpy.typing.NDArray[numpy.int64]:
        ...
    @property
    def pre_rmspe(self) -> float:
        ...
    @property
    def scaled_l2_imbalance(self) -> float:
        ...
    @property
    def scm_l2_imbalance(self) -> float:
        ...
    @property
    def scm_path(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def scm_weights(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def se(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def synthetic_path(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def treated(self) -> str:
        ...
    @property
    def treated_path(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def treatment_period(self) -> int:
        ...
    @property
    def weights(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
def aggregate(result: AttGtResult, kind: str = 'group', min_e: typing.SupportsInt | typing.SupportsIndex | None = None, max_e: typing.SupportsInt | typing.SupportsIndex | None = None, balance_e: typing.SupportsInt | typing.SupportsIndex | None = None, n_resamples: int | None = None, seed: int | None = None, weights: str | None = None, confidence_level: typing.SupportsFloat | typing.SupportsIndex | None = None, threads: int | None = None, uniform_band: bool | None = None) -> AggregateResult:
    """
    Aggregate group-time effects: kind = simple, dynamic, group or calendar (did's aggte). Bootstrap settings default to the att_gt run's.
    """
def att_gt(panel: Panel, control: str = 'never', estimator: str = 'dr', base_period: str = 'varying', anticipation: typing.SupportsInt | typing.SupportsIndex = 0, covariates: collections.abc.Sequence[str] = [], n_resamples: int = 1000, seed: int = 0, weights: str = 'rademacher', confidence_level: typing.SupportsFloat | typing.SupportsIndex = 0.95, threads: int = 0, uniform_band: bool = True) -> AttGtResult:
    """
    Callaway-Sant'Anna group-time average treatment effects on a balanced panel.
    """
def augsynth(panel: Panel, treated: str, treatment_period: typing.SupportsInt | typing.SupportsIndex | None = None, donors: collections.abc.Sequence[str] = [], lambda_: typing.SupportsFloat | typing.SupportsIndex | None = None, n_lambda: int = 20, lambda_min_ratio: typing.SupportsFloat | typing.SupportsIndex = 1e-08, min_1se: bool = True, holdout: int = 1, jackknife: bool = True, threads: int = 0) -> AugsynthResult:
    """
    Ridge-augmented synthetic control (augsynth's progfunc='Ridge'), lambda by leave-one-period-out CV.
    """
def bacon(panel: Panel) -> BaconResult:
    """
    The Goodman-Bacon (2021) decomposition of the two-way fixed-effects estimate.
    """
def check_design(design: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"], require_switch: bool) -> None:
    ...
def check_simulation_options(effect: typing.SupportsFloat | typing.SupportsIndex, alpha: typing.SupportsFloat | typing.SupportsIndex, n_sims: int) -> None:
    ...
def cluster_noise(icc: typing.SupportsFloat | typing.SupportsIndex, sd: typing.SupportsFloat | typing.SupportsIndex = 1.0, cluster_size: typing.SupportsFloat | typing.SupportsIndex = 1.0) -> tuple[float, float]:
    """
    (unit_sd, error_sd) of clusters of cluster_size with intra-cluster correlation icc and total SD sd.
    """
def common_odds_ratio(control: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], treated: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]) -> float:
    """
    The common (proportional) odds ratio of treated over control category probabilities.
    """
def confidence_interval(estimate: typing.SupportsFloat | typing.SupportsIndex, standard_error: typing.SupportsFloat | typing.SupportsIndex, confidence_level: typing.SupportsFloat | typing.SupportsIndex, df: typing.SupportsFloat | typing.SupportsIndex = ...) -> tuple[float, float]:
    """
    (low, high): estimate -/+ the t (finite df) or normal quantile at (1 + level) / 2 x standard error.
    """
def confidence_intervals(estimate: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, 1]"], standard_error: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, 1]"], confidence_level: typing.SupportsFloat | typing.SupportsIndex, df: typing.SupportsFloat | typing.SupportsIndex = ...) -> tuple[typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"], typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]]:
    """
    (low, high) arrays: confidence_interval element by element.
    """
def design_effect(cluster_size: typing.SupportsFloat | typing.SupportsIndex, icc: typing.SupportsFloat | typing.SupportsIndex, cv: typing.SupportsFloat | typing.SupportsIndex = 0.0) -> float:
    ...
def did(panel: Panel, method: str = 'auto', cov_type: str = 'cluster', use_t: bool = True, confidence_level: typing.SupportsFloat | typing.SupportsIndex = 0.95, covariates: collections.abc.Sequence[str] = []) -> DidResult:
    """
    Difference-in-differences: 2x2 regression (two periods) or two-way fixed effects (more, or staggered).
    """
def did_variance_factor(estimator: str, pre_periods: typing.SupportsInt | typing.SupportsIndex, post_periods: typing.SupportsInt | typing.SupportsIndex, rho: typing.SupportsFloat | typing.SupportsIndex) -> float:
    ...
def estimate_cluster_means(outcome: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"], treatment: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"]) -> EffectEstimate:
    """
    Pooled two-sample t on unit means over the treated periods.
    """
def estimate_twfe(outcome: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"], treatment: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"]) -> EffectEstimate:
    """
    Two-way fixed effects static ATT with CR1 cluster-robust (unit) SE; balanced units x periods.
    """
def event_study(panel: Panel, reference: typing.SupportsInt | typing.SupportsIndex = -1, min_event: typing.SupportsInt | typing.SupportsIndex | None = None, max_event: typing.SupportsInt | typing.SupportsIndex | None = None, cov_type: str = 'cluster', use_t: bool = True, confidence_level: typing.SupportsFloat | typing.SupportsIndex = 0.95, covariates: collections.abc.Sequence[str] = []) -> EventStudyResult:
    """
    Two-way fixed-effects event study with leads and lags relative to adoption.
    """
def gls_variance(design: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"], within: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"]) -> float:
    ...
def hussey_hughes_variance(design: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"], s2: typing.SupportsFloat | typing.SupportsIndex, t2: typing.SupportsFloat | typing.SupportsIndex) -> float:
    ...
def make_design(kind: str = 'stepped_wedge', steps: typing.SupportsInt | typing.SupportsIndex | None = None, clusters_per_step: typing.SupportsInt | typing.SupportsIndex | None = None, clusters_per_arm: typing.SupportsInt | typing.SupportsIndex | None = None, periods: typing.SupportsInt | typing.SupportsIndex | None = None, baseline_periods: typing.SupportsInt | typing.SupportsIndex = 1) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
    """
    A clusters x periods 0/1 design by kind: stepped_wedge, parallel or parallel_baseline.
    """
def n_required(n: typing.SupportsFloat | typing.SupportsIndex) -> float:
    """
    n rounded up to a whole number (within 1e-9).
    """
def normal_pvalue(estimate: typing.SupportsFloat | typing.SupportsIndex, standard_error: typing.SupportsFloat | typing.SupportsIndex) -> float:
    """
    Two-sided normal p-value of estimate = 0; NaN when the standard error is not > 0.
    """
def normal_pvalues(estimate: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, 1]"], standard_error: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, 1]"]) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
    """
    normal_pvalue element by element.
    """
def panel_moments(panel: Panel) -> tuple[float, float, float, float]:
    """
    (sd, rho, unit_sd, error_sd): planning values from the panel's untreated cells.
    """
def parallel_baseline_design(clusters_per_arm: typing.SupportsInt | typing.SupportsIndex, baseline_periods: typing.SupportsInt | typing.SupportsIndex, periods_after: typing.SupportsInt | typing.SupportsIndex) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
    ...
def parallel_design(clusters_per_arm: typing.SupportsInt | typing.SupportsIndex, periods: typing.SupportsInt | typing.SupportsIndex = 1) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
    ...
def pointwise_pvalues(result: AttGtResult) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
    """
    Two-sided normal p-values of each ATT(g, t) = 0.
    """
def power_cluster(effect: typing.SupportsFloat | typing.SupportsIndex | None = None, clusters_per_arm: typing.SupportsFloat | typing.SupportsIndex | None = None, power: typing.SupportsFloat | typing.SupportsIndex | None = None, alpha: typing.SupportsFloat | typing.SupportsIndex = 0.05, outcome: str = 'continuous', sd: typing.SupportsFloat | typing.SupportsIndex = 1.0, control_proportion: typing.SupportsFloat | typing.SupportsIndex = ..., cluster_size: typing.SupportsFloat | typing.SupportsIndex = 1.0, icc: typing.SupportsFloat | typing.SupportsIndex = 0.0, cv: typing.SupportsFloat | typing.SupportsIndex = 0.0, t_correction: bool = False, treated_proportion: typing.SupportsFloat | typing.SupportsIndex | None = None) -> PowerResult:
    """
    Cluster-randomised trial: power / clusters per arm / difference.
    """
def power_did(effect: typing.SupportsFloat | typing.SupportsIndex | None = None, n: typing.SupportsFloat | typing.SupportsIndex | None = None, power: typing.SupportsFloat | typing.SupportsIndex | None = None, alpha: typing.SupportsFloat | typing.SupportsIndex = 0.05, sd: typing.SupportsFloat | typing.SupportsIndex = 1.0, rho: typing.SupportsFloat | typing.SupportsIndex = 0.0, pre_periods: typing.SupportsInt | typing.SupportsIndex = 1, post_periods: typing.SupportsInt | typing.SupportsIndex = 1, ratio: typing.SupportsFloat | typing.SupportsIndex = 1.0, estimator: str = 'did') -> PowerResult:
    """
    Difference-in-differences (or POST, ANCOVA) power / treated units / effect with equal serial correlation.
    """
def power_from_pvalues(pvalues: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], alpha: typing.SupportsFloat | typing.SupportsIndex) -> SimulationPower:
    """
    Simulated power from a caller's p-values (one per simulation).
    """
def power_ordinal(control: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], odds_ratio: typing.SupportsFloat | typing.SupportsIndex | None = None, n: typing.SupportsFloat | typing.SupportsIndex | None = None, power: typing.SupportsFloat | typing.SupportsIndex | None = None, alpha: typing.SupportsFloat | typing.SupportsIndex = 0.05, allocation_ratio: typing.SupportsFloat | typing.SupportsIndex = 1.0, treated: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex] = []) -> PowerResult:
    """
    Whitehead (1993) power / total size / odds ratio for an ordinal outcome (or from treated probabilities).
    """
def power_stepped_wedge(design: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"], effect: typing.SupportsFloat | typing.SupportsIndex | None = None, m: typing.SupportsFloat | typing.SupportsIndex | None = None, power: typing.SupportsFloat | typing.SupportsIndex | None = None, alpha: typing.SupportsFloat | typing.SupportsIndex = 0.05, sigma: typing.SupportsFloat | typing.SupportsIndex = 1.0, tau: typing.SupportsFloat | typing.SupportsIndex | None = None, require_switch: bool = True, icc: typing.SupportsFloat | typing.SupportsIndex | None = None) -> PowerResult:
    """
    Hussey-Hughes power / individuals per cluster-period / effect for a clusters x periods 0/1 design.
    """
def pretest(result: AttGtResult) -> PreTest:
    """
    Wald pre-test that every pre-treatment ATT(g, t) is 0 (chi-square with one df per cell).
    """
def proportional_odds_shift(control: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], odds_ratio: typing.SupportsFloat | typing.SupportsIndex) -> list[float]:
    """
    Treated-arm category probabilities implied by proportional odds.
    """
def require_balanced(panel: Panel, method: str) -> None:
    ...
def require_never_treated(panel: Panel, method: str) -> None:
    ...
def require_pre_periods(panel: Panel, method: str, min_pre: typing.SupportsInt | typing.SupportsIndex = 1) -> None:
    ...
def require_varying_outcome(panel: Panel, method: str) -> None:
    ...
def ridge_augmented_weights(x0: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"], x1: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, 1]"], lambda_: typing.SupportsFloat | typing.SupportsIndex) -> tuple[typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"], typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]]:
    """
    (simplex weights, ridge-augmented weights) for pre-period outcomes X0 (periods x donors) and X1.
    """
def simulate_panel(treatment: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"], effect: typing.SupportsFloat | typing.SupportsIndex, unit_sd: typing.SupportsFloat | typing.SupportsIndex = 0.0, period_sd: typing.SupportsFloat | typing.SupportsIndex = 0.0, error_sd: typing.SupportsFloat | typing.SupportsIndex = 1.0, rho: typing.SupportsFloat | typing.SupportsIndex = 0.0, errors: str = 'independent', seed: int = 0, index: int = 0) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
    """
    The panel (units x periods) of simulation `index`: what simulate_power used.
    """
def simulate_power(treatment: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"], effect: typing.SupportsFloat | typing.SupportsIndex, unit_sd: typing.SupportsFloat | typing.SupportsIndex = 0.0, period_sd: typing.SupportsFloat | typing.SupportsIndex = 0.0, error_sd: typing.SupportsFloat | typing.SupportsIndex = 1.0, rho: typing.SupportsFloat | typing.SupportsIndex = 0.0, errors: str = 'independent', estimator: str = 'twfe', alpha: typing.SupportsFloat | typing.SupportsIndex = 0.05, n_sims: int = 1000, seed: int = 0, threads: int = 0) -> SimulationPower:
    """
    Simulated power with its Monte Carlo SE; identical for any thread count.
    """
def staggered_design(adoption: collections.abc.Sequence[tuple[typing.SupportsInt | typing.SupportsIndex | None, typing.SupportsInt | typing.SupportsIndex]], periods: typing.SupportsInt | typing.SupportsIndex) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
    """
    Staggered adoption: [(first treated period index or None, units), ...] x periods.
    """
def stepped_wedge_design(steps: typing.SupportsInt | typing.SupportsIndex, clusters_per_step: typing.SupportsInt | typing.SupportsIndex, baseline_periods: typing.SupportsInt | typing.SupportsIndex = 1) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
    ...
def summarise_by_type(result: BaconResult) -> list[BaconTypeSummary]:
    """
    Per type of comparison (in order of appearance): total weight, weighted mean estimate, count.
    """
def synth(panel: Panel, treated: str, treatment_period: typing.SupportsInt | typing.SupportsIndex | None = None, donors: collections.abc.Sequence[str] = [], predictors: collections.abc.Sequence[str] = [], predictor_periods: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex] = [], special_predictors: collections.abc.Sequence[tuple[str, collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], str]] = [], optimisation_periods: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex] = [], v: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, 1]"] | None = None, in_space_placebos: bool = True, placebo_mspe_cutoff: typing.SupportsFloat | typing.SupportsIndex = ..., leave_one_out: bool = False, threads: int = 0, max_evaluations: int = 4000, restarts: int = 3, regression_start: bool = True) -> SynthResult:
    """
    Synthetic control on a panel: V by nested minimisation of the pre-period MSPE (or given), W on the simplex, in-space placebos with the permutation p-value, leave-one-out donors.
    """
def synth_in_time(panel: Panel, placebo_period: typing.SupportsInt | typing.SupportsIndex, treated: str, treatment_period: typing.SupportsInt | typing.SupportsIndex | None = None, donors: collections.abc.Sequence[str] = [], predictors: collections.abc.Sequence[str] = [], predictor_periods: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex] = [], special_predictors: collections.abc.Sequence[tuple[str, collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], str]] = [], optimisation_periods: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex] = [], v: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, 1]"] | None = None, threads: int = 0, max_evaluations: int = 4000, restarts: int = 3, regression_start: bool = True) -> SynthResult:
    """
    In-time placebo: treatment moved to placebo_period.
    """
def synth_weights(x1: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, 1]"], x0: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"], z1: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, 1]"], z0: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"], v: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, 1]"] | None = None, max_evaluations: int = 4000, restarts: int = 3, regression_start: bool = True) -> SynthWeights:
    """
    Synth's nested problem on matrices: X (predictors x donors), Z (periods x donors).
    """
def treatment_matrix(panel: Panel) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
    """
    units x periods, 1 from each unit's adoption period on.
    """
def wald_power(effect: typing.SupportsFloat | typing.SupportsIndex, se: typing.SupportsFloat | typing.SupportsIndex, alpha: typing.SupportsFloat | typing.SupportsIndex = 0.05, df: typing.SupportsFloat | typing.SupportsIndex = ...) -> float:
    """
    Two-sided power of a Wald test (normal, or non-central t when df is finite).
    """
