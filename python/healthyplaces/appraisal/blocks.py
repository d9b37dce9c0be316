"""The options appraisal cut into whole blocks of simulations, for schedulers outside this package.

``hp.appraisal.appraise`` draws simulation d from the random stream (seed, d // 256) and ``hp.appraisal.smaa``
draw d of each pass from streams keyed by (seed, d // 1,024), so a run split into slices of whole blocks, run
anywhere and put back together in C++ (the economic draws joined in block order, SMAA's integer counts and sums
added), equals the run on one thread bit for bit. ``hp.distributed`` uses these to put the slices on Dask;
another scheduler can do the same:

>>> import healthyplaces as hp
>>> from healthyplaces.appraisal import blocks
>>> short_list = [hp.appraisal.Option("bau"),
...               hp.appraisal.Option("pool", [hp.finance.saving("posts", hp.finance.Uncertain.normal(100, 30))])]
>>> args = blocks.economic_arguments(short_list, n_sims=1000, seed=3)
>>> parts = [blocks.economic_draws(args, 0, 2), blocks.economic_draws(args, 2, 2)]   # 4 blocks of 256
>>> blocks.economic_finish(args, short_list, parts) == hp.appraisal.appraise(short_list, n_sims=1000, seed=3)
True
"""
from __future__ import annotations

from typing import Any, Mapping, Sequence

from .. import _core
from ._economic import _BLOCK_SIZE as ECONOMIC_BLOCK_SIZE
from ._economic import EconomicAppraisalResult, Option, _arguments
from ._mcda import SMAAResult, _smaa_inputs, _smaa_result

__all__ = ["ECONOMIC_BLOCK_SIZE", "SMAA_BLOCK_SIZE", "economic_arguments", "economic_draws", "economic_finish",
           "smaa_confidence_slice", "smaa_finish", "smaa_inputs", "smaa_slice"]

SMAA_BLOCK_SIZE = 1024  # hp::appraisal::WeightSampler::block_size (smaa_blocks(n) = ceil(n / 1,024))

_app = _core.appraisal


def economic_arguments(options: Sequence[Option], business_as_usual: str | None = None, horizon: int = 10,
                       rate: float = 0.035, declining: bool = False, n_sims: int = 10_000, seed: int = 0,
                       threads: int = 0, wtp: Sequence[float] | None = None,
                       ranges: Mapping[str, tuple[float, float]] | None = None,
                       range_quantiles: tuple[float, float] = (0.001, 0.999),
                       what: str = "appraise") -> tuple:
    """The C++ appraisal's arguments, converted once for every slice (``hp.appraisal.appraise``'s, in its order).

    Parameters
    ----------
    options, business_as_usual, horizon, rate, declining, n_sims, seed, threads, wtp, ranges, range_quantiles
        As ``hp.appraisal.appraise``'s.
    what : str
        The function named in error messages.

    Returns
    -------
    tuple
        Plain, picklable values.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> from healthyplaces.appraisal import blocks
    >>> len(blocks.economic_arguments([hp.appraisal.Option("bau")], n_sims=0))
    13
    """
    return _arguments(list(options), business_as_usual, horizon, rate, declining, n_sims, seed, threads, wtp,
                      ranges, range_quantiles, what)


def economic_draws(args: tuple, first_block: int, n_blocks: int) -> Any:
    """The draws of blocks [first_block, first_block + n_blocks) of the appraisal (every input checked as the
    whole run checks it; no blocks at all: only the checks).

    Parameters
    ----------
    args : tuple
        :func:`economic_arguments`.
    first_block, n_blocks : int
        The slice, within the run's ceil(n_sims / 256) blocks.

    Returns
    -------
    healthyplaces._core.appraisal.EconomicDraws
        Its ``input_draws``, ``net_benefit`` and ``non_monetised`` matrices; picklable.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> from healthyplaces.appraisal import blocks
    >>> args = blocks.economic_arguments([hp.appraisal.Option("bau", [hp.finance.saving("x", 1.0)])], n_sims=600)
    >>> blocks.economic_draws(args, 2, 1).n_sims   # the last block: 600 - 2 × 256
    88
    """
    return _app.appraise_economic_draws(*args, first_block, n_blocks)


def economic_finish(args: tuple, options: Sequence[Option], parts: Sequence[Any]) -> EconomicAppraisalResult:
    """The appraisal from every block's draws, slices in block order (joined and summarised in C++).

    Parameters
    ----------
    args : tuple
        :func:`economic_arguments`.
    options : sequence of Option
        The options the arguments were made from.
    parts : sequence of EconomicDraws
        :func:`economic_draws` of slices covering every block in order.

    Returns
    -------
    EconomicAppraisalResult
        Equal to ``hp.appraisal.appraise`` with the same arguments.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> from healthyplaces.appraisal import blocks
    >>> opts = [hp.appraisal.Option("bau", [hp.finance.saving("x", 1.0)])]
    >>> args = blocks.economic_arguments(opts, n_sims=10)
    >>> blocks.economic_finish(args, opts, [blocks.economic_draws(args, 0, 1)]).n_sims
    10
    """
    return EconomicAppraisalResult._of(_app.appraise_economic_from_draws(*args, list(parts)), list(options))


