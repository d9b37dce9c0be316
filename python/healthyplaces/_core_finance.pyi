"""Stubs for healthyplaces._core.finance: each sub-box keeps its own _core_finance_<part>.pyi."""
from ._core_finance_case import *  # noqa: F401,F403
from ._core_finance_simulate import *  # noqa: F401,F403
