"""Run the spend simulation and the options appraisal on Dask (``dask.distributed``): one big run split into
tasks of whole blocks of simulations, or many areas at once, each with its own random streams.

Every block of simulated years draws from its own counter-based stream keyed by (seed, area, block), and a task
is a slice of whole blocks (``hp.finance.simulate(first_block=...)``), so the gathered result is the one
``hp.finance.simulate`` gives on one thread, bit for bit, whatever the number of workers, threads or tasks.

By default a ``LocalCluster`` is started for the call and closed after it (``n_workers``,
``threads_per_worker``); pass ``client=`` (a ``dask.distributed.Client``) or ``address=`` (a scheduler's
address) to use a cluster you already have — and to avoid paying the cluster's start-up on every call.

The options appraisal runs the same way: :func:`appraise` (``hp.appraisal.appraise``: the economic appraisal's
simulations in tasks of whole blocks of 256, finished once from every draw) and :func:`smaa`
(``hp.appraisal.smaa``: SMAA-2's two passes in tasks of whole blocks of 1,024 draws, each task's rank counts and
central-weight sums exact integers, added up in C++). Both equal the single-machine call bit for bit.

Dask is optional: ``pip install healthyplaces[distributed]``. ``import healthyplaces`` does not import it; these
functions do, when called.
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Mapping, Sequence

import numpy as np
import pandas as pd

from . import _core, _figure, _progress
from ._result import Result, Summary, fmt_int, fmt_money, fmt_percent
from .finance import ARRANGEMENTS, RiskShare, Service, SimulationResult
from .finance.blocks import count_pieces, integer_options, prepare, slices, spend_draws
from .finance.blocks import check_var_level as _check_var_level
from .finance.blocks import options as _options
from .appraisal import EconomicAppraisalResult, Option, SMAAResult
from .appraisal import blocks as _appraisal_blocks
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # matplotlib is imported when a chart is drawn, not on import
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["AreaSimulations", "appraise", "compare_arrangements", "simulate", "simulate_areas", "smaa"]

_fin = _core.finance


def _dask() -> Any:
    """The dask.distributed module, or an ImportError that says how to install it."""
    try:
        import distributed  # the top-level dask.distributed package, not this module
    except ImportError as e:
        raise ImportError("hp.distributed needs dask.distributed, which is not installed: "
                          "pip install healthyplaces[distributed]  (or: pip install \"dask[distributed]\")") from e
    return distributed


def _positive(value: Any, name: str, what: str) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1):
        raise _core.DomainError(f"{what}: {name} must be a whole number >= 1, got {value!r}")


@contextlib.contextmanager
def _client(client: Any, address: str | None, n_workers: int | None, threads_per_worker: int, processes: bool,
            cluster_options: Mapping[str, Any] | None, what: str) -> Iterator[Any]:
    """The client to use: the caller's, one connected to ``address``, or one on a LocalCluster started here
    (closed again, with the cluster, on the way out)."""
    if client is not None and address is not None:
        raise _core.DomainError(f"{what}: give client= or address=, not both")
    _positive(n_workers, "n_workers", what)
    _positive(threads_per_worker, "threads_per_worker", what)
    if client is not None:
        yield client
        return
    dd = _dask()
    if address is not None:
        with dd.Client(address) as c:
            yield c
        return
    options = {"dashboard_address": ":0", **dict(cluster_options or {})}  # a free port: never clash
    with dd.LocalCluster(n_workers=n_workers, threads_per_worker=threads_per_worker, processes=processes,
                         **options) as cluster, dd.Client(cluster) as c:
        yield c


def _worker_threads(client: Any) -> int:
    """Threads across the cluster's workers (at least 1, e.g. while workers are still joining)."""
    try:
        return max(1, sum(client.nthreads().values()))
    except Exception:  # noqa: BLE001 - a client that cannot say: plan for one thread
        return 1


class _Run:
    """One area's run: its services, population table and simulation arguments."""

    def __init__(self, key: Any, population: Any, services: Sequence[Service], years: int | None, n_sims: int,
                 shock_correlation: float, shock_sd: float, seed: int, area: int, block_size: int, first_block: int,
                 threads: int, what: str) -> None:
        self.key = key
        n_sims, seed, threads, area, block_size, first_block = integer_options(n_sims, seed, threads, area,
                                                                               block_size, first_block)
        self.services, self.table = prepare(population, services, years)
        self.n_sims, self.area = n_sims, area
        self.block_size, self.first_block = block_size, first_block
        self.args = (float(shock_correlation), float(shock_sd), seed, self.area, self.block_size)
        # threads=0 ("all cores") inside a task: Dask's worker threads already run a task per core, so each task
        # runs on one C++ thread rather than every task starting a thread per core.
        self.threads = 1 if threads == 0 else threads
        self.options = _options(n_sims, self.table.shape[0], shock_correlation, shock_sd, seed, area, block_size,
                                first_block)
        slices(self.n_sims, self.horizon, self.block_size, 1, what)  # n_sims and block_size
        # Everything else the C++ checks (rho, sd, first_block against the horizon, ...): one replication here,
        # so bad input fails before a task is sent.
        spend_draws(self.services, self.table, 1, *self.args, self.first_block, 1)

    @property
    def horizon(self) -> int:
        return int(self.table.shape[0])

    def pieces(self) -> int:
        return count_pieces(self.n_sims, self.horizon, self.block_size)


