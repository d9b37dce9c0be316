"""Two illustrative areas from the seed documents, to start a pooled-budget model from: a Torbay-like area
(130,000 residents, 10,000 of them over 80: the green paper's figures) and a Swindon-like one (a larger, younger,
growing town). The populations follow the seeds and ONS data; the SERVICES ARE ILLUSTRATIVE: plausible orders of
magnitude for event rates, unit costs and budgets, not published figures. Replace them with your own.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .. import _core
from ..demography import Population, england
from ._cost import Gamma, LogNormal
from ._service import Service

__all__ = ["AreaPreset", "illustrative_services", "swindon_like", "torbay_like"]

FIVE_YEAR = list(Population.FIVE_YEAR_BANDS)  # 0-4, 5-9, ..., 85-89, 90+

# Illustrative annual events per resident by five-year band (0-4 ... 90+): shapes that rise steeply with age,
# scaled to the right order of magnitude for an English area. NOT PUBLISHED FIGURES.
_RATES = {
    # NHS: emergency admissions (about 0.1 per resident overall, 0.5+ per person over 85)
    "emergency admissions": [0.08, 0.03, 0.03, 0.05, 0.05, 0.05, 0.06, 0.06, 0.06, 0.07, 0.08, 0.09, 0.11,
                             0.14, 0.18, 0.24, 0.33, 0.45, 0.60],
    # NHS: continuing healthcare packages started
    "continuing healthcare": [0, 0, 0, 0, 0, 0.0001, 0.0001, 0.0001, 0.0002, 0.0002, 0.0003, 0.0005, 0.0008,
                              0.0012, 0.002, 0.004, 0.008, 0.014, 0.022],
    # NHS: community nursing episodes
    "community nursing": [0.01, 0.005, 0.005, 0.005, 0.008, 0.01, 0.01, 0.012, 0.015, 0.02, 0.025, 0.03, 0.04,
                          0.06, 0.09, 0.14, 0.22, 0.32, 0.42],
    # council: permanent residential and nursing care admissions
    "residential care": [0] * 10 + [0.0002, 0.0003, 0.0005, 0.001, 0.002, 0.005, 0.012, 0.025, 0.045],
    # council: new home care packages
    "home care": [0] * 3 + [0.001] * 7 + [0.002, 0.003, 0.004, 0.007, 0.012, 0.022, 0.045, 0.08, 0.12],
    # council: reablement episodes after discharge
    "reablement": [0] * 9 + [0.0005, 0.001, 0.0015, 0.002, 0.004, 0.007, 0.012, 0.022, 0.035, 0.05],
}
# (owner, unit cost): cost per event, illustrative 2020s prices
_COSTS = {
    "emergency admissions": ("nhs", Gamma(2_600, 2_200)),
    "continuing healthcare": ("nhs", LogNormal(55_000, 30_000)),
    "community nursing": ("nhs", Gamma(1_100, 700)),
    "residential care": ("council", Gamma(38_000, 16_000)),
    "home care": ("council", LogNormal(9_500, 7_000)),
    "reablement": ("council", Gamma(2_300, 900)),
}


@dataclass
class AreaPreset:
    """An area to model: its population by five-year band, its services and what is illustrative about it.

    Parameters
    ----------
    name : str
        The area's name.
    population : hp.demography.Population
        Residents by five-year band.
    services : list of Service
        Its demand-led services.
    arrangement : str
        Its budget arrangement.
    notes : list of str
        What is sourced and what is illustrative.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> t = hp.finance.torbay_like()
    >>> t.name, len(t.services), t.arrangement
    ('Torbay-like', 6, 'pooled')
    """

    name: str
    population: Population
    services: list[Service]
    arrangement: str
    notes: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        return (f"AreaPreset({self.name}: {self.population.total:,.0f} residents, "
                f"{self.population.share_over(80):.1%} over 80, {len(self.services)} services, {self.arrangement})")


def illustrative_services(population: Population, budget_margin: float = 0.0) -> list[Service]:
    """The six illustrative services (three NHS, three council) for a population in five-year bands.

    The rates, unit costs and budgets are ILLUSTRATIVE, not published figures.

    Parameters
    ----------
    population : hp.demography.Population
        In five-year bands (0-4, ..., 85-89, 90+).
    budget_margin : float
        Each service is budgeted at its expected spend × (1 + ``budget_margin``).

    Returns
    -------
    list of Service

    Examples
    --------
    >>> import healthyplaces as hp
    >>> services = hp.finance.illustrative_services(hp.finance.torbay_like().population)
    >>> [s.owner for s in services]
    ['nhs', 'nhs', 'nhs', 'council', 'council', 'council']
    """
    if list(population.bands) != FIVE_YEAR:
        raise _core.DataError(f"illustrative_services: the population must be in five-year bands ({', '.join(FIVE_YEAR)}); "
                              f"regroup it with population.regroup('five_year')")
    out = []
    for name, rates in _RATES.items():
        owner, cost = _COSTS[name]
        expected = float(np.dot(rates, population.counts)) * cost.mean
        out.append(Service(name, owner, dict(zip(FIVE_YEAR, rates)), cost, round(expected * (1 + budget_margin), -3)))
    return out


def _scaled_england(total: float, over_80: float | None, name: str) -> Population:
    """England's 2023 age structure (single years, regrouped to five-year bands) scaled to ``total`` residents,
    with exactly ``over_80`` of them aged 80+ when given (the other ages scaled to make up the rest)."""
    e = england().regroup("five_year")
    counts = e.counts.astype(float)
    old = np.array([b in ("80-84", "85-89", "90+") for b in e.bands])
    if over_80 is None:
        counts = counts * total / counts.sum()
    else:
        counts[old] *= over_80 / counts[old].sum()
        counts[~old] *= (total - over_80) / counts[~old].sum()
    return Population(list(e.bands), counts, name=name)


def torbay_like() -> AreaPreset:
    """A Torbay-like area: 130,000 residents of whom 10,000 (7.7%) are over 80, against 4.3% nationally then
    (Mayor Nick Bye, in NLGN's *Healthy Places*, 2008); other ages in England's 2023 proportions. Pooled budgets
    through a care trust. Services: :func:`illustrative_services`.

    Returns
    -------
    AreaPreset

    Examples
    --------
    >>> import healthyplaces as hp
    >>> t = hp.finance.torbay_like()
    >>> round(t.population.total), round(t.population.share_over(80), 3)
    (130000, 0.077)
    """
    pop = _scaled_england(130_000, 10_000, "Torbay-like")
    return AreaPreset("Torbay-like", pop, illustrative_services(pop), "pooled", [
        "Population: 130,000 residents, 10,000 over 80 (NLGN 2008); other ages in England's mid-2023 proportions.",
        "Services, rates, unit costs and budgets are ILLUSTRATIVE, not published figures: replace them.",
    ])


def swindon_like() -> AreaPreset:
    """A Swindon-like area: a growing town of about 190,000 with England's 2023 age structure (illustrative size;
    the seeds say only that Swindon 'has a growing population and an ageing demographic'), aligned budgets and
    seconded staff. Services: :func:`illustrative_services`.

    Returns
    -------
    AreaPreset

    Examples
    --------
    >>> import healthyplaces as hp
    >>> s = hp.finance.swindon_like()
    >>> round(s.population.total), s.arrangement
    (190000, 'aligned')
    """
    pop = _scaled_england(190_000, None, "Swindon-like")
    return AreaPreset("Swindon-like", pop, illustrative_services(pop), "aligned", [
        "Population: about 190,000 (illustrative) in England's mid-2023 age proportions.",
        "Services, rates, unit costs and budgets are ILLUSTRATIVE, not published figures: replace them.",
    ])
