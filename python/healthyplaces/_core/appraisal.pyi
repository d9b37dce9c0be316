"""
Options appraisal for integration (HM Treasury's Green Book): long list, optimism bias, economic appraisal on common random numbers, value of information, SMAA-2, staged decisions.
"""
from __future__ import annotations
import collections.abc
import healthyplaces._core.finance
import numpy
import numpy.typing
import typing
__all__: list[str] = ['EconomicAppraisal', 'appraise_economic']
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
def appraise_economic(options: collections.abc.Sequence[tuple[str, collections.abc.Sequence[tuple[str, str, healthyplaces._core.finance.Uncertain, typing.SupportsInt | typing.SupportsIndex, typing.SupportsInt | typing.SupportsIndex, typing.SupportsInt | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex]], tuple[typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex], str, healthyplaces._core.finance.Uncertain | None]], business_as_usual: str = '', horizon: typing.SupportsInt | typing.SupportsIndex = 10, rate: typing.SupportsFloat | typing.SupportsIndex = 0.035, declining: bool = False, n_sims: int = 10000, seed: int = 0, threads: int = 0, block_size: int = 256, wtp: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex] = [], range_low: typing.SupportsFloat | typing.SupportsIndex = 0.001, range_high: typing.SupportsFloat | typing.SupportsIndex = 0.999, ranges: collections.abc.Sequence[tuple[str, typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex]] = []) -> EconomicAppraisal:
    """
    The economic appraisal; options are (name, flow rows, (capital, operating, duration), benefit name, benefit Uncertain or None) tuples.
    """
