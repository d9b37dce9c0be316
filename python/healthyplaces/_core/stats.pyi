"""
Statistics with no domain words: ordinal summaries, rank tests, effect sizes, resampling, multiple testing.
"""
from __future__ import annotations
import collections.abc
import enum
import numpy
import numpy.typing
import typing
__all__: list[str] = ['BootstrapInterval', 'BootstrapResult', 'BrunnerMunzelResult', 'Estimate', 'ExactDistribution', 'Frequencies', 'OrdinalSummary', 'PermutationResult', 'QuantileMethod', 'SymmetricNull', 'TestResult', 'adjust_pvalues', 'bootstrap', 'bootstrap_indices', 'bootstrap_interval', 'bootstrap_standard_error', 'brunner_munzel', 'check_confidence_level', 'cliffs_delta', 'count_relabellings', 'distinct_resamples', 'evaluate_statistic', 'exact_bootstrap_distribution', 'frequencies', 'hodges_lehmann', 'kruskal_wallis', 'kth_pairwise_difference', 'kth_walsh_average', 'mann_whitney', 'mann_whitney_null', 'modes', 'parse_quantile_method', 'permutation_pvalue', 'permutation_test', 'plan_bootstrap', 'plan_permutation', 'probability_of_superiority', 'quantile', 'relabellings', 'sign_flips', 'sign_test', 'signed_rank_null', 'summarise', 'wilcoxon']
class TestResult:
    """
    Result of a hypothesis test (fields it does not define are NaN).
    """
    @property
    def alternative(self) -> str:
        ...
    @property
    def df(self) -> float:
        ...
    @property
    def method(self) -> str:
        ...
    @property
    def n(self) -> int:
        ...
    @property
    def pvalue(self) -> float:
        ...
    @property
    def statistic(self) -> float:
        ...
    @property
    def zstatistic(self) -> float:
        ...
class Estimate:
    """
    A point estimate with its confidence interval.
    """
    @property
    def ci_high(self) -> float:
        ...
    @property
    def ci_low(self) -> float:
        ...
    @property
    def confidence_level(self) -> float:
        ...
    @property
    def estimate(self) -> float:
        ...
    @property
    def method(self) -> str:
        ...
    @property
    def n(self) -> int:
        ...
    @property
    def standard_error(self) -> float:
        ...
class QuantileMethod(enum.Enum):
    higher: typing.ClassVar[QuantileMethod]
    inverted_cdf: typing.ClassVar[QuantileMethod]
    linear: typing.ClassVar[QuantileMethod]
    lower: typing.ClassVar[QuantileMethod]
    midpoint: typing.ClassVar[QuantileMethod]
    nearest: typing.ClassVar[QuantileMethod]
    @classmethod
    def __new__(cls, value):
        ...
class Frequencies:
    """
    Counts at each level lo..hi, and the missing (NaN) values.
    
    Examples
    --------
    >>> import healthyplaces as hp
    >>> f = hp.stats.frequencies([1, 2, 2, float('nan')], 1, 4)
    >>> list(f.counts), f.n_missing
    ([1, 2, 0, 0], 1)
    """
    def __repr__(self) -> str:
        ...
    def count(self, level: typing.SupportsInt | typing.SupportsIndex) -> int:
        ...
    @property
    def counts(self) -> list[int]:
        ...
    @property
    def hi(self) -> int:
        ...
    @property
    def lo(self) -> int:
        ...
    @property
    def n(self) -> int:
        ...
    @property
    def n_missing(self) -> int:
        ...
class OrdinalSummary:
    """
    Frequencies, all modes, median, quartiles, mean.
    
    Examples
    --------
    >>> import healthyplaces as hp
    >>> s = hp.stats.summarise([1, 2, 2, 3, 3], 1, 4)
    >>> list(s.modes), s.median, s.mean
    ([2, 3], 2.0, 2.2)
    """
    def __repr__(self) -> str:
        ...
    @property
    def frequencies(self) -> Frequencies:
        ...
    @property
    def mean(self) -> float:
        ...
    @property
    def median(self) -> float:
        ...
    @property
    def method(self) -> QuantileMethod:
        ...
    @property
    def modes(self) -> list[int]:
        ...
    @property
    def n(self) -> int:
        ...
    @property
    def q1(self) -> float:
        ...
    @property
    def q3(self) -> float:
        ...
