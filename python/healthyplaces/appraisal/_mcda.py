"""Multi-criteria analysis for what money cannot capture: SMAA-2 over the green paper's benefit areas and barriers
(or any criteria), with weights exact, as intervals, as a ranking, as linear constraints or missing, and the two
single-score methods (weighted sum, swing weights). The work is done by the C++ core (``hp::appraisal::smaa``,
``sample_weights``, ``weighted_sum``, ``swing_weights``); these wrappers convert tables and present results."""
from __future__ import annotations

import numbers
import textwrap
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping, Sequence

import numpy as np
import pandas as pd

from .. import _core, _figure
from .._result import Result, Summary, fmt_int, fmt_number, fmt_percent

if TYPE_CHECKING:  # matplotlib is imported when a chart is drawn, not on import
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["Criterion", "Performance", "SMAAResult", "WeightConstraint", "Weights", "WeightedSumResult",
           "green_paper_criteria", "sample_weights", "smaa", "swing_weights", "weighted_sum"]

_ap = _core.appraisal
_DIRECTIONS = {"more is better": "more is better", "more": "more is better",
               "less is better": "less is better", "less": "less is better"}


@dataclass(frozen=True)
class Criterion:
    """One criterion of a multi-criteria analysis.

    Parameters
    ----------
    name : str
        The criterion's name (a column of the performance table).
    direction : {"more is better", "less is better"}
        A benefit (more is better) or a barrier or cost (less is better); "more" and "less" are accepted.
    unit : str
        The unit of the performances (e.g. "score 0-10", "£m").
    worst, best : float, optional
        The partial value scale: value 0 at ``worst``, 1 at ``best``, linear between and beyond. None: the
        worst and best over every option's performances (points, range ends, samples, normal mean ± 3 sd).

    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.appraisal.Criterion("restructuring disruption", "less", "score 0-10").direction
    'less is better'
    """

    name: str
    direction: str = "more is better"
    unit: str = ""
    worst: float | None = None
    best: float | None = None

    def __post_init__(self) -> None:
        d = _DIRECTIONS.get(str(self.direction).strip().lower())
        if d is None:
            raise _core.DomainError(f"criterion {self.name!r}: direction must be 'more is better' or 'less is better', "
                                    f"got {self.direction!r}")
        object.__setattr__(self, "direction", d)

    def _row(self) -> tuple[str, str, str, float, float]:
        nan = float("nan")
        return (str(self.name), self.direction, str(self.unit), nan if self.worst is None else float(self.worst),
                nan if self.best is None else float(self.best))


def green_paper_criteria() -> list[Criterion]:
    """The green paper's own criteria: its three benefit areas and the barriers it names.

    Financial management, commissioning, and communications and coordination (more is better), and governance and
    finance issues, restructuring disruption and democratic accountability lost (less is better), each a judgement
    on a 0-10 scale (NLGN, *Healthy Places*, 2008).

    Returns
    -------
    list of Criterion

    Examples
    --------
    >>> import healthyplaces as hp
    >>> [c.name for c in hp.appraisal.green_paper_criteria()][:3]
    ['financial management', 'commissioning', 'communications and coordination']
    """
    return [Criterion(n, d, u) for n, d, u, _, _ in _ap.green_paper_criteria()]


@dataclass(frozen=True, eq=False)
class Performance:
    """An option's performance on a criterion when it is not a single number.

    Build with :meth:`range` (uniform on [low, high]), :meth:`normal` (mean, sd) or :meth:`samples` (draws from a
    model, e.g. a simulation: every samples cell of a table has the same number of draws and SMAA takes one draw
    index for all of them at once, so correlations across options and criteria are kept). A plain number is a
    point; a ``(low, high)`` tuple is a range.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.appraisal.Performance.normal(6, 1.5)
    Performance.normal(6.0, 1.5)
    """

    kind: str
    a: float = 0.0
    b: float = 0.0
    values: tuple[float, ...] = ()

    @classmethod
    def point(cls, value: float) -> Performance:
        """A known performance."""
        return cls("point", float(value))

    @classmethod
    def range(cls, low: float, high: float) -> Performance:
        """Uniform on [low, high]."""
        return cls("range", float(low), float(high))

    @classmethod
    def normal(cls, mean: float, sd: float) -> Performance:
        """Normal with this mean and standard deviation."""
        return cls("normal", float(mean), float(sd))

    @classmethod
    def samples(cls, values: Sequence[float] | np.ndarray) -> Performance:
        """A model's draws (one value per draw), resampled jointly with every other samples cell."""
        return cls("samples", values=tuple(float(x) for x in np.asarray(values, dtype=float).ravel()))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Performance):
            return NotImplemented
        return (self.kind, self.a, self.b, self.values) == (other.kind, other.a, other.b, other.values)

    def __hash__(self) -> int:
        return hash((self.kind, self.a, self.b, len(self.values)))

    def __repr__(self) -> str:
        if self.kind == "samples":
            return f"Performance.samples({len(self.values)} values)"
        if self.kind == "point":
            return f"Performance.point({self.a})"
        return f"Performance.{self.kind}({self.a}, {self.b})"

    def _cell(self) -> tuple[str, float, float, list[float]]:
        return (self.kind, self.a, self.b, list(self.values))


