"""Simulated years of demand-led spend and who bears the overspend under each budget arrangement. The work is
one C++ pass (``_core.finance.simulate_spend``, then ``outturns`` per arrangement over the same draws); these
wrappers shape the population, the risk-share rule and the DataFrames."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from .. import _core, _figure, _progress
from .._result import Result, Summary, fmt_int, fmt_money, fmt_percent
from ._service import Service
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # matplotlib is imported when a chart is drawn, not on import
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["ARRANGEMENTS", "RiskShare", "SimulationResult", "compare_arrangements", "simulate"]

_fin = _core.finance
ARRANGEMENTS = ("separate", "aligned", "pooled", "single")


class RiskShare:
    """How a pooled fund's overspend (or underspend) is shared between its partners.

    Build one with a class method: ``RiskShare.proportional()`` in proportion to contributions (the partners'
    budgets in the pool); ``RiskShare.fixed({"council": 0.4, "nhs": 0.6})`` agreed shares summing to 1;
    ``RiskShare.lead_partner("nhs")`` the lead bears it all; ``RiskShare.capped(shares, cap=0.02,
    collar=-0.02)`` the agreed shares while the pooled overspend lies within [collar, cap] × the pooled budget
    (fractions, so one rule fits any size of fund); beyond, each partner bears the excess in proportion to its
    own services' overspend.

    Parameters
    ----------
    rule : {"proportional", "fixed", "lead_partner", "capped"}
        The rule.
    shares : dict, optional
        Partner → share (fixed, capped).
    lead : str
        The lead partner (lead_partner).
    cap, collar : float
        The corridor of a capped rule, as fractions of the pooled budget (cap >= 0 >= collar).

    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.finance.RiskShare.capped({"council": 0.5, "nhs": 0.5}, cap=0.02)
    RiskShare.capped({'council': 0.5, 'nhs': 0.5}, cap=0.02, collar=-0.02)
    """

    def __init__(self, rule: str = "proportional", shares: Mapping[str, float] | None = None, lead: str = "",
                 cap: float = math.inf, collar: float = -math.inf) -> None:
        self.rule, self.shares, self.lead = rule, dict(shares or {}), lead
        self.cap, self.collar = float(cap), float(collar)

    @classmethod
    def proportional(cls) -> RiskShare:
        """Shares in proportion to contributions (each partner's budget in the pool over the pooled budget)."""
        return cls("proportional")

    @classmethod
    def fixed(cls, shares: Mapping[str, float]) -> RiskShare:
        """Agreed shares, one per partner, non-negative and summing to 1."""
        return cls("fixed", shares)

    @classmethod
    def lead_partner(cls, name: str) -> RiskShare:
        """The lead partner ``name`` bears the whole overspend (or underspend)."""
        return cls("lead_partner", lead=name)

    @classmethod
    def capped(cls, shares: Mapping[str, float], cap: float, collar: float | None = None) -> RiskShare:
        """Agreed shares within a corridor: ``cap`` >= 0 and ``collar`` <= 0 as fractions of the pooled budget;
        collar defaults to −cap."""
        return cls("capped", shares, cap=cap, collar=-cap if collar is None else collar)

    def _args(self) -> dict[str, Any]:
        return dict(rule=self.rule, shares=[(str(k), float(v)) for k, v in self.shares.items()], lead=self.lead,
                    cap=self.cap, collar=self.collar)

    def __repr__(self) -> str:
        if self.rule == "fixed":
            return f"RiskShare.fixed({self.shares})"
        if self.rule == "lead_partner":
            return f"RiskShare.lead_partner({self.lead!r})"
        if self.rule == "capped":
            return f"RiskShare.capped({self.shares}, cap={self.cap:g}, collar={self.collar:g})"
        return "RiskShare.proportional()"


def _budgets(arrangement: Any) -> Any:
    """An hp.Budgets from "pooled", hp.Budgets.pooled or an hp.Arrangement (its budgets dimension)."""
    if isinstance(arrangement, _core.integration.Budgets):
        return arrangement
    if isinstance(arrangement, _core.integration.Arrangement):
        return arrangement.budgets
    if isinstance(arrangement, str) and arrangement in ARRANGEMENTS:
        return _core.integration.Budgets[arrangement]
    raise _core.DomainError(f"simulate: arrangement must be one of {', '.join(ARRANGEMENTS)}, an hp.Budgets or an "
                            f"hp.Arrangement, got {arrangement!r}")


def _population(population: Any, years: int | None) -> tuple[list[str] | None, np.ndarray]:
    """(band labels or None, years × bands counts) from a projection (.counts_by_year), a Population (.bands,
    .counts) or a (bands, counts) pair; a static population is repeated over ``years``."""
    if years is not None and int(years) < 1:
        raise _core.DomainError(f"simulate: years must be at least 1, got {years}")
    by_year = getattr(population, "counts_by_year", None)
    if by_year is not None:
        frame = pd.DataFrame(by_year)
        table = frame.to_numpy(dtype=float)
        if years is not None:
            if int(years) > len(table):
                raise _core.DomainError(f"simulate: years ({years}) exceeds the projection's {len(table)} years")
            table = table[: int(years)]
        return [str(c) for c in frame.columns], table
    if hasattr(population, "bands") and hasattr(population, "counts"):
        bands, counts = population.bands, population.counts
    elif isinstance(population, (tuple, list)) and len(population) == 2:
        bands, counts = population
    else:
        raise _core.DomainError("simulate: population must have .bands and .counts (hp.demography.Population), "
                                ".counts_by_year (a projection) or be a (bands, counts) pair")
    counts = np.asarray(counts, dtype=float).ravel()
    labels = None if bands is None else [str(b) for b in bands]
    return labels, np.tile(counts, (1 if years is None else int(years), 1))


def _check_bands(bands: list[str] | None, services: Sequence[Service]) -> None:
    for s in services:
        if not isinstance(s, Service):
            raise _core.DomainError(f"simulate: services must be hp.finance.Service objects, got {type(s).__name__}")
        if bands is not None and s.bands is not None and s.bands != bands:
            raise _core.DataError(f'service "{s.name}": rates are for bands {s.bands[:3]}... but the population has '
                                  f"{bands[:3]}...; give rates for the population's bands, in order")
        if bands is not None and len(s.rates) != len(bands):
            raise _core.DataError(f'service "{s.name}": rates has {len(s.rates)} age bands but the population has '
                                  f"{len(bands)}; give one rate per population band")


def _friction(friction: Any) -> tuple[float, float]:
    if friction is None:
        return 0.0, 0.0
    if isinstance(friction, Mapping):
        return float(friction.get("disputed_share", 0.0)), float(friction.get("cost_per_case", 0.0))
    share, cost = friction
    return float(share), float(cost)


def _money_formats(columns: Sequence[str]) -> dict[str, Any]:
    return {c: fmt_money for c in columns}


@dataclass(eq=False, repr=False)
class SimulationResult(Result):
    """Simulated overspends (spend − budget; negative = underspend) by partner, replication and year.

    Returned by :func:`simulate` (and ``hp.distributed.simulate``); the fields hold the simulated years and
    their settlement under one budget arrangement and risk-share rule. :meth:`to_frame` is the risk table by
    partner (budget, expected spend, mean overspend, sd, probability of overspend, value at risk and expected
    shortfall at ``var_level``), :meth:`summary` the same for people (£ with separators), :meth:`under` the
    same simulated years under another arrangement, :meth:`compare` the table across arrangements and
    :meth:`plot` the outturn distributions.

    Attributes
    ----------
    services : list of Service
        The services simulated, in order.
    arrangement : str
        The budgets dimension's name: ``"separate"``, ``"aligned"``, ``"pooled"`` or ``"single"``.
    budgets_dimension : hp.Budgets
        The same as the enum.
    risk_share : RiskShare
        How a pooled fund's overspend is shared.
    friction : tuple of float
        (disputed_share, cost_per_case) charged under separate budgets.
    var_level : float
        The value-at-risk level of the risk measures (a quantile of the loss distribution, default 0.95).
    options : dict
        The simulation's settings (``n_sims``, ``years``, ``shock_sd``, ``seed``, ...).
    partners : list of str
        The partners, in the order of ``overspend``'s first axis.
    budgets : pandas.Series
        Each partner's budget (£ a year).
    overspend : numpy.ndarray
        Overspend (£) by partner, replication and year: shape (partners, n_sims, years).
    simulated : SpendDraws
        The simulated years (the C++ result): ``spend`` and ``events`` by replication, year and service.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> svc = [hp.finance.Service("admissions", "nhs", [0.3], hp.finance.Gamma(2500, 1500), 1.5e6),
    ...        hp.finance.Service("care", "council", [0.1], hp.finance.Gamma(9000, 6000), 1.8e6)]
    >>> r = hp.finance.simulate((["65+"], [2000]), svc, n_sims=1000, seed=1)
    >>> r.partners, r.overspend.shape
    (['nhs', 'council'], (2, 1000, 1))
    >>> r.to_frame().columns.tolist()
    ['budget', 'expected_spend', 'mean_overspend', 'sd', 'p_overspend', 'VaR', 'ES']
    """

    services: list[Service]
    arrangement: str
    budgets_dimension: Any
    risk_share: RiskShare
    friction: tuple[float, float]
    var_level: float
    options: dict[str, Any]
    partners: list[str]
    budgets: pd.Series
    overspend: np.ndarray
    simulated: Any = field(repr=False)

    @classmethod
    def settle(cls, simulated: Any, services: Sequence[Service], arrangement: Any = "pooled",
               risk_share: RiskShare | None = None, friction: Any = None, var_level: float = 0.95,
               options: dict[str, Any] | None = None) -> SimulationResult:
        """Settle simulated years under a budget arrangement and risk-share rule.

        Parameters
        ----------
        simulated : SpendDraws
            Simulated years from ``_core.finance.simulate_spend`` (or ``blocks.spend_draws``).
        services : sequence of Service
            The services they were simulated for, in order.
        arrangement : str, hp.Budgets or hp.Arrangement
            The budget arrangement.
        risk_share : RiskShare, optional
            A pooled fund's rule (default proportional).
        friction : (float, float), optional
            (disputed_share, cost_per_case) under separate budgets.
        var_level : float
            The value-at-risk level, in (0, 1).
        options : dict, optional
            The simulation's settings, kept for the record.

        Returns
        -------
        SimulationResult

        Examples
        --------
        >>> import healthyplaces as hp
        >>> from healthyplaces.finance import blocks
        >>> svc = [hp.finance.Service("care", "council", [0.1], hp.finance.Gamma(9000, 6000), 1.8e6)]
        >>> services, table = blocks.prepare((["65+"], [2000]), svc, None)
        >>> years = blocks.spend_draws(services, table, 100, 0.0, 0.0, 1, 0, 4096, 0, 0)
        >>> hp.finance.SimulationResult.settle(years, services, "separate").overspend.shape
        (1, 100, 1)
        """
        budgets_dimension = _budgets(arrangement)
        share = risk_share or RiskShare.proportional()
        fr = _friction(friction)
        _check_var_level(var_level)
        partners, budgets, over = _fin.outturns(simulated, [s._core for s in services], budgets_dimension,
                                                disputed_share=fr[0], cost_per_case=fr[1], **share._args())
        names = [str(p) for p in partners]
        return cls(list(services), str(budgets_dimension.name), budgets_dimension, share, fr, float(var_level),
                   dict(options or {}), names, pd.Series(budgets, index=names, name="budget"),
                   over.reshape(len(names), simulated.n_sims, simulated.horizon), simulated)

    @property
    def n_sims(self) -> int:
        """Replications of the horizon."""
        return int(self.simulated.n_sims)

    @property
    def years(self) -> int:
        """Years in the horizon."""
        return int(self.simulated.horizon)

    @property
    def spend(self) -> np.ndarray:
        """Spend (£) by replication, year and service: shape (n_sims, years, services)."""
        return self.simulated.spend

    @property
    def events(self) -> np.ndarray:
        """Events by replication, year and service: shape (n_sims, years, services)."""
        return self.simulated.events

    @property
    def outturns(self) -> pd.DataFrame:
        """Each simulated year's overspend (£) by partner and in total, indexed by (sim, year)."""
        index = pd.MultiIndex.from_product([range(self.n_sims), range(self.years)], names=["sim", "year"])
        frame = pd.DataFrame({p: self.overspend[i].ravel() for i, p in enumerate(self.partners)}, index=index)
        frame["total"] = frame[self.partners].sum(axis=1)
        return frame

    def under(self, arrangement: Any, risk_share: RiskShare | None = None, friction: Any = None) -> SimulationResult:
        """The same simulated years (common random numbers) under another arrangement or risk-share rule.

        Parameters
        ----------
        arrangement : str, hp.Budgets or hp.Arrangement
            The other budget arrangement.
        risk_share : RiskShare, optional
            Another rule for a pooled fund (default: this result's).
        friction : (float, float), optional
            Other friction under separate budgets (default: this result's).

        Returns
        -------
        SimulationResult

        Examples
        --------
        >>> import healthyplaces as hp
        >>> svc = [hp.finance.Service("admissions", "nhs", [0.3], hp.finance.Gamma(2500, 1500), 1.5e6),
        ...        hp.finance.Service("care", "council", [0.1], hp.finance.Gamma(9000, 6000), 1.8e6)]
        >>> r = hp.finance.simulate((["65+"], [2000]), svc, n_sims=500, seed=1)
        >>> r.under("separate").arrangement
        'separate'
        """
        return SimulationResult.settle(self.simulated, self.services, arrangement, risk_share or self.risk_share,
                                       self.friction if friction is None else friction, self.var_level, self.options)

    def to_frame(self, var_level: float | None = None) -> pd.DataFrame:
        """The risk table by partner and in total.

        Parameters
        ----------
        var_level : float, optional
            The value-at-risk level (default: the result's ``var_level``).

        Returns
        -------
        pandas.DataFrame
            Indexed by partner (and ``total``): ``budget``, ``expected_spend``, ``mean_overspend``, ``sd`` (£ a
            year), ``p_overspend`` (the share of simulated years over budget), ``VaR`` (value at risk: the
            ``var_level`` quantile of the overspend) and ``ES`` (expected shortfall: the mean overspend in the
            worst 1 − ``var_level`` of years).

        Examples
        --------
        >>> import healthyplaces as hp
        >>> svc = [hp.finance.Service("care", "council", [0.1], hp.finance.Gamma(9000, 6000), 1.8e6)]
        >>> r = hp.finance.simulate((["65+"], [2000]), svc, n_sims=2000, seed=1)
        >>> r.to_frame().index.tolist()
        ['council', 'total']
        """
        level = self.var_level if var_level is None else float(var_level)
        rows = {}
        for name, x, budget in [*((p, self.overspend[i].ravel(), self.budgets[p]) for i, p in enumerate(self.partners)),
                                ("total", self.overspend.sum(axis=0).ravel(), self.budgets.sum())]:
            mean, sd, p, var, es = _fin.risk_measures(np.ascontiguousarray(x), level)
            rows[name] = {"budget": float(budget), "expected_spend": float(budget) + mean, "mean_overspend": mean,
                          "sd": sd, "p_overspend": p, "VaR": var, "ES": es}
        frame = pd.DataFrame.from_dict(rows, orient="index")
        frame.index.name = "partner"
        return frame

    def summary(self, var_level: float | None = None) -> Summary:
        """The risk table for people: money as £ with separators, the probability of overspend as a percentage.

        Parameters
        ----------
        var_level : float, optional
            The value-at-risk level (default: the result's ``var_level``).

        Returns
        -------
        Summary
            ``print()`` gives the complete table; in Jupyter it renders as HTML.

        Examples
        --------
        >>> import healthyplaces as hp
        >>> svc = [hp.finance.Service("care", "council", [0.1], hp.finance.Gamma(9000, 6000), 1.8e6)]
        >>> r = hp.finance.simulate((["65+"], [2000]), svc, n_sims=2000, seed=1)
        >>> print(r.summary())  # doctest: +ELLIPSIS
        Simulated spend: 2,000 replications × 1 year, pooled budgets
        ...
        council  £1,800,000      £1,800,074  ...
        """
        level = self.var_level if var_level is None else float(var_level)
        formats: dict[str, Any] = _money_formats(["budget", "expected_spend", "mean_overspend", "sd", "VaR", "ES"])
        formats["p_overspend"] = fmt_percent
        year_word = "year" if self.years == 1 else "years"
        notes = [f"Value at risk (VaR) and expected shortfall (ES) of the overspend at the {100 * level:g}% "
                 f"level, per simulated year; overspend = spend − budget (negative: underspend).",
                 f"Risk share: {self.risk_share!r}; seed {self.options.get('seed', '–')}."]
        if self.friction != (0.0, 0.0):
            notes.append(f"Friction under separate budgets: {fmt_percent(self.friction[0])} of cases disputed at "
                         f"{fmt_money(self.friction[1])} each.")
        return Summary.of(f"Simulated spend: {fmt_int(self.n_sims)} replications × {self.years} {year_word}, "
                          f"{self.arrangement} budgets", self.to_frame(level), notes, formats)

    def compare(self, arrangements: Sequence[Any] = ARRANGEMENTS, var_level: float | None = None) -> pd.DataFrame:
        """The risk table across arrangements, on these simulated years (common random numbers).

        Parameters
        ----------
        arrangements : sequence of str, hp.Budgets or hp.Arrangement
            The arrangements to settle the years under (default all four).
        var_level : float, optional
            The value-at-risk level (default: the result's ``var_level``).

        Returns
        -------
        pandas.DataFrame
            :meth:`to_frame`'s columns by (arrangement, partner), plus ``pooling_benefit_VaR`` and
            ``pooling_benefit_ES`` (separate's VaR or ES minus this arrangement's; positive = less risk) when
            ``"separate"`` is among the arrangements.

        Examples
        --------
        >>> import healthyplaces as hp
        >>> svc = [hp.finance.Service("admissions", "nhs", [0.3], hp.finance.Gamma(2500, 1500), 1.5e6),
        ...        hp.finance.Service("care", "council", [0.1], hp.finance.Gamma(9000, 6000), 1.8e6)]
        >>> r = hp.finance.simulate((["65+"], [2000]), svc, n_sims=1000, seed=1)
        >>> r.compare(["separate", "pooled"]).index.get_level_values("arrangement").unique().tolist()
        ['separate', 'pooled']
        """
        tables = {}
        for a in arrangements:
            r = self if _budgets(a) == self.budgets_dimension else self.under(a)
            tables[str(_budgets(a).name)] = r.to_frame(var_level)
        table = pd.concat(tables, names=["arrangement", "partner"])
        sep = tables.get("separate")
        if sep is not None:
            for m in ("VaR", "ES"):
                base = table.index.get_level_values("partner").map(sep[m])
                table[f"pooling_benefit_{m}"] = np.asarray(base, dtype=float) - table[m].to_numpy()
        return table

    def plot(self, ax: Axes | None = None, bins: int = 60) -> Figure:
        """Histograms of each partner's and the total overspend per simulated year, value at risk dotted.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Draw on these axes (default: a new figure).
        bins : int
            Histogram bins.

        Returns
        -------
        matplotlib.figure.Figure
            Shown once in Jupyter, whether returned or assigned.

        Examples
        --------
        >>> import healthyplaces as hp
        >>> svc = [hp.finance.Service("care", "council", [0.1], hp.finance.Gamma(9000, 6000), 1.8e6)]
        >>> fig = hp.finance.simulate((["65+"], [2000]), svc, n_sims=500, seed=1).plot()
        >>> fig.axes[0].get_xlabel()
        'overspend against budget (£ per simulated year; dotted: value at risk)'
        """
        fig, ax = _figure.axes(ax)
        table = self.to_frame()
        names = [*self.partners, "total"]
        for k, name in enumerate(names):
            i = self.partners.index(name) if name in self.partners else None
            x = self.overspend[i].ravel() if i is not None else self.overspend.sum(axis=0).ravel()
            colour = _figure.PALETTE[k % len(_figure.PALETTE)] if name != "total" else "#000000"
            ax.hist(x, bins=bins, histtype="step", color=colour, label=name)
            ax.axvline(table.loc[name, "VaR"], color=colour, ls=":", lw=1)
        ax.axvline(0, color=_figure.GREY, lw=0.8)
        _figure.money_axis(ax.xaxis)
        _figure.count_axis(ax.yaxis)
        ax.set_xlabel("overspend against budget (£ per simulated year; dotted: value at risk)")
        ax.set_ylabel("simulated years")
        ax.set_title(f"{self.arrangement} budgets: {fmt_int(self.n_sims * self.years)} simulated years")
        _figure.legend_outside(ax, ncol=len(names))
        return fig

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SimulationResult):
            return NotImplemented
        return (self.arrangement == other.arrangement and repr(self.risk_share) == repr(other.risk_share)
                and self.friction == other.friction and self.var_level == other.var_level
                and self.partners == other.partners and self.options == other.options
                and np.array_equal(self.overspend, other.overspend) and np.array_equal(self.spend, other.spend)
                and np.array_equal(self.events, other.events))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"SimulationResult({self.arrangement}, {self.n_sims} sims × {self.years} years)"


