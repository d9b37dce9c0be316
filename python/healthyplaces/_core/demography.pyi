"""
Populations by age band, their shares and dependency ratios, and cohort-component projections.
"""
from __future__ import annotations
import collections.abc
import numpy
import numpy.typing
import typing
__all__: list[str] = ['Population', 'Projection', 'five_year_bands', 'leslie', 'project', 'single_year_bands']
class Population:
    """
    Counts by age band (validated): contiguous bands, the last open.
    """
    @staticmethod
    def from_starts(starts: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], counts: typing.Annotated[numpy.typing.ArrayLike, numpy.float64]) -> Population:
        """
        Bands [starts[i], starts[i+1]), the last open.
        """
    def __init__(self, bands: collections.abc.Sequence[str], counts: typing.Annotated[numpy.typing.ArrayLike, numpy.float64]) -> None:
        ...
    def __len__(self) -> int:
        ...
    def count_between(self, start: typing.SupportsFloat | typing.SupportsIndex, end: typing.SupportsFloat | typing.SupportsIndex = ...) -> float:
        """
        People aged in [start, end); a cut inside a closed band is pro rata to the years.
        """
    def dependency_ratios(self, working_from: typing.SupportsFloat | typing.SupportsIndex = 16.0, old_from: typing.SupportsFloat | typing.SupportsIndex = 65.0) -> tuple[float, float, float]:
        """
        (young, old, total) dependency ratios as fractions of the working-age population.
        """
    def regroup(self, bands: collections.abc.Sequence[str]) -> Population:
        """
        The same people in coarser bands.
        """
    def share_over(self, age: typing.SupportsFloat | typing.SupportsIndex) -> float:
        """
        Share of the population aged `age` and over.
        """
    @property
    def bands(self) -> list:
        ...
    @property
    def counts(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def ends(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def starts(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def total(self) -> float:
        ...
class Projection:
    """
    A cohort-component projection: counts by year and band, and simulated projections.
    """
    @property
    def bands(self) -> list:
        ...
    @property
    def counts(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
        ...
    @property
    def simulations(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def years(self) -> list[int]:
        ...
def five_year_bands() -> list:
    """
    0-4, 5-9, ..., 85-89, 90+.
    """
def leslie(population: Population, mortality: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], fertility: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None, female_fraction: typing.SupportsFloat | typing.SupportsIndex = 0.5) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
    """
    The Leslie matrix of one step (the band width) of the projection.
    """
def project(population: Population, mortality: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], fertility: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None, migration: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None, years: int = 10, female_fraction: typing.SupportsFloat | typing.SupportsIndex = 0.5, mortality_sd: typing.SupportsFloat | typing.SupportsIndex = 0.0, fertility_sd: typing.SupportsFloat | typing.SupportsIndex = 0.0, migration_sd: typing.SupportsFloat | typing.SupportsIndex = 0.0, per_year: bool = False, n_sims: int = 0, seed: int = 0, threads: int = 0) -> Projection:
    """
    Cohort-component projection; n_sims > 0 adds that many projections with lognormal rate multipliers.
    """
def single_year_bands(last: typing.SupportsInt | typing.SupportsIndex = 90) -> list:
    """
    0, 1, ..., last - 1, last+.
    """