@dataclass(frozen=True)
class WeightConstraint:
    """A linear statement about the weights: Σ coefficient × weight <= bound (or >= with ``sense=">="``).

    Parameters
    ----------
    coefficients : dict of str to float
        Criterion name -> coefficient (criteria not named have 0).
    bound : float
        The right-hand side.
    sense : {"<=", ">="}
        The direction of the inequality.
    name : str
        A label for error messages (default: the constraint written out).

    Examples
    --------
    >>> import healthyplaces as hp
    >>> c = hp.appraisal.WeightConstraint({"commissioning": 1, "financial management": -2}, 0, name="fm at least half of commissioning")
    >>> c.sense
    '<='
    """

    coefficients: Mapping[str, float]
    bound: float
    sense: str = "<="
    name: str = ""

    def __post_init__(self) -> None:
        if self.sense not in ("<=", ">="):
            raise _core.DomainError(f"WeightConstraint {self.name or ''}: sense must be '<=' or '>=', got {self.sense!r}")


@dataclass(frozen=True)
class Weights:
    """Several statements about the weights at once (intervals, a ranking and linear constraints combine).

    Parameters
    ----------
    intervals : dict of str to (float, float), optional
        Criterion -> (lower, upper); criteria not named are free in [0, 1].
    ranking : sequence, optional
        Criteria, most important first; a list or tuple inside is a tie. Criteria not listed are unranked.
    constraints : sequence of WeightConstraint, optional
        Linear constraints.
    thinning : int
        Hit-and-run steps per sample; 0: (criteria − 1)³, at least 10.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> w = hp.appraisal.Weights(intervals={"commissioning": (0.2, 0.5)}, ranking=["commissioning", "financial management"])
    >>> w.thinning
    0
    """

    intervals: Mapping[str, tuple[float, float]] | None = None
    ranking: Sequence[Any] | None = None
    constraints: Sequence[WeightConstraint] | None = None
    thinning: int = 0


_NO_WEIGHTS: tuple[list[float], list[float], list[float], list[int], list[tuple[list[float], float, bool, str]]] = (
    [], [], [], [], [])


def _weight_args(weights: Any, names: list[str]) -> tuple[tuple[Any, ...], int, str]:
    """(exact, lower, upper, ranking, constraints), thinning and a description, from what the user said."""
    index = {n: j for j, n in enumerate(names)}

    def position(name: Any, what: str) -> int:
        if name not in index:
            raise _core.DomainError(f"weights: {what} names {name!r}, which is not a criterion ({', '.join(names)})")
        return index[name]

    def intervals(d: Mapping[str, Any]) -> tuple[list[float], list[float]]:
        lo, hi = [0.0] * len(names), [1.0] * len(names)
        for k, v in d.items():
            j = position(k, "an interval")
            try:
                lo[j], hi[j] = (float(x) for x in v)
            except (TypeError, ValueError):
                raise _core.DomainError(f"weights: the interval of {k!r} must be (lower, upper), got {v!r}") from None
        return lo, hi

    def ranking(seq: Sequence[Any]) -> list[int]:
        rank = [0] * len(names)
        for r, item in enumerate(seq, start=1):
            for name in (item if isinstance(item, (list, tuple)) else [item]):
                j = position(name, "the ranking")
                if rank[j]:
                    raise _core.DomainError(f"weights: the ranking names {name!r} twice")
                rank[j] = r
        return rank

    def constraints(seq: Sequence[WeightConstraint]) -> list[tuple[list[float], float, bool, str]]:
        out = []
        for c in seq:
            coef = [0.0] * len(names)
            for k, v in c.coefficients.items():
                coef[position(k, f"constraint {c.name or len(out) + 1}")] = float(v)
            out.append((coef, float(c.bound), c.sense == ">=", str(c.name)))
        return out

    if weights is None:
        return _NO_WEIGHTS, 0, "missing (uniform over all weights)"
    if isinstance(weights, Weights):
        lo, hi = intervals(weights.intervals) if weights.intervals else ([], [])
        rk = ranking(weights.ranking) if weights.ranking else []
        cs = constraints(weights.constraints) if weights.constraints else []
        return ([], lo, hi, rk, cs), int(weights.thinning), "combined statements (uniform over the weights they allow)"
    if isinstance(weights, Mapping):
        if all(isinstance(v, numbers.Real) for v in weights.values()):
            exact = [float("nan")] * len(names)
            for k, v in weights.items():
                exact[position(k, "the exact weights")] = float(v)
            if missing := [n for n, w in zip(names, exact) if np.isnan(w)]:
                raise _core.DomainError(f"weights: exact weights need every criterion; missing {missing}")
            return (exact, [], [], [], []), 0, "exact"
        lo, hi = intervals(weights)
        return ([], lo, hi, [], []), 0, "intervals (uniform within them)"
    if isinstance(weights, (list, tuple)):
        if weights and all(isinstance(c, WeightConstraint) for c in weights):
            return ([], [], [], [], constraints(weights)), 0, "linear constraints (uniform within them)"
        return ([], [], [], ranking(weights), []), 0, "a ranking of criteria (uniform over the ordered weights)"
    raise _core.DomainError("weights must be None (missing), a dict of exact weights or of (lower, upper) intervals, "
                            f"a ranking list, a list of WeightConstraint or a Weights, got {type(weights).__name__}")


