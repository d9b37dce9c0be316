"""
Options appraisal for integration (HM Treasury's Green Book): long list, optimism bias, economic appraisal on common random numbers, value of information, SMAA-2, staged decisions.
"""
from __future__ import annotations
import collections.abc
import numpy
import numpy.typing
import typing
__all__: list[str] = ['EvpiResult', 'EvppiEstimate', 'EvppiResult', 'evpi', 'evppi', 'max_evppi_group']
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
def evpi(net_benefit: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"], options: collections.abc.Sequence[str] = []) -> EvpiResult:
    """
    EVPI of a PSA (net_benefit: n_sims x options), its Monte Carlo standard error and P(best) per option.
    """
def evppi(net_benefit: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"], inputs: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"], groups: collections.abc.Sequence[collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]], options: collections.abc.Sequence[str] = [], input_names: collections.abc.Sequence[str] = [], threads: int = 0) -> EvppiResult:
    """
    EVPPI of each group of input columns by Strong, Oakley & Brennan's regression (P-spline, GCV).
    """
max_evppi_group: int = 4
