"""Cohort-component population projection in Leslie-matrix form (one C++ pass; these wrappers shape the
DataFrames). Conventions (see docs/demography.md): survival exp(−w·m) over a step of w years (the band width),
births from the female fraction of each band at (f_i + s_i·f_{i+1})/2 a year, net migration half at the start
and half at the end of each step; uncertainty as mean-one lognormal rate multipliers."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Sequence

import numpy as np
import pandas as pd

from .. import _core
from .._figure import PALETTE, axes, count_axis, legend_outside, year_axis
from .._result import Result, Summary, fmt_int, fmt_number, fmt_percent
from ._population import Population
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # matplotlib is imported when a chart is drawn, not on import
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["Projection", "RateUncertainty", "leslie", "project"]

_dem = _core.demography


@dataclass(frozen=True)
class RateUncertainty:
    """Log-scale standard deviations of the rate multipliers exp(σZ − σ²/2) (mean one): ``mortality_sd``,
    ``fertility_sd``, ``migration_sd``. ``per_year=False`` draws one multiplier per simulated projection for
    the whole horizon (a persistent error in the assumed rates); ``True`` draws afresh every step.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> hp.demography.RateUncertainty(mortality_sd=0.1, per_year=True).mortality_sd
    0.1
    """

    mortality_sd: float = 0.0
    fertility_sd: float = 0.0
    migration_sd: float = 0.0
    per_year: bool = False


def _rates(values: Any, bands: list[str], what: str) -> np.ndarray | None:
    """One rate per band: an array-like in band order, or a Series/dict keyed by band label."""
    if values is None:
        return None
    if isinstance(values, dict):
        values = pd.Series(values)
    if isinstance(values, pd.Series) and not pd.api.types.is_numeric_dtype(values.index):
        missing = [b for b in bands if b not in values.index]
        if missing:
            raise _core.DataError(f"project: {what} has no value for band \"{missing[0]}\"; give one per band "
                                  f"({', '.join(bands[:3])}, ...)")
        values = values.reindex(bands)
    out = np.asarray(values, dtype=float)
    if out.ndim == 0:
        out = np.full(len(bands), float(out))
    return out


def leslie(population: Population, mortality: Any, fertility: Any = None, female_fraction: float = 0.5) -> np.ndarray:
    """The Leslie matrix of one projection step (the population's band width w): first row
    w·φ·(f_i + s_i·f_{i+1})/2·exp(−w·m_0/2), sub-diagonal s_i = exp(−w·m_i), and the open band's own survival in
    the corner.

    Parameters
    ----------
    population : Population
        Bands of equal width w (the step) with an open last band.
    mortality : array-like, Series or dict
        Annual central death rates per band.
    fertility : array-like, Series or dict, optional
        Annual births per woman per band.
    female_fraction : float, default 0.5
        The share of each band that is female.

    Returns
    -------
    numpy.ndarray
        The n × n matrix L with P(t + w) = L·P(t) (without migration).

    Examples
    --------
    >>> import healthyplaces as hp
    >>> p = hp.demography.Population(["0-4", "5-9", "10+"], [100, 80, 60])
    >>> hp.demography.leslie(p, [0.0, 0.0, 0.0], [0.0, 0.2, 0.0]).round(3).tolist()
    [[0.25, 0.25, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0, 1.0]]
    """
    b = population.bands
    return np.asarray(_dem.leslie(population._core, _rates(mortality, b, "mortality"), _rates(fertility, b, "fertility"),
                                  float(female_fraction)))


@dataclass(eq=False)
class Projection(Result):
    """A cohort-component projection: ``counts_by_year`` (DataFrame, index year, columns band labels), the
    central, deterministic projection, and with uncertainty ``simulations`` (an array n_sims × years × bands).

    ``population(year)`` gives a :class:`Population`, ``shares()`` the shares over 65/80/85 by year,
    ``percentiles()`` the spread of the simulations, ``to_frame()`` the headline numbers by year, ``summary()``
    the same as a printable table and ``plot()`` the total by year. Made by :func:`project`.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> p = hp.demography.Population(["0-4", "5-9", "10+"], [100, 80, 60])
    >>> proj = hp.demography.project(p, mortality=[0.01, 0.01, 0.05], years=10, base_year=2025)
    >>> proj.years
    [2025, 2030, 2035]
    """

    bands: list[str]
    years: list[int]
    counts_by_year: pd.DataFrame
    simulations: np.ndarray | None
    name: str | None
    uncertainty: RateUncertainty | None

    @classmethod
    def _of(cls, core: Any, base_year: int, name: str | None, uncertainty: RateUncertainty | None) -> "Projection":
        bands = list(core.bands)
        years = [base_year + int(y) for y in core.years]
        counts = pd.DataFrame(np.asarray(core.counts), index=pd.Index(years, name="year"), columns=bands)
        sims = np.asarray(core.simulations)
        return cls(bands, years, counts, sims if sims.shape[0] > 0 else None, name, uncertainty)

    def population(self, year: int) -> Population:
        """The central projection's population in ``year``."""
        if year not in self.counts_by_year.index:
            raise _core.DomainError(f"Projection.population: year {year} is not projected; years are "
                                    f"{self.years[0]}, {self.years[1] if len(self.years) > 1 else ''} ... {self.years[-1]}")
        return Population(self.bands, self.counts_by_year.loc[year].to_numpy(), name=f"{self.name or 'projection'} {year}")

    def totals(self) -> pd.Series:
        """The central projection's total population by year."""
        return self.counts_by_year.sum(axis=1).rename("total")

    def shares(self, ages: Iterable[float] = (65, 80, 85)) -> pd.DataFrame:
        """Shares aged over each of ``ages`` by year (central projection)."""
        rows = {y: self.population(y).shares(ages) for y in self.years}
        return pd.DataFrame(rows).T.rename_axis("year")

    def _measure(self, of: str | float) -> np.ndarray:
        """n_sims × years of the total, one band, or the count aged ``of`` and over."""
        if self.simulations is None:
            raise _core.DomainError("Projection: no simulations; project with uncertainty= and n_sims= for "
                                    "percentiles")
        if isinstance(of, str):
            if of == "total":
                return self.simulations.sum(axis=2)
            if of not in self.bands:
                raise _core.DomainError(f'Projection: of must be "total", a band label or an age, got "{of}"')
            return self.simulations[:, :, self.bands.index(of)]
        starts = Population(self.bands, np.ones(len(self.bands))).starts
        if float(of) not in set(starts.tolist()):
            raise _core.DomainError(f"Projection: age {of} is not the start of a band; band starts are "
                                    f"{', '.join(f'{s:g}' for s in starts[:4])}, ...")
        return self.simulations[:, :, starts >= float(of)].sum(axis=2)

    def percentiles(self, q: Sequence[float] = (2.5, 50, 97.5), of: str | float = "total") -> pd.DataFrame:
        """Percentiles ``q`` of the simulations by year: of the ``"total"``, a band label, or an age (the count
        aged that and over, at a band start), with the simulations' mean."""
        x = self._measure(of)
        out = pd.DataFrame({f"p{v:g}": np.percentile(x, v, axis=0) for v in q}, index=pd.Index(self.years, name="year"))
        out.insert(0, "mean", x.mean(axis=0))
        return out

    def to_frame(self) -> pd.DataFrame:
        """By year: total, shares over 65, 80 and 85, old-age dependency ratio (central projection), and with
        simulations the 2.5th and 97.5th percentiles of the total."""
        out = self.shares()
        out.insert(0, "total", self.totals())
        out["old_age_dependency"] = [self.population(y).dependency_ratios()["old"] for y in self.years]
        if self.simulations is not None:
            p = self.percentiles((2.5, 97.5))
            out["total_p2.5"], out["total_p97.5"] = p["p2.5"], p["p97.5"]
        return out

    def summary(self) -> Summary:
        """The table of :meth:`to_frame`, people as whole numbers and shares in per cent."""
        frame = self.to_frame()
        frame.index = frame.index.astype(str)
        formats = {"total": fmt_int, "total_p2.5": fmt_int, "total_p97.5": fmt_int, "over 65": fmt_percent,
                   "over 80": fmt_percent, "over 85": fmt_percent, "old_age_dependency": fmt_number}
        notes = ["old_age_dependency: people 65+ per person aged 16-64."]
        if self.simulations is not None:
            notes.append(f"total_p2.5, total_p97.5: the middle 95% of {fmt_int(self.simulations.shape[0])} "
                         "simulated projections with uncertain rates.")
        title = f"Projection{': ' + self.name if self.name else ''}, {self.years[0]} to {self.years[-1]}"
        return Summary.of(title, frame, notes=notes, formats=formats)

    def plot(self, ax: Axes | None = None, title: str | None = None) -> Figure:
        """Total population by year (central projection), with the middle 95% of the simulations when there are.

        Parameters
        ----------
        ax : matplotlib Axes, optional
            Draw into these axes; a new figure otherwise.
        title : str, optional
            The chart's title.

        Returns
        -------
        matplotlib.figure.Figure
        """
        fig, ax = axes(ax, width=7.0, height=4.0)
        ax.plot(self.years, self.totals().to_numpy(), color=PALETTE[0], marker="o", markersize=3,
                label="central projection")
        if self.simulations is not None:
            p = self.percentiles((2.5, 97.5))
            ax.fill_between(self.years, p["p2.5"], p["p97.5"], color=PALETTE[0], alpha=0.2,
                            label=f"middle 95% of {fmt_int(self.simulations.shape[0])} simulations")
        year_axis(ax.xaxis)
        count_axis(ax.yaxis)
        ax.set_xlabel("year")
        ax.set_ylabel("people")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.set_title(title or f"{self.name or 'Projected population'}: total", loc="left", fontsize=10)
        legend_outside(ax, ncol=2, fontsize=8.5)
        return fig

    def __repr__(self) -> str:
        t = self.totals()
        sims = f", {self.simulations.shape[0]} simulations" if self.simulations is not None else ""
        return (f"Projection({self.name + ': ' if self.name else ''}{self.years[0]}–{self.years[-1]}, "
                f"{len(self.bands)} bands, total {t.iloc[0]:,.0f} → {t.iloc[-1]:,.0f}{sims})")


def project(population: Population, mortality: Any, fertility: Any = None, migration: Any = None, years: int = 10,
            female_fraction: float = 0.5, uncertainty: RateUncertainty | None = None, n_sims: int = 1000,
            seed: int = 0, threads: int = 0, base_year: int = 0) -> Projection:
    """Cohort-component projection of ``population`` over ``years`` (a multiple of its band width w; single
    years or equal 5-year bands with an open last band — ``regroup`` first).

    ``mortality``: annual central death rates m per band; ``fertility``: annual births per woman by band (the
    women are ``female_fraction`` of each band; pass ``female_fraction=1`` for births per person);
    ``migration``: net migrants a year by band (persons; negative for net emigration). Each may be an
    array in band order or a Series/dict keyed by band label. Survival over a step is exp(−w·m); births
    w·φ·Σ P_i(f_i + s_i f_{i+1})/2, surviving half a step into band 0; migrants half at the start and half at
    the end of the step (P ← L(P + wM/2) + wM/2, floored at zero). With ``uncertainty=RateUncertainty(...)``
    ``n_sims`` projections multiply the rates by mean-one lognormal factors drawn from stream (seed, simulation):
    the same numbers for any ``threads``.

    Parameters
    ----------
    population : Population
        The base population.
    mortality : array-like, Series or dict
        Annual central death rates per band.
    fertility : array-like, Series or dict, optional
        Annual births per woman per band (none: a closed population without births).
    migration : array-like, Series or dict, optional
        Net migrants a year per band.
    years : int, default 10
        The horizon, a multiple of the band width, at most 10,000.
    female_fraction : float, default 0.5
        The share of each band that is female.
    uncertainty : RateUncertainty, optional
        Simulate ``n_sims`` projections with uncertain rates.
    n_sims : int, default 1000
        Simulated projections (with ``uncertainty``).
    seed : int, default 0
        The random seed.
    threads : int, default 0
        Worker threads, 0 = all cores (the numbers do not depend on it).
    base_year : int, default 0
        The calendar year of ``population``.

    Returns
    -------
    Projection
        ``counts_by_year`` (years × bands), ``simulations`` with ``uncertainty``.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> p = hp.demography.Population(["0-4", "5-9", "10+"], [100, 80, 60])
    >>> proj = hp.demography.project(p, mortality=[0.0, 0.0, 0.0], fertility=[0.0, 0.2, 0.0], years=10)
    >>> proj.counts_by_year.round(1).values.tolist()
    [[100.0, 80.0, 60.0], [45.0, 100.0, 140.0], [36.2, 45.0, 240.0]]
    """
    if not isinstance(population, Population):
        raise _core.DomainError(f"project: population must be a healthyplaces.demography.Population, got "
                                f"{type(population).__name__}")
    b = population.bands
    n_draws = 0
    sds = (0.0, 0.0, 0.0, False)
    if uncertainty is not None:
        if not isinstance(n_sims, (bool, float)) and n_sims == 0:  # n_sims=0 would mean no uncertainty
            raise _core.DomainError(f"project: n_sims must be at least 1 with an uncertainty, got {n_sims}")
        n_draws = n_sims  # checked in C++ (a whole number up to 10^9)
        sds = (float(uncertainty.mortality_sd), float(uncertainty.fertility_sd), float(uncertainty.migration_sd),
               bool(uncertainty.per_year))
    core = _dem.project(population._core, _rates(mortality, b, "mortality"), _rates(fertility, b, "fertility"),
                        _rates(migration, b, "migration"), years, float(female_fraction), *sds, n_draws, seed,
                        threads)
    return Projection._of(core, int(base_year), population.name, uncertainty)
