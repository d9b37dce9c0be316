"""hp.distributed on a two-worker LocalCluster (two processes) against hp.finance.simulate on one thread, bit for
bit (np.array_equal on spend and events, the summaries equal exactly); the many-areas path against per-area runs;
threads=2 locally; the progress bars (the numbers identical with and without them, the run really made in slices);
the splits and their errors; dask missing; pickling of the models and results. The reference throughout is the
single-thread run: the streams are keyed by (seed, area, block), so any split must reproduce it exactly."""
from __future__ import annotations

import os
import pickle
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from dask.distributed import Client, LocalCluster

import healthyplaces as hp
from healthyplaces import _core, _progress
from healthyplaces.finance import _simulate

hf = hp.finance
ARGS = dict(shock_sd=0.08, shock_correlation=0.7, seed=11, block_size=512)


@pytest.fixture(scope="module")
def cluster():
    # Two worker processes, one thread each: the tasks really cross process boundaries (pickled both ways).
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as c:
        yield c


@pytest.fixture(scope="module")
def client(cluster):
    with Client(cluster) as c:
        c.wait_for_workers(2, timeout=60)
        yield c


@pytest.fixture(scope="module")
def torbay():
    return hf.torbay_like()


def assert_same(a: hf.SimulationResult, b: hf.SimulationResult) -> None:
    assert a.spend.shape == b.spend.shape
    assert np.array_equal(a.spend, b.spend)
    assert np.array_equal(a.events, b.events)
    assert np.array_equal(a.overspend, b.overspend)
    pd.testing.assert_frame_equal(a.to_frame(), b.to_frame(), check_exact=True)
    assert a.options == b.options
    assert a == b


def test_import_healthyplaces_imports_neither_dask_nor_tqdm():
    code = "import sys, healthyplaces; print(sorted(m for m in ('dask', 'distributed', 'tqdm') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert out.stdout.strip() == "[]"


def test_the_cluster_is_two_worker_processes(client):
    pids = client.run(os.getpid)
    assert len(pids) == 2 and os.getpid() not in pids.values() and len(set(pids.values())) == 2


def test_two_workers_equal_one_thread_bit_for_bit(client, torbay):
    single = hf.simulate(torbay.population, torbay.services, n_sims=30_000, threads=1, **ARGS)
    for n_tasks in (None, 2, 7, 59):  # default (4 per worker thread), even, uneven, one block per task (59 blocks)
        dist = hp.distributed.simulate(torbay.population, torbay.services, n_sims=30_000, n_tasks=n_tasks,
                                       client=client, **ARGS)
        assert_same(dist, single)
    # Another seed gives other numbers (the comparison above has power).
    other = hp.distributed.simulate(torbay.population, torbay.services, n_sims=30_000, client=client,
                                    **{**ARGS, "seed": 12})
    assert not np.array_equal(other.spend, single.spend)


def test_multi_year_horizon_splits_on_replications(client, torbay):
    # 3-year horizon, blocks of 100 simulated years: a slice is lcm(100, 3) = 300 years = 3 blocks = 100 sims.
    args = {**ARGS, "block_size": 100}
    single = hf.simulate(torbay.population, torbay.services, years=3, n_sims=1_050, **args)
    dist = hp.distributed.simulate(torbay.population, torbay.services, years=3, n_sims=1_050, n_tasks=4,
                                   client=client, **args)
    assert_same(dist, single)
    assert dist.spend.shape == (1_050, 3, len(torbay.services))
    # By hand: 3,150 years = 10.5 slices of 300 -> 11 pieces, split 2/3/3/3 -> years 0, 600, 1500, 2400, 3150.
    assert _simulate.slices(1_050, 3, 100, 4) == [(0, 200), (6, 300), (15, 300), (24, 250)]


def test_a_slice_of_a_run_from_first_block(client, torbay):
    whole = hf.simulate(torbay.population, torbay.services, n_sims=4 * 512, **ARGS)
    tail = hp.distributed.simulate(torbay.population, torbay.services, n_sims=2 * 512, first_block=2, n_tasks=2,
                                   client=client, **ARGS)
    assert np.array_equal(tail.spend, whole.spend[1024:])


def test_compare_arrangements_on_the_cluster_equals_one_thread(client, torbay):
    rs = hf.RiskShare.capped({"council": 0.5, "nhs": 0.5}, cap=0.01)
    single = hf.compare_arrangements(torbay.population, torbay.services, risk_share=rs, friction=(0.05, 300),
                                     n_sims=8_000, **ARGS)
    dist = hp.distributed.compare_arrangements(torbay.population, torbay.services, risk_share=rs,
                                               friction=(0.05, 300), n_sims=8_000, client=client, **ARGS)
    pd.testing.assert_frame_equal(dist, single, check_exact=True)