def _criteria_of(criteria: Sequence[Criterion | str] | None, columns: Sequence[Any]) -> list[Criterion]:
    if criteria is None:
        known = {c.name: c for c in green_paper_criteria()}
        return [known.get(str(c), Criterion(str(c))) for c in columns]
    return [c if isinstance(c, Criterion) else Criterion(str(c)) for c in criteria]


def _table(performances: Any, criteria: Sequence[Criterion | str] | None) -> tuple[list[str], list[Criterion], list[list[tuple[Any, ...]]], pd.DataFrame]:
    if isinstance(performances, Mapping):
        performances = pd.DataFrame.from_dict(dict(performances), orient="index")
    if not isinstance(performances, pd.DataFrame):
        raise _core.DomainError("performances must be a DataFrame (options x criteria) or a dict "
                                f"{{option: {{criterion: performance}}}}, got {type(performances).__name__}")
    crits = _criteria_of(criteria, list(performances.columns))
    names = [c.name for c in crits]
    cols = [str(c) for c in performances.columns]
    if missing := [n for n in names if n not in cols]:
        raise _core.DomainError(f"performances: no column for criterion {missing[0]!r} (columns: {cols})")
    if extra := [c for c in cols if c not in names]:
        raise _core.DomainError(f"performances: column {extra[0]!r} is not one of the criteria {names}")
    frame = performances.copy()
    frame.columns = cols
    frame = frame[names]
    options = [str(o) for o in frame.index]
    if len(set(options)) != len(options):
        raise _core.DomainError("performances: option names must be distinct")
    cells = []
    for o, (_, row) in zip(options, frame.iterrows()):
        out = []
        for c, v in zip(names, row.tolist()):
            if isinstance(v, Performance):
                out.append(v._cell())
            elif isinstance(v, tuple) and len(v) == 2:
                out.append(Performance.range(*v)._cell())
            elif isinstance(v, numbers.Real):
                out.append(("point", float(v), 0.0, []))
            else:
                raise _core.DomainError(f"performances: option {o!r}, criterion {c!r}: a number, (low, high) or a "
                                        f"Performance, got {v!r}")
        cells.append(out)
    return options, crits, cells, frame


def _fixed3(v: Any) -> str:
    """Shares and values in [0, 1] to three decimals (never an exponent); – for NaN."""
    return "–" if v is None or (isinstance(v, float) and np.isnan(v)) else f"{float(v):.3f}"


def _criteria_back(rows: Sequence[tuple[str, str, str, float, float]]) -> list[Criterion]:
    return [Criterion(n, d, u, float(w), float(b)) for n, d, u, w, b in rows]