def _gather(client: Any, runs: Sequence[_Run], tasks: Sequence[int], progress: bool | None, what: str) -> list[Any]:
    """Submit every run's slices (tasks[i] for run i), gather them and join each run's slices in block order:
    one SpendDraws per run."""
    dd = _dask()
    work = float(sum(r.n_sims * r.horizon * len(r.services) for r in runs)) / _worker_threads(client)
    show = _progress.wanted(progress, work, _progress.SIMULATE_UNITS, what)
    futures, sizes = [], {}
    for run, n_tasks in zip(runs, tasks):
        fs = []
        for k, n in slices(run.n_sims, run.horizon, run.block_size, n_tasks, what):
            f = client.submit(spend_draws, run.services, run.table, n, *run.args, run.first_block + k, run.threads,
                              pure=False)
            sizes[f.key] = n
            fs.append(f)
        futures.append(fs)
    if show:
        with _progress.bar(sum(r.n_sims for r in runs), what, "sims") as bar:
            for f in dd.as_completed([f for fs in futures for f in fs]):
                bar.update(sizes[f.key])
    parts = client.gather(futures)
    return [p[0] if len(p) == 1 else _fin.concatenate_draws(p) for p in parts]


def simulate(population: Any, services: Sequence[Service], arrangement: Any = "pooled",
             risk_share: RiskShare | None = None, years: int | None = None, n_sims: int = 10_000,
             shock_correlation: float = 0.0, shock_sd: float = 0.0, seed: int = 0, threads: int = 0,
             friction: Any = None, var_level: float = 0.95, area: int = 0, block_size: int = 4096,
             first_block: int = 0, *, n_tasks: int | None = None, client: Any = None, address: str | None = None,
             n_workers: int | None = None, threads_per_worker: int = 1, processes: bool = True,
             cluster_options: Mapping[str, Any] | None = None, progress: bool | None = None) -> SimulationResult:
    """``hp.finance.simulate`` on Dask: the run split into tasks of whole blocks of simulated years.

    The tasks run on the workers and are gathered and joined in block order: the result equals
    ``hp.finance.simulate`` with the same arguments on one thread, bit for bit.

    Parameters
    ----------
    population, services, arrangement, risk_share, years, n_sims, shock_correlation, shock_sd, seed, friction, \
var_level, area, block_size, first_block
        As ``hp.finance.simulate``'s, in its order.
    threads : int
        C++ threads inside each task; 0 (default) lets Dask's worker threads give the parallelism (one C++
        thread per task, a task per worker thread). The numbers do not depend on it.
    n_tasks : int, optional
        How many slices (default: four per worker thread, at most the slices the run has: a slice is whole
        blocks ending on a replication).
    client : dask.distributed.Client, optional
        The cluster to use.
    address : str, optional
        A scheduler's address to connect to.
    n_workers, threads_per_worker, processes, cluster_options
        Otherwise a ``LocalCluster(n_workers, threads_per_worker, processes, **cluster_options)`` is started for
        this call and closed after it (its dashboard on a free port unless ``cluster_options`` sets
        ``dashboard_address``; in a script, call this under ``if __name__ == "__main__":``, as worker processes
        re-import the main module).
    progress : bool, optional
        A tqdm bar over the tasks as they finish (None: for long runs in a terminal or notebook).

    Returns
    -------
    SimulationResult

    Examples
    --------
    >>> import healthyplaces as hp
    >>> t = hp.finance.torbay_like()
    >>> r = hp.distributed.simulate(t.population, t.services, n_sims=20_000, seed=1,   # doctest: +SKIP
    ...                             n_workers=2, threads_per_worker=1)
    >>> r == hp.finance.simulate(t.population, t.services, n_sims=20_000, seed=1)     # doctest: +SKIP
    True
    """
    what = "hp.distributed.simulate"
    _positive(n_tasks, "n_tasks", what)
    _check_var_level(var_level)
    run = _Run(None, population, services, years, n_sims, shock_correlation, shock_sd, seed, area, block_size,
               first_block, threads, what)
    if n_tasks is not None:
        slices(run.n_sims, run.horizon, run.block_size, n_tasks, what)  # too many tasks: say so before starting Dask
    with _client(client, address, n_workers, threads_per_worker, processes, cluster_options, what) as c:
        tasks = n_tasks if n_tasks is not None else min(run.pieces(), 4 * _worker_threads(c))
        (simulated,) = _gather(c, [run], [tasks], progress, what)
    return SimulationResult.settle(simulated, run.services, arrangement, risk_share, friction, var_level, run.options)


