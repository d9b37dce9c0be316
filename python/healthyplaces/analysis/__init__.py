"""The green paper's analyses: the sector comparison, competency gaps and pilot candidates.

Each function takes a :class:`ScoreTable` (or a path / DataFrame, loaded with :func:`read_scores`) and
returns a result (docs/conventions.md, "Results"): ``to_frame()``, ``summary()``, an HTML display for Jupyter,
``plot()`` and pickling (a result pickles as the table and options that made it, and is rebuilt from them).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterator, Mapping, Sequence

import numpy as np
import pandas as pd

from .. import _core
from .._result import Result, Summary, fmt_int, fmt_pvalue
from ..io import PathOrFrame, as_table
from ._labels import format_gap, group_label, level_colours

if TYPE_CHECKING:  # matplotlib is imported when a chart is first drawn, not with healthyplaces
    import matplotlib.figure
    from matplotlib.axes import Axes

__all__ = [
    "CompetencyGaps", "PairedSectorTests", "paired_sector_tests", "PilotCandidates", "SectorComparison",
    "compare_sectors", "competency_gaps", "format_gap", "format_modes", "level_colours", "pilot_candidates",
    "total_scores",
]

class _Analysis(Result):
    """Equality of analysis results: the same type, table and summary (criteria, exclusions, findings); the
    compiled parts do not compare themselves."""

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, _Analysis)
        return bool(self.to_frame().equals(other.to_frame())) and str(self.summary()) == str(other.summary())

    __hash__ = None  # type: ignore[assignment]


def format_modes(modes: Sequence[int]) -> str:
    """The modes of a category as text: ties are shown, never broken.

    Parameters
    ----------
    modes
        Every most-common level, ascending.

    Returns
    -------
    str
        ``"3"``, or ``"2/3"`` for a tie; ``"–"`` when there is no value.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.analysis.format_modes([2, 3]), hp.analysis.format_modes([])
    ('2/3', '–')
    """
    return "/".join(str(m) for m in modes) if len(modes) else "–"


@dataclass(frozen=True, eq=False)
class SectorComparison(_Analysis):
    """Ordinal summaries of every category for each group of organisations.

    ``modal_table()`` is the paper's "modal averages" table; ``to_frame()`` is the long form with
    frequencies, all modes, median, quartiles and mean per category and group; ``category_table(category,
    group)`` one category's full summary; ``plot()`` the score distributions.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> cmp = hp.compare_sectors(hp.datasets.nlgn2008_table())
    >>> cmp.groups
    ['local_authority', 'nhs_commissioner']
    >>> cmp.modes("financial_standing", "nhs_commissioner")
    [1]
    """

    _result: _core.analysis.SectorComparison
    framework: _core.core.Framework
    _table: _core.core.ScoreTable | None = field(default=None, repr=False)
    _by_sector: bool = field(default=False, repr=False)
    _by: Any = field(default="sector", repr=False)
    _quantile_method: str = field(default="linear", repr=False)

    def __reduce__(self) -> tuple[Any, ...]:
        # the compiled comparison does not pickle: a comparison pickles as what made it, and is made again
        if self._table is None:
            raise _core.DomainError("this comparison was built without its table and cannot be pickled")
        return (_rebuild_comparison, (self._table, self._by, self._quantile_method))

    def paired_tests(self, *, confidence_level: float = 0.95, adjust: str = "holm", alternative: str = "two-sided",
                     method: str = "exact", zero_method: str = "wilcox") -> "PairedSectorTests":
        """Is the gap real? Per category, the paired Wilcoxon signed-rank test of each council against its
        NHS body across areas, p-values adjusted for testing every category (Holm by default) and the
        Hodges–Lehmann shift with its interval. See :func:`paired_sector_tests`."""
        if self._table is None:
            raise _core.DomainError("this comparison was built without its table; use hp.paired_sector_tests(table)")
        return paired_sector_tests(self._table, confidence_level=confidence_level, adjust=adjust,
                                   alternative=alternative, method=method, zero_method=zero_method)

    @property
    def groups(self) -> list[str]:
        """The group keys, in order."""
        return list(self._result.groups)

    @property
    def group_sizes(self) -> dict[str, int]:
        """Organisations per group."""
        return dict(zip(self._result.groups, self._result.group_sizes))

    @property
    def categories(self) -> list[str]:
        """The category keys, in the framework's order."""
        return [c.key for c in self._result.categories]

    def category_table(self, category: str, group: str) -> _core.stats.OrdinalSummary:
        """The full ordinal summary of one category in one group (frequencies, modes, median, quartiles, mean)."""
        return self._result.at(category, group)

    def modes(self, category: str, group: str) -> list[int]:
        """All modes of one category in one group (a list, because ties are reported)."""
        return list(self._result.at(category, group).modes)

    def modal_table(self, show_labels: bool = True) -> pd.DataFrame:
        """The paper's table: one row per category, one column per group, cells the mode(s) as text.

        ``show_labels=False`` uses the category and group keys instead of their labels."""
        rows = {}
        for cat, summaries in zip(self._result.categories, self._result.summaries):
            rows[cat.label if show_labels else cat.key] = [format_modes(s.modes) for s in summaries]
        cols = [group_label(g) for g in self.groups] if show_labels else self.groups
        frame = pd.DataFrame.from_dict(rows, orient="index", columns=cols)
        frame.index.name = "category"
        return frame

    def to_frame(self) -> pd.DataFrame:
        """Long form: one row per (category, group) with n, missing, modes, median, quartiles, mean, counts."""
        lo, hi = self.framework.min_level, self.framework.max_level
        records = []
        for cat, summaries in zip(self._result.categories, self._result.summaries):
            for group, s in zip(self._result.groups, summaries):
                rec = {
                    "category": cat.key,
                    "group": group,
                    "n": s.n,
                    "n_missing": s.frequencies.n_missing,
                    "modes": tuple(s.modes),
                    "median": s.median,
                    "q1": s.q1,
                    "q3": s.q3,
                    "mean": s.mean,
                }
                for level, count in zip(range(lo, hi + 1), s.frequencies.counts):
                    rec[f"count_{level}"] = count
                records.append(rec)
        return pd.DataFrame.from_records(records)

    def frequencies(self) -> pd.DataFrame:
        """Counts of each level per category and group (a tidy frame for plotting)."""
        long = self.to_frame()
        counts = [c for c in long.columns if c.startswith("count_")]
        tidy = long.melt(id_vars=["category", "group"], value_vars=counts, var_name="level", value_name="count")
        tidy["level"] = tidy["level"].str.removeprefix("count_").astype(int)
        return tidy

    def summary(self) -> Summary:
        """The modal table, group sizes and, for councils against NHS bodies with areas, the paired tests.

        Returns
        -------
        healthyplaces._result.Summary
        """
        sizes = ", ".join(f"{group_label(g)}: {n}" for g, n in self.group_sizes.items())
        out = Summary(f"Modal scores by group — framework {self.framework.name} ({sizes})",
                      notes=["ties are shown as 2/3, never broken"])
        out.add("", self.modal_table())
        if self._by_sector and self._table is not None and len(self._table.areas) > 0:
            tests = self.paired_tests()
            out.add("Paired tests, council minus NHS body across areas", tests._frame())
            out.formats.update(tests._formats())
            out.notes += tests.findings()
        return out

    def plot(self, ax: Axes | Sequence[Axes] | None = None, *,
             title: str | None = "How scores are distributed, by category and sector") -> matplotlib.figure.Figure:
        """Counts of each score level per category, one panel per group; modes outlined.

        Parameters
        ----------
        ax
            ``None`` for a new figure with one panel per group; a sequence of Axes, one per group; or a single
            Axes, in which the groups are drawn as adjacent bars per category.
        title
            Figure title (``None`` for none). Only used when a new figure is made.

        Returns
        -------
        matplotlib.figure.Figure
        """
        from . import _charts

        return _charts.score_distributions(self, ax, title=title)

    def __repr__(self) -> str:
        return f"SectorComparison(groups={self.groups})\n{self.modal_table().to_string()}"