def test_address_and_a_local_cluster_of_our_own(cluster, torbay):
    single = hf.simulate(torbay.population, torbay.services, n_sims=3_000, **ARGS)
    by_address = hp.distributed.simulate(torbay.population, torbay.services, n_sims=3_000,
                                         address=cluster.scheduler_address, **ARGS)
    assert_same(by_address, single)
    # No client: a LocalCluster is started for the call (threads here, to keep the test quick) and closed.
    own = hp.distributed.simulate(torbay.population, torbay.services, n_sims=3_000, n_workers=1, threads_per_worker=2,
                                  processes=False, **ARGS)
    assert_same(own, single)


def test_many_areas_equal_per_area_runs(client):
    presets = {"Torbay": hf.torbay_like(), "Swindon": hf.swindon_like()}
    runs = hp.distributed.simulate_areas(presets, n_sims=5_000, client=client, tasks_per_area=3, **ARGS)
    assert list(runs) == ["Torbay", "Swindon"] and runs.area_ids == {"Torbay": 0, "Swindon": 1}
    for i, (name, p) in enumerate(presets.items()):
        assert_same(runs[name], hf.simulate(p.population, p.services, n_sims=5_000, area=i, **ARGS))
    summary = runs.to_frame()
    assert summary.index.names == ["area", "partner"]
    pd.testing.assert_frame_equal(summary.loc["Swindon"], runs["Swindon"].to_frame(), check_exact=True)
    table = runs.compare(["separate", "pooled"])
    assert table.index.names == ["area", "arrangement", "partner"]
    pd.testing.assert_frame_equal(table.loc["Torbay"], runs["Torbay"].compare(["separate", "pooled"]),
                                  check_exact=True)
    assert "2 areas" in repr(runs) and "<table" in runs._repr_html_()
    import matplotlib

    matplotlib.use("Agg")
    fig = runs.plot(partner="nhs")
    # the areas top to bottom in the order given (tick labels list bottom to top)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["Swindon", "Torbay"]
    with pytest.raises(hp.DomainError, match="partner must be one of them"):
        runs.plot(partner="police")
    assert pickle.loads(pickle.dumps(runs)).to_frame().equals(summary)


def test_many_areas_from_a_frame_with_shared_or_per_area_services(client):
    t = hf.torbay_like()
    bands = [str(b) for b in t.population.bands]
    counts = np.asarray(t.population.counts, dtype=float)
    frame = pd.DataFrame([counts, counts * 1.5, counts * 0.7], index=["A", "B", "C"], columns=bands)
    ids = {"A": 7, "B": 3, "C": 12}
    shared = hp.distributed.simulate_areas(frame, t.services, area_ids=ids, n_sims=2_000, client=client, **ARGS)
    for k in frame.index:
        one = hf.simulate((bands, frame.loc[k].to_numpy()), t.services, n_sims=2_000, area=ids[k], **ARGS)
        assert_same(shared[k], one)

    # Budgets scaled to each area by a function of (area, population).
    def scaled(area, population):
        f = float(np.sum(population[1])) / float(counts.sum())
        return [hf.Service(s.name, s.owner, list(s.rates), s.unit_cost, s.budget * f) for s in t.services]

    own = hp.distributed.simulate_areas(frame, scaled, n_sims=2_000, client=client, **ARGS)
    b = hf.simulate((bands, frame.loc["B"].to_numpy()), scaled("B", (bands, frame.loc["B"].to_numpy())),
                    n_sims=2_000, area=1, **ARGS)
    assert_same(own["B"], b)
    assert own["B"].budgets.sum() == pytest.approx(1.5 * shared["B"].budgets.sum())
    # The same population under two area keys draws different numbers.
    assert not np.array_equal(own["A"].events, hf.simulate((bands, counts), t.services, n_sims=2_000, area=1,
                                                           **ARGS).events)


def test_threads_two_locally_and_per_task(client, torbay):
    one = hf.simulate(torbay.population, torbay.services, n_sims=20_000, threads=1, **ARGS)
    assert_same(hf.simulate(torbay.population, torbay.services, n_sims=20_000, threads=2, **ARGS), one)
    assert_same(hp.distributed.simulate(torbay.population, torbay.services, n_sims=20_000, threads=2, n_tasks=3,
                                        client=client, **ARGS), one)


