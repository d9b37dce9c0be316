"""General numerics below the domain boxes: least squares with statsmodels' covariances (classical, HC1,
cluster-robust CR1), weighted logit by IRLS, quadratic programmes on the probability simplex.

C++: ``hp::numerics`` (include/healthyplaces/numerics/) computes; this package presents the fits as typed results
(docs/conventions.md, "Results"). The evaluation box builds difference-in-differences, Callaway-Sant'Anna and
synthetic control on these; they are public for analysts who want the engine itself.

>>> import numpy as np, healthyplaces as hp
>>> fit = hp.numerics.ols(np.column_stack([np.ones(4), [0., 1, 2, 3]]), np.array([1., 3, 5, 7]), ["const", "x"])
>>> [round(float(b), 12) for b in fit.params]
[1.0, 2.0]
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Sequence

import numpy as np
import pandas as pd

from .. import _core
from .._result import ConfidenceInterval, Result, Summary, field_table, fmt_int, fmt_number, fmt_pvalue
from ..stats import TestResult


class _Equal(Result):
    """Equality field by field, arrays element-wise (a pickled result equals itself)."""

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(_same(getattr(self, f.name), getattr(other, f.name)) for f in fields(self))  # type: ignore[arg-type]

    __hash__ = None  # type: ignore[assignment]


def _same(a: object, b: object) -> bool:
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.shape == b.shape and bool(np.array_equal(a, b, equal_nan=True))
    if isinstance(a, float) and isinstance(b, float) and a != a and b != b:
        return True
    return bool(a == b)


if TYPE_CHECKING:  # matplotlib is imported when a chart is first drawn, not with healthyplaces
    import matplotlib.figure
    from matplotlib.axes import Axes

__all__ = ["OlsFit", "SimplexQPResult", "critical_value", "logit", "ols", "simplex_least_squares", "simplex_qp"]

_N = _core.numerics


def _array(a: object) -> np.ndarray:
    return np.array(a, dtype=float)


@dataclass(eq=False)
class OlsFit(_Equal):
    """A least-squares fit with statsmodels' numbers: one row per term in :meth:`to_frame`.

    ``params``, ``bse``, ``statistic`` (t or z), ``pvalues``, ``ci_low``/``ci_high`` (at ``confidence_level``)
    are arrays in the order of ``names``; ``cov`` is the coefficients' covariance (``cov_type``: nonrobust, HC1
    or cluster), ``df`` the reference's degrees of freedom (infinity for the normal).

    Examples
    --------
    >>> import numpy as np, healthyplaces as hp
    >>> X = np.column_stack([np.ones(5), [0., 1, 2, 3, 4]])
    >>> fit = hp.numerics.ols(X, np.array([1., 3.1, 4.9, 7.2, 8.8]), ["const", "x"])
    >>> fit.to_frame().loc["x", "coef"].round(3)
    np.float64(1.97)
    >>> low, high = fit.confidence_interval()
    """

    names: list[str]
    params: np.ndarray
    bse: np.ndarray
    statistic: np.ndarray
    pvalues: np.ndarray
    ci_low: np.ndarray
    ci_high: np.ndarray
    cov: np.ndarray = field(repr=False)
    residuals: np.ndarray = field(repr=False)
    n_obs: int
    n_params: int
    n_clusters: int
    df_resid: float
    df: float
    ssr: float
    cov_type: str
    use_t: bool
    confidence_level: float

    @classmethod
    def _of(cls, fit: _core.numerics.OlsFit) -> "OlsFit":
        return cls(names=list(fit.names), params=_array(fit.params), bse=_array(fit.bse),
                   statistic=_array(fit.statistic), pvalues=_array(fit.pvalues), ci_low=_array(fit.ci_low),
                   ci_high=_array(fit.ci_high), cov=_array(fit.cov), residuals=_array(fit.residuals),
                   n_obs=int(fit.n_obs), n_params=int(fit.n_params), n_clusters=int(fit.n_clusters),
                   df_resid=float(fit.df_resid), df=float(fit.df), ssr=float(fit.ssr), cov_type=str(fit.cov_type),
                   use_t=bool(fit.use_t), confidence_level=float(fit.confidence_level))

    def _index(self, term: str | int) -> int:
        if isinstance(term, str):
            if term not in self.names:
                raise _core.DomainError(f"no term '{term}' in the fit; terms: {', '.join(self.names)}")
            return self.names.index(term)
        return int(term)

    def confidence_interval(self, confidence_level: float | None = None, term: str | int = -1) -> ConfidenceInterval:
        """The interval of one coefficient (by default the last term, the one a model usually adds).

        Parameters
        ----------
        confidence_level
            ``None``: the level of the fit; another level is recomputed from the estimate, its standard error
            and the reference distribution.
        term
            A term's name or index.

        Returns
        -------
        ConfidenceInterval

        Examples
        --------
        >>> import numpy as np, healthyplaces as hp
        >>> X = np.column_stack([np.ones(5), [0., 1, 2, 3, 4]])
        >>> fit = hp.numerics.ols(X, np.array([1., 3.1, 4.9, 7.2, 8.8]), ["const", "x"])
        >>> [round(v, 3) for v in fit.confidence_interval(term="x")]
        [1.795, 2.145]
        """
        i = self._index(term)
        if confidence_level is None:
            return ConfidenceInterval(float(self.ci_low[i]), float(self.ci_high[i]))
        half = critical_value(confidence_level, self.df) * float(self.bse[i])
        return ConfidenceInterval(float(self.params[i]) - half, float(self.params[i]) + half)

    def wald_test(self, terms: Sequence[str | int]) -> TestResult:
        """Joint test that the coefficients ``terms`` are all zero: F on (q, df) with ``use_t``, else
        chi-square(q), as statsmodels' ``wald_test(..., scalar=True)``.

        Parameters
        ----------
        terms
            Names or indices of the coefficients.

        Returns
        -------
        TestResult
            ``statistic`` (F or chi-square), ``pvalue``; ``df`` is the denominator's degrees of freedom.

        Examples
        --------
        >>> import numpy as np, healthyplaces as hp
        >>> X = np.column_stack([np.ones(5), [0., 1, 2, 3, 4]])
        >>> fit = hp.numerics.ols(X, np.array([1., 3.1, 4.9, 7.2, 8.8]), ["const", "x"])
        >>> fit.wald_test(["x"]).pvalue < 0.001
        True
        """
        idx = [self._index(t) for t in terms]
        stat, p, df_num, df_denom, is_f = _N.wald_test(self.params, self.cov, idx, self.df, self.use_t)
        what = f"F({df_num:g}, {df_denom:g})" if is_f else f"chi-square({df_num:g})"
        return TestResult(statistic=stat, pvalue=p, method=f"Wald test, {what}", n=self.n_obs,
                          df=df_denom if is_f else float("nan"), name="WaldTestResult")

    def to_frame(self) -> pd.DataFrame:
        """One row per term: coef, std_err, statistic, pvalue, ci_low, ci_high.

        Returns
        -------
        pandas.DataFrame
            Indexed by term name.

        Examples
        --------
        >>> import numpy as np, healthyplaces as hp
        >>> fit = hp.numerics.ols(np.column_stack([np.ones(4), [0., 1, 2, 3]]), np.array([1., 3, 5, 7.5]),
        ...                       ["const", "x"])
        >>> fit.to_frame().columns.tolist()
        ['coef', 'std_err', 'statistic', 'pvalue', 'ci_low', 'ci_high']
        """
        return pd.DataFrame({"coef": self.params, "std_err": self.bse, "statistic": self.statistic,
                             "pvalue": self.pvalues, "ci_low": self.ci_low, "ci_high": self.ci_high},
                            index=pd.Index(self.names, name="term"))

    def summary(self) -> Summary:
        """The coefficient table and the fit's facts, as statsmodels' summary.

        Returns
        -------
        healthyplaces._result.Summary

        Examples
        --------
        >>> import numpy as np, healthyplaces as hp
        >>> fit = hp.numerics.ols(np.column_stack([np.ones(4), [0., 1, 2, 3]]), np.array([1., 3, 5, 7.5]),
        ...                       ["const", "x"])
        >>> "coef" in str(fit.summary())
        True
        """
        ref = f"t({fmt_number(self.df)})" if self.use_t and np.isfinite(self.df) else "normal"
        facts = [("observations", self.n_obs), ("terms (absorbed included)", self.n_params),
                 ("covariance", self.cov_type), ("reference", ref),
                 ("confidence level", f"{self.confidence_level:.0%}"), ("residual sum of squares", self.ssr)]
        if self.n_clusters:
            facts.insert(1, ("clusters", self.n_clusters))
        s = Summary("Least squares", formats={"pvalue": fmt_pvalue, "observations": fmt_int, "clusters": fmt_int})
        s.add("", self.to_frame())
        s.add("", field_table(facts))
        return s

    def plot(self, ax: Axes | None = None) -> matplotlib.figure.Figure:
        """Each coefficient with its confidence interval (a coefficient plot), zero marked.

        Parameters
        ----------
        ax
            Axes to draw on; ``None`` for a new figure.

        Returns
        -------
        matplotlib.figure.Figure

        Examples
        --------
        >>> import numpy as np, healthyplaces as hp
        >>> fit = hp.numerics.ols(np.column_stack([np.ones(4), [0., 1, 2, 3]]), np.array([1., 3, 5, 7.5]),
        ...                       ["const", "x"])
        >>> fig = fit.plot()
        """
        k = len(self.names)
        from .. import _figure

        fig, ax = _figure.axes(ax, height=max(2.4, 0.9 + 0.35 * k))
        y = np.arange(k)
        ax.errorbar(self.params, y, xerr=[self.params - self.ci_low, self.ci_high - self.params], fmt="o",
                    color=_figure.PALETTE[0], capsize=3)
        ax.axvline(0, color=_figure.GREY, linewidth=0.8)
        ax.set_yticks(y, self.names)
        ax.invert_yaxis()
        ax.set_xlabel(f"coefficient, with {self.confidence_level:.0%} interval (units of y per unit of the term)")
        ax.set_ylabel("term")
        return fig


@dataclass(eq=False)
class SimplexQPResult(_Equal):
    """The minimiser ``w`` of a quadratic on the probability simplex (w >= 0, sum 1), with the objective, the
    multiplier of the sum constraint, the KKT residual and whether the active set converged.

    Examples
    --------
    >>> import numpy as np, healthyplaces as hp
    >>> r = hp.numerics.simplex_least_squares(np.eye(3), np.array([0.2, 0.3, 0.5]))
    >>> r.w.round(6).tolist(), r.converged
    ([0.2, 0.3, 0.5], True)
    """

    w: np.ndarray
    objective: float
    multiplier: float
    kkt_residual: float
    iterations: int
    converged: bool

    @classmethod
    def _of(cls, r: _core.numerics.SimplexQPResult) -> "SimplexQPResult":
        return cls(w=_array(r.w), objective=float(r.objective), multiplier=float(r.multiplier),
                   kkt_residual=float(r.kkt_residual), iterations=int(r.iterations), converged=bool(r.converged))

    def to_frame(self) -> pd.DataFrame:
        """One row per coordinate of ``w``.

        Returns
        -------
        pandas.DataFrame
            Columns ``index`` and ``weight``.

        Examples
        --------
        >>> import numpy as np, healthyplaces as hp
        >>> hp.numerics.simplex_least_squares(np.eye(2), np.array([0.5, 0.5])).to_frame().weight.tolist()
        [0.5, 0.5]
        """
        return pd.DataFrame({"index": np.arange(len(self.w)), "weight": self.w})

    def summary(self) -> Summary:
        """The solver's facts, then the weights.

        Returns
        -------
        healthyplaces._result.Summary

        Examples
        --------
        >>> import numpy as np, healthyplaces as hp
        >>> print(hp.numerics.simplex_least_squares(np.eye(2), np.array([0.5, 0.5])).summary().title)
        Quadratic programme on the simplex
        """
        facts = [("objective", self.objective), ("multiplier", self.multiplier),
                 ("KKT residual", self.kkt_residual), ("iterations", self.iterations), ("converged", self.converged)]
        s = Summary("Quadratic programme on the simplex", formats={"iterations": fmt_int})
        s.add("", field_table(facts))
        s.add("weights", self.to_frame().set_index("index"))
        return s


def ols(X: np.ndarray, y: np.ndarray, names: Sequence[str], cov_type: str = "nonrobust", use_t: bool = True,
        confidence_level: float = 0.95, clusters: np.ndarray | None = None) -> OlsFit:
    """Least squares of y on the columns of X, with statsmodels' numbers.

    Parameters
    ----------
    X
        The design matrix, one row per observation (add a column of ones for an intercept).
    y
        The outcome.
    names
        One name per column of X.
    cov_type
        ``"nonrobust"`` (sigma^2 (X'X)^-1), ``"HC1"`` (White's, N/(N-K) corrected) or ``"cluster"`` (CR1, needs
        ``clusters``).
    use_t
        Student t with N-K (G-1 with clusters) degrees of freedom, else the normal.
    confidence_level
        The level of ``ci_low``/``ci_high``.
    clusters
        One integer cluster code per row (for ``cov_type="cluster"``).

    Returns
    -------
    OlsFit

    Examples
    --------
    >>> import numpy as np, healthyplaces as hp
    >>> fit = hp.numerics.ols(np.column_stack([np.ones(4), [0., 1, 2, 3]]), np.array([1., 3, 5, 7]),
    ...                       ["const", "x"])
    >>> [round(float(b), 12) for b in fit.params]
    [1.0, 2.0]
    """
    codes = None if clusters is None else np.ascontiguousarray(clusters, dtype=np.int64)
    return OlsFit._of(_N.ols(np.asarray(X, dtype=float), np.asarray(y, dtype=float), list(names), cov_type, use_t,
                             confidence_level, codes))


def critical_value(confidence_level: float, df: float) -> float:
    """The two-sided critical value of Student's t with ``df`` degrees of freedom (the normal for ``df = inf``).

    Parameters
    ----------
    confidence_level
        In (0, 1).
    df
        Degrees of freedom; ``float("inf")`` for the normal.

    Returns
    -------
    float

    Examples
    --------
    >>> import healthyplaces as hp
    >>> round(hp.numerics.critical_value(0.95, float("inf")), 4)
    1.96
    """
    return float(_N.critical_value(confidence_level, df))


def logit(x: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, int]:
    """Weighted logistic regression by IRLS (the propensity score of ``att_gt``).

    Parameters
    ----------
    x
        Design matrix (add a column of ones for an intercept).
    y
        Outcomes, 0 or 1.
    weights
        Observation weights; ``None`` for equal weights.

    Returns
    -------
    tuple
        ``(coefficients, fitted probabilities, iterations)``.

    Examples
    --------
    >>> import numpy as np, healthyplaces as hp
    >>> x = np.column_stack([np.ones(6), [0., 1, 2, 3, 4, 5]])
    >>> coef, fitted, iterations = hp.numerics.logit(x, np.array([0., 0, 1, 0, 1, 1]))
    >>> bool(coef[1] > 0)
    True
    """
    coef, fitted, iterations = _N.logit(np.asarray(x, dtype=float), np.asarray(y, dtype=float),
                                        None if weights is None else np.asarray(weights, dtype=float))
    return np.asarray(coef), np.asarray(fitted), int(iterations)


def simplex_qp(H: np.ndarray, c: np.ndarray, tolerance: float = 1e-12) -> SimplexQPResult:
    """Minimise 0.5 w'Hw + c'w subject to w >= 0, sum(w) = 1 (H positive semidefinite), by an exact active set.

    Parameters
    ----------
    H
        Symmetric positive semidefinite matrix.
    c
        Linear term.
    tolerance
        Convergence tolerance of the KKT conditions.

    Returns
    -------
    SimplexQPResult

    Examples
    --------
    >>> import numpy as np, healthyplaces as hp
    >>> hp.numerics.simplex_qp(np.eye(2), np.array([0.0, -1.0])).w.round(6).tolist()
    [0.0, 1.0]
    """
    return SimplexQPResult._of(_N.simplex_qp(np.asarray(H, dtype=float), np.asarray(c, dtype=float), tolerance))


def simplex_least_squares(A: np.ndarray, b: np.ndarray) -> SimplexQPResult:
    """Minimise ||A w - b||^2 subject to w >= 0, sum(w) = 1 (synthetic control's weights).

    Parameters
    ----------
    A
        One column per candidate.
    b
        The target.

    Returns
    -------
    SimplexQPResult

    Examples
    --------
    >>> import numpy as np, healthyplaces as hp
    >>> hp.numerics.simplex_least_squares(np.eye(3), np.array([0.2, 0.3, 0.5])).w.round(6).tolist()
    [0.2, 0.3, 0.5]
    """
    return SimplexQPResult._of(_N.simplex_least_squares(np.asarray(A, dtype=float), np.asarray(b, dtype=float)))