def _rebuild_comparison(table: _core.core.ScoreTable, by: Any, quantile_method: str) -> SectorComparison:
    return compare_sectors(table, by, quantile_method=quantile_method)


def compare_sectors(
    table: _core.core.ScoreTable | PathOrFrame,
    by: str | Mapping[str, str] | Sequence[str] = "sector",
    *,
    quantile_method: str = "linear",
) -> SectorComparison:
    """The "modal averages" table for any framework and grouping.

    Parameters
    ----------
    table
        A ScoreTable, or a CSV path / DataFrame to load with :func:`read_scores`.
    by
        ``"sector"`` (councils vs NHS commissioners), ``"kind"``, ``"star_rating"``; or a mapping from
        organisation code to group label; or one label per organisation in table order.
    quantile_method
        How q1 and q3 are computed, by numpy.quantile's names (``"linear"``, ``"inverted_cdf"``, ...).

    Returns
    -------
    SectorComparison

    Examples
    --------
    >>> import healthyplaces as hp
    >>> cmp = hp.compare_sectors(hp.datasets.nlgn2008_table())
    >>> cmp.modal_table().loc["Financial standing"].tolist()
    ['3', '1']
    >>> fig = cmp.plot()
    """
    t = as_table(table)
    method = _core.stats.parse_quantile_method(quantile_method)
    if isinstance(by, str):
        try:
            group_by = _core.analysis.GroupBy[by]
        except KeyError:
            raise _core.DomainError(
                f"unknown grouping '{by}'; use 'sector', 'kind', 'star_rating', a mapping from organisation "
                "code to label, or one label per organisation"
            ) from None
        result = _core.analysis.compare_sectors(t, group_by, method)
    else:
        if isinstance(by, Mapping):
            missing = [o.code for o in t.organisations if o.code not in by]
            if missing:
                raise _core.DataError(f"grouping gives no label for organisation(s): {', '.join(missing)}")
            labels = [str(by[o.code]) for o in t.organisations]
        else:
            labels = [str(x) for x in by]
        result = _core.analysis.compare_groups(t, labels, method)
    return SectorComparison(result, t.framework, t, isinstance(by, str) and by == "sector",
                            by if isinstance(by, str) else (dict(by) if isinstance(by, Mapping) else list(by)),
                            quantile_method)


