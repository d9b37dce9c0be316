"""Unit-cost distributions by mean and standard deviation: ``Gamma`` and ``LogNormal``. The simulation draws the
cost of N events in aggregate (docs/finance-simulation.md): one Gamma(N·k, θ) draw for gamma costs (exact), and
for lognormal costs an exact sum up to 32 events and a lognormal with the sum's mean and variance beyond."""
from __future__ import annotations

import math
from typing import Any

from .. import _core

__all__ = ["Gamma", "LogNormal"]

_fin = _core.finance


class _UnitCost:
    family = ""

    def __init__(self, mean: float, sd: float) -> None:
        self._core = _fin.UnitCost(self.family, float(mean), float(sd))

    @property
    def mean(self) -> float:
        return float(self._core.mean)

    @property
    def sd(self) -> float:
        return float(self._core.sd)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(mean={self.mean:g}, sd={self.sd:g})"

    def __eq__(self, other: Any) -> bool:
        return type(other) is type(self) and (other.mean, other.sd) == (self.mean, self.sd)

    def __hash__(self) -> int:
        return hash((self.family, self.mean, self.sd))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.mean, self.sd))


class Gamma(_UnitCost):
    """A gamma unit cost with the given mean and sd: shape k = mean²/sd², scale θ = sd²/mean (sd = 0: a fixed
    price). The cost of N events is exactly Gamma(N·k, θ), one draw however many events.

    Parameters
    ----------
    mean : float
        The mean cost of one event (£, > 0).
    sd : float
        Its standard deviation (£, >= 0).

    Examples
    --------
    >>> import healthyplaces as hp
    >>> c = hp.finance.Gamma(2000, 1000)
    >>> c.shape, c.scale
    (4.0, 500.0)
    """

    family = "gamma"

    @property
    def shape(self) -> float:
        return self.mean ** 2 / self.sd ** 2 if self.sd > 0 else math.inf

    @property
    def scale(self) -> float:
        return self.sd ** 2 / self.mean


class LogNormal(_UnitCost):
    """A lognormal unit cost with the given mean and sd: log-scale σ² = log(1 + sd²/mean²), μ = log(mean) − σ²/2.
    A sum of lognormals has no closed form: up to 32 events the costs are drawn and summed one by one; beyond,
    the total is one lognormal draw with the sum's exact mean N·mean and variance N·sd² (Fenton–Wilkinson).

    Parameters
    ----------
    mean : float
        The mean cost of one event (£, > 0).
    sd : float
        Its standard deviation (£, >= 0).

    Examples
    --------
    >>> import healthyplaces as hp
    >>> round(hp.finance.LogNormal(100, 50).sigma, 4)
    0.4724
    """

    family = "lognormal"

    @property
    def sigma(self) -> float:
        return math.sqrt(math.log1p(self.sd ** 2 / self.mean ** 2))

    @property
    def mu(self) -> float:
        return math.log(self.mean) - 0.5 * self.sigma ** 2
