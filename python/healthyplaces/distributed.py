"""Run the spend simulation on Dask (``dask.distributed``): one big run split into tasks of whole blocks of
simulated years, or many areas at once, each with its own random streams.

Every block of simulated years draws from its own counter-based stream keyed by (seed, area, block), and a task
is a slice of whole blocks (``hp.finance.simulate(first_block=...)``), so the gathered result is the one
``hp.finance.simulate`` gives on one thread, bit for bit, whatever the number of workers, threads or tasks.

By default a ``LocalCluster`` is started for the call and closed after it (``n_workers``,
``threads_per_worker``); pass ``client=`` (a ``dask.distributed.Client``) or ``address=`` (a scheduler's
address) to use a cluster you already have — and to avoid paying the cluster's start-up on every call.

Dask is optional: ``pip install healthyplaces[distributed]``. ``import healthyplaces`` does not import it; these
functions do, when called.
"""
from __future__ import annotations

import contextlib
import html
from typing import Any, Callable, Iterator, Mapping, Sequence

import numpy as np
import pandas as pd

from . import _core, _progress
from .finance import ARRANGEMENTS, RiskShare, Service, SimulationResult
from .finance.blocks import count_pieces, prepare, slices, spend_draws
from .finance.blocks import options as _options

__all__ = ["AreaSimulations", "compare_arrangements", "simulate", "simulate_areas"]

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

    def __init__(self, key: Any, population: Any, services: Sequence[Service], years: int | None, sims: int,
                 shock_correlation: float, shock_sd: float, seed: int, area: int, block_size: int, first_block: int,
                 threads: int, what: str) -> None:
        self.key = key
        self.services, self.table = prepare(population, services, years)
        self.sims, self.area = int(sims), int(area)
        self.block_size, self.first_block = int(block_size), int(first_block)
        self.args = (float(shock_correlation), float(shock_sd), int(seed), self.area, self.block_size)
        self.threads = int(threads)
        self.options = _options(sims, self.table.shape[0], shock_correlation, shock_sd, seed, area, block_size,
                                first_block)
        slices(self.sims, self.horizon, self.block_size, 1, what)  # sims and block_size
        # Everything else the C++ checks (rho, sd, first_block against the horizon, ...): one replication here,
        # so bad input fails before a task is sent.
        spend_draws(self.services, self.table, 1, *self.args, self.first_block, 1)

    @property
    def horizon(self) -> int:
        return int(self.table.shape[0])

    def pieces(self) -> int:
        return count_pieces(self.sims, self.horizon, self.block_size)


def _gather(client: Any, runs: Sequence[_Run], tasks: Sequence[int], progress: bool | None, what: str) -> list[Any]:
    """Submit every run's slices (tasks[i] for run i), gather them and join each run's slices in block order:
    one SpendDraws per run."""
    dd = _dask()
    work = float(sum(r.sims * r.horizon * len(r.services) for r in runs)) / _worker_threads(client)
    show = _progress.wanted(progress, work, _progress.SIMULATE_UNITS, what)
    futures, sizes = [], {}
    for run, n_tasks in zip(runs, tasks):
        fs = []
        for k, n in slices(run.sims, run.horizon, run.block_size, n_tasks, what):
            f = client.submit(spend_draws, run.services, run.table, n, *run.args, run.first_block + k, run.threads,
                              pure=False)
            sizes[f.key] = n
            fs.append(f)
        futures.append(fs)
    if show:
        with _progress.bar(sum(r.sims for r in runs), what, "sims") as bar:
            for f in dd.as_completed([f for fs in futures for f in fs]):
                bar.update(sizes[f.key])
    parts = client.gather(futures)
    return [p[0] if len(p) == 1 else _fin.concatenate_draws(p) for p in parts]