def compare_arrangements(population: Any, services: Sequence[Service], arrangements: Sequence[Any] = ARRANGEMENTS,
                         risk_share: RiskShare | None = None, friction: Any = None, var_level: float = 0.95,
                         **simulate_args: Any) -> pd.DataFrame:
    """``hp.finance.compare_arrangements`` on Dask: one distributed run, then every arrangement on its draws.

    Parameters
    ----------
    population, services, arrangements, risk_share, friction, var_level
        As ``hp.finance.compare_arrangements``'s.
    **simulate_args
        :func:`simulate`'s other arguments (``n_sims``, ``seed``, ``client``, ``n_tasks``, ...).

    Returns
    -------
    pandas.DataFrame
        The table ``hp.finance.compare_arrangements`` gives on one thread, equal to it.

    Examples
    --------
    >>> import healthyplaces as hp
    >>> t = hp.finance.torbay_like()
    >>> table = hp.distributed.compare_arrangements(t.population, t.services, n_sims=5_000,   # doctest: +SKIP
    ...                                             n_workers=2)
    >>> table.loc["pooled", "pooling_benefit_ES"]                                           # doctest: +SKIP
    """
    if len(arrangements) == 0:
        raise _core.DomainError("hp.distributed.compare_arrangements: give at least one arrangement")
    result = simulate(population, services, arrangement=arrangements[0], risk_share=risk_share, friction=friction,
                      var_level=var_level, **simulate_args)
    return result.compare(arrangements, var_level)


