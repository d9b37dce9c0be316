"""
healthyplaces compiled core (C++20). Use the `healthyplaces` package, not this module directly.
"""
from __future__ import annotations
import typing
from . import stats
from . import numerics
from . import core
from . import io
from . import integration
from . import datasets
from . import indicators
from . import demography
from . import finance
from . import evaluation
from . import analysis
from . import appraisal
__all__: list[str] = ['ArrangementError', 'DataError', 'DomainError', 'Error', 'analysis', 'appraisal', 'core', 'datasets', 'demography', 'evaluation', 'finance', 'indicators', 'integration', 'io', 'numerics', 'stats']
class Error(ValueError):
    """
    Base of every healthyplaces error; a ValueError.
    """
class DataError(Error):
    """
    Malformed or out-of-range input data; the message names file, line, column, organisation and category where it can.
    """
class DomainError(Error):
    """
    A request outside the domain: unknown category, empty group, bad option.
    """
class ArrangementError(DomainError):
    """
    An integration arrangement whose dimensions contradict each other.
    """
def _interrupt(ident: typing.SupportsInt | typing.SupportsIndex, stop: bool = True) -> None:
    """
    Stop the long call running (or about to run) in Python thread `ident`: it raises KeyboardInterrupt there; stop=False withdraws the request.
    """
__version__: str = '0.1.0'
