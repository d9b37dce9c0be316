"""
General numerics: least squares with statsmodels' covariances, weighted logit, quadratic programmes on the simplex.
"""
from __future__ import annotations
import collections.abc
import numpy
import numpy.typing
import typing
__all__: list[str] = ['OlsFit', 'SimplexQPResult', 'critical_value', 'logit', 'ols', 'simplex_least_squares', 'simplex_qp', 'wald_test']
class OlsFit:
    """
    Least squares with classical, HC1 or cluster-robust (CR1) covariance, numbers as statsmodels' OLS.
    """
    def wald_test(self, terms: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]) -> tuple[float, float, float, float, bool]:
        """
        Joint test that the coefficients (indices) are zero: (statistic, pvalue, df_num, df_denom, is_f).
        """
    @property
    def bse(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
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
    def cov(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
        ...
    @property
    def cov_type(self) -> str:
        ...
    @property
    def df(self) -> float:
        ...
    @property
    def df_resid(self) -> float:
        ...
    @property
    def n_clusters(self) -> int:
        ...
    @property
    def n_obs(self) -> int:
        ...
    @property
    def n_params(self) -> int:
        ...
    @property
    def names(self) -> list[str]:
        ...
    @property
    def params(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def pvalues(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def residuals(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def ssr(self) -> float:
        ...
    @property
    def statistic(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
    @property
    def use_t(self) -> bool:
        ...
class SimplexQPResult:
    """
    Minimiser of a quadratic on the probability simplex.
    """
    @property
    def converged(self) -> bool:
        ...
    @property
    def iterations(self) -> int:
        ...
    @property
    def kkt_residual(self) -> float:
        ...
    @property
    def multiplier(self) -> float:
        ...
    @property
    def objective(self) -> float:
        ...
    @property
    def w(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        ...
def critical_value(confidence_level: typing.SupportsFloat | typing.SupportsIndex, df: typing.SupportsFloat | typing.SupportsIndex) -> float:
    """
    The two-sided critical value of Student's t with df degrees of freedom (the normal for df = inf).
    """
def logit(x: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"], y: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, 1]"], weights: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, 1]"] | None = None) -> tuple[typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"], typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"], int]:
    """
    Weighted logit by IRLS (the propensity score of att_gt): (coefficients, fitted, iterations).
    """
def ols(X: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"], y: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, 1]"], names: collections.abc.Sequence[str], cov_type: str = 'nonrobust', use_t: bool = True, confidence_level: typing.SupportsFloat | typing.SupportsIndex = 0.95, clusters: typing.Annotated[numpy.typing.ArrayLike, numpy.int64] | None = None) -> OlsFit:
    """
    Least squares of y on the columns of X (add a column of ones for an intercept), numbers as statsmodels' OLS.
    cov_type: 'nonrobust' (sigma^2 (X'X)^-1), 'HC1' (White's, N/(N-K) corrected) or 'cluster' (CR1, needs clusters=, one code per row). use_t: Student t with N-K (G-1 with clusters) degrees of freedom, else the normal. confidence_level: the level of ci_low/ci_high.
    """
def simplex_least_squares(A: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"], b: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, 1]"]) -> SimplexQPResult:
    """
    Minimise ||A w - b||^2 subject to w >= 0, sum(w) = 1.
    """
def simplex_qp(H: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"], c: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, 1]"], tolerance: typing.SupportsFloat | typing.SupportsIndex = 1e-12) -> SimplexQPResult:
    """
    Minimise 0.5 w'Hw + c'w subject to w >= 0, sum(w) = 1 (H positive semidefinite), by an exact active set.
    """
def wald_test(params: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, 1]"], cov: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"], terms: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], df: typing.SupportsFloat | typing.SupportsIndex, use_t: bool) -> tuple[float, float, float, float, bool]:
    """
    Joint Wald test that the coefficients (indices) are zero, from the estimates and their covariance: (statistic, pvalue, df_num, df_denom, is_f).
    """
