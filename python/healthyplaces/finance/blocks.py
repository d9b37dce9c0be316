"""A spend simulation cut into whole blocks of simulated years, for schedulers outside this package.

``hp.finance.simulate`` draws its years in blocks, each from its own random stream, so any split of a run into
slices of whole blocks, run anywhere and joined in block order, equals the run on one thread bit for bit.
``hp.distributed`` uses these to put the slices on Dask; another scheduler can do the same:

>>> import healthyplaces as hp
>>> from healthyplaces.finance import blocks
>>> blocks.count_pieces(n_sims=10_000, horizon=1, block_size=1024)
10
"""
from __future__ import annotations

from ._simulate import _check_var_level as check_var_level
from ._simulate import _options as options
from ._simulate import count_pieces, integer_options, prepare, slices, spend_draws

__all__ = ["check_var_level", "count_pieces", "integer_options", "options", "prepare", "slices", "spend_draws"]