@dataclass(eq=False, repr=False)
class AreaSimulations(Result, Mapping[Any, SimulationResult]):
    """The simulations of many areas, by area: a read-only mapping area → ``SimulationResult``.

    Returned by :func:`simulate_areas`. :meth:`to_frame` stacks each area's risk table (by area and partner),
    :meth:`summary` shows it for people, :meth:`compare` stacks each area's table across arrangements and
    :meth:`plot` draws each area's overspend distribution.

    Attributes
    ----------
    results : dict
        Area → ``SimulationResult``, in the order given.
    area_ids : dict
        Area → its random-stream key (its ``area=`` in ``hp.finance.simulate``).

    Examples
    --------
    >>> import healthyplaces as hp
    >>> svc = [hp.finance.Service("care", "council", [0.1], hp.finance.Gamma(9000, 6000), 1.8e6)]
    >>> runs = {k: hp.finance.simulate((["65+"], [n]), svc, n_sims=500, area=i, seed=1)
    ...         for i, (k, n) in enumerate({"A": 2000, "B": 2500}.items())}
    >>> areas = hp.distributed.AreaSimulations(runs, {"A": 0, "B": 1})
    >>> list(areas), list(areas.to_frame().index.names)
    (['A', 'B'], ['area', 'partner'])
    """

    results: dict[Any, SimulationResult]
    area_ids: dict[Any, int]

    def __post_init__(self) -> None:
        self.results = dict(self.results)
        self.area_ids = dict(self.area_ids)

    def __getitem__(self, key: Any) -> SimulationResult:
        return self.results[key]

    def __iter__(self) -> Iterator[Any]:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)

    def to_frame(self, var_level: float | None = None) -> pd.DataFrame:
        """Each area's risk table (``SimulationResult.to_frame``) stacked.

        Parameters
        ----------
        var_level : float, optional
            The value-at-risk level (default: each result's).

        Returns
        -------
        pandas.DataFrame
            Indexed by (area, partner).

        Examples
        --------
        >>> import healthyplaces as hp
        >>> svc = [hp.finance.Service("care", "council", [0.1], hp.finance.Gamma(9000, 6000), 1.8e6)]
        >>> areas = hp.distributed.AreaSimulations({"A": hp.finance.simulate((["65+"], [2000]), svc, n_sims=200)},
        ...                                        {"A": 0})
        >>> areas.to_frame().index.tolist()
        [('A', 'council'), ('A', 'total')]
        """
        return pd.concat({k: r.to_frame(var_level) for k, r in self.results.items()}, names=["area", "partner"])

    def summary(self, var_level: float | None = None) -> Summary:
        """Each area's risk table for people: money as £ with separators.

        Parameters
        ----------
        var_level : float, optional
            The value-at-risk level (default: each result's).

        Returns
        -------
        Summary
            ``print()`` gives the complete table; in Jupyter it renders as HTML.

        Examples
        --------
        >>> import healthyplaces as hp
        >>> svc = [hp.finance.Service("care", "council", [0.1], hp.finance.Gamma(9000, 6000), 1.8e6)]
        >>> areas = hp.distributed.AreaSimulations({"A": hp.finance.simulate((["65+"], [2000]), svc, n_sims=200)},
        ...                                        {"A": 0})
        >>> print(areas.summary())  # doctest: +ELLIPSIS
        Simulated spend in 1 area: 200 replications × 1 year each
        ...
        """
        frame = self.to_frame(var_level).reset_index()
        formats: dict[str, Any] = {c: fmt_money for c in ("budget", "expected_spend", "mean_overspend", "sd", "VaR",
                                                          "ES")}
        formats["p_overspend"] = fmt_percent
        first = next(iter(self.results.values()), None)
        shape = ""
        if first is not None:
            shape = (f": {fmt_int(first.n_sims)} replications × {first.years} "
                     f"{'year' if first.years == 1 else 'years'} each")
        levels = sorted({r.var_level if var_level is None else float(var_level) for r in self.results.values()})
        notes = [f"Value at risk (VaR) and expected shortfall (ES) of the overspend at the "
                 f"{', '.join(f'{100 * v:g}%' for v in levels)} level, per simulated year; arrangements: "
                 f"{', '.join(sorted({r.arrangement for r in self.results.values()}))}.",
                 "Area stream keys: " + ", ".join(f"{k} {v}" for k, v in self.area_ids.items()) + "."]
        n = len(self)
        return Summary.of(f"Simulated spend in {n} {'area' if n == 1 else 'areas'}{shape}", frame, notes, formats)

    def compare(self, arrangements: Sequence[Any] = ARRANGEMENTS, var_level: float | None = None) -> pd.DataFrame:
        """Each area's table across arrangements (``SimulationResult.compare``) stacked.

        Parameters
        ----------
        arrangements : sequence of str, hp.Budgets or hp.Arrangement
            The arrangements (default all four).
        var_level : float, optional
            The value-at-risk level (default: each result's).

        Returns
        -------
        pandas.DataFrame
            Indexed by (area, arrangement, partner).

        Examples
        --------
        >>> import healthyplaces as hp
        >>> svc = [hp.finance.Service("care", "council", [0.1], hp.finance.Gamma(9000, 6000), 1.8e6)]
        >>> areas = hp.distributed.AreaSimulations({"A": hp.finance.simulate((["65+"], [2000]), svc, n_sims=200)},
        ...                                        {"A": 0})
        >>> areas.compare(["separate", "pooled"]).index.names
        FrozenList(['area', 'arrangement', 'partner'])
        """
        return pd.concat({k: r.compare(arrangements, var_level) for k, r in self.results.items()},
                         names=["area", "arrangement", "partner"])

    def plot(self, ax: Axes | None = None, partner: str = "total", top: int = 30) -> Figure:
        """Box plots of each area's overspend per simulated year for ``partner`` (or the total).

        Boxes are the quartiles, whiskers the 5th and 95th percentiles, a dot the value at risk. Past ``top``
        areas the labels are unreadable: the chart shows the ``top`` areas with the largest value at risk and
        says so in its title.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Draw on these axes (default: a new figure that grows with the number of areas).
        partner : str
            A partner of every area, or ``"total"``.
        top : int
            Show at most this many areas.

        Returns
        -------
        matplotlib.figure.Figure
            Shown once in Jupyter, whether returned or assigned.

        Examples
        --------
        >>> import healthyplaces as hp
        >>> svc = [hp.finance.Service("care", "council", [0.1], hp.finance.Gamma(9000, 6000), 1.8e6)]
        >>> areas = hp.distributed.AreaSimulations({"A": hp.finance.simulate((["65+"], [2000]), svc, n_sims=200)},
        ...                                        {"A": 0})
        >>> areas.plot(partner="council").axes[0].get_xlabel()
        'council overspend against budget (£ per simulated year)'
        """
        data, var, labels = [], [], []
        for key, r in self.results.items():
            if partner == "total":
                x = r.overspend.sum(axis=0).ravel()
            elif partner in r.partners:
                x = r.overspend[r.partners.index(partner)].ravel()
            else:
                raise _core.DomainError(f"AreaSimulations.plot: area {key!r} has partners {r.partners}; "
                                        f"partner must be one of them or 'total', got {partner!r}")
            data.append(x)
            var.append(float(r.to_frame().loc[partner, "VaR"]))
            labels.append(str(key))
        shown = list(range(len(data)))
        title = f"{partner} overspend by area"
        if len(shown) > top:
            shown = sorted(shown, key=lambda i: var[i], reverse=True)[:top]
            title = f"{partner} overspend: the {top} of {len(data)} areas with the largest value at risk"
        shown = shown[::-1]  # the first area at the top
        fig, ax = _figure.axes(ax, 7.0, 0.4 * len(shown) + 1.8)
        import matplotlib

        names = [labels[i] for i in shown]
        new_mpl = tuple(int(v) for v in matplotlib.__version__.split(".")[:2]) >= (3, 10)  # names changed in 3.9/3.10
        kw = {"orientation": "horizontal", "tick_labels": names} if new_mpl else {"vert": False, "labels": names}
        ax.boxplot([data[i] for i in shown], whis=(5, 95), showfliers=False, **kw)
        ax.plot([var[i] for i in shown], range(1, len(shown) + 1), "o", color=_figure.PALETTE[1])
        ax.axvline(0, color=_figure.GREY, lw=0.8)
        _figure.money_axis(ax.xaxis)
        ax.set_xlabel(f"{partner} overspend against budget (£ per simulated year)")
        # The key goes in the title: a legend below a short chart would run into the axis label.
        ax.set_title(f"{title}\nbox: quartiles; whiskers: 5th to 95th percentile; dot: value at risk", fontsize=10)
        return fig

    def __repr__(self) -> str:
        first = next(iter(self.results.values()), None)
        shape = f", {first.n_sims} sims × {first.years} years each" if first is not None else ""
        return f"AreaSimulations({len(self)} areas{shape})"