class SymmetricNull:
    """
    Exact null distribution on 0..max, symmetric about max/2 (Mann–Whitney U or signed-rank T without ties). Tails are summed from their own side.
    
    Examples
    --------
    >>> import healthyplaces as hp
    >>> null = hp.stats.signed_rank_null(5)
    >>> null.max, round(null.pmf(0), 5)
    (15, 0.03125)
    """
    def __repr__(self) -> str:
        ...
    def cdf(self, k: typing.SupportsInt | typing.SupportsIndex) -> float:
        """
        P(X <= k)
        """
    def lower_critical(self, alpha: typing.SupportsFloat | typing.SupportsIndex) -> int:
        """
        Largest c with cdf(c) <= alpha, or -1 when P(X = 0) > alpha.
        """
    def pmf(self, k: typing.SupportsInt | typing.SupportsIndex) -> float:
        """
        P(X = k)
        """
    def quantile(self, p: typing.SupportsFloat | typing.SupportsIndex) -> int:
        """
        Smallest k with cdf(k) >= p.
        """
    def sf(self, k: typing.SupportsInt | typing.SupportsIndex) -> float:
        """
        P(X > k)
        """
    @property
    def max(self) -> int:
        ...
    @property
    def mean(self) -> float:
        ...
class BrunnerMunzelResult(TestResult):
    """
    Brunner-Munzel test result; `estimate` is P(X < Y) + 1/2 P(X = Y).
    """
    @property
    def estimate(self) -> float:
        ...
class BootstrapResult:
    """
    Bootstrap interval, distribution and how it was obtained.
    """
    @property
    def acceleration(self) -> float:
        ...
    @property
    def alternative(self) -> str:
        ...
    @property
    def bias_correction(self) -> float:
        ...
    @property
    def distribution(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def estimate(self) -> Estimate:
        ...
    @property
    def method(self) -> str:
        ...
    @property
    def n_resamples(self) -> int:
        ...
    @property
    def probabilities(self) -> typing.Any:
        ...
    @property
    def resampling(self) -> str:
        ...
    @property
    def warning(self) -> str:
        ...
class BootstrapInterval:
    """
    An interval read off a bootstrap distribution.
    """
    @property
    def acceleration(self) -> float:
        ...
    @property
    def bias_correction(self) -> float:
        ...
    @property
    def high(self) -> float:
        ...
    @property
    def low(self) -> float:
        ...
    @property
    def warning(self) -> str:
        ...
class PermutationResult(TestResult):
    """
    A permutation test with its null distribution.
    """
    @property
    def exact(self) -> bool:
        ...
    @property
    def null_distribution(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
class ExactDistribution:
    """
    Distinct values (ascending) with their probabilities.
    """
    @property
    def n_resamples(self) -> int:
        ...
    @property
    def probabilities(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def values(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
def adjust_pvalues(p: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], method: str = 'holm') -> numpy.typing.NDArray[numpy.float64]:
    """
    Adjusted p-values (bonferroni, holm, hochberg, bh, by) in the input order, capped at 1.
    """
def bootstrap(samples: collections.abc.Sequence[typing.Annotated[numpy.typing.ArrayLike, numpy.float64]], statistic: str = 'median', paired: bool = False, p: typing.SupportsFloat | typing.SupportsIndex = 0.5, quantile_method: str = 'linear', threshold: typing.SupportsFloat | typing.SupportsIndex | None = None, tie_policy: str = 'lowest', method: str = 'BCa', confidence_level: typing.SupportsFloat | typing.SupportsIndex = 0.95, alternative: str = 'two-sided', n_resamples: int = 9999, resampling: str = 'auto', scale: tuple[typing.SupportsInt | typing.SupportsIndex, typing.SupportsInt | typing.SupportsIndex] | None = None, seed: int = 0, threads: int = 0, max_exact: int = 10000000) -> BootstrapResult:
    """
    Bootstrap interval of a named statistic: one sample, two (difference) or paired (of the differences).
    """
def bootstrap_indices(sizes: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], seed: int, begin: typing.SupportsInt | typing.SupportsIndex, end: typing.SupportsInt | typing.SupportsIndex, threads: int = 0) -> typing.Annotated[numpy.typing.NDArray[numpy.int64], "[m, n]"]:
    """
    Resample indices of resamples [begin, end): per row, each sample's indices in turn.
    """
def bootstrap_interval(distribution: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], probabilities: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None, observed: typing.SupportsFloat | typing.SupportsIndex, jackknife: collections.abc.Sequence[typing.Annotated[numpy.typing.ArrayLike, numpy.float64]], method: str = 'BCa', confidence_level: typing.SupportsFloat | typing.SupportsIndex = 0.95, alternative: str = 'two-sided') -> BootstrapInterval:
    """
    The interval from a bootstrap distribution, the observed value and each sample's jackknife values.
    """
def bootstrap_standard_error(distribution: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], probabilities: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None) -> float:
    ...