_ADJUST_NAMES = {"holm": "Holm", "bonferroni": "Bonferroni", "hochberg": "Hochberg", "bh": "Benjamini–Hochberg",
                 "fdr_bh": "Benjamini–Hochberg", "by": "Benjamini–Yekutieli", "fdr_by": "Benjamini–Yekutieli"}


def _p(p: float) -> str:
    return "–" if np.isnan(p) else ("< 0.001" if p < 0.001 else f"{p:.3f}" if p < 0.1 else f"{p:.2f}")


def _signed(x: float) -> str:
    if np.isinf(x):
        return "+∞" if x > 0 else "−∞"
    return ("+" if x > 0 else "−" if x < 0 else "") + f"{abs(x):g}"


@dataclass(frozen=True, eq=False)
class PairedSectorTests(_Analysis):
    """Per category: council minus NHS body across areas — counts of who scored higher, the paired Wilcoxon
    signed-rank test, its multiplicity-adjusted p-value, the Hodges–Lehmann shift with its interval and the
    matched-pairs rank-biserial correlation. ``findings()`` says it in plain words.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> tests = hp.paired_sector_tests(hp.datasets.nlgn2008_table())
    >>> len(tests), tests.adjust
    (5, 'holm')
    >>> fig = tests.plot()
    """

    tests: list[_core.analysis.PairedCategoryTest]
    framework: _core.core.Framework
    confidence_level: float
    adjust: str
    alpha: float = 0.05
    _table: _core.core.ScoreTable | None = field(default=None, repr=False)
    _options: dict[str, str] = field(default_factory=dict, repr=False)

    def __reduce__(self) -> tuple[Any, ...]:
        # the compiled tests do not pickle: the result pickles as its table and options, and is made again
        if self._table is None:
            raise _core.DomainError("these tests were built without their table and cannot be pickled")
        return (_rebuild_paired, (self._table, self.confidence_level, self.adjust, self._options))

    def __len__(self) -> int:
        return len(self.tests)

    def to_frame(self) -> pd.DataFrame:
        """One row per category."""
        rows = []
        for t in self.tests:
            rows.append({
                "category": t.category.key,
                "label": t.category.label,
                "n_pairs": t.n_pairs,
                "council_higher": t.council_higher,
                "tied": t.tied,
                "nhs_higher": t.nhs_higher,
                "mean_difference": t.mean_difference,
                "statistic": t.wilcoxon.statistic,
                "pvalue": t.wilcoxon.pvalue,
                "pvalue_adjusted": t.pvalue_adjusted,
                "shift": t.shift.estimate,
                "shift_low": t.shift.ci_low,
                "shift_high": t.shift.ci_high,
                "rank_biserial": t.rank_biserial,
                "method": t.wilcoxon.method if t.tested else t.note,
            })
        return pd.DataFrame(rows)

    def findings(self) -> list[str]:
        """One sentence per category, then the overall verdict, in words a board paper can use."""
        adj = _ADJUST_NAMES.get(self.adjust, self.adjust)
        level = f"{self.confidence_level:.0%}"
        out = []
        for t in self.tests:
            label = t.category.label
            if not t.tested:
                out.append(f"{label}: no test — {t.note}.")
                continue
            counts = (f"the council scored higher than its NHS body in {t.council_higher} of {t.n_pairs} areas, "
                      f"lower in {t.nhs_higher}" + (f", the same in {t.tied}" if t.tied else ""))
            verdict = ("unlikely to be chance" if t.pvalue_adjusted < self.alpha
                       else "not distinguishable from chance with this many areas")
            unit = "point" if abs(t.shift.estimate) == 1 else "points"
            shift = (f"typical difference {_signed(t.shift.estimate)} {unit} ({level} CI "
                     f"{_signed(t.shift.ci_low)} to {_signed(t.shift.ci_high)})")
            out.append(f"{label}: {counts}; Wilcoxon signed-rank p = {_p(t.wilcoxon.pvalue)}, "
                       f"{_p(t.pvalue_adjusted)} after {adj}'s adjustment — {verdict}; {shift}.")
        tested = [t for t in self.tests if t.tested]
        real = [t for t in tested if t.pvalue_adjusted < self.alpha]
        if tested:
            out.append(f"Overall: in {len(real)} of {len(tested)} categories the difference between councils and "
                       f"their NHS bodies is unlikely to be chance ({adj}-adjusted p < {self.alpha:g}).")
        return out

    def _frame(self) -> pd.DataFrame:
        frame = self.to_frame()[["label", "n_pairs", "council_higher", "tied", "nhs_higher", "pvalue",
                                 "pvalue_adjusted", "shift", "shift_low", "shift_high", "rank_biserial"]]
        return frame.set_index("label")

    def _formats(self) -> dict[str, Any]:
        return {"pvalue": fmt_pvalue, "pvalue_adjusted": fmt_pvalue, "n_pairs": fmt_int}

    def summary(self) -> Summary:
        """The table of tests, one row per category, and the findings in words as notes.

        Returns
        -------
        healthyplaces._result.Summary
        """
        adj = _ADJUST_NAMES.get(self.adjust, self.adjust)
        return Summary(f"Paired tests, council minus NHS body across areas (Wilcoxon signed-rank; {adj}-adjusted)",
                       [("", self._frame())], self.findings(), self._formats())

    def plot(self, ax: Axes | None = None) -> matplotlib.figure.Figure:
        """The Hodges–Lehmann shift (council minus NHS body) per category with its interval; zero marked.

        Parameters
        ----------
        ax
            Axes to draw on; ``None`` for a new figure.

        Returns
        -------
        matplotlib.figure.Figure
        """
        from . import _charts

        return _charts.paired_shifts(self, ax)

    def __repr__(self) -> str:
        return "PairedSectorTests\n" + "\n".join(self.findings())


