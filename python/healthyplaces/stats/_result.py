"""Result classes shared by the tests, effect sizes and resampling routines: they behave like scipy's.

``res.statistic`` and ``res.pvalue`` read as in scipy, ``stat, p = res`` unpacks, ``res.confidence_interval()``
returns a :class:`~healthyplaces._result.ConfidenceInterval`, ``res.to_frame()`` gives a one-row DataFrame,
``res.summary()`` a table for people and notebooks show it as HTML (docs/conventions.md, "Results").
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from typing import Any, Iterator, Sequence, Union

import numpy as np
import pandas as pd

from .. import _core
from .._result import ConfidenceInterval, Result, Summary, field_table, fmt_int, fmt_pvalue

ArrayLike = Union[Sequence[float], np.ndarray, pd.Series]

__all__ = ["ConfidenceInterval", "EstimateResult", "TestResult", "fast_sample", "sample"]

def sample(xs: ArrayLike, name: str = "x", nan_policy: str = "raise") -> np.ndarray:
    """A 1-D float64 array from a list, numpy array or pandas Series (pd.NA becomes NaN).

    ``nan_policy``: "raise" (a DataError naming the first missing position) or "omit" (drop them).
    Arrays that are already contiguous float64 are not copied.
    """
    if isinstance(xs, pd.Series):
        xs = xs.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    arr = np.ascontiguousarray(xs, dtype=np.float64)
    if arr.ndim != 1:
        raise _core.DataError(f"{name}: expected a one-dimensional sequence, got shape {arr.shape}")
    if nan_policy not in ("raise", "omit"):
        raise _core.DomainError(f"unknown nan_policy '{nan_policy}': use 'raise' or 'omit'")
    mask = np.isnan(arr)
    if mask.any():
        if nan_policy == "raise":
            i = int(np.flatnonzero(mask)[0])
            raise _core.DataError(
                f"{name}: missing value (NaN) at position {i}; drop it, or pass nan_policy='omit'")
        arr = arr[~mask]
    return arr


_ndarray = np.ndarray
_float64 = np.dtype(np.float64)


def fast_sample(xs: ArrayLike, name: str, nan_policy: str) -> np.ndarray:
    """``sample()``, except that a contiguous 1-D float64 array under nan_policy="raise" — what pipelines pass —
    goes to C++ untouched (about 2 µs a sample saved per call). Only for core functions that check for NaN
    themselves and name the sample and position."""
    if (type(xs) is _ndarray and xs.dtype == _float64 and xs.ndim == 1 and nan_policy == "raise"
            and xs.flags.c_contiguous):
        return xs
    return sample(xs, name, nan_policy)


def _fmt(v: Any) -> str:
    if isinstance(v, (float, np.floating)):
        return "nan" if math.isnan(v) else f"{v:.6g}"
    if isinstance(v, (np.integer,)):
        return str(int(v))
    return repr(v)


_NAN = float("nan")
# what a summary is headed with: the test or estimate in words (the result's name stays scipy's)
_TITLES = {"MannwhitneyuResult": "Mann–Whitney U test", "WilcoxonResult": "Wilcoxon signed-rank test",
           "SignTestResult": "Sign test", "KruskalResult": "Kruskal–Wallis H test",
           "BrunnerMunzelResult": "Brunner–Munzel test", "PermutationTestResult": "Permutation test",
           "WaldTestResult": "Wald test", "HodgesLehmannResult": "Hodges–Lehmann estimate",
           "CliffsDeltaResult": "Cliff's delta", "ProbabilityOfSuperiorityResult": "Probability of superiority",
           "BootstrapResult": "Bootstrap confidence interval"}
_FORMATS = {"pvalue": fmt_pvalue, "n": fmt_int, "n_resamples": fmt_int,
            "confidence_level": lambda v: f"{100 * float(v):g}%"}


def _scalar(v: Any) -> bool:
    return v is not None and not isinstance(v, (np.ndarray, list, tuple)) and not (
        isinstance(v, float) and math.isnan(v))


def same_value(a: Any, b: Any) -> bool:
    """Equal field values, arrays element by element and NaN equal to NaN (so a pickled result equals itself)."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        if a is None or b is None:
            return False
        x, y = np.asarray(a), np.asarray(b)
        return x.shape == y.shape and bool(np.array_equal(x, y, equal_nan=x.dtype.kind == "f"))
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return bool(a == b)


class _Fields(Result):
    """What the stats results share: one row of named scalars, shown in a fixed order."""

    name: str
    _hidden: tuple[str, ...] = ("name",)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(same_value(getattr(self, f.name), getattr(other, f.name))
                   for f in fields(self) if f.compare)  # type: ignore[arg-type]

    __hash__ = None  # type: ignore[assignment]

    def _scalars(self) -> dict[str, Any]:
        """The fields that apply (NaN and None left out, as are arrays), in declaration order."""
        out: dict[str, Any] = {}
        for f in fields(self):  # type: ignore[arg-type]
            if f.name in self._hidden or f.name.startswith("_"):
                continue
            v = getattr(self, f.name)
            if _scalar(v):
                out[f.name] = v
        return out

    def to_frame(self) -> pd.DataFrame:
        """One row, one column per field that applies (arrays such as the bootstrap distribution left out).

        Returns
        -------
        pandas.DataFrame
            A single row.
        """
        return pd.DataFrame([self._scalars()])

    def summary(self) -> Summary:
        """The fields as a two-column table, numbers formatted for people.

        Returns
        -------
        healthyplaces._result.Summary
            ``print(res.summary())`` shows it as text; notebooks show it as HTML.
        """
        shown = self._scalars()
        return Summary.of(_TITLES.get(self.name, self.name), field_table(list(shown.items())), formats=_FORMATS)

    def __repr__(self) -> str:
        return f"{self.name}(" + ", ".join(f"{k}={_fmt(v)}" for k, v in self._scalars().items()) + ")"


