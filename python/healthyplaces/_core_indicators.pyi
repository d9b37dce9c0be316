"""Stubs for healthyplaces._core.indicators (a submodule of the extension; this file exists only for type checkers)."""
import numpy as np
import numpy.typing as npt

class Intervals:
    @property
    def confidence(self) -> list[float]: ...
    @property
    def value(self) -> npt.NDArray[np.float64]: ...
    @property
    def lower(self) -> npt.NDArray[np.float64]: ...
    @property
    def upper(self) -> npt.NDArray[np.float64]: ...
    @property
    def method(self) -> str: ...
    def __len__(self) -> int: ...

# --- rates, proportions, means, ratios (python/src/indicators_rates.cpp) ---

# --- standardised rates and standard populations (python/src/indicators_standardised.cpp) ---