def paired_sector_tests(
    table: _core.core.ScoreTable | PathOrFrame,
    *,
    confidence_level: float = 0.95,
    adjust: str = "holm",
    alternative: str = "two-sided",
    method: str = "exact",
    zero_method: str = "wilcox",
) -> PairedSectorTests:
    """Is the gap between councils and their NHS bodies real, category by category?

    For each category, the council's and its NHS body's scores form one pair per area (areas where either is
    missing are left out). The Wilcoxon signed-rank test (``hp.stats.wilcoxon``) asks whether the differences
    are centred on zero — by default with its exact distribution given the tied ranks, since areas are few and
    scores sit on a 1–4 scale; p-values are adjusted for testing every category (``adjust``: "holm",
    "bonferroni", "hochberg", "bh", "by"); the Hodges–Lehmann pseudo-median of the differences, with the
    interval from inverting the test, says by how much. A category where every area scores both bodies the
    same is reported with a note, not a test.

    Parameters
    ----------
    table
        A ScoreTable with areas, or a CSV path / DataFrame to load with :func:`read_scores`.
    confidence_level
        The level of the Hodges–Lehmann intervals, in (0, 1).
    adjust
        How p-values are adjusted for testing every category: "holm", "bonferroni", "hochberg", "bh", "by".
    alternative
        "two-sided", "less" or "greater" (council minus NHS body).
    method
        The Wilcoxon test's method: "exact", "asymptotic" or "auto".
    zero_method
        "wilcox", "pratt" or "zsplit" (areas scoring both bodies the same).

    Returns
    -------
    PairedSectorTests

    Examples
    --------
    >>> import healthyplaces as hp
    >>> tests = hp.paired_sector_tests(hp.datasets.nlgn2008_table())
    >>> row = tests.to_frame().loc[1]
    >>> row["category"], int(row["council_higher"]), int(row["nhs_higher"])
    ('financial_management', 8, 0)
    """
    t = as_table(table)
    tests = _core.analysis.paired_sector_tests(t, alternative, method, zero_method, adjust, confidence_level)
    return PairedSectorTests(list(tests), t.framework, confidence_level, adjust, _table=t,
                             _options={"alternative": alternative, "method": method, "zero_method": zero_method})


