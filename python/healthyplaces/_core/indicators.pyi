"""
Public-health indicators with confidence intervals (PHEindicatormethods' methods), funnel plots and SPC charts.
"""
from __future__ import annotations
import collections.abc
import numpy
import numpy.typing
import typing
__all__: list[str] = ['DsrIntervals', 'Funnel', 'Intervals', 'IsrIntervals', 'LifeExpectancyIntervals', 'MeanIntervals', 'QuantileAssignment', 'SiiResult', 'StandardPopulation', 'XmrChart', 'dsr', 'dsr_nonindependent', 'funnel', 'funnel_dispersion', 'funnel_kind', 'funnel_limits', 'is_tiled', 'isr', 'isr_expected', 'life_expectancy', 'life_expectancy_notes', 'mean', 'proportion', 'quantiles', 'rate', 'rate_ratio', 'risk_ratio', 'run_starts', 'sii', 'standard_population', 'usual_time_step', 'xmr']
class Intervals:
    """
    Values with confidence limits at one or more levels.
    """
    def __len__(self) -> int:
        ...
    @property
    def confidence_level(self) -> list[float]:
        ...
    @property
    def lower(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def method(self) -> str:
        ...
    @property
    def upper(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def value(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
class MeanIntervals(Intervals):
    """
    Means with limits, and each group's n and sd.
    """
    @property
    def n(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def sd(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
class StandardPopulation:
    """
    A standard population: band labels and populations.
    """
    @property
    def bands(self) -> list[str]:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def population(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
class DsrIntervals(Intervals):
    """
    Directly standardised rates with the groups' totals.
    """
    @property
    def total_count(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def total_population(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
class IsrIntervals(Intervals):
    """
    Indirectly standardised ratios or rates with observed and expected counts.
    """
    @property
    def expected(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def observed(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def reference_rate(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
class Funnel:
    """
    Funnel-plot result: values, z-scores, limits at each organisation's denominator, significance, phi and tau2.
    """
    def __len__(self) -> int:
        ...
    @property
    def beyond(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def confidence_level(self) -> list[float]:
        ...
    @property
    def direction(self) -> numpy.typing.NDArray[numpy.int8]:
        ...
    @property
    def kind(self) -> str:
        ...
    @property
    def lower(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def method(self) -> str:
        ...
    @property
    def n_used(self) -> int:
        ...
    @property
    def phi(self) -> float:
        ...
    @property
    def s(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def significance(self) -> list[str]:
        ...
    @property
    def target(self) -> float:
        ...
    @property
    def tau2(self) -> float:
        ...
    @property
    def upper(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def value(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def z(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def z_adjusted(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
class XmrChart:
    """
    An XmR chart's numbers: per-point arrays, per-segment dicts, gaps.
    """
    def __getitem__(self, arg0: str) -> ...:
        ...
    def __len__(self) -> int:
        ...
    @property
    def assurance(self) -> str:
        ...
    @property
    def centre(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def direction(self) -> numpy.typing.NDArray[numpy.int8]:
        ...
    @property
    def gaps(self) -> numpy.typing.NDArray[numpy.int64]:
        ...
    @property
    def improvement(self) -> str:
        ...
    @property
    def lower(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def lower_2sigma(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def missing(self) -> numpy.typing.NDArray[numpy.int64]:
        ...
    @property
    def missing_periods(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def moving_range(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def moving_range_used(self) -> numpy.typing.NDArray[numpy.bool]:
        ...
    @property
    def rule(self) -> numpy.typing.NDArray[numpy.int8]:
        ...
    @property
    def segment(self) -> numpy.typing.NDArray[numpy.int64]:
        ...
    @property
    def segments(self) -> list:
        ...
    @property
    def upper(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def upper_2sigma(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def variation(self) -> numpy.typing.NDArray[numpy.int8]:
        ...
class LifeExpectancyIntervals(Intervals):
    """
    Life expectancies per (group, starting age): the Intervals rows with their group, age and standard error.
    """
    @property
    def deaths_used(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def group(self) -> numpy.typing.NDArray[numpy.int64]:
        ...
    @property
    def le_age(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def note_code(self) -> numpy.typing.NDArray[numpy.int8]:
        """
        Why each row's value is NaN, as a code into life_expectancy_notes() (0: it is not).
        """
    @property
    def population_used(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def standard_error(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
class SiiResult:
    """
    Slope and relative index of inequality per group with simulated limits.
    """
    @property
    def intercept(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def n_quantiles(self) -> numpy.typing.NDArray[numpy.int64]:
        ...
    @property
    def rii(self) -> Intervals:
        ...
    @property
    def rii_mad(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def sii(self) -> Intervals:
        ...
    @property
    def sii_mad(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
class QuantileAssignment:
    """
    Quantile per row, and the groups with too few values.
    """
    @property
    def quantile(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def too_few(self) -> numpy.typing.NDArray[numpy.int64]:
        ...
def dsr(group: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], events: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], population: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], standard: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], n_groups: typing.SupportsInt | typing.SupportsIndex, confidence_level: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex] = [0.95], multiplier: typing.SupportsFloat | typing.SupportsIndex = 100000.0) -> DsrIntervals:
    """
    Directly standardised rates with Dobson limits per group (rows: group index, events, population, standard).
    """
def dsr_nonindependent(group: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], band: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], frequency: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], people: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], population: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], standard: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], n_groups: typing.SupportsInt | typing.SupportsIndex, confidence_level: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex] = [0.95], multiplier: typing.SupportsFloat | typing.SupportsIndex = 100000.0) -> DsrIntervals:
    """
    DSRs for non-independent events: rows (group, band, event frequency) with the number of people.
    """
def funnel(numerator: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], denominator: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], kind: str = 'proportion', method: str = 'auto', confidence_level: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex] = [0.95, 0.998], multiplier: typing.SupportsFloat | typing.SupportsIndex = 1.0, overdispersion: str = 'none', winsorise: typing.SupportsFloat | typing.SupportsIndex = 0.1, truncate: typing.SupportsFloat | typing.SupportsIndex = 0.0, target: typing.SupportsFloat | typing.SupportsIndex | None = None) -> Funnel:
    """
    Funnel plot for numerator/denominator per organisation: z-scores, phi, tau2, limits and significance.
    """
def funnel_dispersion(z: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], s: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], winsorise: typing.SupportsFloat | typing.SupportsIndex = 0.1, truncate: typing.SupportsFloat | typing.SupportsIndex = 0.0) -> tuple[float, float, int]:
    """
    (phi, tau2, n_used) from z-scores and standard errors, winsorised or truncated as FunnelPlotR.
    """
def funnel_kind(kind: str) -> str:
    """
    The kind's name, checked (DomainError naming the kinds otherwise).
    """
def funnel_limits(denominator: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], target: typing.SupportsFloat | typing.SupportsIndex | None = None, kind: str = 'proportion', method: str = 'auto', confidence_level: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex] = [0.95, 0.998], multiplier: typing.SupportsFloat | typing.SupportsIndex = 1.0, overdispersion: str = 'none', phi: typing.SupportsFloat | typing.SupportsIndex = 1.0, tau2: typing.SupportsFloat | typing.SupportsIndex = 0.0, numerator: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None, n_points: typing.SupportsInt | typing.SupportsIndex | None = None) -> tuple[list[float] | None, Intervals]:
    """
    Funnel control limits around target at each denominator (expected count for ratios), or at n_points denominators spanning them geometrically: (the grid or None, Intervals). Without target, the overall numerator/denominator (1 for ratios) x multiplier.
    """
def is_tiled(values: numpy.ndarray, period: typing.SupportsInt | typing.SupportsIndex) -> bool:
    """
    True when a 1-D object array is its first `period` values repeated.
    """
def isr(group: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], observed: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], population: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], reference_events: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], reference_population: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], n_groups: typing.SupportsInt | typing.SupportsIndex, confidence_level: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex] = [0.95], kind: str = 'ratio', reference_value: typing.SupportsFloat | typing.SupportsIndex = 1.0, multiplier: typing.SupportsFloat | typing.SupportsIndex = 100000.0) -> IsrIntervals:
    """
    Indirectly standardised ratios or rates: exact Poisson limits below 10 observed, Byar's at 10 or more.
    """
def isr_expected(group: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], observed: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], expected: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], n_groups: typing.SupportsInt | typing.SupportsIndex, confidence_level: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex] = [0.95], reference_value: typing.SupportsFloat | typing.SupportsIndex = 1.0) -> IsrIntervals:
    """
    Indirectly standardised ratios from observed and expected counts summed per group.
    """
def life_expectancy(group: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], age_start: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], deaths: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], population: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], ax: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None, n_groups: typing.SupportsInt | typing.SupportsIndex, confidence_level: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex] = [0.95], le_age: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex] = [], min_population: typing.SupportsFloat | typing.SupportsIndex = 5000.0) -> LifeExpectancyIntervals:
    """
    Life expectancy by Chiang II with Silcocks' variance for the open band; rows (group, band) sorted by group then age; ax None for the defaults (0.1 at age 0, 0.5 otherwise).
    """