def _check_var_level(var_level: Any) -> None:
    """A DomainError unless ``var_level`` is in (0, 1), suggesting 0.95 for 95 (``blocks.check_var_level``)."""
    x = float(var_level)
    if not 0 < x < 1:
        hint = f"; did you mean {x / 100:g}?" if 1 < x < 100 else ""
        raise _core.DomainError(f"var_level must be in (0, 1), the quantile of the overspend, got {var_level!r}{hint}")


def slices(n_sims: int, horizon: int, block_size: int, parts: int | None = None,
           what: str = "simulate") -> list[tuple[int, int]]:
    """Split a run into slices of whole blocks, for schedulers (``hp.distributed``, progress bars).

    A slice must start at a block boundary that is also a replication boundary, so the smallest slice is
    lcm(block_size, horizon) simulated years. Run slice (k, n) with ``first_block=first_block + k, n_sims=n``:
    the slices' rows, concatenated in order, are the whole run's, bit for bit.

    Parameters
    ----------
    n_sims : int
        Replications of the horizon in the run.
    horizon : int
        Years per replication.
    block_size : int
        Simulated years per block (per random stream).
    parts : int, optional
        How many slices (default: as many as possible).
    what : str
        The caller's name, for error messages.

    Returns
    -------
    list of (int, int)
        (blocks from the run's first block, replications) pairs, in order.

    Examples
    --------
    >>> from healthyplaces.finance import blocks
    >>> blocks.slices(n_sims=1000, horizon=1, block_size=256, parts=2)
    [(0, 512), (2, 488)]
    """
    n_sims, _, _, _, block_size, _ = integer_options(n_sims=n_sims, block_size=block_size)
    horizon = int(horizon)
    if n_sims < 1:
        raise _core.DomainError(f"{what}: n_sims must be at least 1, got {n_sims}")
    if block_size < 1:
        raise _core.DomainError(f"{what}: block_size must be at least 1, got {block_size}")
    n_years = n_sims * horizon
    unit = math.lcm(block_size, horizon)  # simulated years in the smallest slice
    pieces = count_pieces(n_sims, horizon, block_size)
    if parts is None:
        parts = pieces
    if isinstance(parts, bool) or not isinstance(parts, (int, np.integer)) or parts < 1:
        raise _core.DomainError(f"{what}: n_tasks must be a whole number >= 1, got {parts!r}")
    if parts > pieces:
        raise _core.DomainError(
            f"{what}: n_tasks ({parts}) exceeds the {pieces} slices this run can be split into (a slice is whole "
            f"blocks ending on a replication: {unit // block_size} block(s) of {block_size} simulated years with a "
            f"{horizon}-year horizon); ask for at most {pieces} tasks or a smaller block_size")
    out = []
    for i in range(int(parts)):
        p0, p1 = i * pieces // parts, (i + 1) * pieces // parts
        y0, y1 = p0 * unit, min(n_years, p1 * unit)
        out.append((y0 // block_size, (y1 - y0) // horizon))
    return out


def count_pieces(n_sims: int, horizon: int, block_size: int) -> int:
    """How many slices :func:`slices` can cut a run into at most.

    Parameters
    ----------
    n_sims : int
        Replications of the horizon (>= 1).
    horizon : int
        Years per replication.
    block_size : int
        Simulated years per block (>= 1).

    Returns
    -------
    int

    Examples
    --------
    >>> from healthyplaces.finance import blocks
    >>> blocks.count_pieces(n_sims=10_000, horizon=1, block_size=1024)
    10
    """
    n_sims, _, _, _, block_size, _ = integer_options(n_sims=n_sims, block_size=block_size)
    return -(-n_sims * int(horizon) // math.lcm(block_size, int(horizon)))


def prepare(population: Any, services: Sequence[Service], years: int | None) -> tuple[list[Service], np.ndarray]:
    """The services, checked against the population's bands, and the (years × bands) population table.

    Parameters
    ----------
    population : Population, projection or (bands, counts)
        As :func:`simulate` takes it.
    services : sequence of Service
        The services to simulate.
    years : int, optional
        Years of the horizon (default: the projection's, or 1).

    Returns
    -------
    (list of Service, numpy.ndarray)

    Examples
    --------
    >>> import healthyplaces as hp
    >>> from healthyplaces.finance import blocks
    >>> svc = [hp.finance.Service("care", "council", [0.1], hp.finance.Gamma(9000, 6000), 1.8e6)]
    >>> blocks.prepare((["65+"], [2000]), svc, 3)[1].shape
    (3, 1)
    """
    bands, table = _population(population, years)
    services = list(services)
    _check_bands(bands, services)
    return services, np.ascontiguousarray(table)


def spend_draws(services: Sequence[Service], table: np.ndarray, n_sims: int, shock_correlation: float,
                shock_sd: float, seed: int, area: int, block_size: int, first_block: int, threads: int) -> Any:
    """One C++ pass: the simulated years of ``n_sims`` replications from block ``first_block`` (a task's body).

    Parameters
    ----------
    services : sequence of Service
        From :func:`prepare`.
    table : numpy.ndarray
        The (years × bands) population from :func:`prepare`.
    n_sims : int
        Replications in this slice.
    shock_correlation, shock_sd : float
        As :func:`simulate`'s.
    seed, area, block_size, first_block : int
        The random streams' keys and where this slice starts.
    threads : int
        C++ threads (0 = all cores).

    Returns
    -------
    SpendDraws
        ``spend`` and ``events`` by replication, year and service.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> from healthyplaces.finance import blocks
    >>> svc = [hp.finance.Service("care", "council", [0.1], hp.finance.Gamma(9000, 6000), 1.8e6)]
    >>> services, table = blocks.prepare((["65+"], [2000]), svc, None)
    >>> blocks.spend_draws(services, table, 10, 0.0, 0.0, 1, 0, 4096, 0, 0).spend.shape
    (10, 1, 1)
    """
    # The integer options go to C++ as given: it checks them (one DomainError line naming the parameter).
    return _fin.simulate_spend([s._core for s in services], table, n_sims, float(shock_correlation),
                               float(shock_sd), seed, area, block_size, first_block, threads)


def simulate(population: Any, services: Sequence[Service], arrangement: Any = "pooled",
             risk_share: RiskShare | None = None, years: int | None = None, n_sims: int = 10_000,
             shock_correlation: float = 0.0, shock_sd: float = 0.0, seed: int = 0, threads: int = 0,
             friction: Any = None, var_level: float = 0.95, area: int = 0, block_size: int = 4096,
             first_block: int = 0, progress: bool | None = None) -> SimulationResult:
    """Simulate years of demand-led spend and share the overspend under a budget arrangement.

    Each simulated year draws a shared shock: service s's rate multiplier is exp(σ·Z_s − σ²/2) with
    Z_s = √ρ·W + √(1 − ρ)·ε_s (σ = ``shock_sd``, ρ = ``shock_correlation``), the events are Poisson (or negative
    binomial) with mean Σ_bands rate × population × multiplier, and their cost is drawn in aggregate. Random
    streams are keyed by (seed, area, block of ``block_size`` simulated years): the numbers do not depend on
    ``threads``, and the slices starting at blocks 0, k, 2k, ... are the full run's rows, bit for bit
    (:mod:`healthyplaces.distributed` does this on Dask).

    Parameters
    ----------
    population : Population, projection or (bands, counts)
        A ``hp.demography.Population`` (``.bands``, ``.counts``; repeated over ``years``, default 1), a
        projection (``.counts_by_year``: years × bands, the first ``years`` rows) or a (bands, counts) pair.
    services : sequence of Service
        The demand-led services, with rates for the population's bands.
    arrangement : str, hp.Budgets or hp.Arrangement
        ``"separate"``, ``"aligned"``, ``"pooled"`` (default) or ``"single"``, or an arrangement's budgets.
    risk_share : RiskShare, optional
        How a pooled fund's overspend is shared (default: in proportion to contributions).
    years : int, optional
        Years of the horizon (default: the projection's, or 1).
    n_sims : int
        Replications of the horizon (Monte Carlo): a whole number from 1 to 10^9.
    shock_correlation : float
        ρ in [0, 1]: the correlation of the services' log shocks.
    shock_sd : float
        σ >= 0: the log-scale sd of the yearly shock.
    seed : int
        The random seed: a whole number from 0 to 2**64 - 1.
    threads : int
        Worker threads; 0 (default) = all cores, else 1 to 2,147,483,647. The numbers do not depend on it.
        Ctrl-C stops the run within a fraction of a second (KeyboardInterrupt).
    friction : (float, float) or dict, optional
        (disputed_share, cost_per_case): cost shunting charged under separate budgets.
    var_level : float
        The value-at-risk level of the risk measures, in (0, 1) (a quantile of the overspend, not a confidence
        level).
    area : int
        Which area's random streams (below 2^24): several areas under one seed.
    block_size : int
        Simulated years per random stream (1 to 10^9).
    first_block : int
        Start the run at this block (a slice of a bigger run; below 2^40).
    progress : bool, optional
        A tqdm bar (True), none (False), or None = a bar only for runs of more than a couple of seconds in a
        terminal or notebook. The numbers are the same either way.

    Limits: unit costs up to £1e12 per event (sd at most 1000 × the mean), budgets up to £1e15, at most 1e12
    expected events per service-year and 2^53 drawn after the shock and dispersion; beyond them a DataError or
    DomainError names the service (docs/finance-simulation.md, "Limits"), so every spend is finite.

    Returns
    -------
    SimulationResult

    Examples
    --------
    >>> import healthyplaces as hp
    >>> svc = [hp.finance.Service("admissions", "nhs", [0.01, 0.3], hp.finance.Gamma(2500, 1500), 1.5e6),
    ...        hp.finance.Service("care", "council", [0.005, 0.1], hp.finance.Gamma(9000, 6000), 1.8e6)]
    >>> r = hp.finance.simulate((["0-64", "65+"], [90000, 20000]), svc, n_sims=2000, shock_sd=0.1,
    ...                         shock_correlation=0.6, seed=1)
    >>> r.to_frame().columns.tolist()
    ['budget', 'expected_spend', 'mean_overspend', 'sd', 'p_overspend', 'VaR', 'ES']
    """
    _check_var_level(var_level)
    n_sims, seed, threads, area, block_size, first_block = integer_options(n_sims, seed, threads, area, block_size,
                                                                           first_block)
    services, table = prepare(population, services, years)
    horizon, n_threads = table.shape[0], _progress.effective_threads(threads)
    args = (float(shock_correlation), float(shock_sd), seed, area, block_size)
    work = float(n_sims) * horizon * len(services) / n_threads
    if _progress.wanted(progress, work, _progress.SIMULATE_UNITS, "simulate"):
        slices(n_sims, horizon, block_size, 1)  # validates n_sims and block_size
        blocks = -(-n_sims * horizon // block_size)
        # About 25 updates, each slice at least one block per thread so the threads stay busy.
        per_chunk = max(n_threads, -(-blocks // 25))
        chunks = slices(n_sims, horizon, block_size,
                        min(count_pieces(n_sims, horizon, block_size), max(1, -(-blocks // per_chunk))))
        pieces = []
        with _progress.bar(n_sims, "simulate", "sims") as bar:
            for k, n in chunks:
                pieces.append(spend_draws(services, table, n, *args, first_block + k, threads))
                bar.update(n)
        simulated = pieces[0] if len(pieces) == 1 else _fin.concatenate_draws(pieces)
    else:
        simulated = spend_draws(services, table, n_sims, *args, first_block, threads)
    return SimulationResult.settle(simulated, services, arrangement, risk_share, friction, var_level,
                                   _options(n_sims, horizon, shock_correlation, shock_sd, seed, area, block_size,
                                            first_block))


def integer_options(n_sims: Any = 1, seed: Any = 0, threads: Any = 0, area: Any = 0, block_size: Any = 1,
                    first_block: Any = 0) -> tuple[int, int, int, int, int, int]:
    """The integer options of a simulation, checked in C++, as Python ints.

    For schedulers that do arithmetic on them before the C++ call (slices, progress bars, Dask tasks).

    Parameters
    ----------
    n_sims, seed, threads, area, block_size, first_block
        As :func:`simulate` (n_sims may be 0 here; the simulation itself needs at least 1).

    Returns
    -------
    tuple of int
        (n_sims, seed, threads, area, block_size, first_block).

    Raises
    ------
    DomainError
        One line naming the parameter and its allowed range: a float such as 10.5, None, a bool, a negative
        number or one too large (seed: 0 to 2**64 - 1; n_sims and block_size: up to 10^9; area: below 2^24).

    Examples
    --------
    >>> from healthyplaces.finance import blocks
    >>> blocks.integer_options(n_sims=1000, seed=7)
    (1000, 7, 0, 0, 1, 0)
    """
    return tuple(_fin.integer_options(n_sims, seed, threads, area, block_size, first_block))  # type: ignore[return-value]


def _options(n_sims: int, horizon: int, shock_correlation: float, shock_sd: float, seed: int, area: int,
             block_size: int, first_block: int) -> dict[str, Any]:
    """The settings a result keeps for the record (and ``blocks.options`` for other schedulers)."""
    return dict(n_sims=n_sims, years=horizon, shock_correlation=shock_correlation, shock_sd=shock_sd, seed=seed,
                area=area, block_size=block_size, first_block=first_block)


def compare_arrangements(population: Any, services: Sequence[Service], arrangements: Sequence[Any] = ARRANGEMENTS,
                         risk_share: RiskShare | None = None, friction: Any = None, var_level: float = 0.95,
                         **simulate_args: Any) -> pd.DataFrame:
    """The risk table across budget arrangements, from one set of simulated years.

    Every arrangement settles the same simulated years (common random numbers), so the differences are the
    arrangements', not Monte Carlo noise.

    Parameters
    ----------
    population : Population, projection or (bands, counts)
        As :func:`simulate`'s.
    services : sequence of Service
        The demand-led services.
    arrangements : sequence of str, hp.Budgets or hp.Arrangement
        The arrangements to compare (default: separate, aligned, pooled, single).
    risk_share : RiskShare, optional
        The pooled fund's rule.
    friction : (float, float), optional
        (disputed_share, cost_per_case) under separate budgets.
    var_level : float
        The value-at-risk level, in (0, 1).
    **simulate_args
        :func:`simulate`'s other arguments (``n_sims``, ``shock_sd``, ``seed``, ``progress``, ...).

    Returns
    -------
    pandas.DataFrame
        :meth:`SimulationResult.to_frame`'s columns (money in £ a year) by (arrangement, partner), with
        ``pooling_benefit_VaR`` and ``pooling_benefit_ES``: separate's VaR (ES) minus this arrangement's, by
        partner (positive = less risk than separate budgets).

    Examples
    --------
    >>> import healthyplaces as hp
    >>> svc = [hp.finance.Service("admissions", "nhs", [0.3], hp.finance.Gamma(2500, 1500), 1.5e6),
    ...        hp.finance.Service("care", "council", [0.1], hp.finance.Gamma(9000, 6000), 1.8e6)]
    >>> t = hp.finance.compare_arrangements((["65+"], [2000]), svc, n_sims=2000, seed=1)
    >>> t.index.get_level_values("arrangement").unique().tolist()
    ['separate', 'aligned', 'pooled', 'single']
    """
    if len(arrangements) == 0:
        raise _core.DomainError("compare_arrangements: give at least one arrangement")
    result = simulate(population, services, arrangement=arrangements[0], risk_share=risk_share, friction=friction,
                      var_level=var_level, **simulate_args)
    return result.compare(arrangements, var_level)