def _rebuild_paired(table: _core.core.ScoreTable, confidence_level: float, adjust: str,
                    options: dict[str, str]) -> PairedSectorTests:
    return paired_sector_tests(table, confidence_level=confidence_level, adjust=adjust, **options)


@dataclass(frozen=True, eq=False)
class CompetencyGaps(_Analysis):
    """For each area, the council's score minus the NHS body's, per category and in total, ranked.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> gaps = hp.competency_gaps(hp.datasets.nlgn2008_table())
    >>> len(gaps), gaps.to_frame().loc[0, "rank"]
    (9, np.int64(1))
    """

    gaps: list[_core.analysis.AreaGap]
    framework: _core.core.Framework
    names: dict[str, str] = field(default_factory=dict)
    _table: _core.core.ScoreTable | None = field(default=None, repr=False)

    def __reduce__(self) -> tuple[Any, ...]:
        # the compiled gaps do not pickle: the result pickles as its table, and is made again
        if self._table is None:
            raise _core.DomainError("these gaps were built without their table and cannot be pickled")
        return (competency_gaps, (self._table,))

    def __len__(self) -> int:
        return len(self.gaps)

    def __iter__(self) -> Iterator[_core.analysis.AreaGap]:
        return iter(self.gaps)

    def to_frame(self) -> pd.DataFrame:
        """One row per area: rank, both organisations, stars, totals out of the maximum, gaps."""
        return _gaps_frame(self.gaps, self.framework, self.names)

    def summary(self) -> Summary:
        """The table of :meth:`to_frame`, widest gap first.

        Returns
        -------
        healthyplaces._result.Summary
        """
        return Summary("Competency gaps (council minus NHS body; widest first)",
                       [("", _gaps_table(self.gaps, self.framework, self.names))], _GAPS_NOTES)

    def plot(self, ax: Axes | None = None, *,
             title: str | None = "Competency gap by area: council and NHS body total scores") -> matplotlib.figure.Figure:
        """Each area's council and NHS body totals (a dumbbell chart), widest gap on top, the gap at the right.

        Parameters
        ----------
        ax
            Axes to draw on; ``None`` for a new figure sized to the number of areas.
        title
            Figure title (``None`` for none). Only used when a new figure is made.

        Returns
        -------
        matplotlib.figure.Figure
        """
        from . import _charts

        return _charts.competency_gaps(list(self.gaps), self.framework, ax, title=title)

    def __repr__(self) -> str:
        return "CompetencyGaps\n" + self.to_frame().to_string(index=False)