@dataclass(eq=False, repr=False)
class SMAAResult(Result):
    """SMAA-2's answer: how often each option ranks first, second, ..., over every weighting the statements allow.

    Returned by :func:`smaa`. :meth:`to_frame` is the rank acceptability table (options × ranks),
    :meth:`central_weights` the typical weights that make each option best, :meth:`confidence_factors` how often an
    option is best under its own central weights when performances vary, :meth:`summary` all of it in words and
    tables, and :meth:`plot` stacked rank-acceptability bars.

    Attributes
    ----------
    options : list of str
        The options, in the table's order.
    criteria : list of Criterion
        The criteria with the partial value scales used (``worst``, ``best``).
    rank_acceptability : numpy.ndarray
        b[i, r]: the share of draws where option i has rank r + 1.
    central_weight_values : numpy.ndarray
        Options × criteria: the mean weights over the draws where each option ranks first (NaN: never first).
    confidence_factor_values : numpy.ndarray
        Each option's confidence factor (NaN: never first).
    holistic_acceptability : numpy.ndarray
        Σ_r α_r b[i, r] with α_r = (m − r)/(m − 1).
    first_counts : numpy.ndarray
        Draws where each option ranked first.
    weights_description : str
        What was known of the weights.
    weight_method : str
        How weights were drawn: exact, dirichlet, ranking or hit_and_run.
    thinning : int
        Hit-and-run steps per sample (0 for the other methods).
    uncertain_performances : bool
        Whether any performance was a range, distribution or samples.
    n_sims, seed : int
        Draws and seed.

    Examples
    --------
    >>> import pandas as pd, healthyplaces as hp
    >>> perf = pd.DataFrame({"quality": [10, 4, 9], "reach": [2, 8, 4]}, index=["A", "B", "C"])
    >>> res = hp.appraisal.smaa(perf, n_sims=20_000, seed=1)
    >>> import numpy as np
    >>> bool(np.allclose(res.to_frame()["rank 1"], [1 / 3, 4 / 9, 2 / 9], atol=0.01))  # by hand
    True
    """

    options: list[str]
    criteria: list[Criterion]
    rank_acceptability: np.ndarray
    central_weight_values: np.ndarray
    confidence_factor_values: np.ndarray
    holistic_acceptability: np.ndarray
    first_counts: np.ndarray
    weights_description: str
    weight_method: str
    thinning: int
    uncertain_performances: bool
    n_sims: int
    seed: int
    performances: pd.DataFrame = field(repr=False)

    def to_frame(self) -> pd.DataFrame:
        """The rank acceptability indices: options × ranks.

        Returns
        -------
        pandas.DataFrame
            Indexed by option; columns ``rank 1`` ... ``rank m``: the share of draws where the option has that rank.

        Examples
        --------
        >>> import pandas as pd, healthyplaces as hp
        >>> res = hp.appraisal.smaa(pd.DataFrame({"q": [1, 2]}, index=["A", "B"]), n_sims=100)
        >>> res.to_frame().to_dict("index")
        {'A': {'rank 1': 0.0, 'rank 2': 1.0}, 'B': {'rank 1': 1.0, 'rank 2': 0.0}}
        """
        m = len(self.options)
        return pd.DataFrame(self.rank_acceptability, index=pd.Index(self.options, name="option"),
                            columns=[f"rank {r}" for r in range(1, m + 1)])

    def central_weights(self) -> pd.DataFrame:
        """The central weight vectors: the mean weights over the draws where each option ranks first.

        Returns
        -------
        pandas.DataFrame
            Options × criteria; an option never ranked first has NaN weights.

        Examples
        --------
        >>> import pandas as pd, healthyplaces as hp
        >>> perf = pd.DataFrame({"quality": [10, 4], "reach": [2, 8]}, index=["A", "B"])
        >>> hp.appraisal.smaa(perf, n_sims=20_000).central_weights().round(2).loc["A"].tolist()  # t on (1/2, 1]
        [0.75, 0.25]
        """
        return pd.DataFrame(self.central_weight_values, index=pd.Index(self.options, name="option"),
                            columns=[c.name for c in self.criteria])

    def confidence_factors(self) -> pd.Series:
        """Each option's confidence factor: the share of performance draws where it is first under its own central
        weights (1 or 0 when every performance is a point; NaN for an option never first).

        Returns
        -------
        pandas.Series

        Examples
        --------
        >>> import pandas as pd, healthyplaces as hp
        >>> perf = pd.DataFrame({"quality": [10, 4], "reach": [2, 8]}, index=["A", "B"])
        >>> hp.appraisal.smaa(perf, n_sims=1000).confidence_factors().tolist()
        [1.0, 1.0]
        """
        return pd.Series(self.confidence_factor_values, index=pd.Index(self.options, name="option"), name="confidence_factor")

    def sentence(self) -> str:
        """The answer in plain words, e.g. "Pooled budgets rank first in 62% of weightings".

        Returns
        -------
        str

        Examples
        --------
        >>> import pandas as pd, healthyplaces as hp
        >>> hp.appraisal.smaa(pd.DataFrame({"q": [1, 2]}, index=["A", "B"]), n_sims=100).sentence()
        'B ranks first in 100% of weightings.'
        """
        first = self.rank_acceptability[:, 0]
        order = np.argsort(-first, kind="stable")
        of = "of weightings and performance draws" if self.uncertain_performances else "of weightings"
        if self.weight_method == "exact":
            of = "of performance draws at the given weights" if self.uncertain_performances else "at the given weights"
        best = order[0]
        text = f"{self.options[best]} ranks first in {fmt_percent(first[best], 0)} {of}"
        if len(order) > 1 and first[order[1]] > 0:
            text += f"; {self.options[order[1]]} in {fmt_percent(first[order[1]], 0)}"
        return text + "."

    def summary(self) -> Summary:
        """The answer in words, then each option's acceptability and confidence, the rank acceptability table and
        the central weights.

        Returns
        -------
        Summary

        Examples
        --------
        >>> import pandas as pd, healthyplaces as hp
        >>> print(hp.appraisal.smaa(pd.DataFrame({"q": [1, 2]}, index=["A", "B"]), n_sims=100).summary())  # doctest: +ELLIPSIS
        SMAA-2: B ranks first in 100% of weightings.
        ...
        """
        pct = {f"rank {r}": fmt_percent for r in range(1, len(self.options) + 1)}
        table = pd.DataFrame({"first-rank acceptability": self.rank_acceptability[:, 0],
                              "holistic acceptability": self.holistic_acceptability,
                              "confidence factor": self.confidence_factor_values},
                             index=pd.Index(self.options, name="option"))
        formats: dict[str, Any] = {"first-rank acceptability": fmt_percent, "holistic acceptability": fmt_percent,
                                   "confidence factor": fmt_percent, **pct}
        formats.update({c.name: _fixed3 for c in self.criteria})
        out = Summary.of(f"SMAA-2: {self.sentence()}", table, formats=formats,
                         caption=f"{fmt_int(self.n_sims)} draws, seed {self.seed}; weights: {self.weights_description}")
        out.add("Rank acceptability: the share of draws where each option has each rank", self.to_frame())
        out.add("Central weights: the typical weights that make each option best (– : never best)",
                self.central_weights())
        scales = pd.DataFrame({"direction": [c.direction for c in self.criteria],
                               "unit": [c.unit for c in self.criteria],
                               "worst (value 0)": [c.worst for c in self.criteria],
                               "best (value 1)": [c.best for c in self.criteria]},
                              index=pd.Index([c.name for c in self.criteria], name="criterion"))
        out.add("Partial value scales (linear between worst and best)", scales)
        out.notes.append("SMAA-2 (Lahdelma and Salminen 2001): weights drawn uniformly from those the statements "
                         f"allow ({self.weight_method.replace('_', '-')}), performances from their ranges or "
                         "distributions; holistic acceptability weighs rank r by (m − r)/(m − 1). Monte Carlo "
                         f"error of an acceptability at most {100 * 0.5 / np.sqrt(self.n_sims):.2g} percentage points.")
        return out

    def plot(self, ax: Axes | None = None, title: str | None = None) -> Figure:
        """Stacked rank-acceptability bars: one bar per option, its share of draws at each rank.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Draw on these axes (default: a new figure).
        title : str, optional
            The chart's title (default: the plain-words answer).

        Returns
        -------
        matplotlib.figure.Figure
            Shown once in Jupyter, whether returned or assigned.

        Examples
        --------
        >>> import pandas as pd, healthyplaces as hp
        >>> fig = hp.appraisal.smaa(pd.DataFrame({"q": [1, 2]}, index=["A", "B"]), n_sims=100).plot()
        >>> fig.axes[0].get_xlabel()
        '% of draws (weightings and performances)'
        """
        m = len(self.options)
        fig, axis = _figure.axes(ax, width=8.0, height=max(2.5, 0.45 * m + 1.6))
        y = np.arange(m)[::-1]
        left = np.zeros(m)
        cmap = None
        if m > len(_figure.PALETTE):
            import matplotlib

            cmap = matplotlib.colormaps["viridis"]
        for r in range(m):
            colour = cmap(r / max(m - 1, 1)) if cmap is not None else _figure.PALETTE[r]
            axis.barh(y, self.rank_acceptability[:, r], left=left, color=colour, label=str(r + 1))
            left += self.rank_acceptability[:, r]
        axis.set_yticks(y, self.options)
        axis.set_xlim(0, 1)
        _figure.percent_axis(axis.xaxis, scale=1, decimals=0)
        axis.set_xlabel("% of draws (weightings and performances)")
        axis.set_title(title if title is not None else textwrap.fill(self.sentence(), 80), fontsize=10)
        # beside the bars (never over them, nor over the axis label)
        axis.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, title="rank")
        return fig

    def __repr__(self) -> str:
        return f"SMAAResult({len(self.options)} options, {len(self.criteria)} criteria, {self.n_sims} draws: " \
               f"{self.sentence()})"


