"""
Demand-led spend under uncertainty, pooled budgets and risk shares, the integration business case and fair shares.
"""
from __future__ import annotations
import collections.abc
import healthyplaces._core.integration
import numpy
import numpy.typing
import typing
__all__: list[str] = ['BusinessCase', 'FairShares', 'Service', 'SpendDraws', 'Uncertain', 'UnitCost', 'business_case', 'concatenate_draws', 'discount_factors', 'draw_variates_only', 'fair_shares', 'integer_options', 'outturns', 'risk_measures', 'simulate_spend', 'total_cost_draws']
class UnitCost:
    """
    A unit-cost distribution (gamma or lognormal) by mean and sd.
    """
    def __init__(self, family: str, mean: typing.SupportsFloat | typing.SupportsIndex, sd: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def family(self) -> str:
        ...
    @property
    def mean(self) -> float:
        ...
    @property
    def sd(self) -> float:
        ...
class Service:
    """
    A demand-led service: rates by age band, unit cost, owner, budget.
    """
    def __init__(self, name: str, owner: str, rates: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], unit_cost: UnitCost, budget: typing.SupportsFloat | typing.SupportsIndex, counts: str = 'poisson', dispersion: typing.SupportsFloat | typing.SupportsIndex = 0.0) -> None:
        ...
    @property
    def budget(self) -> float:
        ...
    @property
    def counts(self) -> str:
        ...
    @property
    def dispersion(self) -> float:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def owner(self) -> str:
        ...
    @property
    def rates(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def unit_cost(self) -> UnitCost:
        ...
class SpendDraws:
    """
    Simulated years: spend and events by replication, year, service.
    """
    def __getstate__(self) -> tuple[int, int, int, numpy.typing.NDArray[numpy.float64], numpy.typing.NDArray[numpy.float64]]:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def events(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def horizon(self) -> int:
        ...
    @property
    def n_sims(self) -> int:
        """
        Replications of the horizon in these draws.
        """
    @property
    def services(self) -> int:
        ...
    @property
    def spend(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
class Uncertain:
    """
    An uncertain input of a business case, stated the way an analyst states it.
    
    ``normal(mean, sd)``, ``lognormal(mean, sd)`` (mean > 0; mean and sd of the value, not its log),
    ``gamma(mean, sd)`` (mean > 0), ``beta(mean, sd)`` (0 < mean < 1, sd² < mean(1 − mean)), ``uniform(low, high)``,
    ``triangular(low, mode, high)`` and ``fixed(value)``. ``quantile(p)`` is the inverse CDF, ``sample(n, seed)``
    draws by inversion from the library's counter-based stream, the same numbers on every platform.
    
    Examples
    --------
    >>> import healthyplaces as hp
    >>> u = hp.finance.Uncertain.gamma(mean=200_000, sd=50_000)
    >>> u.mean, u.sd, round(u.quantile(0.5))
    (200000.0, 50000.0, 195849)
    """
    @staticmethod
    def beta(mean: typing.SupportsFloat | typing.SupportsIndex, sd: typing.SupportsFloat | typing.SupportsIndex) -> Uncertain:
        """
        A beta with this mean in (0, 1) and sd (sd² < mean(1 − mean)): a fraction, e.g. an effect.
        """
    @staticmethod
    def fixed(value: typing.SupportsFloat | typing.SupportsIndex) -> Uncertain:
        """
        A known amount: a point mass at value.
        """
    @staticmethod
    def gamma(mean: typing.SupportsFloat | typing.SupportsIndex, sd: typing.SupportsFloat | typing.SupportsIndex) -> Uncertain:
        """
        A gamma with this mean (> 0) and sd: shape (mean/sd)², scale sd²/mean.
        """
    @staticmethod
    def lognormal(mean: typing.SupportsFloat | typing.SupportsIndex, sd: typing.SupportsFloat | typing.SupportsIndex) -> Uncertain:
        """
        A lognormal with this mean (> 0) and sd of the value (not of its log).
        """
    @staticmethod
    def normal(mean: typing.SupportsFloat | typing.SupportsIndex, sd: typing.SupportsFloat | typing.SupportsIndex) -> Uncertain:
        """
        N(mean, sd²); sd >= 0.
        """
    @staticmethod
    def triangular(low: typing.SupportsFloat | typing.SupportsIndex, mode: typing.SupportsFloat | typing.SupportsIndex, high: typing.SupportsFloat | typing.SupportsIndex) -> Uncertain:
        """
        The triangular distribution a finance director gives: low <= mode <= high.
        """
    @staticmethod
    def uniform(low: typing.SupportsFloat | typing.SupportsIndex, high: typing.SupportsFloat | typing.SupportsIndex) -> Uncertain:
        """
        U(low, high); low <= high.
        """
    def __getstate__(self) -> tuple[int, float, float, float]:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def quantile(self, p: typing.SupportsFloat | typing.SupportsIndex) -> float:
        """
        The inverse CDF at p in (0, 1).
        """
    def sample(self, n: int, seed: int = 0) -> numpy.typing.NDArray[numpy.float64]:
        """
        n draws by inversion from the counter-based stream keyed by seed: the same numbers on every platform.
        """
    @property
    def kind(self) -> str:
        ...
    @property
    def mean(self) -> float:
        ...
    @property
    def sd(self) -> float:
        ...
class BusinessCase:
    """
    The integration business case: NPV at the means, break-even, PSA.
    """
    @property
    def break_even_draws(self) -> numpy.typing.NDArray[numpy.int64]:
        ...
    @property
    def break_even_year(self) -> int:
        ...
    @property
    def costs(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def cumulative(self) -> numpy.typing.NDArray[numpy.float64]:
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
    def high(self) -> float:
        ...
    @property
    def horizon(self) -> int:
        ...
    @property
    def inputs(self) -> list[str]:
        ...
    @property
    def low(self) -> float:
        ...
    @property
    def mean_npv(self) -> float:
        ...
    @property
    def means(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def n_sims(self) -> int:
        ...
    @property
    def net(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def npv(self) -> float:
        ...
    @property
    def npv_draws(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def p_positive(self) -> float:
        ...
    @property
    def rate(self) -> float:
        ...
    @property
    def savings(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def sd_npv(self) -> float:
        ...
    @property
    def se_evpi(self) -> float:
        ...
    @property
    def se_mean_npv(self) -> float:
        ...
    @property
    def seed(self) -> int:
        ...
    @property
    def tornado(self) -> list:
        ...
class FairShares:
    """
    Weighted-capitation fair shares by area.
    """
    @property
    def actual(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def budget(self) -> float:
        ...
    @property
    def distance(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def population(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def share(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def target(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def weighted(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
def business_case(flows: collections.abc.Sequence[tuple[str, str, Uncertain, typing.SupportsInt | typing.SupportsIndex, typing.SupportsInt | typing.SupportsIndex, typing.SupportsInt | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex]], horizon: typing.SupportsInt | typing.SupportsIndex, rate: typing.SupportsFloat | typing.SupportsIndex = 0.035, declining: bool = False, n_sims: int = 10000, seed: int = 0, threads: int = 0, block_size: int = 256, low: typing.SupportsFloat | typing.SupportsIndex = 0.1, high: typing.SupportsFloat | typing.SupportsIndex = 0.9) -> BusinessCase:
    """
    The business case; flows are (name, kind, amount, start, end, years, baseline) tuples.
    """
def concatenate_draws(parts: collections.abc.Sequence[SpendDraws]) -> SpendDraws:
    """
    One SpendDraws from slices of a run (replications in the order given).
    """
def discount_factors(horizon: typing.SupportsInt | typing.SupportsIndex, rate: typing.SupportsFloat | typing.SupportsIndex = 0.035, declining: bool = False) -> numpy.typing.NDArray[numpy.float64]:
    ...
def draw_variates_only(mean_events: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], gamma_shape: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], n_sims: int, seed: int = 0, threads: int = 0) -> float:
    """
    Benchmark floor: only the variates the simulation draws (normals, Poisson counts, aggregate gammas), summed.
    """
def fair_shares(populations: collections.abc.Sequence[collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]], weights: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], budget: typing.SupportsFloat | typing.SupportsIndex, actual: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None) -> FairShares:
    ...
def integer_options(n_sims: int = 1, seed: int = 0, threads: int = 0, area: int = 0, block_size: int = 1, first_block: int = 0) -> tuple[int, int, int, int, int, int]:
    """
    (n_sims, seed, threads, area, block_size, first_block) as Python ints, each checked: a DomainError naming it and its range (10.5, None, -1, 2**70), before the Python side uses them.
    """
def outturns(draws: SpendDraws, services: collections.abc.Sequence[Service], budgets: healthyplaces._core.integration.Budgets, rule: str = 'proportional', shares: collections.abc.Sequence[tuple[str, typing.SupportsFloat | typing.SupportsIndex]] = [], lead: str = '', cap: typing.SupportsFloat | typing.SupportsIndex = ..., collar: typing.SupportsFloat | typing.SupportsIndex = ..., disputed_share: typing.SupportsFloat | typing.SupportsIndex = 0.0, cost_per_case: typing.SupportsFloat | typing.SupportsIndex = 0.0) -> tuple[list[str], typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"], typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]]:
    """
    (partners, budgets, overspend[partner, simulated year]) under a budget arrangement and risk-share rule.
    """
def risk_measures(overspend: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], var_level: typing.SupportsFloat | typing.SupportsIndex = 0.95) -> tuple[float, float, float, float, float]:
    """
    (mean, sd, P(overspend > 0), VaR, ES) of simulated overspends at the value-at-risk level var_level.
    """
def simulate_spend(services: collections.abc.Sequence[Service], population: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], n_sims: int, shock_correlation: typing.SupportsFloat | typing.SupportsIndex = 0.0, shock_sd: typing.SupportsFloat | typing.SupportsIndex = 0.0, seed: int = 0, area: int = 0, block_size: int = 4096, first_block: int = 0, threads: int = 0) -> SpendDraws:
    """
    Simulate n_sims replications of the horizon (population: years x bands); streams keyed by (seed, area, block).
    """
def total_cost_draws(unit_cost: UnitCost, events: typing.SupportsInt | typing.SupportsIndex, size: typing.SupportsInt | typing.SupportsIndex, seed: int = 0) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
    """
    size independent draws of the total cost of `events` events (the aggregate sampling, for tests).
    """