def test_progress_bar_gives_the_same_numbers(torbay, capsys, monkeypatch):
    calls = []
    real = _simulate.spend_draws

    def counting(*a, **k):
        calls.append(a[2])  # n_sims of the slice
        return real(*a, **k)

    monkeypatch.setattr(_simulate, "spend_draws", counting)
    for threads in (1, 2):
        calls.clear()
        off = hf.simulate(torbay.population, torbay.services, n_sims=20_000, threads=threads, progress=False, **ARGS)
        assert calls == [20_000]
        calls.clear()
        on = hf.simulate(torbay.population, torbay.services, n_sims=20_000, threads=threads, progress=True, **ARGS)
        assert len(calls) > 10 and sum(calls) == 20_000  # really run in slices
        assert_same(on, off)
    err = capsys.readouterr().err
    assert "simulate" in err and "100%" in err
    t_off = hf.compare_arrangements(torbay.population, torbay.services, n_sims=5_000, progress=False, **ARGS)
    t_on = hf.compare_arrangements(torbay.population, torbay.services, n_sims=5_000, progress=True, **ARGS)
    pd.testing.assert_frame_equal(t_on, t_off, check_exact=True)


def test_progress_on_the_cluster_gives_the_same_numbers(client, torbay, capsys):
    off = hf.simulate(torbay.population, torbay.services, n_sims=6_000, **ARGS)
    on = hp.distributed.simulate(torbay.population, torbay.services, n_sims=6_000, client=client, progress=True, **ARGS)
    assert_same(on, off)
    assert "100%" in capsys.readouterr().err


def test_business_case_progress_and_pickle(capsys):
    U = hf.Uncertain
    flows = [hf.one_off_cost("restructuring", U.triangular(300_000, 400_000, 600_000)),
             hf.saving("posts", U.normal(120_000, 20_000), start=1),
             hf.prevention("falls", baseline=2e6, effect=U.beta(0.03, 0.015), start=3)]
    off = hf.business_case(flows, horizon=8, n_sims=20_000, seed=3, threads=2, progress=False)
    on = hf.business_case(flows, horizon=8, n_sims=20_000, seed=3, threads=2, progress=True)
    assert np.array_equal(on.npv_draws, off.npv_draws)
    assert str(on.summary()) == str(off.summary())
    assert "business case PSA" in capsys.readouterr().err
    back = pickle.loads(pickle.dumps(off))
    assert np.array_equal(back.npv_draws, off.npv_draws)
    assert str(back.summary()) == str(off.summary()) and back == off
    pd.testing.assert_frame_equal(back.tornado(), off.tornado())
    pd.testing.assert_frame_equal(back.years(), off.years())
    pd.testing.assert_frame_equal(back.break_even(), off.break_even())
    assert repr(back) == repr(off)
    # Errors from the C++ call come through the progress thread unchanged.
    with pytest.raises(hp.DomainError, match="horizon"):
        hf.business_case(flows, horizon=0, n_sims=10, progress=True)


def test_watched_means_a_terminal_or_a_jupyter_kernel(monkeypatch):
    class Stream:
        def __init__(self, tty):
            self.tty = tty

        def isatty(self):
            return self.tty

    monkeypatch.delitem(sys.modules, "ipykernel", raising=False)
    monkeypatch.setattr(sys, "stderr", Stream(True))
    assert _progress._watched()
    monkeypatch.setattr(sys, "stderr", Stream(False))
    assert not _progress._watched()


def test_automatic_progress_only_for_long_watched_runs(monkeypatch):
    monkeypatch.setattr(_progress, "_watched", lambda: True)
    assert _progress.wanted(None, 1e9, _progress.SIMULATE_UNITS, "x")
    assert not _progress.wanted(None, 1e3, _progress.SIMULATE_UNITS, "x")
    monkeypatch.setattr(_progress, "_watched", lambda: False)
    assert not _progress.wanted(None, 1e9, _progress.SIMULATE_UNITS, "x")
    assert _progress.wanted(True, 0, _progress.SIMULATE_UNITS, "x")
    assert not _progress.wanted(False, 1e9, _progress.SIMULATE_UNITS, "x")
    with pytest.raises(hp.DomainError, match="simulate: progress must be True, False or None"):
        hf.simulate(hf.torbay_like().population, hf.torbay_like().services, n_sims=10, progress="yes")