def life_expectancy_notes() -> list[str]:
    """
    The texts of the life expectancy note codes, in code order (code 0 is '').
    """
def mean(values: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], group: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], n_groups: typing.SupportsInt | typing.SupportsIndex, confidence_level: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex] = [0.95]) -> MeanIntervals:
    """
    Means within groups (codes 0..n_groups-1) with Student's t limits, and each group's n and sd.
    """
def proportion(numerator: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], denominator: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], confidence_level: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex] = [0.95], method: str = 'wilson', multiplier: typing.SupportsFloat | typing.SupportsIndex = 1.0) -> tuple[numpy.typing.NDArray[numpy.float64], str]:
    """
    Proportions with Wilson score (or Clopper-Pearson exact) limits, one per group: (block, method), block a [rows x groups] float64 array with rows numerator, denominator, value, then lower and upper per level.
    """
def quantiles(values: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], group: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], n_groups: typing.SupportsInt | typing.SupportsIndex, nquantiles: typing.SupportsInt | typing.SupportsIndex = 10, invert: bool = True, invert_by_group: typing.Annotated[numpy.typing.ArrayLike, numpy.uint8] | None = None) -> QuantileAssignment:
    """
    Deprivation quantiles within groups (phe_quantile): .quantile per row (NaN where none) and .too_few (the groups with too few values).
    """