def brunner_munzel(x: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], y: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], alternative: str = 'two-sided', distribution: str = 't', method: str = 'auto', n_resamples: int = 9999, seed: int = 0, threads: int = 0, max_arrangements: int = 2000000) -> BrunnerMunzelResult:
    """
    Brunner-Munzel test (asymptotic t/normal, or the studentized permutation test).
    """
def check_confidence_level(level: typing.SupportsFloat | typing.SupportsIndex, what: str = 'confidence_level') -> None:
    """
    DomainError unless 0 < level < 1; the one check of a confidence level (docs/conventions.md).
    """
def cliffs_delta(x: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], y: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], confidence_level: typing.SupportsFloat | typing.SupportsIndex = 0.95, variance: str = 'unbiased', distribution: str = 't') -> Estimate:
    """
    Cliff's delta P(X > Y) - P(X < Y) with Cliff's asymmetric interval.
    """
def count_relabellings(nx: typing.SupportsInt | typing.SupportsIndex, ny: typing.SupportsInt | typing.SupportsIndex) -> int:
    ...
def distinct_resamples(n: typing.SupportsInt | typing.SupportsIndex, k: typing.SupportsInt | typing.SupportsIndex) -> int:
    """
    C(n+k-1, k-1): distinct bootstrap resamples of n observations with k distinct values (saturating).
    """
def evaluate_statistic(xs: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], statistic: str, p: typing.SupportsFloat | typing.SupportsIndex = 0.5, quantile_method: str = 'linear', threshold: typing.SupportsFloat | typing.SupportsIndex | None = None, tie_policy: str = 'lowest') -> float:
    """
    A named statistic of one sample, computed from the counts at each distinct value.
    """
def exact_bootstrap_distribution(samples: collections.abc.Sequence[typing.Annotated[numpy.typing.ArrayLike, numpy.float64]], statistic: str = 'median', p: typing.SupportsFloat | typing.SupportsIndex = 0.5, quantile_method: str = 'linear', threshold: typing.SupportsFloat | typing.SupportsIndex | None = None, tie_policy: str = 'lowest', max_exact: int = 10000000, threads: int = 0) -> ExactDistribution:
    """
    The exact bootstrap distribution (of stat(x) - stat(y) for two): values, probabilities, distinct resamples.
    """
def frequencies(xs: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], lo: typing.SupportsInt | typing.SupportsIndex, hi: typing.SupportsInt | typing.SupportsIndex) -> Frequencies:
    """
    Tally levels lo..hi; NaN counts as missing; anything else off the scale raises DomainError.
    """
def hodges_lehmann(x: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], y: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None, paired: bool = False, confidence_level: typing.SupportsFloat | typing.SupportsIndex = 0.95, method: str = 'auto', continuity: bool = True) -> Estimate:
    """
    Hodges–Lehmann shift (two samples) or pseudo-median (one sample, paired differences) with its interval.
    """
def kruskal_wallis(samples: collections.abc.Sequence[typing.Annotated[numpy.typing.ArrayLike, numpy.float64]], method: str = 'auto', n_resamples: int = 9999, seed: int = 0, threads: int = 0, max_arrangements: int = 2000000) -> TestResult:
    """
    Kruskal-Wallis H test of k samples (tie-corrected H; asymptotic, exact or Monte Carlo p-value).
    """
def kth_pairwise_difference(x: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], y: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], k: typing.SupportsInt | typing.SupportsIndex) -> float:
    """
    k-th smallest (0-based) of the differences x_i - y_j, by selection.
    """
def kth_walsh_average(x: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], k: typing.SupportsInt | typing.SupportsIndex) -> float:
    """
    k-th smallest (0-based) of the Walsh averages (x_i + x_j)/2, i <= j, by selection.
    """
def mann_whitney(x: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], y: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], alternative: str = 'two-sided', method: str = 'auto', continuity: bool = True, n_resamples: int = 9999, seed: int = 0, threads: int = 0) -> TestResult:
    """
    Mann–Whitney U test of x against y (statistic: U of x, as scipy).
    """
def mann_whitney_null(n1: typing.SupportsInt | typing.SupportsIndex, n2: typing.SupportsInt | typing.SupportsIndex) -> SymmetricNull:
    """
    Exact null distribution of the Mann–Whitney U without ties.
    """
