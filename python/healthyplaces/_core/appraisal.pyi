"""
Options appraisal for integration (HM Treasury's Green Book): long list, optimism bias, economic appraisal on common random numbers, value of information, SMAA-2, staged decisions.
"""
from __future__ import annotations
import collections.abc
import numpy
import numpy.typing
import typing
__all__: list[str] = ['green_paper_criteria', 'sample_weights', 'smaa', 'swing_weights', 'weighted_sum']
def green_paper_criteria() -> list:
    """
    The green paper's benefit areas and barriers as (name, direction, unit, worst, best) rows.
    """
def sample_weights(names: collections.abc.Sequence[str], exact: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], lower: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], upper: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], ranking: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], constraints: collections.abc.Sequence[tuple[collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], typing.SupportsFloat | typing.SupportsIndex, bool, str]], thinning: int = 0, n_sims: int = 1000, seed: int = 0, threads: int = 0) -> numpy.typing.NDArray[numpy.float64]:
    """
    Weights as SMAA draws them (hp::appraisal::sample_weights).
    """
def smaa(options: collections.abc.Sequence[str], criteria: collections.abc.Sequence[tuple[str, str, str, typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex]], performances: collections.abc.Sequence[collections.abc.Sequence[tuple[str, typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex, collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]]]], exact: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], lower: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], upper: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], ranking: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], constraints: collections.abc.Sequence[tuple[collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], typing.SupportsFloat | typing.SupportsIndex, bool, str]], thinning: int = 0, n_sims: int = 10000, seed: int = 0, threads: int = 0) -> dict:
    """
    SMAA-2 (hp::appraisal::smaa); healthyplaces.appraisal.smaa is the public wrapper.
    """
def swing_weights(points: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], names: collections.abc.Sequence[str]) -> numpy.typing.NDArray[numpy.float64]:
    """
    Weights = points / Σ points (hp::appraisal::swing_weights).
    """
def weighted_sum(options: collections.abc.Sequence[str], criteria: collections.abc.Sequence[tuple[str, str, str, typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex]], performances: collections.abc.Sequence[collections.abc.Sequence[tuple[str, typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex, collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]]]], weights: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]) -> dict:
    """
    The weighted sum of linear partial values (hp::appraisal::weighted_sum).
    """