def _gaps_frame(gaps: Sequence[_core.analysis.AreaGap], fw: _core.core.Framework, names: Mapping[str, str]) -> pd.DataFrame:
    def ints(values) -> pd.arrays.IntegerArray:  # nullable: a missing score stays <NA>, not NaN
        return pd.array(list(values), dtype="Int64")

    columns = {
        "rank": ints(g.rank or None for g in gaps),
        "area": [g.area for g in gaps],
        "council": [names.get(g.council, g.council) for g in gaps],
        "nhs_body": [names.get(g.nhs_body, g.nhs_body) for g in gaps],
        "council_stars": ints(g.council_stars for g in gaps),
        "nhs_stars": ints(g.nhs_stars for g in gaps),
        "council_total": [g.council_total.total for g in gaps],
        "council_max": [g.council_total.maximum for g in gaps],
        "nhs_total": [g.nhs_total.total for g in gaps],
        "nhs_max": [g.nhs_total.maximum for g in gaps],
        "total_gap": ints(g.total_gap for g in gaps),
    }
    for j, key in enumerate(fw.category_keys):
        columns[f"gap_{key}"] = ints(g.gaps[j] for g in gaps)
    columns["coterminosity"] = [g.coterminosity for g in gaps]
    return pd.DataFrame(columns)


_GAPS_NOTES = ["totals are over scored categories (points out of the maximum for them); the gap is council minus "
               "NHS body over categories scored for both; – is a missing score", "to_frame() has every number"]


def _gaps_table(gaps: Sequence[_core.analysis.AreaGap], fw: _core.core.Framework,
                names: Mapping[str, str]) -> pd.DataFrame:
    """The gaps as people read them: one row per area, stars and totals as "council / NHS", a gap per category
    under the category's label."""
    def pair(a: object, b: object) -> str:
        return f"{'–' if a is None else a} / {'–' if b is None else b}"

    rows = {}
    for g in gaps:
        row: dict[str, object] = {
            "rank": g.rank or None, "council": names.get(g.council, g.council),
            "NHS body": names.get(g.nhs_body, g.nhs_body), "stars": pair(g.council_stars, g.nhs_stars),
            "totals": f"{g.council_total.total}/{g.council_total.maximum} vs {g.nhs_total.total}/{g.nhs_total.maximum}",
            "gap": format_gap(g.total_gap)}
        for c, gap in zip(fw.categories, g.gaps):
            row[c.label] = format_gap(gap)
        row["coterminosity"] = f"{g.coterminosity:.0%}"
        rows[g.area] = row
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame.index.name = "area"
    return frame