def modes(xs: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], lo: typing.SupportsInt | typing.SupportsIndex, hi: typing.SupportsInt | typing.SupportsIndex) -> list[int]:
    """
    Every most-common level, ascending (ties reported, never broken).
    """
def parse_quantile_method(name: str) -> QuantileMethod:
    ...
def permutation_pvalue(null_distribution: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], observed: typing.SupportsFloat | typing.SupportsIndex, alternative: str, exact: bool) -> float:
    """
    scipy.stats.permutation_test's p-value of `observed` against a null distribution.
    """
def permutation_test(samples: collections.abc.Sequence[typing.Annotated[numpy.typing.ArrayLike, numpy.float64]], statistic: str = 'mean', permutation_type: str = 'independent', p: typing.SupportsFloat | typing.SupportsIndex = 0.5, quantile_method: str = 'linear', threshold: typing.SupportsFloat | typing.SupportsIndex | None = None, tie_policy: str = 'lowest', alternative: str = 'two-sided', method: str = 'auto', n_resamples: int = 9999, seed: int = 0, threads: int = 0, max_exact: int = 16777216) -> PermutationResult:
    """
    Permutation test of a named statistic: relabelling two groups, or sign flips of paired differences.
    """
def plan_bootstrap(samples: collections.abc.Sequence[typing.Annotated[numpy.typing.ArrayLike, numpy.float64]], paired: bool, n_resamples: int, confidence_level: typing.SupportsFloat | typing.SupportsIndex, method: str, alternative: str, resampling: str, scale: tuple[typing.SupportsInt | typing.SupportsIndex, typing.SupportsInt | typing.SupportsIndex] | None = None) -> list[int]:
    """
    For a callable statistic: the bootstrap's checks of options and samples, and the sizes to resample.
    """
def plan_permutation(samples: collections.abc.Sequence[typing.Annotated[numpy.typing.ArrayLike, numpy.float64]], permutation_type: str, alternative: str, method: str, n_resamples: int, max_exact: int) -> tuple[bool, int]:
    """
    For a callable statistic: the permutation test's checks, and (exact, arrangements to evaluate).
    """
def probability_of_superiority(x: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], y: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], confidence_level: typing.SupportsFloat | typing.SupportsIndex = 0.95) -> Estimate:
    """
    P(X > Y) + 1/2 P(X = Y) with the Brunner-Munzel t interval.
    """
def quantile(xs: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], p: typing.SupportsFloat | typing.SupportsIndex, lo: typing.SupportsInt | typing.SupportsIndex, hi: typing.SupportsInt | typing.SupportsIndex, method: QuantileMethod = QuantileMethod.linear) -> float:
    """
    Quantile computed from the counts; methods and results as numpy.quantile.
    """
def relabellings(nx: typing.SupportsInt | typing.SupportsIndex, ny: typing.SupportsInt | typing.SupportsIndex, exact: bool, seed: int, begin: typing.SupportsInt | typing.SupportsIndex, end: typing.SupportsInt | typing.SupportsIndex, threads: int = 0) -> typing.Annotated[numpy.typing.NDArray[numpy.int64], "[m, n]"]:
    """
    Rows of pooled indices, x's members first, for arrangements [begin, end).
    """
def sign_flips(d: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], exact: bool, seed: int, begin: typing.SupportsInt | typing.SupportsIndex, end: typing.SupportsInt | typing.SupportsIndex, threads: int = 0) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
    """
    Rows of signs (+1/-1, in d's order) for arrangements [begin, end).
    """
def sign_test(x: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], y: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None, mu: typing.SupportsFloat | typing.SupportsIndex = 0.0, alternative: str = 'two-sided', method: str = 'exact') -> TestResult:
    """
    Sign test that the median of x (or of x - y) is mu.
    """
def signed_rank_null(n: typing.SupportsInt | typing.SupportsIndex) -> SymmetricNull:
    """
    Exact null distribution of the Wilcoxon signed-rank T+ without ties or zeros.
    """
def summarise(xs: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], lo: typing.SupportsInt | typing.SupportsIndex, hi: typing.SupportsInt | typing.SupportsIndex, method: QuantileMethod = QuantileMethod.linear) -> OrdinalSummary:
    ...
def wilcoxon(x: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], y: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None, zero_method: str = 'wilcox', correction: bool = False, alternative: str = 'two-sided', method: str = 'auto', n_resamples: int = 9999, seed: int = 0, threads: int = 0) -> TestResult:
    """
    Wilcoxon signed-rank test of the differences x (or x - y) against zero.
    """