def smaa(performances: pd.DataFrame | Mapping[str, Mapping[str, Any]], criteria: Sequence[Criterion | str] | None = None,
         weights: Any = None, n_sims: int = 10_000, seed: int = 0, threads: int = 0) -> SMAAResult:
    """SMAA-2: rank acceptabilities, central weights and confidence factors over every weighting the stakeholders'
    statements allow.

    Weights are drawn uniformly from the set the statements leave open: missing weights uniformly over all
    weights (Dirichlet(1)); a ranking uniformly over the ordered weights (sorted Dirichlet(1)); intervals and
    linear constraints by hit-and-run from the polytope's Chebyshev centre (Smith 1984). Performances are drawn
    from their ranges and distributions (samples jointly, one draw index for every samples cell). Options are
    ranked by the weighted sum of linear partial values (value 0 at a criterion's worst, 1 at its best); ties go to
    the option listed first. Draws come in blocks keyed by (seed, block): any ``threads`` gives the same numbers.

    Parameters
    ----------
    performances : DataFrame or dict
        Options (index) × criteria (columns); a cell is a number (a point), a ``(low, high)`` tuple (a range) or a
        :class:`Performance` (range, normal, samples). A dict ``{option: {criterion: cell}}`` works too.
    criteria : sequence of Criterion or str, optional
        The criteria in order (a str is a more-is-better criterion). None: the table's columns, those named like
        the green paper's criteria (:func:`green_paper_criteria`) taking its direction and unit.
    weights : None, dict, list or Weights
        None: nothing known; ``{criterion: weight}``: exact (summing to 1); ``{criterion: (lower, upper)}``:
        intervals; ``[most important, next, [tied, tied], ...]``: a ranking; a list of :class:`WeightConstraint`;
        or :class:`Weights` combining intervals, ranking and constraints.
    n_sims : int
        Draws, 1 to 10^9.
    seed : int
        Random seed.
    threads : int
        Worker threads (0: all cores); results do not depend on it.

    Returns
    -------
    SMAAResult

    Examples
    --------
    >>> import pandas as pd, healthyplaces as hp
    >>> perf = pd.DataFrame({"financial management": [6, 8, 3], "restructuring disruption": [3, 8, 1]},
    ...                     index=["pooled budgets (s75)", "full merger", "do minimum"])
    >>> res = hp.appraisal.smaa(perf, weights=["financial management", "restructuring disruption"], seed=1)
    >>> res.sentence()
    'full merger ranks first in 72% of weightings; pooled budgets (s75) in 28%.'
    """
    table, spec, described, frame = _smaa_inputs(performances, criteria, weights)
    d = _ap.smaa(*table, *spec, n_sims, seed, threads)
    return _smaa_result(d, table[0], described, n_sims, seed, frame)