def test_slices_cover_the_run_in_order():
    for sims, horizon, bs, parts in [(1000, 1, 64, 5), (999, 1, 64, 16), (77, 5, 12, 3), (10, 4, 3, 1)]:
        s = _simulate.slices(sims, horizon, bs, parts)
        assert len(s) == parts and sum(n for _, n in s) == sims and s[0][0] == 0
        for (k0, n0), (k1, _) in zip(s, s[1:]):
            assert k1 * bs == k0 * bs + n0 * horizon  # the next slice starts where this one ends
            assert (k1 * bs) % horizon == 0
    assert len(_simulate.slices(1000, 1, 64)) == 16  # as many as possible: one block each


def test_bad_splits_and_options_fail_before_dask_starts(torbay):
    pop, svc = torbay.population, torbay.services
    d = hp.distributed
    with pytest.raises(hp.DomainError, match="n_tasks must be a whole number >= 1, got 0"):
        d.simulate(pop, svc, n_sims=1000, n_tasks=0)
    with pytest.raises(hp.DomainError, match="n_tasks must be a whole number >= 1, got 2.5"):
        d.simulate(pop, svc, n_sims=1000, n_tasks=2.5)
    with pytest.raises(hp.DomainError, match=r"n_tasks \(5\) exceeds the 2 slices .* at most 2 tasks"):
        d.simulate(pop, svc, n_sims=1000, block_size=512, n_tasks=5)
    with pytest.raises(hp.DomainError, match="threads_per_worker must be a whole number >= 1, got 0"):
        d.simulate(pop, svc, n_sims=1000, threads_per_worker=0)
    with pytest.raises(hp.DomainError, match="client= or address=, not both"):
        d.simulate(pop, svc, n_sims=1000, client=object(), address="tcp://127.0.0.1:1")
    with pytest.raises(hp.DomainError, match="sims must be at least 1"):
        d.simulate(pop, svc, n_sims=0)
    with pytest.raises(hp.DomainError, match="block_size must be a whole number from 1 to 1,000,000,000, got 0"):
        d.simulate(pop, svc, n_sims=10, block_size=0)
    with pytest.raises(hp.DomainError, match="shock_correlation|correlation"):
        d.simulate(pop, svc, n_sims=10, shock_correlation=1.5)
    with pytest.raises(hp.DomainError, match="multiple of the horizon"):
        d.simulate(pop, svc, n_sims=10, years=3, block_size=4, first_block=1)
    with pytest.raises(hp.DataError, match="rates are for bands"):
        d.simulate((["all"], [1000]), svc, n_sims=10)
    with pytest.raises(hp.DomainError, match="tasks_per_area must be a whole number >= 1"):
        d.simulate_areas({"a": torbay}, tasks_per_area=0)
    with pytest.raises(hp.DomainError, match="area 'a' has no services"):
        d.simulate_areas({"a": pop})
    with pytest.raises(hp.DomainError, match="services has no entry for area 'b'"):
        d.simulate_areas({"a": pop, "b": pop}, {"a": svc})
    with pytest.raises(hp.DomainError, match="area_ids must be distinct"):
        d.simulate_areas({"a": torbay, "b": torbay}, area_ids=[1, 1])
    with pytest.raises(hp.DomainError, match="its id must be a whole number >= 0, got -1"):
        d.simulate_areas({"a": torbay}, area_ids={"a": -1})
    with pytest.raises(hp.DomainError, match="areas is empty"):
        d.simulate_areas({})
    with pytest.raises(hp.DomainError, match="areas must be a dict"):
        d.simulate_areas([torbay])


def test_same_arguments_in_the_same_order_as_finance_simulate(torbay):
    import inspect

    mine = list(inspect.signature(hp.distributed.simulate).parameters)
    theirs = list(inspect.signature(hf.simulate).parameters)
    assert mine[: theirs.index("first_block") + 1] == theirs[: theirs.index("first_block") + 1]
    for compare in (hf.compare_arrangements, hp.distributed.compare_arrangements):
        with pytest.raises(hp.DomainError, match="at least one arrangement"):
            compare(torbay.population, torbay.services, [], n_sims=10)


def test_missing_dask_says_how_to_install(monkeypatch, torbay):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed now raises ImportError
    with pytest.raises(ImportError, match=r"pip install healthyplaces\[distributed\]"):
        hp.distributed.simulate(torbay.population, torbay.services, n_sims=100)