def _area_inputs(areas: Any, services: Any) -> list[tuple[Any, Any, Sequence[Service]]]:
    """(key, population, services) per area, in order."""
    what = "hp.distributed.simulate_areas"
    if isinstance(areas, pd.DataFrame):
        bands = [str(c) for c in areas.columns]
        items: list[tuple[Any, Any]] = [(k, (bands, row.to_numpy(dtype=float))) for k, row in areas.iterrows()]
    elif isinstance(areas, Mapping):
        items = list(areas.items())
    else:
        raise _core.DomainError(f"{what}: areas must be a dict of area → population (or (population, services), or "
                                f"a preset with .population and .services) or a DataFrame of populations (a row per "
                                f"area, a column per age band), got {type(areas).__name__}")
    if not items:
        raise _core.DomainError(f"{what}: areas is empty; give at least one area")
    out = []
    for key, value in items:
        own: Sequence[Service] | None = None
        if hasattr(value, "population") and hasattr(value, "services"):
            value, own = value.population, value.services
        elif (isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], (list, tuple)) and value[1]
              and all(isinstance(s, Service) for s in value[1])):
            value, own = value
        if services is None:
            if own is None:
                raise _core.DomainError(f"{what}: area {key!r} has no services; give services= (a list for every "
                                        f"area, a dict by area or a function of (area, population)) or "
                                        f"(population, services) pairs")
            svc = own
        elif callable(services) and not isinstance(services, Mapping):
            svc = services(key, value)
        elif isinstance(services, Mapping):
            if key not in services:
                raise _core.DomainError(f"{what}: services has no entry for area {key!r}")
            svc = services[key]
        else:
            svc = services
        out.append((key, value, list(svc)))
    return out


def _area_ids(keys: Sequence[Any], area_ids: Any) -> dict[Any, int]:
    what = "hp.distributed.simulate_areas"
    if area_ids is None:
        ids = dict(zip(keys, range(len(keys))))
    elif isinstance(area_ids, Mapping):
        missing = [k for k in keys if k not in area_ids]
        if missing:
            raise _core.DomainError(f"{what}: area_ids has no id for area(s) {missing[:5]}")
        ids = {k: area_ids[k] for k in keys}
    else:
        seq = list(area_ids)
        if len(seq) != len(keys):
            raise _core.DomainError(f"{what}: area_ids has {len(seq)} ids for {len(keys)} areas")
        ids = dict(zip(keys, seq))
    for k, v in ids.items():
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 0:
            raise _core.DomainError(f"{what}: area {k!r}: its id must be a whole number >= 0, got {v!r}")
    if len(set(int(v) for v in ids.values())) != len(ids):
        raise _core.DomainError(f"{what}: area_ids must be distinct (two areas with one id would draw the same "
                                f"random numbers)")
    return {k: int(v) for k, v in ids.items()}