@dataclass(eq=False, repr=False)
class TestResult(_Fields):
    """A hypothesis test, shaped like scipy's results: ``statistic, pvalue = res``.

    ``alternative`` and ``method`` say what was tested and how, ``n`` how many observations were used; ``df``,
    ``zstatistic`` (normal approximations), ``estimate`` (Brunner-Munzel's p-hat), ``null_distribution`` and
    ``exact`` (permutation tests) are set by the tests that define them and are NaN or None otherwise. ``name``
    names the test's result as scipy would (``"MannwhitneyuResult"``).

    Examples
    --------
    >>> import healthyplaces as hp
    >>> res = hp.stats.mannwhitneyu([19, 22, 16, 29, 24], [20, 11, 17, 12], method="exact")
    >>> stat, p = res
    >>> stat, round(p, 4)
    (17.0, 0.1111)
    >>> res.to_frame().columns[:4].tolist()
    ['statistic', 'pvalue', 'alternative', 'method']
    """

    __test__ = False  # not a pytest class

    statistic: float
    pvalue: float
    alternative: str = "two-sided"
    method: str = ""
    n: int = 0
    df: float = _NAN
    zstatistic: float = _NAN
    estimate: float = _NAN
    null_distribution: np.ndarray | None = None
    exact: bool | None = None
    name: str = "TestResult"

    @classmethod
    def from_core(cls, name: str, core: Any, **extra: Any) -> "TestResult":
        """A result from the compiled ``_core.stats.TestResult`` (and what the test adds).

        Parameters
        ----------
        name
            The result's name, as scipy's (``"WilcoxonResult"``).
        core
            The compiled result.
        **extra
            Fields the test adds (``estimate``, ``null_distribution``, ...).

        Returns
        -------
        TestResult
        """
        return cls(statistic=core.statistic, pvalue=core.pvalue, alternative=core.alternative, method=core.method,
                   n=int(core.n), df=core.df, zstatistic=core.zstatistic, name=name, **extra)

    def __iter__(self) -> Iterator[float]:
        # scipy's results unpack as (statistic, pvalue)
        return iter((self.statistic, self.pvalue))

    def __getitem__(self, i: int) -> float:
        return (self.statistic, self.pvalue)[i]

    def __len__(self) -> int:
        return 2


@dataclass(eq=False, repr=False)
class EstimateResult(_Fields):
    """An estimate with its confidence interval: ``estimate`` (also ``statistic``), ``confidence_interval()``,
    ``confidence_level``, ``method``, ``n`` and, where defined, ``standard_error`` and ``rank_biserial``
    (Cliff's delta).

    Examples
    --------
    >>> import healthyplaces as hp
    >>> res = hp.stats.hodges_lehmann([1, 2, 3, 4, 5], [6, 7, 8, 9, 10])
    >>> res.estimate, res.confidence_interval()
    (-5.0, ConfidenceInterval(low=-8.0, high=-2.0))
    """

    estimate: float
    ci_low: float
    ci_high: float
    confidence_level: float = 0.95
    method: str = ""
    n: int = 0
    standard_error: float = _NAN
    rank_biserial: float = _NAN
    name: str = "EstimateResult"
    #: How to compute the interval again at another level: (routine of hp.stats, samples, keyword options).
    _rerun: tuple[str, tuple[Any, ...], dict[str, Any]] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_core(cls, name: str, core: Any, **extra: Any) -> "EstimateResult":
        """A result from the compiled ``_core.stats.Estimate``.

        Parameters
        ----------
        name
            The result's name (``"CliffsDeltaResult"``).
        core
            The compiled estimate.
        **extra
            Fields the routine adds (``rank_biserial``).

        Returns
        -------
        EstimateResult
        """
        return cls(estimate=core.estimate, ci_low=core.ci_low, ci_high=core.ci_high,
                   confidence_level=core.confidence_level, method=core.method, n=int(core.n),
                   standard_error=core.standard_error, name=name, **extra)

    @property
    def statistic(self) -> float:
        """The estimate (scipy's name for it)."""
        return self.estimate

    def confidence_interval(self, confidence_level: float | None = None) -> ConfidenceInterval:
        """The interval, at the level it was computed at or another one.

        Parameters
        ----------
        confidence_level
            ``None`` (or the level of the result): the interval computed. Another level is computed again from
            the samples the result keeps (the same numbers as a fresh call at that level).

        Returns
        -------
        ConfidenceInterval
            ``low, high = res.confidence_interval()``.

        Examples
        --------
        >>> import healthyplaces as hp
        >>> res = hp.stats.hodges_lehmann([1, 2, 3, 4, 5], [6, 7, 8, 9, 10])
        >>> res.confidence_interval()
        ConfidenceInterval(low=-8.0, high=-2.0)
        >>> res.confidence_interval(0.8)
        ConfidenceInterval(low=-7.0, high=-3.0)
        """
        if confidence_level is None or confidence_level == self.confidence_level:
            return ConfidenceInterval(self.ci_low, self.ci_high)
        _core.stats.check_confidence_level(confidence_level)
        if self._rerun is None:
            raise _core.DomainError(
                f"{self.name} was computed at confidence_level={self.confidence_level:g} without keeping what it "
                f"needs for another level; call the function again with confidence_level={confidence_level:g}")
        from .. import stats

        routine, samples, options = self._rerun
        again = getattr(stats, routine)(*samples, confidence_level=confidence_level, **options)
        return ConfidenceInterval(again.ci_low, again.ci_high)
