"""Simulated years of demand-led spend and who bears the overspend under each budget arrangement. The work is
one C++ pass (``_core.finance.simulate_spend``, then ``outturns`` per arrangement over the same draws); these
wrappers shape the population, the risk-share rule and the DataFrames."""
from __future__ import annotations

import html
import math
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from .. import _core, _progress
from ._service import Service

__all__ = ["ARRANGEMENTS", "RiskShare", "SimulationResult", "compare_arrangements", "simulate"]

_fin = _core.finance
ARRANGEMENTS = ("separate", "aligned", "pooled", "single")


class RiskShare:
    """How a pooled fund's overspend (or underspend) is shared between its partners.

    ``RiskShare.proportional()`` in proportion to contributions (the partners' budgets in the pool);
    ``RiskShare.fixed({"council": 0.4, "nhs": 0.6})`` agreed shares summing to 1;
    ``RiskShare.lead_partner("nhs")`` the lead bears it all;
    ``RiskShare.capped(shares, cap=0.02, collar=-0.02)`` the agreed shares while the pooled overspend lies within
    [collar, cap] × the pooled budget (fractions, so one rule fits any size of fund); beyond, each partner bears
    the excess in proportion to its own services' overspend.

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
        return cls("proportional")

    @classmethod
    def fixed(cls, shares: Mapping[str, float]) -> RiskShare:
        return cls("fixed", shares)

    @classmethod
    def lead_partner(cls, name: str) -> RiskShare:
        return cls("lead_partner", lead=name)

    @classmethod
    def capped(cls, shares: Mapping[str, float], cap: float, collar: float | None = None) -> RiskShare:
        """``cap`` >= 0 and ``collar`` <= 0 as fractions of the pooled budget; collar defaults to −cap."""
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


class SimulationResult:
    """Simulated overspends (spend − budget; negative = underspend) by partner, replication and year.

    ``overspend`` is an array (partners × sims × years); ``outturns`` the same as a DataFrame indexed by
    (sim, year) with a column per partner and ``total``; ``spend`` and ``events`` are (sims × years × services)
    arrays. ``summary()`` gives, by partner, the budget, expected spend, mean overspend, sd, probability of
    overspend, value at risk and expected shortfall at ``level``; ``under(arrangement)`` re-runs the arrangement
    on the same draws; ``compare()`` the table across arrangements; ``plot()`` the outturn distributions.
    """

    def __init__(self, draws: Any, services: Sequence[Service], arrangement: Any, risk_share: RiskShare | None,
                 friction: Any, level: float, options: dict[str, Any]) -> None:
        self._draws = draws
        self.services = list(services)
        self.budgets_dimension = _budgets(arrangement)
        self.arrangement: str = self.budgets_dimension.name
        self.risk_share = risk_share or RiskShare.proportional()
        self.friction = _friction(friction)
        self.level = float(level)
        self.options = options
        partners, budgets, over = _fin.outturns(draws, [s._core for s in self.services], self.budgets_dimension,
                                                disputed_share=self.friction[0], cost_per_case=self.friction[1],
                                                **self.risk_share._args())
        self.partners: list[str] = list(partners)
        self.budgets = pd.Series(budgets, index=self.partners, name="budget")
        self.overspend: np.ndarray = over.reshape(len(self.partners), draws.sims, draws.horizon)

    @property
    def spend(self) -> np.ndarray:
        return self._draws.spend

    @property
    def events(self) -> np.ndarray:
        return self._draws.events

    @property
    def outturns(self) -> pd.DataFrame:
        sims, years = self._draws.sims, self._draws.horizon
        index = pd.MultiIndex.from_product([range(sims), range(years)], names=["sim", "year"])
        frame = pd.DataFrame({p: self.overspend[i].ravel() for i, p in enumerate(self.partners)}, index=index)
        frame["total"] = frame[self.partners].sum(axis=1)
        return frame

    def under(self, arrangement: Any, risk_share: RiskShare | None = None, friction: Any = None) -> SimulationResult:
        """The same simulated years (common random numbers) under another arrangement or risk-share rule."""
        return SimulationResult(self._draws, self.services, arrangement, risk_share or self.risk_share,
                                self.friction if friction is None else friction, self.level, self.options)

    def summary(self, level: float | None = None) -> pd.DataFrame:
        level = self.level if level is None else float(level)
        rows = {}
        for name, x, budget in [*((p, self.overspend[i].ravel(), self.budgets[p]) for i, p in enumerate(self.partners)),
                                ("total", self.overspend.sum(axis=0).ravel(), self.budgets.sum())]:
            mean, sd, p, var, es = _fin.risk_measures(np.ascontiguousarray(x), level)
            rows[name] = {"budget": budget, "expected_spend": budget + mean, "mean_overspend": mean, "sd": sd,
                          "p_overspend": p, "VaR": var, "ES": es}
        frame = pd.DataFrame.from_dict(rows, orient="index")
        frame.index.name = "partner"
        return frame

    def compare(self, arrangements: Sequence[Any] = ARRANGEMENTS, level: float | None = None) -> pd.DataFrame:
        """compare_arrangements on these draws."""
        tables = {}
        for a in arrangements:
            r = self if _budgets(a) == self.budgets_dimension else self.under(a)
            tables[_budgets(a).name] = r.summary(level)
        table = pd.concat(tables, names=["arrangement", "partner"])
        sep = tables.get("separate")
        if sep is not None:
            for m in ("VaR", "ES"):
                base = table.index.get_level_values("partner").map(sep[m])
                table[f"pooling_benefit_{m}"] = np.asarray(base, dtype=float) - table[m].to_numpy()
        return table

    def plot(self, ax: Any = None, bins: int = 60) -> Any:
        """Histograms of each partner's and the total overspend per simulated year, VaR marked."""
        import matplotlib.pyplot as plt

        fig = None
        if ax is None:
            fig, ax = plt.subplots(figsize=(7, 4))
        summary = self.summary()
        for name in [*self.partners, "total"]:
            i = self.partners.index(name) if name in self.partners else None
            x = self.overspend[i].ravel() if i is not None else self.overspend.sum(axis=0).ravel()
            line = ax.hist(x, bins=bins, histtype="step", label=name)[2][0]
            ax.axvline(summary.loc[name, "VaR"], color=line.get_edgecolor(), ls=":", lw=1)
        ax.axvline(0, color="0.3", lw=0.8)
        ax.set_xlabel("overspend against budget per year (dotted: value at risk)")
        ax.set_ylabel("simulated years")
        ax.set_title(f"{self.arrangement} budgets")
        ax.legend()
        return fig if fig is not None else ax.figure

    def _repr_html_(self) -> str:
        head = (f"<p><b>Simulated spend</b>: {self._draws.sims:,} × {self._draws.horizon} years, "
                f"{html.escape(self.arrangement)} budgets, {html.escape(repr(self.risk_share))}, level {self.level:g}</p>")
        return head + self.summary().to_html(float_format=lambda v: f"{v:,.4g}")

    def __repr__(self) -> str:
        return f"SimulationResult({self.arrangement}, {self._draws.sims} sims × {self._draws.horizon} years)"