def simulate(population: Any, services: Sequence[Service], arrangement: Any = "pooled",
             risk_share: RiskShare | None = None, years: int | None = None, sims: int = 10_000,
             shock_correlation: float = 0.0, shock_sd: float = 0.0, seed: int = 0, threads: int = 1,
             friction: Any = None, level: float = 0.95, area: int = 0, block_size: int = 4096, first_block: int = 0, *,
             n_tasks: int | None = None, client: Any = None, address: str | None = None,
             n_workers: int | None = None, threads_per_worker: int = 1, processes: bool = True,
             cluster_options: Mapping[str, Any] | None = None, progress: bool | None = None) -> SimulationResult:
    """``hp.finance.simulate`` on Dask: the run is split into ``n_tasks`` slices of whole blocks of simulated
    years, run on the workers, gathered and joined in block order. The result equals ``hp.finance.simulate``
    with the same arguments on one thread, bit for bit.

    The arguments up to ``first_block`` are ``hp.finance.simulate``'s, in its order; ``threads`` is the C++
    threads inside each task (1: Dask's worker threads give the parallelism). ``n_tasks``: how many slices
    (default: four per worker thread, at most the slices the run has: a slice is whole blocks ending on a
    replication). ``client`` / ``address``: the cluster to use; otherwise a ``LocalCluster(n_workers,
    threads_per_worker, processes, **cluster_options)`` is started for this call and closed after it (its
    dashboard on a free port unless ``cluster_options`` sets ``dashboard_address``; in a script, call this under
    ``if __name__ == "__main__":``, as worker processes re-import the main module). ``progress``: a tqdm bar over
    the tasks as they finish (None: for long runs in a terminal or notebook).

    >>> import healthyplaces as hp
    >>> t = hp.finance.torbay_like()
    >>> r = hp.distributed.simulate(t.population, t.services, sims=20_000, seed=1,   # doctest: +SKIP
    ...                             n_workers=2, threads_per_worker=1)
    >>> r.summary()                                                                  # doctest: +SKIP
    """
    what = "hp.distributed.simulate"
    _positive(n_tasks, "n_tasks", what)
    run = _Run(None, population, services, years, sims, shock_correlation, shock_sd, seed, area, block_size,
               first_block, threads, what)
    if n_tasks is not None:
        slices(run.sims, run.horizon, run.block_size, n_tasks, what)  # too many tasks: say so before starting Dask
    with _client(client, address, n_workers, threads_per_worker, processes, cluster_options, what) as c:
        tasks = n_tasks if n_tasks is not None else min(run.pieces(), 4 * _worker_threads(c))
        (draws,) = _gather(c, [run], [tasks], progress, what)
    return SimulationResult(draws, run.services, arrangement, risk_share, friction, level, run.options)


def compare_arrangements(population: Any, services: Sequence[Service], arrangements: Sequence[Any] = ARRANGEMENTS,
                         risk_share: RiskShare | None = None, friction: Any = None, level: float = 0.95,
                         **simulate_args: Any) -> pd.DataFrame:
    """``hp.finance.compare_arrangements`` on Dask: one distributed run (:func:`simulate`, which gets
    ``simulate_args``), then every arrangement on the same draws. Equal to the single-thread table."""
    if len(arrangements) == 0:
        raise _core.DomainError("hp.distributed.compare_arrangements: give at least one arrangement")
    result = simulate(population, services, arrangement=arrangements[0], risk_share=risk_share, friction=friction,
                      level=level, **simulate_args)
    return result.compare(arrangements, level)