def simulate_areas(areas: Any, services: Any = None, arrangement: Any = "pooled", risk_share: RiskShare | None = None,
                   years: int | None = None, n_sims: int = 10_000, shock_correlation: float = 0.0,
                   shock_sd: float = 0.0, seed: int = 0, threads: int = 0, friction: Any = None,
                   var_level: float = 0.95, block_size: int = 4096, *, area_ids: Any = None,
                   tasks_per_area: int | None = None, client: Any = None, address: str | None = None,
                   n_workers: int | None = None, threads_per_worker: int = 1, processes: bool = True,
                   cluster_options: Mapping[str, Any] | None = None, progress: bool | None = None) -> AreaSimulations:
    """Simulate many areas on Dask, each with its own random streams.

    Area k's result equals ``hp.finance.simulate(population_k, services_k, ..., area=area_ids[k])`` on one
    thread, bit for bit.

    Parameters
    ----------
    areas : dict or DataFrame
        A dict of area → population (anything ``hp.finance.simulate`` takes), → (population, services), or → a
        preset (``hp.finance.torbay_like()``: its ``.population`` and ``.services``); or a DataFrame of
        populations, a row per area and a column per age band.
    services : list, dict or callable, optional
        None (each area brings its own), one list for every area, a dict by area, or a function
        ``services(area, population)`` (e.g. budgets scaled to the area).
    arrangement, risk_share, years, n_sims, shock_correlation, shock_sd, seed, friction, var_level, block_size
        As ``hp.finance.simulate``'s; ``arrangement``, ``risk_share`` and ``friction`` apply to every area.
    threads : int
        C++ threads inside each task; 0 (default): Dask's worker threads give the parallelism.
    area_ids : dict or sequence, optional
        Each area's stream key (default 0, 1, 2, ... in the order given: keep the order, or give ids, when you
        rerun a subset); distinct whole numbers below 2^24.
    tasks_per_area : int, optional
        At most this many tasks per area (default: one per area when there are many areas, more when few).
    client, address, n_workers, threads_per_worker, processes, cluster_options, progress
        As :func:`simulate`'s.

    Returns
    -------
    AreaSimulations

    Examples
    --------
    >>> import healthyplaces as hp
    >>> areas = {"Torbay": hp.finance.torbay_like(), "Swindon": hp.finance.swindon_like()}
    >>> runs = hp.distributed.simulate_areas(areas, n_sims=5_000, seed=1, n_workers=2)   # doctest: +SKIP
    >>> print(runs.summary())                                                             # doctest: +SKIP
    """
    what = "hp.distributed.simulate_areas"
    _positive(tasks_per_area, "tasks_per_area", what)
    _check_var_level(var_level)
    inputs = _area_inputs(areas, services)
    ids = _area_ids([k for k, _, _ in inputs], area_ids)
    runs = [_Run(k, pop, svc, years, n_sims, shock_correlation, shock_sd, seed, ids[k], block_size, 0, threads, what)
            for k, pop, svc in inputs]
    with _client(client, address, n_workers, threads_per_worker, processes, cluster_options, what) as c:
        per_area = tasks_per_area or max(1, -(-4 * _worker_threads(c) // len(runs)))
        simulated = _gather(c, runs, [min(per_area, r.pieces()) for r in runs], progress, what)
    results = {r.key: SimulationResult.settle(d, r.services, arrangement, risk_share, friction, var_level, r.options)
               for r, d in zip(runs, simulated)}
    return AreaSimulations(results, ids)


# ---- the options appraisal (hp.appraisal) --------------------------------------------------------------------

_app = _core.appraisal


def _block_slices(blocks: int, n_tasks: int) -> list[tuple[int, int]]:
    """``n_tasks`` runs of consecutive blocks covering ``blocks`` in order, their sizes differing by at most one."""
    size, extra = divmod(blocks, n_tasks)
    out, first = [], 0
    for t in range(n_tasks):
        count = size + (1 if t < extra else 0)
        out.append((first, count))
        first += count
    return out


def _check_tasks(n_tasks: int | None, blocks: int, block_size: int, what: str) -> None:
    if n_tasks is not None and n_tasks > blocks:
        raise _core.DomainError(f"{what}: n_tasks must be at most {blocks:,} (the run's blocks of {block_size:,} "
                                f"simulations: a task is whole blocks), got {n_tasks:,}")


def _run_tasks(client: Any, fn: Callable[..., Any], args: tuple, slices: Sequence[tuple[int, int]],
               sims: Callable[[int, int], int], bar: Any) -> list[Any]:
    """``fn(*args, first_block, n_blocks)`` for each slice on the cluster, gathered in slice order (the bar, if
    any, advanced by each slice's simulations as it finishes)."""
    futures = [client.submit(fn, *args, first, count, pure=False) for first, count in slices]
    if bar is not None:
        size = {f.key: sims(first, count) for f, (first, count) in zip(futures, slices)}
        for f in _dask().as_completed(futures):
            bar.update(size[f.key])
    return list(client.gather(futures))


def appraise(options: Sequence[Option], business_as_usual: str | None = None, horizon: int = 10,
             rate: float = 0.035, declining: bool = False, n_sims: int = 10_000, seed: int = 0, threads: int = 0,
             wtp: Sequence[float] | None = None, ranges: Mapping[str, tuple[float, float]] | None = None,
             range_quantiles: tuple[float, float] = (0.001, 0.999), *, n_tasks: int | None = None,
             client: Any = None, address: str | None = None, n_workers: int | None = None,
             threads_per_worker: int = 1, processes: bool = True, cluster_options: Mapping[str, Any] | None = None,
             progress: bool | None = None) -> EconomicAppraisalResult:
    """``hp.appraisal.appraise`` on Dask: the simulations split into tasks of whole blocks, the appraisal finished
    once from all of them.

    Simulation d belongs to block d // 256, which draws from the stream (seed, block) wherever it runs; each task
    returns its blocks' draws (inputs, NPSV, non-monetised quantities), and the C++ joins them in block order and
    computes every output (means, sds, quantiles, P(best), acceptability, EVPI, switching values) exactly as
    ``hp.appraisal.appraise`` does: the result equals it, bit for bit. The draws come back to this process (they
    are kept for EVPPI), so the run is bounded as ``hp.appraisal.appraise``'s: n_sims × (2 × options + inputs)
    at most 250,000,000 values.

    Parameters
    ----------
    options, business_as_usual, horizon, rate, declining, n_sims, seed, wtp, ranges, range_quantiles
        As ``hp.appraisal.appraise``'s, in its order.
    threads : int
        C++ threads inside each task; 0 (default): Dask's worker threads give the parallelism (one C++ thread
        per task). The numbers do not depend on it.
    n_tasks : int, optional
        How many tasks (default: four per worker thread, at most the run's blocks of 256 simulations).
    client, address, n_workers, threads_per_worker, processes, cluster_options, progress
        As :func:`simulate`'s. With ``n_sims=0`` nothing is simulated and no cluster is used.

    Returns
    -------
    EconomicAppraisalResult

    Examples
    --------
    >>> import healthyplaces as hp
    >>> U = hp.finance.Uncertain
    >>> short_list = [hp.appraisal.Option("business as usual"),
    ...               hp.appraisal.Option("pooled budget", [hp.finance.saving("posts", U.normal(1.5e5, 4e4))])]
    >>> res = hp.distributed.appraise(short_list, n_sims=200_000, seed=1, n_workers=2)   # doctest: +SKIP
    >>> res == hp.appraisal.appraise(short_list, n_sims=200_000, seed=1)                 # doctest: +SKIP
    True
    """
    what = "hp.distributed.appraise"
    _positive(n_tasks, "n_tasks", what)
    options = list(options)
    n_sims, seed, threads, *_ = _fin.integer_options(n_sims, seed, threads)
    # threads=0 inside a task: Dask's worker threads already run a task per core.
    args = _appraisal_blocks.economic_arguments(options, business_as_usual, horizon, rate, declining, n_sims, seed,
                                                1 if threads == 0 else threads, wtp, ranges, range_quantiles, what)
    # Every check the C++ makes (names, flows, inputs, ranges, the draws' limit), on no blocks: bad input fails
    # here, before a cluster starts.
    nothing = _appraisal_blocks.economic_draws(args, 0, 0)
    block_size = _appraisal_blocks.ECONOMIC_BLOCK_SIZE
    blocks = -(-n_sims // block_size)
    _check_tasks(n_tasks, blocks, block_size, what)
    if blocks == 0:  # n_sims = 0: the appraisal at the means, nothing to distribute
        return _appraisal_blocks.economic_finish(args, options, [nothing])
    per_sim = len(options) + len(args[0])
    with _client(client, address, n_workers, threads_per_worker, processes, cluster_options, what) as c:
        tasks = n_tasks if n_tasks is not None else min(blocks, 4 * _worker_threads(c))
        show = _progress.wanted(progress, float(n_sims) * per_sim / _worker_threads(c), _progress.PSA_UNITS, what)

        def sims(first: int, count: int) -> int:
            return min(n_sims, (first + count) * block_size) - first * block_size

        with (_progress.bar(n_sims, what, "sims") if show else contextlib.nullcontext()) as bar:
            parts = _run_tasks(c, _appraisal_blocks.economic_draws, (args,), _block_slices(blocks, tasks), sims, bar)
    return _appraisal_blocks.economic_finish(args, options, parts)


def smaa(performances: Any, criteria: Any = None, weights: Any = None, n_sims: int = 10_000, seed: int = 0,
         threads: int = 0, *, n_tasks: int | None = None, client: Any = None, address: str | None = None,
         n_workers: int | None = None, threads_per_worker: int = 1, processes: bool = True,
         cluster_options: Mapping[str, Any] | None = None, progress: bool | None = None) -> SMAAResult:
    """``hp.appraisal.smaa`` on Dask: SMAA-2's two passes, each split into tasks of whole blocks of draws.

    Block b (draws b × 1,024 onwards) takes its weights and performances from streams keyed by (seed, b) wherever
    it runs. Pass 1's tasks return each option's rank counts and its central-weight sums (in units of 2^-32,
    each block's sum rounded: integers), which add up exactly in any grouping; the merged central weights go to
    pass 2's tasks (the confidence factors' own draws), whose counts add up likewise. The result equals
    ``hp.appraisal.smaa`` with the same arguments, bit for bit.

    Parameters
    ----------
    performances, criteria, weights, n_sims, seed
        As ``hp.appraisal.smaa``'s, in its order.
    threads : int
        C++ threads inside each task; 0 (default): Dask's worker threads give the parallelism. The numbers do
        not depend on it.
    n_tasks : int, optional
        Tasks per pass (default: four per worker thread, at most the blocks of 1,024 draws; pass 2 has one block
        when every performance is a point).
    client, address, n_workers, threads_per_worker, processes, cluster_options, progress
        As :func:`simulate`'s.

    Returns
    -------
    SMAAResult

    Examples
    --------
    >>> import healthyplaces as hp
    >>> table = {"pooled budgets": {"cost": (2.0, 3.0), "reach": 0.6}, "merger": {"cost": (4.0, 6.0), "reach": 0.9}}
    >>> crit = [hp.appraisal.Criterion("cost", "less is better"), "reach"]
    >>> res = hp.distributed.smaa(table, crit, n_sims=1_000_000, seed=1, n_workers=2)   # doctest: +SKIP
    >>> res == hp.appraisal.smaa(table, crit, n_sims=1_000_000, seed=1)                 # doctest: +SKIP
    True
    """
    what = "hp.distributed.smaa"
    _positive(n_tasks, "n_tasks", what)
    table, spec, described, frame = _appraisal_blocks.smaa_inputs(performances, criteria, weights)
    blocks = _app.smaa_blocks(n_sims)  # checks n_sims
    n_sims, seed, threads, *_ = _fin.integer_options(n_sims, seed, threads)
    task_threads = 1 if threads == 0 else threads
    # Every other check (the table, the weights' statements) on one draw, before a cluster starts.
    _app.smaa(*table, *spec, 1, seed, 1)
    block_size = _appraisal_blocks.SMAA_BLOCK_SIZE
    _check_tasks(n_tasks, blocks, block_size, what)
    size = len(table[0]) * len(table[1])
    with _client(client, address, n_workers, threads_per_worker, processes, cluster_options, what) as c:
        workers = _worker_threads(c)
        tasks = n_tasks if n_tasks is not None else min(blocks, 4 * workers)
        show = _progress.wanted(progress, 2.0 * n_sims * size / workers, _progress.PSA_UNITS, what)

        def sims(first: int, count: int, total: int = n_sims) -> int:
            return min(total, (first + count) * block_size) - first * block_size

        with (_progress.bar(2 * n_sims, what, "draws") if show else contextlib.nullcontext()) as bar:
            parts = _run_tasks(c, _appraisal_blocks.smaa_slice, (table, spec, n_sims, seed, task_threads),
                               _block_slices(blocks, tasks), sims, bar)
            first_pass = _appraisal_blocks.smaa_finish(table, spec, n_sims, seed, parts)
            conf_blocks = int(first_pass["confidence_blocks"])
            conf_sims = n_sims if conf_blocks == blocks and not first_pass["deterministic_performances"] else 1
            if bar is not None and conf_sims < n_sims:
                bar.update(n_sims - conf_sims)  # points only: pass 2 is one evaluation
            central = [[float(w) for w in row] for row in first_pass["central_weights"]]
            confidence = _run_tasks(c, _appraisal_blocks.smaa_confidence_slice,
                                    (table, central, n_sims, seed, task_threads),
                                    _block_slices(conf_blocks, min(tasks, conf_blocks)),
                                    lambda f, k: sims(f, k, conf_sims), bar)
    return _appraisal_blocks.smaa_finish(table, spec, n_sims, seed, parts, confidence, described, frame)
