"""
Options appraisal for integration (HM Treasury's Green Book): long list, optimism bias, economic appraisal on common random numbers, value of information, SMAA-2, staged decisions.
"""
from __future__ import annotations
import collections.abc
import healthyplaces._core.finance
import healthyplaces._core.integration
import typing
__all__: list[str] = ['apply_optimism_bias', 'critical_success_factor', 'critical_success_factors', 'long_list', 'optimism_bias', 'optimism_bias_table', 'shortlist']
def apply_optimism_bias(flows: collections.abc.Sequence[tuple[str, str, healthyplaces._core.finance.Uncertain, typing.SupportsInt | typing.SupportsIndex, typing.SupportsInt | typing.SupportsIndex, typing.SupportsInt | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex]], capital: typing.SupportsFloat | typing.SupportsIndex, operating: typing.SupportsFloat | typing.SupportsIndex, duration: typing.SupportsFloat | typing.SupportsIndex, works_years: int, horizon: int) -> list[tuple[str, str, healthyplaces._core.finance.Uncertain, int, int, int, float]]:
    """
    Flows (name, kind, amount, start, end, years, baseline) with optimism bias applied.
    """
def critical_success_factor(spec: str, reason: str = '') -> tuple[str, str]:
    """
    A factor by built-in key or limit text, as (key, reason); DomainError listing the known ones.
    """
def critical_success_factors() -> list[tuple[str, str]]:
    """
    The built-in critical success factors as (key, reason) pairs.
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
def shortlist(current: healthyplaces._core.integration.Arrangement, factors: collections.abc.Sequence[tuple[str, str]]) -> tuple[list, list[tuple[str, str]], list]:
    """
    The options framework filter of the long list from `current` by (spec, reason) factors: (long-list rows, [(key, reason)], [(option, kept, dropped_by, fails, reason)]).
    """
