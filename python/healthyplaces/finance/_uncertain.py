"""Uncertain inputs of the business case (``hp.finance.Uncertain``): distributions stated by their mean and
standard deviation (normal, lognormal, gamma, beta) or by a range (uniform, triangular), drawn by inversion in
C++. Named ``Uncertain`` so they cannot be mistaken for the spend simulation's unit-cost classes."""
from __future__ import annotations

from typing import Any

from .. import _core

__all__ = ["Uncertain", "as_uncertain"]

Uncertain = _core.finance.Uncertain


def as_uncertain(value: Any, what: str) -> Any:
    """``value`` as an Uncertain input: a number becomes ``Uncertain.fixed``; anything else is a DomainError
    naming ``what``."""
    if isinstance(value, Uncertain):
        return value
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise _core.DomainError(f"{what} must be a number or an hp.finance.Uncertain, got {value!r}") from None
    return Uncertain.fixed(x)