def slices(sims: int, horizon: int, block_size: int, parts: int | None = None,
           what: str = "simulate") -> list[tuple[int, int]]:
    """Split a run of ``sims`` replications of a ``horizon``-year horizon into ``parts`` slices of whole blocks, as
    (blocks from the run's first block, replications) pairs in order; None = as many slices as possible. A slice
    must start at a block boundary that is also a replication boundary, so the smallest slice is
    lcm(block_size, horizon) simulated years. Run slice (k, n) with ``first_block=first_block + k, sims=n``: the
    slices' rows, concatenated in order, are the whole run's, bit for bit."""
    sims, horizon, block_size = int(sims), int(horizon), int(block_size)
    if sims < 1:
        raise _core.DomainError(f"{what}: sims must be at least 1, got {sims}")
    if block_size < 1:
        raise _core.DomainError(f"{what}: block_size must be at least 1, got {block_size}")
    n_years = sims * horizon
    unit = math.lcm(block_size, horizon)  # simulated years in the smallest slice
    pieces = count_pieces(sims, horizon, block_size)
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


def count_pieces(sims: int, horizon: int, block_size: int) -> int:
    """How many slices ``slices`` can cut the run into at most (sims and block_size >= 1)."""
    return -(-int(sims) * int(horizon) // math.lcm(int(block_size), int(horizon)))


def prepare(population: Any, services: Sequence[Service], years: int | None) -> tuple[list[Service], np.ndarray]:
    """The services (checked against the population's bands) and the (years × bands) population table."""
    bands, table = _population(population, years)
    services = list(services)
    _check_bands(bands, services)
    return services, np.ascontiguousarray(table)


def spend_draws(services: Sequence[Service], table: np.ndarray, sims: int, shock_correlation: float, shock_sd: float,
                seed: int, area: int, block_size: int, first_block: int, threads: int) -> Any:
    """One C++ pass: the SpendDraws of ``sims`` replications from block ``first_block`` (a Dask task's body)."""
    return _fin.simulate_spend([s._core for s in services], table, int(sims), float(shock_correlation),
                               float(shock_sd), int(seed), int(area), int(block_size), int(first_block), int(threads))


def simulate(population: Any, services: Sequence[Service], arrangement: Any = "pooled",
             risk_share: RiskShare | None = None, years: int | None = None, sims: int = 10_000,
             shock_correlation: float = 0.0, shock_sd: float = 0.0, seed: int = 0, threads: int = 1,
             friction: Any = None, level: float = 0.95, area: int = 0, block_size: int = 4096,
             first_block: int = 0, progress: bool | None = None) -> SimulationResult:
    """Simulate ``sims`` replications of a horizon of years of demand-led spend and share the overspend.

    Each simulated year draws a shared shock: service s's rate multiplier is exp(σ·Z_s − σ²/2) with
    Z_s = √ρ·W + √(1 − ρ)·ε_s (σ = ``shock_sd``, ρ = ``shock_correlation``), the events are Poisson (or negative
    binomial) with mean Σ_bands rate × population × multiplier, and their cost is drawn in aggregate. The
    population is a Population (``.bands``, ``.counts``; repeated over ``years``, default 1), a projection
    (``.counts_by_year``: years × bands, the first ``years`` rows) or a (bands, counts) pair. Random streams are
    keyed by (seed, area, block of ``block_size`` simulated years): the numbers do not depend on ``threads``.
    ``first_block`` starts the run at that block, so a big run can be split over processes or machines: the
    slices starting at blocks 0, k, 2k, ... (each ``k·block_size`` replications) are the full run's rows, bit
    for bit (:mod:`healthyplaces.distributed` does this on Dask).
    ``friction`` = (disputed_share, cost_per_case) charges cost shunting under separate budgets.
    ``progress``: a tqdm bar (True), none (False), or None = a bar only for runs of more than a couple of
    seconds in a terminal or notebook. With a bar the run is made in slices of whole blocks, so the numbers are
    the same either way; the slices are joined at the end (briefly twice the draws' memory).

    >>> import healthyplaces as hp
    >>> svc = [hp.finance.Service("admissions", "nhs", [0.01, 0.3], hp.finance.Gamma(2500, 1500), 1.5e6),
    ...        hp.finance.Service("care", "council", [0.005, 0.1], hp.finance.Gamma(9000, 6000), 1.8e6)]
    >>> r = hp.finance.simulate((["0-64", "65+"], [90000, 20000]), svc, sims=2000, shock_sd=0.1,
    ...                         shock_correlation=0.6, seed=1)
    >>> r.summary().columns.tolist()
    ['budget', 'expected_spend', 'mean_overspend', 'sd', 'p_overspend', 'VaR', 'ES']
    """
    services, table = prepare(population, services, years)
    horizon, n_threads = table.shape[0], _progress.effective_threads(threads)
    args = (float(shock_correlation), float(shock_sd), int(seed), int(area), int(block_size))
    work = float(sims) * horizon * len(services) / n_threads
    if _progress.wanted(progress, work, _progress.SIMULATE_UNITS, "simulate"):
        slices(sims, horizon, block_size, 1)  # validates sims and block_size
        blocks = -(-int(sims) * horizon // int(block_size))
        # About 25 updates, each slice at least one block per thread so the threads stay busy.
        per_chunk = max(n_threads, -(-blocks // 25))
        chunks = slices(sims, horizon, block_size,
                        min(count_pieces(sims, horizon, block_size), max(1, -(-blocks // per_chunk))))
        pieces = []
        with _progress.bar(int(sims), "simulate", "sims") as bar:
            for k, n in chunks:
                pieces.append(spend_draws(services, table, n, *args, int(first_block) + k, threads))
                bar.update(n)
        draws = pieces[0] if len(pieces) == 1 else _fin.concatenate_draws(pieces)
    else:
        draws = spend_draws(services, table, sims, *args, first_block, threads)
    return SimulationResult(draws, services, arrangement, risk_share, friction, level,
                            _options(sims, horizon, shock_correlation, shock_sd, seed, area, block_size, first_block))


def _options(sims: int, horizon: int, shock_correlation: float, shock_sd: float, seed: int, area: int,
             block_size: int, first_block: int) -> dict[str, Any]:
    return dict(sims=sims, years=horizon, shock_correlation=shock_correlation, shock_sd=shock_sd, seed=seed,
                area=area, block_size=block_size, first_block=first_block)


def compare_arrangements(population: Any, services: Sequence[Service], arrangements: Sequence[Any] = ARRANGEMENTS,
                         risk_share: RiskShare | None = None, friction: Any = None, level: float = 0.95,
                         **simulate_args: Any) -> pd.DataFrame:
    """The summary table across budget arrangements, by (arrangement, partner), from ONE set of simulated years:
    every arrangement shares the same draws (common random numbers), so the differences are the arrangements',
    not Monte Carlo noise. ``pooling_benefit_VaR`` and ``pooling_benefit_ES`` are separate's VaR (ES) minus this
    arrangement's, by partner (positive = less risk than separate budgets). ``simulate_args`` go to simulate()
    (``progress`` among them).

    >>> import healthyplaces as hp
    >>> svc = [hp.finance.Service("admissions", "nhs", [0.3], hp.finance.Gamma(2500, 1500), 1.5e6),
    ...        hp.finance.Service("care", "council", [0.1], hp.finance.Gamma(9000, 6000), 1.8e6)]
    >>> t = hp.finance.compare_arrangements((["65+"], [2000]), svc, sims=2000, seed=1)
    >>> t.index.get_level_values("arrangement").unique().tolist()
    ['separate', 'aligned', 'pooled', 'single']
    """
    if len(arrangements) == 0:
        raise _core.DomainError("compare_arrangements: give at least one arrangement")
    result = simulate(population, services, arrangement=arrangements[0], risk_share=risk_share, friction=friction,
                      level=level, **simulate_args)
    return result.compare(arrangements, level)