def _smaa_inputs(performances: Any, criteria: Sequence[Criterion | str] | None,
                 weights: Any) -> tuple[tuple[Any, ...], tuple[Any, ...], str, pd.DataFrame]:
    """SMAA's C++ arguments (smaa's, and the sliced entry points hp.distributed uses): (options, criteria rows,
    cells), (exact, lower, upper, ranking, constraints, thinning), the weights' description and the table."""
    options, crits, cells, frame = _table(performances, criteria)
    (exact, lower, upper, ranking, cons), thinning, described = _weight_args(weights, [c.name for c in crits])
    return (options, [c._row() for c in crits], cells), (exact, lower, upper, ranking, cons, thinning), described, frame


def _smaa_result(d: Mapping[str, Any], options: list[str], described: str, n_sims: int, seed: int,
                 frame: pd.DataFrame) -> SMAAResult:
    """The SMAAResult of the C++ result's dict."""
    uncertain = not d["deterministic_performances"]
    return SMAAResult(options, _criteria_back(d["criteria"]), np.asarray(d["rank_acceptability"]),
                      np.asarray(d["central_weights"]), np.asarray(d["confidence_factors"]),
                      np.asarray(d["holistic_acceptability"]), np.asarray(d["first_counts"], dtype=np.int64),
                      described, str(d["weight_method"]), int(d["thinning"]), bool(uncertain), int(n_sims), int(seed),
                      frame)


