"""
Sector comparison, competency gaps, paired sector tests and pilot candidates.
"""
from __future__ import annotations
import collections.abc
import enum
import healthyplaces._core.core
import healthyplaces._core.stats
import typing
__all__: list[str] = ['AreaGap', 'GroupBy', 'PairedCategoryTest', 'PilotCriteria', 'PilotScreen', 'SectorComparison', 'compare_groups', 'compare_sectors', 'competency_gaps', 'group_labels', 'paired_sector_tests', 'pilot_candidates']
class GroupBy(enum.Enum):
    kind: typing.ClassVar[GroupBy]
    sector: typing.ClassVar[GroupBy]
    star_rating: typing.ClassVar[GroupBy]
    @classmethod
    def __new__(cls, value):
        ...
class SectorComparison:
    def at(self, category: str, group: str) -> healthyplaces._core.stats.OrdinalSummary:
        ...
    @property
    def categories(self) -> list[healthyplaces._core.core.Category]:
        ...
    @property
    def framework(self) -> str:
        ...
    @property
    def group_sizes(self) -> list[int]:
        ...
    @property
    def groups(self) -> list[str]:
        ...
    @property
    def summaries(self) -> list[list[healthyplaces._core.stats.OrdinalSummary]]:
        ...
class PairedCategoryTest:
    """
    One category: council minus NHS body across areas, Wilcoxon test and shift.
    """
    @property
    def category(self) -> healthyplaces._core.core.Category:
        ...
    @property
    def council_higher(self) -> int:
        ...
    @property
    def mean_difference(self) -> float:
        ...
    @property
    def n_pairs(self) -> int:
        ...
    @property
    def nhs_higher(self) -> int:
        ...
    @property
    def note(self) -> str:
        ...
    @property
    def pvalue_adjusted(self) -> float:
        ...
    @property
    def rank_biserial(self) -> float:
        ...
    @property
    def shift(self) -> healthyplaces._core.stats.Estimate:
        ...
    @property
    def tested(self) -> bool:
        ...
    @property
    def tied(self) -> int:
        ...
    @property
    def wilcoxon(self) -> healthyplaces._core.stats.TestResult:
        ...
class AreaGap:
    def __repr__(self) -> str:
        ...
    @property
    def area(self) -> str:
        ...
    @property
    def coterminosity(self) -> float:
        ...
    @property
    def council(self) -> str:
        ...
    @property
    def council_stars(self) -> int | None:
        ...
    @property
    def council_total(self) -> healthyplaces._core.core.TotalScore:
        ...
    @property
    def gaps(self) -> list[int | None]:
        ...
    @property
    def n_compared(self) -> int:
        ...
    @property
    def nhs_body(self) -> str:
        ...
    @property
    def nhs_stars(self) -> int | None:
        ...
    @property
    def nhs_total(self) -> healthyplaces._core.core.TotalScore:
        ...
    @property
    def rank(self) -> int:
        ...
    @property
    def total_gap(self) -> int | None:
        ...
class PilotCriteria:
    def __init__(self, min_council_stars: typing.SupportsInt | typing.SupportsIndex | None = 4, max_nhs_stars: typing.SupportsInt | typing.SupportsIndex | None = 1, min_coterminosity: typing.SupportsFloat | typing.SupportsIndex = 1.0, min_total_gap: typing.SupportsInt | typing.SupportsIndex | None = None) -> None:
        ...
    @property
    def max_nhs_stars(self) -> int | None:
        ...
    @property
    def min_coterminosity(self) -> float:
        ...
    @property
    def min_council_stars(self) -> int | None:
        ...
    @property
    def min_total_gap(self) -> int | None:
        ...
class PilotScreen:
    @property
    def candidates(self) -> list[AreaGap]:
        ...
    @property
    def excluded(self) -> list[tuple[str, list[str]]]:
        ...
def compare_groups(table: healthyplaces.ScoreTable, labels: collections.abc.Sequence[str], method: healthyplaces._core.stats.QuantileMethod = healthyplaces._core.stats.QuantileMethod.linear) -> SectorComparison:
    ...
def compare_sectors(table: healthyplaces.ScoreTable, by: GroupBy = GroupBy.sector, method: healthyplaces._core.stats.QuantileMethod = healthyplaces._core.stats.QuantileMethod.linear) -> SectorComparison:
    ...
def competency_gaps(table: healthyplaces.ScoreTable) -> list[AreaGap]:
    ...
def group_labels(table: healthyplaces.ScoreTable, by: GroupBy) -> list[str]:
    ...
def paired_sector_tests(table: healthyplaces.ScoreTable, alternative: str = 'two-sided', method: str = 'exact', zero_method: str = 'wilcox', adjust: str = 'holm', confidence_level: typing.SupportsFloat | typing.SupportsIndex = 0.95) -> list[PairedCategoryTest]:
    """
    Per category, the paired Wilcoxon signed-rank test of council against NHS body across areas, multiplicity-adjusted p-values and the Hodges-Lehmann shift with its interval.
    """
def pilot_candidates(table: healthyplaces.ScoreTable, criteria: PilotCriteria = ...) -> PilotScreen:
    ...