def test_concatenate_draws_checks_its_slices(torbay):
    a = hf.simulate(torbay.population, torbay.services, n_sims=10, seed=1)
    b = hf.simulate(torbay.population, torbay.services[:2], n_sims=10, seed=1)
    with pytest.raises(hp.DataError, match="slice 1 has 2 services"):
        _core.finance.concatenate_draws([a.simulated, b.simulated])
    with pytest.raises(hp.DomainError, match="at least one slice"):
        _core.finance.concatenate_draws([])
    with pytest.raises(hp.DomainError, match="slice 1 is None"):
        _core.finance.concatenate_draws([a.simulated, None])
    joined = _core.finance.concatenate_draws([a.simulated, a.simulated])
    assert np.array_equal(joined.spend, np.concatenate([a.spend, a.spend]))
    assert np.array_equal(joined.events, np.concatenate([a.events, a.events]))


def test_models_and_results_pickle(torbay):
    U = hf.Uncertain
    for u in [U.fixed(3), U.normal(1, 2), U.lognormal(5, 1), U.gamma(4, 2), U.beta(0.3, 0.1), U.uniform(-1, 2),
              U.triangular(1, 2.5, 4)]:
        back = pickle.loads(pickle.dumps(u))
        assert repr(back) == repr(u) and back.quantile(0.3) == u.quantile(0.3)
        assert np.array_equal(back.sample(50, seed=2), u.sample(50, seed=2))
    flow = hf.saving("posts", U.normal(1, 2))
    assert repr(pickle.loads(pickle.dumps(flow))) == repr(flow)
    # An hp.Arrangement (its budgets dimension) and a risk-share rule travel with the result.
    r = hf.simulate(torbay.population, torbay.services, n_sims=500, arrangement=hp.preset("torbay"),
                    risk_share=hf.RiskShare.fixed({"council": 0.4, "nhs": 0.6}), seed=1)
    back = pickle.loads(pickle.dumps(r))
    assert_same(back, r)
    assert back.arrangement == r.arrangement and repr(back.risk_share) == repr(r.risk_share)
    for obj in [torbay, hf.RiskShare.capped({"council": 0.5, "nhs": 0.5}, cap=0.02), hp.Budgets.pooled,
                hp.preset("torbay")]:
        assert repr(pickle.loads(pickle.dumps(obj))) == repr(obj)
    assert pickle.loads(pickle.dumps(hp.preset("torbay"))) == hp.preset("torbay")
    pop = pickle.loads(pickle.dumps(torbay.population))
    assert list(pop.bands) == list(torbay.population.bands)
    assert np.array_equal(pop.counts, torbay.population.counts)
    s = torbay.services[0]
    back = pickle.loads(pickle.dumps(s))
    assert (back.name, back.owner, back.budget, back.unit_cost) == (s.name, s.owner, s.budget, s.unit_cost)
    assert np.array_equal(back.rates, s.rates)


def test_area_plot_shows_the_largest_risks_past_thirty_areas_and_says_so():
    import matplotlib

    matplotlib.use("Agg")
    svc = [hf.Service("care", "council", [0.1], hf.Gamma(9000, 6000), 1.8e6)]
    runs = {f"area {i}": hf.simulate((["65+"], [1500 + 30 * i]), svc, n_sims=100, area=i, seed=1) for i in range(35)}
    areas = hp.distributed.AreaSimulations(runs, {k: i for i, k in enumerate(runs)})
    ax = areas.plot().axes[0]
    shown = [t.get_text() for t in ax.get_yticklabels()]
    var = areas.to_frame().xs("total", level="partner")["VaR"]
    assert len(shown) == 30 and "the 30 of 35 areas with the largest value at risk" in ax.get_title()
    assert set(shown) == set(var.nlargest(30).index)
    assert shown[-1] == var.idxmax()  # the largest at the top


def test_var_level_is_a_quantile_in_zero_one_with_a_hint():
    svc = [hf.Service("care", "council", [0.1], hf.Gamma(9000, 6000), 1.8e6)]
    with pytest.raises(hp.DomainError, match=r"var_level must be in \(0, 1\).*did you mean 0.95\?"):
        hf.simulate((["65+"], [2000]), svc, n_sims=10, var_level=95)
    with pytest.raises(hp.DomainError, match="var_level"):
        hp.distributed.simulate((["65+"], [2000]), svc, n_sims=10, var_level=1.0)
    r = hf.simulate((["65+"], [2000]), svc, n_sims=2000, seed=1, var_level=0.9)
    x = np.sort(r.overspend.sum(axis=0).ravel())
    assert r.to_frame().loc["total", "VaR"] == x[int(np.ceil(0.9 * x.size)) - 1]  # the ⌈α·n⌉-th smallest