def total_scores(table: _core.core.ScoreTable | PathOrFrame) -> pd.DataFrame:
    """Each organisation's total against the maximum over its scored categories ("16 out of 20").

    Parameters
    ----------
    table
        A ScoreTable, or a CSV path / DataFrame to load with :func:`read_scores`.

    Returns
    -------
    pandas.DataFrame
        Columns organisation, code, sector, kind, total, maximum, n_scored, n_missing, share (total / maximum).

    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.total_scores(hp.datasets.nlgn2008_table()).loc[0, ["total", "maximum"]].tolist()
    [6, 20]
    """
    t = as_table(table)
    rows = []
    for o in t.organisations:
        s = t.total_score(o.code)
        rows.append({
            "organisation": o.name, "code": o.code, "sector": o.sector.name, "kind": o.kind.name,
            "total": s.total, "maximum": s.maximum, "n_scored": s.n_scored, "n_missing": s.n_missing,
            "share": s.total / s.maximum if s.maximum else float("nan"),
        })
    return pd.DataFrame(rows)


def _names(t: _core.core.ScoreTable) -> dict[str, str]:
    # codes and names as plain lists: a million Organisation objects would cost seconds
    return dict(zip(t.codes, t.names))


def competency_gaps(table: _core.core.ScoreTable | PathOrFrame) -> CompetencyGaps:
    """Per area, the council's scores minus its NHS body's, per category and in total, widest gap first.

    Totals are over scored categories ("16 out of 20"); the total gap is over categories scored for both.
    Ties share a rank (1, 2, 2, 4). Raises DomainError when the table pairs no areas.

    Parameters
    ----------
    table
        A ScoreTable with areas, or a CSV path / DataFrame to load with :func:`read_scores`.

    Returns
    -------
    CompetencyGaps

    Examples
    --------
    >>> import healthyplaces as hp
    >>> gaps = hp.competency_gaps(hp.datasets.nlgn2008_table())
    >>> gaps.to_frame().loc[0, ["rank", "total_gap"]].tolist()
    [1, 10]
    >>> fig = gaps.plot()
    """
    t = as_table(table)
    return CompetencyGaps(list(_core.analysis.competency_gaps(t)), t.framework, _names(t), t)