def rate(events: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], population: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], confidence_level: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex] = [0.95], method: str = 'auto', multiplier: typing.SupportsFloat | typing.SupportsIndex = 100000.0) -> tuple[numpy.typing.NDArray[numpy.float64], str, typing.Any]:
    """
    Crude rates per multiplier with exact Poisson (below 10 events) or Byar's limits, one per group: (block, method, codes), block a [rows x groups] float64 array with rows events, population, value, then lower and upper per level; codes (method auto only, else None) int8 per group, 1 where Byar's limits were used.
    """
def rate_ratio(events1: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], population1: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], events2: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], population2: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], confidence_level: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex] = [0.95], method: str = 'log') -> Intervals:
    """
    Rate ratios (group 1 over group 2) with log or exact conditional limits.
    """
def risk_ratio(numerator1: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], denominator1: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], numerator2: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], denominator2: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], confidence_level: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex] = [0.95]) -> Intervals:
    """
    Risk ratios (group 1 over group 2) with log limits.
    """
def run_starts(values: numpy.ndarray) -> numpy.typing.NDArray[numpy.int64]:
    """
    Indices where a run of equal values starts in a 1-D object array.
    """
def sii(group: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], quantile: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], population: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], value: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], se: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None, lower: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None, upper: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None, n_groups: typing.SupportsInt | typing.SupportsIndex = 1, confidence_level: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex] = [0.95], value_type: typing.SupportsInt | typing.SupportsIndex = 0, multiplier: typing.SupportsFloat | typing.SupportsIndex = 1.0, n_resamples: int = 100000, rii: bool = False, transform: bool = False, reliability_stat: bool = False, seed: int = 0, threads: int = 0) -> SiiResult:
    """
    SII (and RII) per group by population-weighted regression across quantiles, limits by seeded simulation.
    """
def standard_population(name: str) -> StandardPopulation:
    """
    The built-in European Standard Population 'ESP2013' (21 bands) or 'ESP1976' (18 bands).
    """
def usual_time_step(time: typing.Annotated[numpy.typing.ArrayLike, numpy.int64]) -> int:
    """
    The most common difference between consecutive time indices (the smallest if tied; 1 for fewer than two).
    """
def xmr(values: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], time: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], improvement: str = 'increase', target: typing.SupportsFloat | typing.SupportsIndex = ..., rebase: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex] = [], fix_after: typing.SupportsInt | typing.SupportsIndex = 0, screen_outliers: bool = False, shift_length: typing.SupportsInt | typing.SupportsIndex = 7, trend_length: typing.SupportsInt | typing.SupportsIndex = 7, time_step: typing.SupportsInt | typing.SupportsIndex = 1) -> XmrChart:
    """
    XmR chart (NHS Making Data Count rules) of values at integer time indices (empty: 0, 1, 2, ...): an XmrChart of per-point arrays (centre, lower, upper, lower_2sigma, upper_2sigma, moving_range, moving_range_used, rule codes 0 none 1 outside limits 2 trend 3 two of three 4 shift, variation codes 0 missing 1 common cause 2 improvement 3 concern 4 neither, direction, segment), missing and gaps (point indices), assurance and segments (a list of dicts).
    """
