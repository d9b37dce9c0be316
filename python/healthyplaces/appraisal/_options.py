"""The long list, the critical success factors and the short list (the Green Book's options framework filter), and
optimism bias by the Green Book's supplementary guidance. Every rule is in C++ (``hp::appraisal``,
include/healthyplaces/appraisal/long_list.hpp and optimism_bias.hpp); these wrappers convert and present."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping, Sequence

import numpy as np
import pandas as pd

from .. import _core, _figure
from .._result import Result, Summary, field_table, fmt_int, fmt_percent
from ..finance import Flow
from ..integration import DIMENSIONS, Arrangement, preset

if TYPE_CHECKING:  # matplotlib is imported when a chart is drawn, not on import
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["LongListResult", "OptimismBiasResult", "PROJECT_TYPES", "ShortListResult", "apply_optimism_bias",
           "critical_success_factors", "long_list", "optimism_bias", "optimism_bias_table", "shortlist"]

_app = _core.appraisal

#: The project types of the guidance's Table 2, in its order here.
PROJECT_TYPES = ("standard_buildings", "non_standard_buildings", "standard_civil_engineering",
                 "non_standard_civil_engineering", "equipment_development", "outsourcing")

_MEASURES = ("capital", "operating", "duration")


def _arrangement(current: Any) -> Arrangement:
    if current is None:
        return Arrangement("business as usual")
    if isinstance(current, Arrangement):
        return current
    if isinstance(current, str):
        return preset(current)
    raise _core.DomainError(f"current must be an hp.Arrangement, a preset key or None, got {type(current).__name__}")


# ---- the long list ----------------------------------------------------------------------------------------------

@dataclass(eq=False, repr=False)
class LongListResult(Result):
    """The long list: business as usual, do minimum and every coherent step up from the current arrangement.

    Returned by :func:`long_list`. Each option is an :class:`hp.Arrangement` whose ``name`` is the option's name (a
    preset's label where it is one: "Swindon", "Torbay care trust"; else its dimensions in words) and whose
    ``description`` says what it is in words.

    Attributes
    ----------
    current : Arrangement
        Business as usual, as given.
    options : list of Arrangement
        Business as usual first, do minimum second, then the other options from closer working to full merger.
    kinds : list of str
        "business as usual", "do minimum" or "option", one per option.
    integration_levels : list of int
        0 (nothing shared) to 15 (full merger), one per option.
    presets : list of str
        The preset's key where an option is one ("swindon"), else "".
    do_minimum_rule : str
        What do minimum is here and why.
    coherent : int
        Coherent combinations of the five dimensions (of 4^5 = 1,024).
    behind_current : int
        Of them, those behind business as usual on some dimension: not options (appraisal chooses how far to go;
        undoing an arrangement is a different decision).

    Examples
    --------
    >>> import healthyplaces as hp
    >>> ll = hp.appraisal.long_list()
    >>> ll.kinds[:3], ll.options[1].name
    (['business as usual', 'do minimum', 'option'], 'do minimum: closer working')
    """

    current: Arrangement
    options: list[Arrangement]
    kinds: list[str]
    integration_levels: list[int]
    presets: list[str]
    do_minimum_rule: str
    coherent: int
    behind_current: int

    @classmethod
    def _of(cls, current: Arrangement, rows: Sequence[tuple[Any, ...]], rule: str, coherent: int,
            behind: int) -> LongListResult:
        return cls(current, [r[0] for r in rows], [str(r[1]) for r in rows], [int(r[2]) for r in rows],
                   [str(r[3]) for r in rows], str(rule), int(coherent), int(behind))

    def __len__(self) -> int:
        return len(self.options)

    def to_frame(self) -> pd.DataFrame:
        """One row per option: its name, kind, five dimensions, integration level, preset and description.

        Returns
        -------
        pandas.DataFrame
            Columns ``option``, ``kind``, ``budgets``, ``staff``, ``leadership``, ``governance``, ``legal_basis``,
            ``integration_level``, ``preset`` and ``description``, in the long list's order.

        Examples
        --------
        >>> import healthyplaces as hp
        >>> t = hp.appraisal.long_list().to_frame()
        >>> t.loc[t["preset"] == "swindon", ["option", "budgets", "legal_basis"]].values.tolist()
        [['Swindon', 'aligned', 'section_75']]
        """
        return pd.DataFrame({
            "option": [a.name for a in self.options],
            "kind": list(self.kinds),
            **{d: [getattr(a, d).name for a in self.options] for d in DIMENSIONS},
            "integration_level": list(self.integration_levels),
            "preset": list(self.presets),
            "description": [a.description for a in self.options],
        })

    def summary(self) -> Summary:
        """The long list for people: how it was made, then every option.

        Returns
        -------
        Summary

        Examples
        --------
        >>> import healthyplaces as hp
        >>> print(hp.appraisal.long_list(hp.preset("torbay")).summary())  # doctest: +ELLIPSIS
        Long list: 13 options from business as usual (pooled budgets, joint staff posts, ...
        """
        head = field_table([
            ("business as usual", self.options[0].description),
            ("options (with business as usual and do minimum)", len(self.options)),
            ("coherent combinations of the five dimensions", self.coherent),
            ("behind business as usual on some dimension (not options)", self.behind_current),
            ("do minimum", self.do_minimum_rule),
        ])
        out = Summary.of(f"Long list: {fmt_int(len(self.options))} options from business as usual "
                         f"({self.options[0].description})", head)
        out.add("The long list, from closer working to full merger",
                self.to_frame().drop(columns=["description", "preset"]))
        out.notes.append("Options are the coherent combinations of the five arrangement dimensions "
                         "(hp.incoherences) that keep everything business as usual has; business as usual and do "
                         "minimum are kept as comparators (HM Treasury Green Book).")
        return out

    def plot(self, ax: Axes | None = None) -> Figure:
        """How many options there are at each integration level, business as usual and do minimum marked.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Draw on these axes (default: a new figure).

        Returns
        -------
        matplotlib.figure.Figure

        Examples
        --------
        >>> import healthyplaces as hp
        >>> fig = hp.appraisal.long_list().plot()
        >>> fig.axes[0].get_ylabel()
        'options'
        """
        fig, ax = _figure.axes(ax)
        levels = np.arange(16)
        counts = np.bincount(np.asarray(self.integration_levels[2:], dtype=int), minlength=16)
        ax.bar(levels, counts, color=_figure.PALETTE[0], label="options")
        for k, colour in ((0, _figure.PALETTE[7]), (1, _figure.PALETTE[1])):
            if k < len(self.options):
                ax.bar([self.integration_levels[k]], [1], bottom=[counts[self.integration_levels[k]]],
                       color=colour, label=self.kinds[k])
        ax.set_xlabel("integration level (0 = separate organisations, 15 = full merger)")
        ax.set_ylabel("options")
        ax.set_xticks(levels)
        _figure.count_axis(ax.yaxis)
        ax.set_title(f"Long list: {fmt_int(len(self.options))} options")
        _figure.legend_outside(ax)
        return fig


def long_list(current: Any = None) -> LongListResult:
    """The long list: every coherent way to integrate further from the place's current arrangement.

    Every coherent combination of the five arrangement dimensions (budgets, staff, leadership, governance, legal
    basis; coherence as :func:`hp.incoherences` says) that keeps everything the place already has, ordered from
    closer working to full merger (by integration level; within a level, the least formal change first), with
    business as usual first and do minimum second. Do minimum is the smallest step up: the lowest integration level,
    a first rung on a dimension before a second, and a step in governance first (a joint committee: the green
    paper's "closer working"), then budgets, staff, leadership and the legal basis. A combination behind business as
    usual on any dimension is not an option (counted in ``behind_current``).

    Parameters
    ----------
    current : Arrangement or str, optional
        Business as usual: an :class:`hp.Arrangement` or a preset key ("swindon"); default: separate organisations.

    Returns
    -------
    LongListResult

    Raises
    ------
    ArrangementError
        ``current`` is incoherent.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> ll = hp.appraisal.long_list()
    >>> len(ll), ll.coherent, sorted(p for p in ll.presets if p)[:3]
    (184, 184, ['closer_working', 'herefordshire', 'nlgn_proposal'])
    """
    cur = _arrangement(current)
    rows, rule, coherent, behind = _app.long_list(cur)
    return LongListResult._of(cur, rows, rule, coherent, behind)


# ---- critical success factors and the short list ----------------------------------------------------------------

def critical_success_factors() -> pd.DataFrame:
    """The built-in critical success factors, each with its reason.

    Besides these keys, a factor can be a limit on one dimension: ``"budgets at most pooled"``,
    ``"leadership at least joint_posts"`` (also ``<=`` and ``>=``).

    Returns
    -------
    pandas.DataFrame
        Columns ``factor`` and ``reason``.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.appraisal.critical_success_factors()["factor"].tolist()  # doctest: +NORMALIZE_WHITESPACE
    ['no_new_legal_body', 'reversible_within_two_years', 'council_keeps_social_care_commissioning',
     'no_full_merger']
    """
    pairs = _app.critical_success_factors()
    return pd.DataFrame({"factor": [k for k, _ in pairs], "reason": [r for _, r in pairs]})


def _factor_specs(factors: Any) -> list[tuple[str, str]]:
    if isinstance(factors, str):
        factors = [factors]
    if isinstance(factors, Mapping):
        return [(str(k), "" if v is None else str(v)) for k, v in factors.items()]
    out = []
    for f in factors:
        if isinstance(f, str):
            out.append((f, ""))
        elif isinstance(f, (tuple, list)) and len(f) == 2 and all(isinstance(x, str) for x in f):
            out.append((f[0], f[1]))
        else:
            raise _core.DomainError(f"factors: each factor is a key or limit text, or a (factor, reason) pair; got {f!r}")
    return out


@dataclass(eq=False, repr=False)
class ShortListResult(Result):
    """The options framework filter: each long-list option kept or dropped, with the factor that dropped it.

    Returned by :func:`shortlist`. ``short_list`` is the kept options; :meth:`to_frame` the filter table.

    Attributes
    ----------
    long_list : LongListResult
        The long list filtered.
    factors : list of (str, str)
        The critical success factors as (key, reason), in the order given (the first failed drops an option).
    kept : list of bool
        One per long-list option.
    dropped_by : list of str or None
        The first factor the option fails (None: kept).
    fails : list of list of str
        Every factor each option fails (business as usual and do minimum included: they are kept anyway).
    reasons : list of str
        Why the first failed factor fails it ("creates a care trust"); "" when it meets every factor.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> s = hp.appraisal.shortlist(hp.appraisal.long_list(), ["no_new_legal_body"])
    >>> len(s.short_list), s.dropped_by.count("no_new_legal_body")
    (135, 49)
    """

    long_list: LongListResult
    factors: list[tuple[str, str]]
    kept: list[bool]
    dropped_by: list[str | None]
    fails: list[list[str]]
    reasons: list[str]

    @property
    def short_list(self) -> list[Arrangement]:
        """The kept options (business as usual and do minimum always among them), in the long list's order."""
        return [a for a, k in zip(self.long_list.options, self.kept) if k]

    def to_frame(self) -> pd.DataFrame:
        """The filter table: one row per long-list option.

        Returns
        -------
        pandas.DataFrame
            Columns ``option``, ``kind``, ``integration_level``, ``kept``, ``dropped_by`` (the first factor it
            fails, None when kept), ``fails`` (every factor it fails, ``"; "``-separated) and ``reason``.

        Examples
        --------
        >>> import healthyplaces as hp
        >>> s = hp.appraisal.shortlist(hp.appraisal.long_list(), ["no_full_merger"])
        >>> t = s.to_frame()
        >>> t.loc[~t["kept"], ["option", "dropped_by"]].values.tolist()
        [['public service trust (full merger)', 'no_full_merger']]
        """
        ll = self.long_list
        return pd.DataFrame({
            "option": [a.name for a in ll.options],
            "kind": list(ll.kinds),
            "integration_level": list(ll.integration_levels),
            "kept": list(self.kept),
            "dropped_by": list(self.dropped_by),
            "fails": ["; ".join(f) for f in self.fails],
            "reason": list(self.reasons),
        })

    def dropped_counts(self) -> pd.Series:
        """How many options each factor dropped (as the first factor they fail), in the factors' order.

        Returns
        -------
        pandas.Series
            Indexed by factor.

        Examples
        --------
        >>> import healthyplaces as hp
        >>> s = hp.appraisal.shortlist(hp.appraisal.long_list(), ["no_full_merger", "no_new_legal_body"])
        >>> s.dropped_counts().tolist()
        [1, 48]
        """
        keys = [k for k, _ in self.factors]
        return pd.Series([self.dropped_by.count(k) for k in keys], index=pd.Index(keys, name="factor"),
                         name="dropped", dtype=int)

    def summary(self) -> Summary:
        """The factors with what each dropped, then the filter table.

        Returns
        -------
        Summary

        Examples
        --------
        >>> import healthyplaces as hp
        >>> s = hp.appraisal.shortlist(hp.appraisal.long_list(), ["no_full_merger"])
        >>> print(s.summary())  # doctest: +ELLIPSIS
        Short list: 183 of 184 options kept by 1 critical success factor
        ...
        """
        counts = self.dropped_counts()
        factors = pd.DataFrame({"dropped": counts.to_numpy()}, index=counts.index)
        n = len(self.factors)
        out = Summary(f"Short list: {fmt_int(sum(self.kept))} of {fmt_int(len(self.kept))} options kept by {n} "
                      f"critical success factor{'' if n == 1 else 's'}")
        out.add("Critical success factors, in order (an option is dropped by the first it fails)", factors)
        out.add("The options framework filter", self.to_frame())
        out.notes += [f"{k}: {r}" for k, r in self.factors]
        out.notes.append("Business as usual and do minimum are never dropped: the Green Book keeps them on every "
                         "short list as the comparators the other options are judged against.")
        return out

    def plot(self, ax: Axes | None = None) -> Figure:
        """Options dropped by each factor (the first each fails) and options kept, as bars.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Draw on these axes (default: a new figure).

        Returns
        -------
        matplotlib.figure.Figure

        Examples
        --------
        >>> import healthyplaces as hp
        >>> fig = hp.appraisal.shortlist(hp.appraisal.long_list(), ["no_full_merger"]).plot()
        >>> fig.axes[0].get_xlabel()
        'options'
        """
        counts = self.dropped_counts()
        labels = ["kept (short list)"] + [f"dropped by {k}" for k in counts.index]
        values = [sum(self.kept)] + counts.tolist()
        fig, ax = _figure.axes(ax, height=1.2 + 0.4 * len(labels))
        y = np.arange(len(labels))[::-1]
        bars = ax.barh(y, values, color=[_figure.PALETTE[2]] + [_figure.PALETTE[1]] * len(counts))
        ax.bar_label(bars, labels=[fmt_int(v) for v in values], padding=3)  # a factor that dropped none shows 0
        ax.set_yticks(y, labels)
        ax.set_xlabel("options")
        _figure.count_axis(ax.xaxis)
        ax.set_title(f"{fmt_int(sum(self.kept))} of {fmt_int(len(self.kept))} options kept")
        return fig


def shortlist(long_list: LongListResult, factors: Any) -> ShortListResult:
    """The Green Book's options framework filter: the long list filtered by critical success factors.

    Each option is kept when it meets every factor, else dropped by the first it fails (in the order given); every
    factor it fails is listed. Business as usual and do minimum are never dropped (the comparators). The built-in
    factors (:func:`critical_success_factors`) are judged against business as usual: a care trust is "new" only
    where there is none now.

    Parameters
    ----------
    long_list : LongListResult
        From :func:`long_list`.
    factors : sequence of str or (str, str), or mapping of str to str
        Built-in keys ("no_new_legal_body", "reversible_within_two_years",
        "council_keeps_social_care_commissioning", "no_full_merger") or limits on one dimension ("budgets at most
        pooled", "leadership at least joint_posts"), optionally each with a reason in words.

    Returns
    -------
    ShortListResult

    Raises
    ------
    DomainError
        An unknown factor (the message lists the known ones and the limit form) or one given twice.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> s = hp.appraisal.shortlist(hp.appraisal.long_list(hp.preset("swindon")),
    ...                            ["no_new_legal_body", "budgets at most pooled"])
    >>> len(s.short_list), s.reasons[-1]
    (24, 'creates a public service trust')
    """
    if not isinstance(long_list, LongListResult):
        raise _core.DomainError("shortlist: long_list must be a LongListResult (from hp.appraisal.long_list), got "
                                f"{type(long_list).__name__}")
    rows, pairs, filt = _app.shortlist(long_list.current, _factor_specs(factors))
    if [r[0] for r in rows] != long_list.options:  # the long list is a pure function of the current arrangement
        raise _core.DomainError("shortlist: long_list does not match its current arrangement; make it again with "
                                "hp.appraisal.long_list")
    keys = [k for k, _ in pairs]
    return ShortListResult(long_list, [(str(k), str(r)) for k, r in pairs], [bool(f[1]) for f in filt],
                           [None if f[2] < 0 else keys[f[2]] for f in filt], [[keys[i] for i in f[3]] for f in filt],
                           [str(f[4]) for f in filt])


# ---- optimism bias ----------------------------------------------------------------------------------------------

def optimism_bias_table() -> pd.DataFrame:
    """The upper and lower bounds of optimism bias by project type (HM Treasury, Supplementary Green Book Guidance:
    Optimism Bias, Mott MacDonald 2002, Table 2).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``project_type``; columns ``duration_upper``, ``duration_lower``, ``capital_upper``,
        ``capital_lower``, ``operating_upper``, ``operating_lower`` as fractions (0.51 = 51%). NaN where the
        guidance gives no figure (operating expenditure is given for outsourcing only, and only it).

    Examples
    --------
    >>> import healthyplaces as hp
    >>> t = hp.appraisal.optimism_bias_table()
    >>> t.loc["non_standard_buildings", ["duration_upper", "capital_upper"]].tolist()
    [0.39, 0.51]
    """
    rows = _app.optimism_bias_table()
    data: dict[str, list[float]] = {f"{m}_{b}": [] for m in ("duration", "capital", "operating")
                                    for b in ("upper", "lower")}
    for _, upper, lower in rows:
        for i, m in enumerate(_MEASURES):
            data[f"{m}_upper"].append(upper[i])
            data[f"{m}_lower"].append(lower[i])
    return pd.DataFrame(data, index=pd.Index([r[0] for r in rows], name="project_type"))


def _project(project: Any) -> dict[str, float]:
    if isinstance(project, str):
        return {project: 1.0}
    if isinstance(project, Mapping):
        items = list(project.items())
    else:
        items = list(project)
    out: dict[str, float] = {}
    for item in items:
        if not (isinstance(item, (tuple, list)) and len(item) == 2):
            raise _core.DomainError(f"optimism_bias: project is a type, a mapping of type to share or (type, share) "
                                    f"pairs; got {item!r}")
        t, s = item
        if str(t) in out:
            raise _core.DomainError(f"optimism_bias: project type {t} is given twice; give each type once with its "
                                    "whole share")
        try:
            out[str(t)] = float(s)
        except (TypeError, ValueError):
            raise _core.DomainError(f"optimism_bias: the share of {t} must be a number in [0, 1], got {s!r}") from None
    return out


def _mitigation(mitigation: Any) -> dict[str, float]:
    if isinstance(mitigation, Mapping):
        unknown = sorted(set(mitigation) - set(_MEASURES))
        if unknown:
            raise _core.DomainError(f"optimism_bias: mitigation's keys are capital, operating and duration; got "
                                    f"{', '.join(map(str, unknown))}")
        values = {m: mitigation.get(m, 0.0) for m in _MEASURES}
    else:
        values = {m: mitigation for m in _MEASURES}
    try:
        return {m: float(v) for m, v in values.items()}
    except (TypeError, ValueError):
        raise _core.DomainError(f"optimism_bias: mitigation is a number in [0, 1] or a mapping of capital, operating "
                                f"and duration to such numbers; got {mitigation!r}") from None


@dataclass(eq=False, repr=False)
class OptimismBiasResult(Result):
    """A project's optimism bias: the uplifts an economic appraisal applies to its costs and works duration.

    Returned by :func:`optimism_bias`. :meth:`apply` applies it to a business case's flows.

    Attributes
    ----------
    project : dict of str to float
        Project type -> share of the project.
    mitigation : dict of str to float
        The share of each measure's contributory factors mitigated (capital, operating, duration).
    capital, operating, duration : float
        The uplifts, as fractions (0.321 = +32.1%): upper × (1 − mitigation).
    upper, lower : dict of str to float
        The combined project's upper and lower bounds per measure (0 where the guidance gives no figure).

    Examples
    --------
    >>> import healthyplaces as hp
    >>> ob = hp.appraisal.optimism_bias({"non_standard_buildings": 0.3, "standard_buildings": 0.7})
    >>> round(ob.capital, 4), round(ob.duration, 4)
    (0.321, 0.145)
    """

    project: dict[str, float]
    mitigation: dict[str, float]
    capital: float
    operating: float
    duration: float
    upper: dict[str, float] = field(repr=False)
    lower: dict[str, float] = field(repr=False)

    def to_frame(self) -> pd.DataFrame:
        """One row per measure: the upper and lower bounds, the mitigation and the resulting uplift.

        Returns
        -------
        pandas.DataFrame
            Indexed by ``measure`` (capital, operating, duration); columns ``upper``, ``lower``, ``mitigation`` and
            ``optimism_bias`` (fractions).

        Examples
        --------
        >>> import healthyplaces as hp
        >>> hp.appraisal.optimism_bias("non_standard_buildings", mitigation=0.92).to_frame().loc["capital"].round(4).tolist()
        [0.51, 0.04, 0.92, 0.0408]
        """
        return pd.DataFrame({
            "upper": [self.upper[m] for m in _MEASURES],
            "lower": [self.lower[m] for m in _MEASURES],
            "mitigation": [self.mitigation[m] for m in _MEASURES],
            "optimism_bias": [getattr(self, m) for m in _MEASURES],
        }, index=pd.Index(list(_MEASURES), name="measure"))

    def summary(self) -> Summary:
        """The uplifts, the bounds they come from and the project's parts.

        Returns
        -------
        Summary

        Examples
        --------
        >>> import healthyplaces as hp
        >>> print(hp.appraisal.optimism_bias({"non_standard_buildings": 0.3, "standard_buildings": 0.7}).summary())
        ... # doctest: +ELLIPSIS
        Optimism bias: capital +32.1%, operating +0.0%, works duration +14.5%
        ...
        """
        pct: dict[str, Any] = {c: fmt_percent for c in ("upper", "lower", "mitigation", "optimism_bias", "share")}
        out = Summary(f"Optimism bias: capital +{fmt_percent(self.capital)}, operating +{fmt_percent(self.operating)}, "
                      f"works duration +{fmt_percent(self.duration)}", formats=pct)
        out.add("By measure: upper bound × (1 − mitigation)", self.to_frame())
        out.add("The project", pd.DataFrame({"share": list(self.project.values())},
                                            index=pd.Index(list(self.project), name="project type")))
        out.notes.append("HM Treasury, Supplementary Green Book Guidance: Optimism Bias (Mott MacDonald 2002), "
                         "Table 2. Combined projects are weighted by share; the guidance gives capital and works "
                         "duration figures for every type but outsourcing and operating figures for outsourcing "
                         "only, so a measure without a figure has no uplift: add your own evidence for it.")
        below = [m for m in _MEASURES if getattr(self, m) < self.lower[m] - 1e-12]
        if below:
            out.notes.append(f"Below the lower bound ({', '.join(below)}): the guidance expects the lower bound to "
                             "be reached only at contract award, after effective risk management.")
        return out

    def plot(self, ax: Axes | None = None) -> Figure:
        """The uplift for each measure between its lower and upper bounds.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Draw on these axes (default: a new figure).

        Returns
        -------
        matplotlib.figure.Figure

        Examples
        --------
        >>> import healthyplaces as hp
        >>> fig = hp.appraisal.optimism_bias("standard_buildings", mitigation=0.5).plot()
        >>> fig.axes[0].get_xlabel()
        'optimism bias (% uplift)'
        """
        fig, ax = _figure.axes(ax, height=3.0)
        names = {"capital": "capital costs", "operating": "operating costs", "duration": "works duration"}
        y = np.arange(3)[::-1]
        lo = [self.lower[m] for m in _MEASURES]
        hi = [self.upper[m] for m in _MEASURES]
        ax.barh(y, np.subtract(hi, lo), left=lo, color=_figure.PALETTE[5], height=0.5,
                label="lower to upper bound (Table 2)")
        ax.scatter([getattr(self, m) for m in _MEASURES], y, color=_figure.PALETTE[1], zorder=3,
                   label="optimism bias applied")
        ax.set_yticks(y, [names[m] for m in _MEASURES])
        ax.set_xlabel("optimism bias (% uplift)")
        _figure.percent_axis(ax.xaxis, scale=1.0, decimals=0)
        _figure.legend_outside(ax, ncol=2)
        return fig

    def apply(self, flows: Sequence[Flow], works_years: int, horizon: int) -> list[Flow]:
        """The flows with this optimism bias applied (see :func:`apply_optimism_bias`).

        Parameters
        ----------
        flows : sequence of Flow
            A business case's flows.
        works_years : int
            The duration of the works the estimates assume (years).
        horizon : int
            The business case's last year.

        Returns
        -------
        list of Flow

        Examples
        --------
        >>> import healthyplaces as hp
        >>> ob = hp.appraisal.optimism_bias("standard_buildings")
        >>> ob.apply([hp.finance.one_off_cost("restructuring", 100_000)], works_years=2, horizon=10)[0].amount.mean
        124000.0
        """
        return apply_optimism_bias(flows, self, works_years, horizon)


def optimism_bias(project: Any, mitigation: Any = 0.0) -> OptimismBiasResult:
    """A project's optimism bias by HM Treasury's Green Book supplementary guidance (Mott MacDonald 2002).

    The upper bound for the project type (:func:`optimism_bias_table`), weighted by share for a combined project,
    reduced by the share of its contributory factors mitigated: optimism bias = upper × (1 − mitigation).

    Parameters
    ----------
    project : str, mapping of str to float, or sequence of (str, float)
        A project type (one of ``PROJECT_TYPES``), or types with their shares of the project (summing to 1).
    mitigation : float or mapping of str to float
        The share mitigated, in [0, 1], for every measure or per measure (keys capital, operating, duration;
        missing ones 0).

    Returns
    -------
    OptimismBiasResult

    Raises
    ------
    DomainError
        An unknown type, shares not summing to 1, a mitigation outside [0, 1].

    Examples
    --------
    >>> import healthyplaces as hp
    >>> round(hp.appraisal.optimism_bias("non_standard_buildings", mitigation={"capital": 0.92}).capital, 4)
    0.0408
    """
    parts = _project(project)
    mit = _mitigation(mitigation)
    bias, upper, lower = _app.optimism_bias(list(parts.items()), mit["capital"], mit["operating"], mit["duration"])
    return OptimismBiasResult(parts, mit, float(bias[0]), float(bias[1]), float(bias[2]),
                              dict(zip(_MEASURES, map(float, upper))), dict(zip(_MEASURES, map(float, lower))))


def apply_optimism_bias(flows: Sequence[Flow], bias: Any, works_years: int, horizon: int) -> list[Flow]:
    """A business case's flows with optimism bias applied.

    One-off costs × (1 + capital) and running costs × (1 + operating), in the years planned (an uncertain amount
    scales exactly: its mean, sd and quantiles; a beta amount is a fraction and is refused); savings and prevention
    start d = round(duration × works_years) years later (halves away from zero), keeping their last year, so a later
    start shortens them; a stream whose delayed start passes its last year yields nothing (kept, amount 0).

    Parameters
    ----------
    flows : sequence of Flow
        The flows (:func:`hp.finance.one_off_cost`, ...).
    bias : OptimismBiasResult or (capital, operating, duration)
        The uplifts as fractions.
    works_years : int
        The duration of the works the estimates assume, 0 to 10,000 years.
    horizon : int
        The business case's last year, 1 to 10,000.

    Returns
    -------
    list of Flow

    Examples
    --------
    >>> import healthyplaces as hp
    >>> out = hp.appraisal.apply_optimism_bias([hp.finance.saving("posts", 100_000, start=2)], (0.2, 0.1, 0.5),
    ...                                        works_years=3, horizon=10)
    >>> out[0].start
    4
    """
    if isinstance(bias, OptimismBiasResult):
        c, o, d = bias.capital, bias.operating, bias.duration
    else:
        values = list(bias)
        if len(values) != 3:
            raise _core.DomainError(f"apply_optimism_bias: bias is an OptimismBiasResult or (capital, operating, "
                                    f"duration); got {bias!r}")
        c, o, d = (float(x) for x in values)
    rows = _app.apply_optimism_bias([f._row() for f in flows], c, o, d, works_years, horizon)
    return [Flow(name, kind, amount, start, None if end < 0 else end, years, baseline)
            for name, kind, amount, start, end, years, baseline in rows]