def smaa_inputs(performances: Any, criteria: Any = None, weights: Any = None) -> tuple:
    """SMAA's C++ arguments from ``hp.appraisal.smaa``'s: (table, weight statements, their description, frame).

    Parameters
    ----------
    performances, criteria, weights
        As ``hp.appraisal.smaa``'s.

    Returns
    -------
    tuple
        ``(table, spec, described, frame)``: ``table`` and ``spec`` plain and picklable.

    Examples
    --------
    >>> from healthyplaces.appraisal import blocks
    >>> table, spec, described, frame = blocks.smaa_inputs({"a": {"x": 1, "y": 2}, "b": {"x": 2, "y": 1}})
    >>> table[0], described
    (['a', 'b'], 'missing (uniform over all weights)')
    """
    return _smaa_inputs(performances, criteria, weights)


def smaa_slice(table: tuple, spec: tuple, n_sims: int, seed: int, threads: int, first_block: int,
               n_blocks: int) -> tuple:
    """SMAA pass 1 over blocks [first_block, first_block + n_blocks) of ceil(n_sims / 1,024).

    Parameters
    ----------
    table, spec : tuple
        From :func:`smaa_inputs`.
    n_sims, seed, threads
        As ``hp.appraisal.smaa``'s.
    first_block, n_blocks : int
        The slice.

    Returns
    -------
    tuple
        ``(first_block, n_blocks, rank counts (options × ranks), central-weight sums in units of 2^-32)``.

    Examples
    --------
    >>> from healthyplaces.appraisal import blocks
    >>> table, spec, _, _ = blocks.smaa_inputs({"a": {"x": 1, "y": 2}, "b": {"x": 2, "y": 1}})
    >>> first, count, ranks, sums = blocks.smaa_slice(table, spec, 3000, 1, 1, 1, 2)
    >>> sum(ranks[:2])   # option a: one rank in each of the slice's 3000 - 1024 draws
    1976
    """
    return _app.smaa_partial(*table, *spec, n_sims, seed, threads, first_block, n_blocks)


def smaa_confidence_slice(table: tuple, central_weights: Any, n_sims: int, seed: int, threads: int,
                          first_block: int, n_blocks: int) -> tuple:
    """SMAA pass 2 (confidence factors) over some blocks, with the merged pass 1's central weights.

    Parameters
    ----------
    table : tuple
        From :func:`smaa_inputs`.
    central_weights : list of list of float
        Options × criteria (a NaN row: never first).
    n_sims, seed, threads
        As ``hp.appraisal.smaa``'s.
    first_block, n_blocks : int
        The slice, within pass 2's blocks (one when every performance is a point).

    Returns
    -------
    tuple
        ``(first_block, n_blocks, per option the draws where it is first with its central weights)``.

    Examples
    --------
    >>> from healthyplaces.appraisal import blocks
    >>> table, _, _, _ = blocks.smaa_inputs({"a": {"x": 1, "y": 2}, "b": {"x": 2, "y": 1}})
    >>> blocks.smaa_confidence_slice(table, [[0.25, 0.75], [0.75, 0.25]], 100, 1, 1, 0, 1)
    (0, 1, [1, 1])
    """
    return _app.smaa_confidence_partial(*table, central_weights, n_sims, seed, threads, first_block, n_blocks)


def smaa_finish(table: tuple, spec: tuple, n_sims: int, seed: int, parts: Sequence[tuple],
                confidence_parts: Sequence[tuple] | None = None, described: str = "",
                frame: Any = None) -> Any:
    """SMAA's result from its slices: with pass 1's only, the C++ result's dict (confidence factors NaN; its
    ``central_weights`` go to pass 2); with pass 2's too, the SMAAResult.

    Parameters
    ----------
    table, spec : tuple
        From :func:`smaa_inputs`.
    n_sims, seed
        As ``hp.appraisal.smaa``'s.
    parts : sequence of tuple
        :func:`smaa_slice` of slices covering every block in order.
    confidence_parts : sequence of tuple, optional
        :func:`smaa_confidence_slice` of slices covering pass 2's blocks in order.
    described, frame
        The weights' description and the table, from :func:`smaa_inputs`.

    Returns
    -------
    dict or SMAAResult

    Examples
    --------
    >>> import healthyplaces as hp
    >>> from healthyplaces.appraisal import blocks
    >>> perf = {"a": {"x": 1, "y": 2}, "b": {"x": 2, "y": 1}}
    >>> table, spec, described, frame = blocks.smaa_inputs(perf)
    >>> parts = [blocks.smaa_slice(table, spec, 3000, 1, 1, 0, 1), blocks.smaa_slice(table, spec, 3000, 1, 1, 1, 2)]
    >>> cw = [list(r) for r in blocks.smaa_finish(table, spec, 3000, 1, parts)["central_weights"]]
    >>> conf = [blocks.smaa_confidence_slice(table, cw, 3000, 1, 1, 0, 1)]
    >>> blocks.smaa_finish(table, spec, 3000, 1, parts, conf, described, frame) == hp.appraisal.smaa(perf, n_sims=3000, seed=1)
    True
    """
    d = _app.smaa_merge(*table, *spec, n_sims, seed, list(parts),
                        None if confidence_parts is None else list(confidence_parts))
    if confidence_parts is None:
        return d
    return _smaa_result(d, table[0], described, n_sims, seed, frame)
