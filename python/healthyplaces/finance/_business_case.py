"""The integration business case under uncertainty: one-off restructuring costs, running costs and savings
(shared management posts, prevention that lowers demand after a lag) discounted at the HM Treasury Green Book
rate, with a probabilistic sensitivity analysis (the NPV's distribution, P(NPV > 0), the break-even year, a
tornado table and the expected value of perfect information). The work is one C++ call; these wrappers build
the flows and shape the DataFrames."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np
import pandas as pd

from .. import _core, _figure, _progress
from .._result import Result, Summary, field_table, fmt_int, fmt_money, fmt_percent
from ._uncertain import Uncertain, as_uncertain
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # matplotlib is imported when a chart is drawn, not on import
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["BusinessCaseResult", "Flow", "business_case", "discount_factors", "flows_from_frame", "one_off_cost",
           "prevention", "running_cost", "saving"]

_fin = _core.finance


@dataclass(frozen=True)
class Flow:
    """One line of a business case; build with :func:`one_off_cost`, :func:`running_cost`, :func:`saving` or
    :func:`prevention`.

    Parameters
    ----------
    name : str
        The line's name (the tornado's label).
    kind : {"one_off_cost", "running_cost", "saving", "prevention"}
        What the line is.
    amount : Uncertain
        The amount (£; for prevention, the fraction of ``baseline`` prevented).
    start : int
        The first year (0 = now).
    end : int, optional
        The last year, inclusive (None = the horizon).
    years : int
        One-off costs: spread over this many years.
    baseline : float
        Prevention: the annual cost of the demand (£) the effect applies to.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> f = hp.finance.saving("posts", 120_000, start=2)
    >>> f.kind, f.start, f.amount.mean
    ('saving', 2, 120000.0)
    """

    name: str
    kind: str
    amount: Any  # Uncertain
    start: int
    end: int | None = None
    years: int = 1
    baseline: float = 0.0

    def _row(self) -> tuple:
        return (self.name, self.kind, self.amount, int(self.start), -1 if self.end is None else int(self.end),
                int(self.years), float(self.baseline))


def one_off_cost(name: str, amount: Any, year: int = 0, years: int = 1) -> Flow:
    """A one-off cost (restructuring, redundancies, new systems), spread equally over ``years`` years.

    Parameters
    ----------
    name : str
        The line's name.
    amount : float or Uncertain
        The cost in total (£).
    year : int
        The first year (0 = now, undiscounted).
    years : int
        Spread equally over this many years from ``year``.

    Returns
    -------
    Flow

    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.finance.one_off_cost("restructuring", hp.finance.Uncertain.triangular(3e5, 4e5, 6e5)).kind
    'one_off_cost'
    """
    return Flow(name, "one_off_cost", as_uncertain(amount, f"one_off_cost {name!r}: amount"), year, None, years)


def running_cost(name: str, amount: Any, start: int = 1, end: int | None = None) -> Flow:
    """A running cost (new posts, systems, the pooled fund's administration): ``amount`` a year.

    Parameters
    ----------
    name : str
        The line's name.
    amount : float or Uncertain
        The cost a year (£).
    start : int
        The first year.
    end : int, optional
        The last year, inclusive (None = the horizon).

    Returns
    -------
    Flow

    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.finance.running_cost("joint team", 60_000, start=1, end=5).end
    5
    """
    return Flow(name, "running_cost", as_uncertain(amount, f"running_cost {name!r}: amount"), start, end)


def saving(name: str, amount: Any, start: int = 1, end: int | None = None) -> Flow:
    """A saving of ``amount`` a year (e.g. shared management posts from year 2).

    Parameters
    ----------
    name : str
        The line's name.
    amount : float or Uncertain
        The saving a year (£).
    start : int
        The first year.
    end : int, optional
        The last year, inclusive (None = the horizon).

    Returns
    -------
    Flow

    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.finance.saving("posts", hp.finance.Uncertain.normal(120_000, 20_000), start=2).start
    2
    """
    return Flow(name, "saving", as_uncertain(amount, f"saving {name!r}: amount"), start, end)


def prevention(name: str, baseline: float, effect: Any, start: int = 3, end: int | None = None) -> Flow:
    """Demand cost avoided by prevention: ``baseline`` × ``effect`` a year from ``start`` to ``end``.

    Parameters
    ----------
    name : str
        The line's name.
    baseline : float
        The annual cost of the demand (£, given).
    effect : float or Uncertain
        The fraction of it prevented, e.g. ``Uncertain.beta(0.05, 0.02)``.
    start : int
        The year the effect arrives, after its lag.
    end : int, optional
        The last year, inclusive (None = the horizon).

    Returns
    -------
    Flow

    Examples
    --------
    >>> import healthyplaces as hp
    >>> f = hp.finance.prevention("falls", baseline=2_000_000, effect=hp.finance.Uncertain.beta(0.03, 0.015))
    >>> f.baseline, f.start
    (2000000.0, 3)
    """
    effect = as_uncertain(effect, f"prevention {name!r}: effect")
    return Flow(name, "prevention", effect, start, end, 1, float(baseline))


def discount_factors(horizon: int, rate: float = 0.035, declining: bool = False) -> pd.Series:
    """The discount factor D(t) for years 0..horizon: year 0 undiscounted, year t at the end of year t.

    D(t) = Π 1/(1 + r_s) over s = 1..t; ``declining=True`` uses the Green Book's schedule (3.5% to year 30,
    3.0% years 31–75, 2.5% 76–125, 2.0% 126–200, 1.5% 201–300, 1.0% after).

    Parameters
    ----------
    horizon : int
        The last year.
    rate : float
        The discount rate a year (the Green Book's 3.5%).
    declining : bool
        Use the Green Book's declining schedule (``rate`` is then ignored).

    Returns
    -------
    pandas.Series
        D(t) indexed by year.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.finance.discount_factors(3).round(4).tolist()
    [1.0, 0.9662, 0.9335, 0.9019]
    """
    d = _fin.discount_factors(int(horizon), float(rate), bool(declining))
    return pd.Series(d, index=pd.RangeIndex(len(d), name="year"), name="discount_factor")


_BUILDERS = {"one_off_cost", "running_cost", "saving", "prevention"}


def flows_from_frame(frame: pd.DataFrame) -> list[Flow]:
    """Flows from a table, one row per line of the case.

    Columns ``name``, ``kind`` (one_off_cost, running_cost, saving or prevention), ``amount`` (a number or an Uncertain; the effect for prevention) and optionally
    ``start`` (or ``year``), ``end``, ``years`` and ``baseline``; a missing cell takes the builder's default.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per line of the case.

    Returns
    -------
    list of Flow

    Examples
    --------
    >>> import pandas as pd, healthyplaces as hp
    >>> t = pd.DataFrame({"name": ["restructuring", "posts"], "kind": ["one_off_cost", "saving"],
    ...                   "amount": [500_000, hp.finance.Uncertain.normal(120_000, 20_000)], "start": [0, 2]})
    >>> [(f.kind, f.start, f.end) for f in hp.finance.flows_from_frame(t)]
    [('one_off_cost', 0, None), ('saving', 2, None)]
    """
    missing = [c for c in ("name", "kind", "amount") if c not in frame.columns]
    if missing:
        raise _core.DataError(f"business_case: the flows table needs columns name, kind and amount; missing {missing}")

    def cell(row: pd.Series, col: str) -> Any:
        v = row.get(col)
        return None if v is None or (isinstance(v, float) and np.isnan(v)) else v

    out = []
    for i, row in frame.reset_index(drop=True).iterrows():
        kind, name = str(row["kind"]), str(row["name"])
        if kind not in _BUILDERS:
            raise _core.DomainError(f"business_case: row {i} ({name!r}) kind must be one of one_off_cost, "
                                    f"running_cost, saving, prevention, got {kind!r}")
        start = cell(row, "start") if cell(row, "start") is not None else cell(row, "year")
        end = cell(row, "end")
        kw: dict[str, Any] = {}
        if start is not None:
            kw["year" if kind == "one_off_cost" else "start"] = int(start)
        if kind == "one_off_cost":
            if cell(row, "years") is not None:
                kw["years"] = int(cell(row, "years"))
            out.append(one_off_cost(name, row["amount"], **kw))
            continue
        if end is not None:
            kw["end"] = int(end)
        if kind == "prevention":
            out.append(prevention(name, float(cell(row, "baseline") or 0.0), row["amount"], **kw))
        else:
            out.append((running_cost if kind == "running_cost" else saving)(name, row["amount"], **kw))
    return out


@dataclass(eq=False, repr=False)
class BusinessCaseResult(Result):
    """A business case's numbers, at the inputs' means and over the probabilistic sensitivity analysis (PSA).

    Returned by :func:`business_case`. :meth:`to_frame` (and :meth:`years`) is the year-by-year table at the
    means, :meth:`break_even` the break-even year's distribution over the PSA, :meth:`tornado` the one-way
    sensitivity table, :meth:`summary` the headline numbers and both tables for people (£ with separators) and
    :meth:`plot` the NPV's distribution and the tornado.

    Attributes
    ----------
    flows : list of Flow
        The lines of the case, in order.
    horizon : int
        The last year (years run 0..horizon).
    rate : float
        The discount rate a year (ignored when ``declining``).
    declining : bool
        The Green Book's declining schedule.
    npv : float
        The net present value (£) at the inputs' means.
    break_even_year : int or None
        At the means: the first year from which the cumulative discounted net benefit stays >= 0; None: not
        within the horizon.
    n_sims : int
        PSA draws (0: no PSA, and the PSA outputs below are NaN).
    seed : int
        The PSA's random seed.
    npv_draws : numpy.ndarray
        The NPV (£) of each PSA draw.
    break_even_draws : numpy.ndarray
        Each draw's break-even year (−1: not within the horizon).
    mean_npv, sd_npv, se_mean_npv : float
        The PSA's mean NPV, its sd and the mean's Monte Carlo standard error (£).
    p_positive : float
        P(NPV > 0): the chance integration pays for itself.
    evpi, se_evpi : float
        The expected value of perfect information for the integrate/don't decision (£) and its standard error.
    low, high : float
        The tornado's percentiles.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> case = hp.finance.business_case([hp.finance.one_off_cost("restructuring", 300_000),
    ...                                   hp.finance.saving("posts", hp.finance.Uncertain.normal(100_000, 20_000))],
    ...                                  horizon=5, n_sims=1000, seed=1)
    >>> round(case.npv), case.break_even_year, case.n_sims
    (151505, 4, 1000)
    """

    flows: list[Flow]
    horizon: int
    rate: float
    declining: bool
    npv: float
    break_even_year: int | None
    n_sims: int
    seed: int
    npv_draws: np.ndarray
    break_even_draws: np.ndarray
    mean_npv: float
    sd_npv: float
    se_mean_npv: float
    p_positive: float
    evpi: float
    se_evpi: float
    low: float
    high: float
    year_table: pd.DataFrame = field(repr=False)
    tornado_table: pd.DataFrame = field(repr=False)

    @classmethod
    def _of(cls, core: Any, flows: Sequence[Flow]) -> BusinessCaseResult:
        d = np.asarray(core.discount_factor)
        years = pd.DataFrame({"discount_factor": d, "costs": core.costs, "savings": core.savings, "net": core.net},
                             index=pd.RangeIndex(len(d), name="year"))
        years["discounted_net"] = years["net"] * d
        years["cumulative"] = core.cumulative
        tornado = pd.DataFrame(core.tornado, columns=["input", "low_value", "high_value", "npv_low", "npv_high",
                                                      "swing"])
        return cls(list(flows), int(core.horizon), float(core.rate), bool(core.declining), float(core.npv),
                   None if core.break_even_year < 0 else int(core.break_even_year), int(core.n_sims), int(core.seed),
                   np.asarray(core.npv_draws), np.asarray(core.break_even_draws), float(core.mean_npv),
                   float(core.sd_npv), float(core.se_mean_npv), float(core.p_positive), float(core.evpi),
                   float(core.se_evpi), float(core.low), float(core.high), years, tornado)

    def years(self) -> pd.DataFrame:
        """The year-by-year table at the inputs' means.

        Returns
        -------
        pandas.DataFrame
            Indexed by year (0..horizon): ``discount_factor``, ``costs``, ``savings``, ``net`` (undiscounted, £),
            ``discounted_net`` and ``cumulative`` (the cumulative discounted net benefit, £).

        Examples
        --------
        >>> import healthyplaces as hp
        >>> case = hp.finance.business_case([hp.finance.saving("posts", 100)], horizon=2, rate=0.0, n_sims=0)
        >>> case.years()["cumulative"].tolist()
        [0.0, 100.0, 200.0]
        """
        return self.year_table.copy()

    def to_frame(self) -> pd.DataFrame:
        """The year-by-year table at the inputs' means (the same as :meth:`years`).

        Returns
        -------
        pandas.DataFrame

        Examples
        --------
        >>> import healthyplaces as hp
        >>> case = hp.finance.business_case([hp.finance.saving("posts", 100)], horizon=2, n_sims=0)
        >>> case.to_frame().index.tolist()
        [0, 1, 2]
        """
        return self.years()

    def break_even(self) -> pd.DataFrame:
        """The break-even year's distribution over the PSA draws.

        Returns
        -------
        pandas.DataFrame
            The probability of breaking even in each year and by each year (``cumulative``); the last row,
            ``None``, is 'not within the horizon'.

        Examples
        --------
        >>> import healthyplaces as hp
        >>> case = hp.finance.business_case([hp.finance.one_off_cost("r", 250), hp.finance.saving("s", 100)],
        ...                                 horizon=4, rate=0.0, n_sims=100)
        >>> case.break_even()["probability"].tolist()
        [0.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        """
        be = np.asarray(self.break_even_draws)
        if be.size == 0:
            raise _core.DomainError("break_even: this business case was run with n_sims=0; no PSA to summarise")
        counts = np.bincount(np.where(be < 0, self.horizon + 1, be), minlength=self.horizon + 2) / be.size
        idx = pd.Index(list(range(self.horizon + 1)) + [None], name="year", dtype=object)
        return pd.DataFrame({"probability": counts, "cumulative": np.cumsum(counts)}, index=idx)

    def tornado(self) -> pd.DataFrame:
        """One-way sensitivity: each input at its low and high percentile, the others at their means.

        Returns
        -------
        pandas.DataFrame
            ``input``, ``low_value``, ``high_value``, the NPV at each (``npv_low``, ``npv_high``, £) and the
            ``swing`` |npv_high − npv_low|, largest swing first.

        Examples
        --------
        >>> import healthyplaces as hp
        >>> U = hp.finance.Uncertain
        >>> case = hp.finance.business_case([hp.finance.one_off_cost("r", U.uniform(0, 100)),
        ...                                  hp.finance.saving("s", 30)], horizon=3, n_sims=0)
        >>> case.tornado()["input"].tolist()
        ['r', 's']
        """
        return self.tornado_table.copy()

    def _headline(self) -> list[tuple[str, Any]]:
        rows: list[tuple[str, Any]] = [
            ("horizon (years)", self.horizon),
            ("discounting", "Green Book declining" if self.declining else f"{fmt_percent(self.rate)} a year"),
            ("NPV at the means", self.npv),
            ("break-even year at the means",
             "not within the horizon" if self.break_even_year is None else self.break_even_year),
            ("PSA draws (n_sims)", self.n_sims)]
        if self.n_sims:
            q = np.quantile(self.npv_draws, [0.05, 0.5, 0.95])
            rows += [("mean NPV", self.mean_npv), ("its standard error", self.se_mean_npv), ("sd of NPV", self.sd_npv),
                     ("NPV 5th percentile", q[0]), ("NPV median", q[1]), ("NPV 95th percentile", q[2]),
                     ("P(NPV > 0)", fmt_percent(self.p_positive)), ("EVPI", self.evpi),
                     ("EVPI's standard error", self.se_evpi), ("seed", self.seed)]
        return rows

    def summary(self) -> Summary:
        """The headline numbers, the year-by-year table and the tornado, for people.

        Returns
        -------
        Summary
            ``print()`` gives every table in full (money as £ with separators); in Jupyter it renders as HTML.

        Examples
        --------
        >>> import healthyplaces as hp
        >>> case = hp.finance.business_case([hp.finance.one_off_cost("r", 250_000),
        ...                                  hp.finance.saving("s", 100_000)], horizon=4, rate=0.0, n_sims=0)
        >>> print(case.summary())  # doctest: +ELLIPSIS
        Business case: NPV £150,000 over years 0-4, break-even year 3
        ...
        NPV at the means                  £150,000
        ...
        """
        money = ["NPV at the means", "mean NPV", "its standard error", "sd of NPV", "NPV 5th percentile",
                 "NPV median", "NPV 95th percentile", "EVPI", "EVPI's standard error", "costs", "savings", "net",
                 "discounted_net", "cumulative", "npv_low", "npv_high", "swing"]
        formats: dict[str, Any] = {m: fmt_money for m in money}
        formats["discount_factor"] = lambda v: f"{float(v):.4f}"
        formats["seed"] = fmt_int
        be = "not within the horizon" if self.break_even_year is None else f"year {self.break_even_year}"
        title = f"Business case: NPV {fmt_money(self.npv)} over years 0-{self.horizon}, break-even {be}"
        out = Summary.of(title, field_table(self._headline()), formats=formats)
        out.add("Year by year at the inputs' means (£, costs and savings undiscounted)", self.year_table.reset_index())
        tornado = self.tornado_table.set_index("input")
        out.add(f"One-way sensitivity: each input at its {fmt_percent(self.low, 0)} and {fmt_percent(self.high, 0)} "
                f"percentiles, the others at their means", tornado)
        out.notes.append("Year 0 is the present, undiscounted; year t is discounted as if it falls at the end of "
                         "year t (HM Treasury Green Book). EVPI: the expected value of perfect information for the "
                         "integrate/don't decision.")
        return out

    def plot(self, ax: Axes | None = None, bins: int = 50, title: str | None = None) -> Figure:
        """The NPV's PSA distribution (the NPV at the means and zero marked) and the tornado chart.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Draw the NPV's distribution alone on these axes (the tornado needs its own; default: a new figure
            with both panels).
        bins : int
            Histogram bins.
        title : str, optional
            A title over the figure.

        Returns
        -------
        matplotlib.figure.Figure
            Shown once in Jupyter, whether returned or assigned.

        Examples
        --------
        >>> import healthyplaces as hp
        >>> case = hp.finance.business_case([hp.finance.one_off_cost("r", 250_000),
        ...     hp.finance.saving("s", hp.finance.Uncertain.normal(100_000, 20_000))], horizon=4, n_sims=500)
        >>> fig = case.plot()
        >>> [a.get_xlabel() for a in fig.axes]
        ['net present value (£)', 'net present value (£)']
        """
        if ax is not None:
            fig, ax1 = _figure.axes(ax)
            ax2 = None
        else:
            fig = _figure.figure(11, 4.4)
            ax1, ax2 = fig.subplots(1, 2)
        if self.n_sims:
            ax1.hist(self.npv_draws, bins=bins, color=_figure.PALETTE[5], edgecolor="white")
            ax1.set_title(f"NPV over {fmt_int(self.n_sims)} PSA draws: P(NPV > 0) = {fmt_percent(self.p_positive)}")
            _figure.count_axis(ax1.yaxis)
            ax1.set_ylabel("PSA draws")
        else:
            ax1.set_title("NPV at the means (no PSA draws)")
            ax1.set_yticks([])
        ax1.axvline(0, color="black", lw=1)
        ax1.axvline(self.npv, color=_figure.PALETTE[1], lw=1.5, ls="--", label=f"at the means: {fmt_money(self.npv)}")
        ax1.set_xlabel("net present value (£)")
        _figure.money_axis(ax1.xaxis)
        _figure.legend_outside(ax1, ncol=1)
        if ax2 is not None:
            t = self.tornado_table.iloc[::-1]
            y = np.arange(len(t))
            # each input's low and high percentile as its own colour, from the NPV at the means outwards
            base = self.npv
            ax2.barh(y, t["npv_low"] - base, left=base, color=_figure.PALETTE[0],
                     label=f"input at its {fmt_percent(self.low, 0)} percentile")
            ax2.barh(y, t["npv_high"] - base, left=base, color=_figure.PALETTE[4],
                     label=f"input at its {fmt_percent(self.high, 0)} percentile")
            ax2.axvline(base, color="black", lw=1)
            from matplotlib.ticker import MaxNLocator

            ax2.xaxis.set_major_locator(MaxNLocator(5))
            _figure.legend_outside(ax2, ncol=1)
            ax2.set_yticks(y, t["input"])
            ax2.set_title(f"One-way sensitivity ({fmt_percent(self.low, 0)}–{fmt_percent(self.high, 0)} percentiles)")
            ax2.set_xlabel("net present value (£)")
            _figure.money_axis(ax2.xaxis)
        if title:
            fig.suptitle(title)
        return fig

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BusinessCaseResult):
            return NotImplemented
        return (repr(self) == repr(other) and np.array_equal(self.npv_draws, other.npv_draws)
                and self.year_table.equals(other.year_table) and self.tornado_table.equals(other.tornado_table))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        be = "not within the horizon" if self.break_even_year is None else f"year {self.break_even_year}"
        psa = (f", PSA {self.n_sims} draws: mean {self.mean_npv:,.0f}, P(NPV > 0) {self.p_positive:.3f}, "
               f"EVPI {self.evpi:,.0f}") if self.n_sims else ""
        return f"BusinessCaseResult(NPV at means {self.npv:,.0f} over {self.horizon} years, break-even {be}{psa})"


def business_case(flows: Sequence[Flow] | pd.DataFrame, horizon: int = 10, rate: float = 0.035,
                  declining: bool = False, n_sims: int = 10000, seed: int = 0, threads: int = 0, low: float = 0.1,
                  high: float = 0.9, progress: bool | None = None) -> BusinessCaseResult:
    """The integration business case over years 0..``horizon``, with a probabilistic sensitivity analysis.

    Year 0 is the present and undiscounted; year t is discounted by (1 + rate)^−t (end-of-year), or by the Green
    Book's declining schedule with ``declining=True``. Break-even is the first year from which the cumulative
    discounted net benefit stays >= 0. In the PSA each draw takes one value of each input for all years;
    ``p_positive`` is P(NPV > 0) ("integration pays for itself") and ``evpi`` = E[max(NPV, 0)] − max(E[NPV], 0),
    the expected value of perfect information for the integrate/don't decision. Draws are made in blocks keyed
    by (seed, block), so any ``threads`` gives the same numbers.

    Parameters
    ----------
    flows : sequence of Flow, or DataFrame
        The lines of the case, from :func:`one_off_cost`, :func:`running_cost`, :func:`saving` and
        :func:`prevention` (every amount may be an :class:`Uncertain`), or a table (see :func:`flows_from_frame`).
    horizon : int
        The last year.
    rate : float
        The discount rate a year (the Green Book's 3.5%).
    declining : bool
        Use the Green Book's declining schedule after year 30.
    n_sims : int
        PSA draws (Monte Carlo), 0 to 10^9; 0 for the deterministic case and tornado only, where the PSA's outputs
        (``mean_npv``, ``sd_npv``, ``p_positive``, ``evpi`` and their standard errors) are NaN: not computed.
    seed : int
        The PSA's random seed.
    threads : int
        Worker threads; 0 (default) = all cores. The numbers do not depend on it.
    low, high : float
        The tornado's percentiles (each input at these, the others at their means).
    progress : bool, optional
        True shows the time elapsed while the PSA runs (None: only for a PSA of more than a couple of seconds in
        a terminal or notebook); the numbers do not depend on it.

    Returns
    -------
    BusinessCaseResult

    Examples
    --------
    >>> import healthyplaces as hp
    >>> U = hp.finance.Uncertain
    >>> case = hp.finance.business_case([
    ...     hp.finance.one_off_cost("restructuring", U.triangular(300_000, 400_000, 600_000)),
    ...     hp.finance.saving("shared management posts", U.normal(120_000, 20_000), start=1),
    ...     hp.finance.prevention("falls prevention", baseline=2_000_000, effect=U.beta(0.03, 0.015), start=3)],
    ...     horizon=5, n_sims=2000, seed=1)
    >>> round(case.npv), case.break_even_year
    (265394, 4)
    """
    if isinstance(flows, pd.DataFrame):
        flows = flows_from_frame(flows)
    flows = list(flows)
    for i, f in enumerate(flows):
        if not isinstance(f, Flow):
            raise _core.DomainError(f"business_case: flows[{i}] must be an hp.finance Flow (one_off_cost, "
                                    f"running_cost, saving or prevention), got {type(f).__name__}")

    n_sims, seed, threads = _fin.integer_options(n_sims=n_sims, seed=seed, threads=threads)[:3]  # checked in C++

    def run() -> Any:
        return _fin.business_case([f._row() for f in flows], int(horizon), float(rate), bool(declining), n_sims,
                                  seed, threads, 256, float(low), float(high))

    work = float(n_sims) * max(len(flows), 1) * (int(horizon) + 1) / _progress.effective_threads(threads)
    if _progress.wanted(progress, work, _progress.PSA_UNITS, "business_case"):
        core = _progress.activity(run, f"business case PSA, {n_sims:,} draws")
    else:
        core = run()
    return BusinessCaseResult._of(core, flows)