def sample_weights(criteria: Sequence[Criterion | str], weights: Any = None, n_sims: int = 1000, seed: int = 0,
                   threads: int = 0) -> pd.DataFrame:
    """Weight vectors drawn as :func:`smaa` draws them (the same seed gives the weights SMAA used).

    Parameters
    ----------
    criteria : sequence of Criterion or str
        The criteria.
    weights : None, dict, list or Weights
        What is known of the weights, as in :func:`smaa`.
    n_sims : int
        Weight vectors to draw.
    seed : int
        Random seed.
    threads : int
        Worker threads (0: all cores); results do not depend on it.

    Returns
    -------
    pandas.DataFrame
        One row per draw, one column per criterion; each row sums to 1.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> w = hp.appraisal.sample_weights(["a", "b", "c"], weights=["a", "b", "c"], n_sims=1000)
    >>> bool((w["a"] >= w["b"]).all() and (w["b"] >= w["c"]).all())
    True
    """
    names = [c.name if isinstance(c, Criterion) else str(c) for c in criteria]
    (exact, lower, upper, ranking, cons), thinning, _ = _weight_args(weights, names)
    w = _ap.sample_weights(names, exact, lower, upper, ranking, cons, thinning, n_sims, seed, threads)
    return pd.DataFrame(w, columns=names)


@dataclass(eq=False, repr=False)
class WeightedSumResult(Result):
    """A single score per option: the weighted sum of linear partial values (a deterministic method: it shows no
    uncertainty; use :func:`smaa` to see how the ranking depends on the weights).

    Returned by :func:`weighted_sum`.

    Attributes
    ----------
    options : list of str
        The options.
    criteria : list of Criterion
        The criteria with the partial value scales used.
    weights : numpy.ndarray
        The weights (summing to 1).
    values : numpy.ndarray
        Partial values, options × criteria (0 at worst, 1 at best).
    scores : numpy.ndarray
        Σ weight × value per option.
    ranks : numpy.ndarray
        1 = the highest score (ties to the option listed first).
    method : str
        "weighted sum" or "swing weighting".

    Examples
    --------
    >>> import pandas as pd, healthyplaces as hp
    >>> perf = pd.DataFrame({"quality": [10, 4], "reach": [2, 8]}, index=["A", "B"])
    >>> hp.appraisal.weighted_sum(perf, {"quality": 0.3, "reach": 0.7}).scores.round(6).tolist()
    [0.3, 0.7]
    """

    options: list[str]
    criteria: list[Criterion]
    weights: np.ndarray
    values: np.ndarray
    scores: np.ndarray
    ranks: np.ndarray
    method: str = "weighted sum"

    def to_frame(self) -> pd.DataFrame:
        """Each option's single score, rank and partial values.

        Returns
        -------
        pandas.DataFrame
            Indexed by option: ``score`` (0 to 1), ``rank`` and one column of partial values per criterion.

        Examples
        --------
        >>> import pandas as pd, healthyplaces as hp
        >>> perf = pd.DataFrame({"q": [1, 3]}, index=["A", "B"])
        >>> hp.appraisal.weighted_sum(perf, {"q": 1.0}).to_frame()["rank"].tolist()
        [2, 1]
        """
        out = pd.DataFrame({"score": self.scores, "rank": self.ranks}, index=pd.Index(self.options, name="option"))
        for j, c in enumerate(self.criteria):
            out[c.name] = self.values[:, j]
        return out

    def summary(self) -> Summary:
        """The scores and ranks, labelled as a single score, with the weights.

        Returns
        -------
        Summary

        Examples
        --------
        >>> import pandas as pd, healthyplaces as hp
        >>> perf = pd.DataFrame({"q": [1, 3]}, index=["A", "B"])
        >>> print(hp.appraisal.weighted_sum(perf, {"q": 1.0}).summary())  # doctest: +ELLIPSIS
        Single score (weighted sum): B scores highest (1 of 1)
        ...
        """
        best = int(np.argmin(self.ranks))
        title = (f"Single score ({self.method}): {self.options[best]} scores highest "
                 f"({fmt_number(self.scores[best], 3)} of 1)")
        three = {c: _fixed3 for c in ["score", "weight", *[c.name for c in self.criteria]]}
        out = Summary.of(title, self.to_frame(), formats=three,
                         caption="Score = Σ weight × partial value (0 at a criterion's worst, 1 at its best)")
        out.add("Weights", pd.DataFrame({"weight": self.weights}, index=pd.Index([c.name for c in self.criteria],
                                                                                  name="criterion")))
        out.notes.append("A single score is a deterministic method: it shows no uncertainty about the weights or "
                         "performances. hp.appraisal.smaa shows how often each option ranks first over the weights "
                         "stakeholders could hold.")
        return out

    def plot(self, ax: Axes | None = None, title: str | None = None) -> Figure:
        """Each option's single score as bars stacked by criterion (weight × partial value).

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Draw on these axes (default: a new figure).
        title : str, optional
            The chart's title.

        Returns
        -------
        matplotlib.figure.Figure

        Examples
        --------
        >>> import pandas as pd, healthyplaces as hp
        >>> perf = pd.DataFrame({"q": [1, 3]}, index=["A", "B"])
        >>> hp.appraisal.weighted_sum(perf, {"q": 1.0}).plot().axes[0].get_xlabel()
        'single score (0 = worst on every criterion, 1 = best)'
        """
        m, n = self.values.shape
        fig, axis = _figure.axes(ax, width=9.0, height=max(3.0, 0.45 * m + 1.6, 0.3 * n + 1.2))
        y = np.arange(m)[::-1]
        left = np.zeros(m)
        for j, c in enumerate(self.criteria):
            part = self.weights[j] * self.values[:, j]
            axis.barh(y, part, left=left, color=_figure.PALETTE[j % len(_figure.PALETTE)], label=c.name)
            left += part
        axis.set_yticks(y, self.options)
        axis.set_xlabel("single score (0 = worst on every criterion, 1 = best)")
        axis.set_title(title if title is not None else f"Single score ({self.method})", fontsize=10)
        axis.legend(handles=[h for h in axis.get_legend_handles_labels()[0]],
                    labels=[textwrap.fill(c.name, 24) for c in self.criteria], loc="upper left",
                    bbox_to_anchor=(1.01, 1.0), frameon=False, title="weight × value of")
        return fig

    def __repr__(self) -> str:
        return f"WeightedSumResult({self.method}: " + ", ".join(
            f"{o} {s:.3f}" for o, s in zip(self.options, self.scores)) + ")"


