"""A demand-led service: annual events per person by age band, a unit-cost distribution, the partner that owns
its budget, and Poisson or negative binomial yearly counts."""
from __future__ import annotations

from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from .. import _core
from ._cost import Gamma, LogNormal

__all__ = ["Service"]

_fin = _core.finance


class Service:
    """A service (emergency admissions, residential care, home care, ...) owned by one partner.

    Parameters
    ----------
    name : str
        The service's name.
    owner : str
        The partner whose budget it is, e.g. ``"council"`` or ``"nhs"``.
    rates : sequence, dict or Series
        Annual events per person, one per age band of the population. Labelled rates (a dict or Series keyed by
        band) must name the population's bands, in order.
    unit_cost : Gamma or LogNormal
        The cost of one event.
    budget : float
        The year's budget (£).
    counts : {"poisson", "negative_binomial"}
        Negative binomial counts are Poisson with a Gamma(1/α, α) rate multiplier: variance λ + α·λ², α =
        ``dispersion``.
    dispersion : float
        α >= 0 of negative binomial counts.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> s = hp.finance.Service("home care", "council", [0.0, 0.02, 0.1], hp.finance.Gamma(5000, 2000), 1e6)
    >>> s.expected_events([1000, 2000, 500])
    90.0
    """

    def __init__(self, name: str, owner: str, rates: Sequence[float] | Mapping[str, float] | pd.Series,
                 unit_cost: Gamma | LogNormal, budget: float, counts: str = "poisson", dispersion: float = 0.0) -> None:
        if not isinstance(unit_cost, (Gamma, LogNormal)):
            raise _core.DomainError(f'service "{name}": unit_cost must be hp.finance.Gamma(mean, sd) or '
                                    f"hp.finance.LogNormal(mean, sd), got {type(unit_cost).__name__}")
        self.bands: list[str] | None = None
        if isinstance(rates, Mapping):
            rates = pd.Series(rates, dtype=float)
        if isinstance(rates, pd.Series):
            self.bands = [str(b) for b in rates.index]
            rates = rates.to_numpy(dtype=float)
        self.unit_cost = unit_cost
        self._core = _fin.Service(str(name), str(owner), np.asarray(rates, dtype=float).ravel().tolist(),
                                  unit_cost._core, float(budget), counts, float(dispersion))

    name = property(lambda self: self._core.name)
    owner = property(lambda self: self._core.owner)
    rates = property(lambda self: self._core.rates)
    budget = property(lambda self: self._core.budget)
    counts = property(lambda self: self._core.counts)
    dispersion = property(lambda self: self._core.dispersion)

    def expected_events(self, population: Any) -> float:
        """The expected events in a year: Σ_bands rate × population.

        Parameters
        ----------
        population : sequence of float
            One year's population by band, in the rates' order.

        Returns
        -------
        float

        Examples
        --------
        >>> import healthyplaces as hp
        >>> hp.finance.Service("care", "council", [0.1], hp.finance.Gamma(9000, 6000), 1e6).expected_events([500])
        50.0
        """
        return float(np.dot(self.rates, np.asarray(population, dtype=float)))

    def __repr__(self) -> str:
        return (f"Service({self.name!r}, owner={self.owner!r}, {len(self.rates)} bands, {self.unit_cost!r}, "
                f"budget={self.budget:,.0f}, counts={self.counts!r})")

    def __reduce__(self) -> tuple[Any, ...]:
        rates = pd.Series(self.rates, index=self.bands) if self.bands is not None else list(self.rates)
        return (Service, (self.name, self.owner, rates, self.unit_cost, self.budget, self.counts, self.dispersion))