class AreaSimulations(Mapping[Any, SimulationResult]):
    """The simulations of many areas, by area: a read-only mapping area → ``SimulationResult``, with
    ``summary()`` (by area and partner), ``compare()`` (by area, arrangement and partner) and ``area_ids``
    (each area's random-stream key, its ``area=`` in ``hp.finance.simulate``)."""

    def __init__(self, results: Mapping[Any, SimulationResult], area_ids: Mapping[Any, int]) -> None:
        self._results = dict(results)
        self.area_ids = dict(area_ids)

    def __getitem__(self, key: Any) -> SimulationResult:
        return self._results[key]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._results)

    def __len__(self) -> int:
        return len(self._results)

    def summary(self, level: float | None = None) -> pd.DataFrame:
        """Each area's ``summary()`` stacked: indexed by (area, partner)."""
        return pd.concat({k: r.summary(level) for k, r in self._results.items()}, names=["area", "partner"])

    def compare(self, arrangements: Sequence[Any] = ARRANGEMENTS, level: float | None = None) -> pd.DataFrame:
        """Each area's ``compare()`` stacked: indexed by (area, arrangement, partner)."""
        return pd.concat({k: r.compare(arrangements, level) for k, r in self._results.items()},
                         names=["area", "arrangement", "partner"])

    def plot(self, partner: str = "total", ax: Any = None) -> Any:
        """Box plots of each area's overspend per simulated year for ``partner`` (or the total): boxes the
        quartiles, whiskers the 5th and 95th percentiles, a dot the value at risk."""
        import matplotlib.pyplot as plt

        fig = None
        if ax is None:
            fig, ax = plt.subplots(figsize=(7, 0.45 * len(self) + 1.5))
        data, var = [], []
        for key, r in self._results.items():
            if partner == "total":
                x = r.overspend.sum(axis=0).ravel()
            elif partner in r.partners:
                x = r.overspend[r.partners.index(partner)].ravel()
            else:
                raise _core.DomainError(f"AreaSimulations.plot: area {key!r} has partners {r.partners}; "
                                        f"partner must be one of them or 'total', got {partner!r}")
            data.append(x)
            var.append(r.summary().loc[partner, "VaR"])
        import matplotlib

        labels = [str(k) for k in self._results]
        new_mpl = tuple(int(v) for v in matplotlib.__version__.split(".")[:2]) >= (3, 10)  # names changed in 3.9/3.10
        kw = {"orientation": "horizontal", "tick_labels": labels} if new_mpl else {"vert": False, "labels": labels}
        ax.boxplot(data, whis=(5, 95), showfliers=False, **kw)
        ax.plot(var, range(1, len(var) + 1), "o", color="#c0392b", label="value at risk")
        ax.axvline(0, color="0.3", lw=0.8)
        ax.set_xlabel(f"{partner} overspend against budget per simulated year")
        ax.legend(loc="lower right", fontsize=8)
        return fig if fig is not None else ax.figure

    def to_frame(self) -> pd.DataFrame:
        """The same as :meth:`summary`."""
        return self.summary()

    def __repr__(self) -> str:
        first = next(iter(self._results.values()), None)
        shape = f", {first._draws.sims} sims × {first._draws.horizon} years each" if first is not None else ""
        return f"AreaSimulations({len(self)} areas{shape})"

    def _repr_html_(self) -> str:
        return (f"<p><b>{html.escape(repr(self))}</b></p>" +
                self.summary().to_html(float_format=lambda v: f"{v:,.4g}"))


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
                   years: int | None = None, sims: int = 10_000, shock_correlation: float = 0.0, shock_sd: float = 0.0,
                   seed: int = 0, threads: int = 1, friction: Any = None, level: float = 0.95, block_size: int = 4096,
                   *, area_ids: Any = None, tasks_per_area: int | None = None, client: Any = None,
                   address: str | None = None, n_workers: int | None = None, threads_per_worker: int = 1,
                   processes: bool = True, cluster_options: Mapping[str, Any] | None = None,
                   progress: bool | None = None) -> AreaSimulations:
    """Simulate many areas on Dask, each with its own random streams: area k's result equals
    ``hp.finance.simulate(population_k, services_k, ..., area=area_ids[k])`` on one thread, bit for bit.

    ``areas``: a dict of area → population (anything ``hp.finance.simulate`` takes), → (population, services), or
    → a preset (``hp.finance.torbay_like()``: its ``.population`` and ``.services``); or a DataFrame of
    populations, a row per area and a column per age band. ``services``: None (each area brings its own), one
    list for every area, a dict by area, or a function ``services(area, population)`` (e.g. budgets scaled to
    the area). ``area_ids``: each area's stream key (default 0, 1, 2, ... in the order given: keep the order, or
    give ids, when you rerun a subset); distinct whole numbers below 2^24. ``tasks_per_area``: at most this many
    tasks per area (default: one per area when there are many areas, more when there are few). The other
    arguments are :func:`simulate`'s; ``arrangement``, ``risk_share`` and ``friction`` apply to every area.
    """
    what = "hp.distributed.simulate_areas"
    _positive(tasks_per_area, "tasks_per_area", what)
    inputs = _area_inputs(areas, services)
    ids = _area_ids([k for k, _, _ in inputs], area_ids)
    runs = [_Run(k, pop, svc, years, sims, shock_correlation, shock_sd, seed, ids[k], block_size, 0, threads, what)
            for k, pop, svc in inputs]
    with _client(client, address, n_workers, threads_per_worker, processes, cluster_options, what) as c:
        per_area = tasks_per_area or max(1, -(-4 * _worker_threads(c) // len(runs)))
        draws = _gather(c, runs, [min(per_area, r.pieces()) for r in runs], progress, what)
    results = {r.key: SimulationResult(d, r.services, arrangement, risk_share, friction, level, r.options)
               for r, d in zip(runs, draws)}
    return AreaSimulations(results, ids)