def weighted_sum(performances: pd.DataFrame | Mapping[str, Mapping[str, Any]], weights: Mapping[str, float],
                 criteria: Sequence[Criterion | str] | None = None, method: str = "weighted sum") -> WeightedSumResult:
    """A single score per option: Σ weight × linear partial value (a deterministic method, labelled as such).

    Parameters
    ----------
    performances : DataFrame or dict
        Options × criteria, point performances only (use :func:`smaa` for ranges and distributions).
    weights : dict of str to float
        One weight per criterion, summing to 1 (e.g. from :func:`swing_weights`).
    criteria : sequence of Criterion or str, optional
        As in :func:`smaa`.
    method : str
        The label shown ("weighted sum", or "swing weighting" when the weights came from swings).

    Returns
    -------
    WeightedSumResult

    Examples
    --------
    >>> import pandas as pd, healthyplaces as hp
    >>> perf = pd.DataFrame({"quality": [10, 4, 9], "reach": [2, 8, 4]}, index=["A", "B", "C"])
    >>> hp.appraisal.weighted_sum(perf, {"quality": 0.3, "reach": 0.7}).ranks.tolist()
    [3, 1, 2]
    """
    options, crits, cells, _ = _table(performances, criteria)
    names = [c.name for c in crits]
    if not isinstance(weights, Mapping):
        raise _core.DomainError(f"weighted_sum: weights must be a dict {{criterion: weight}}, got {type(weights).__name__}")
    (exact, *_rest), _, _ = _weight_args(dict(weights), names)
    if not exact:
        raise _core.DomainError("weighted_sum: weights must be numbers, one per criterion")
    d = _ap.weighted_sum(options, [c._row() for c in crits], cells, exact)
    return WeightedSumResult(options, _criteria_back(d["criteria"]), np.asarray(exact), np.asarray(d["values"]),
                             np.asarray(d["scores"]), np.asarray(d["ranks"], dtype=np.int64), str(method))


def swing_weights(points: Mapping[str, float]) -> dict[str, float]:
    """Swing weighting: weights from points given to each criterion's swing from worst to best.

    Imagine every criterion at its worst; rank the swings to best by how much each matters; give the most
    important 100 points and each other swing points from 0 to 100 relative to it. Weights = points / Σ points.
    Pass them to :func:`weighted_sum` (``method="swing weighting"``) for a single score, or use the ranking they
    imply in :func:`smaa`.

    Parameters
    ----------
    points : dict of str to float
        Criterion -> points (0 to 100; the most important swing 100).

    Returns
    -------
    dict of str to float
        Criterion -> weight, summing to 1.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.appraisal.swing_weights({"commissioning": 100, "financial management": 60, "restructuring disruption": 40})
    {'commissioning': 0.5, 'financial management': 0.3, 'restructuring disruption': 0.2}
    """
    names = [str(k) for k in points]
    w = _ap.swing_weights([float(v) for v in points.values()], names)
    return {n: float(x) for n, x in zip(names, w)}