@dataclass(frozen=True, eq=False)
class PilotCandidates(_Analysis):
    """Areas meeting the pilot criteria, ranked by gap, and the others with their reasons.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> pilots = hp.pilot_candidates(hp.datasets.nlgn2008_table())
    >>> pilots.describe_criteria()
    'the council has at least 4 stars; the NHS body has at most 1 star; the two are coterminous (serve the same population)'
    """

    candidates: list[_core.analysis.AreaGap]
    excluded: list[tuple[str, list[str]]]
    criteria: _core.analysis.PilotCriteria
    framework: _core.core.Framework
    names: dict[str, str] = field(default_factory=dict)
    _table: _core.core.ScoreTable | None = field(default=None, repr=False)

    def __reduce__(self) -> tuple[Any, ...]:
        # the compiled screen does not pickle: the result pickles as its table and criteria, and is made again
        if self._table is None:
            raise _core.DomainError("these candidates were built without their table and cannot be pickled")
        c = self.criteria
        return (_rebuild_pilots, (self._table, c.min_council_stars, c.max_nhs_stars, c.min_coterminosity,
                                  c.min_total_gap))

    def __len__(self) -> int:
        return len(self.candidates)

    def to_frame(self) -> pd.DataFrame:
        """The candidates, in the same columns as :meth:`CompetencyGaps.to_frame`."""
        return _gaps_frame(self.candidates, self.framework, self.names)

    def excluded_frame(self) -> pd.DataFrame:
        """Areas that failed, one row each, with every reason joined by '; '."""
        return pd.DataFrame(
            {"area": [a for a, _ in self.excluded], "reasons": ["; ".join(r) for _, r in self.excluded]}
        )

    def criteria_phrases(self) -> list[str]:
        """The criteria in words, one phrase each ("the council has at least 4 stars")."""
        c = self.criteria
        phrases = []
        if c.min_council_stars is not None:
            phrases.append(f"the council has at least {c.min_council_stars} stars")
        if c.max_nhs_stars is not None:
            phrases.append(f"the NHS body has at most {c.max_nhs_stars} star{'s' if c.max_nhs_stars != 1 else ''}")
        if c.min_coterminosity >= 1:
            phrases.append("the two are coterminous (serve the same population)")
        else:
            phrases.append(f"the two share at least {c.min_coterminosity:.0%} of their population")
        if c.min_total_gap is not None:
            phrases.append(f"the competency gap is at least {c.min_total_gap}")
        return phrases

    def describe_criteria(self) -> str:
        """The criteria in one sentence, phrases joined by '; '."""
        return "; ".join(self.criteria_phrases())

    def summary(self) -> Summary:
        """The candidates (as :meth:`to_frame`), then the other areas with their reasons.

        Returns
        -------
        healthyplaces._result.Summary
        """
        n_all = len(self.candidates) + len(self.excluded)
        out = Summary(f"Pilot candidates: {len(self.candidates)} of {n_all} areas",
                      notes=[f"criteria: {self.describe_criteria()}"])
        out.add("Candidates", _gaps_table(self.candidates, self.framework, self.names))
        out.notes += _GAPS_NOTES
        if self.excluded:
            out.add("Not candidates", self.excluded_frame())
        return out

    def plot(self, ax: Axes | None = None, *,
             title: str | None = "Pilot candidates: council and NHS body total scores") -> matplotlib.figure.Figure:
        """The candidates' council and NHS body totals (as :meth:`CompetencyGaps.plot`).

        Parameters
        ----------
        ax
            Axes to draw on; ``None`` for a new figure.
        title
            Figure title (``None`` for none). Only used when a new figure is made.

        Returns
        -------
        matplotlib.figure.Figure
        """
        from . import _charts

        return _charts.competency_gaps(list(self.candidates), self.framework, ax, title=title)

    def __repr__(self) -> str:
        return f"PilotCandidates({self.describe_criteria()})\n" + self.to_frame().to_string(index=False)


def pilot_candidates(
    table: _core.core.ScoreTable | PathOrFrame,
    *,
    min_council_stars: int | None = 4,
    max_nhs_stars: int | None = 1,
    min_coterminosity: float = 1.0,
    min_total_gap: int | None = None,
) -> PilotCandidates:
    """Areas where a merger could be piloted: by default the paper's 4-star councils beside coterminous
    1-star PCTs, ranked by competency gap. ``None`` switches a star criterion off.

    Parameters
    ----------
    table
        A ScoreTable with areas, or a CSV path / DataFrame to load with :func:`read_scores`.
    min_council_stars
        The council's star rating at least this (``None``: any).
    max_nhs_stars
        The NHS body's star rating at most this (``None``: any).
    min_coterminosity
        The share of population the two have in common, at least this (1: coterminous).
    min_total_gap
        The competency gap at least this (``None``: any).

    Returns
    -------
    PilotCandidates

    Examples
    --------
    >>> import healthyplaces as hp
    >>> pilots = hp.pilot_candidates(hp.datasets.nlgn2008_table())
    >>> len(pilots) + len(pilots.excluded)
    9
    """
    t = as_table(table)
    crit = _core.analysis.PilotCriteria(min_council_stars, max_nhs_stars, float(min_coterminosity), min_total_gap)
    screen = _core.analysis.pilot_candidates(t, crit)
    return PilotCandidates(
        list(screen.candidates), [(a, list(r)) for a, r in screen.excluded], crit, t.framework, _names(t), t
    )


def _rebuild_pilots(table: _core.core.ScoreTable, min_council_stars: int | None, max_nhs_stars: int | None,
                    min_coterminosity: float, min_total_gap: int | None) -> PilotCandidates:
    return pilot_candidates(table, min_council_stars=min_council_stars, max_nhs_stars=max_nhs_stars,
                            min_coterminosity=min_coterminosity, min_total_gap=min_total_gap)
