"""hp.distributed.appraise and hp.distributed.smaa on a two-worker LocalCluster (two processes, as
test_distributed.py: the slices really cross process boundaries, pickled both ways) against hp.appraisal.appraise
and hp.appraisal.smaa on one machine, bit for bit (==, which compares every array exactly, NaN equal to NaN, and
np.array_equal on the draws), for several splits including an uneven last block; the single-machine results are
themselves the same for 1 and 2 threads. The reference has power: another seed gives other numbers. Errors come
before a cluster is used."""
from __future__ import annotations

import numpy as np
import pytest
from dask.distributed import Client, LocalCluster

import healthyplaces as hp
from healthyplaces.appraisal import blocks

U = hp.finance.Uncertain
POSTS = hp.finance.saving("shared posts", U.normal(150_000, 40_000), start=1)
OPTIONS = [
    hp.appraisal.Option("business as usual", [hp.finance.running_cost("admin", U.normal(20_000, 5_000))]),
    hp.appraisal.Option("pooled budget", [hp.finance.one_off_cost("set-up", U.lognormal(250_000, 60_000)), POSTS],
                        optimism_bias={"capital": 0.24}),
    hp.appraisal.Option("merger", [hp.finance.one_off_cost("restructuring", U.triangular(8e5, 1e6, 1.6e6), years=2),
                                   POSTS, hp.finance.saving("one team", U.normal(1.5e5, 5e4))],
                        optimism_bias={"capital": 0.66, "duration": 0.25}, non_monetised=U.normal(30, 10)),
]
# 5,000 simulations in blocks of 256: 20 blocks, the last one of 136.
ECON = dict(n_sims=5000, seed=2, horizon=8)

P = hp.appraisal.Performance
TABLE = {"pooled budgets": {"cost": (2.0, 3.0), "reach": P.normal(0.6, 0.1), "trust": 3},
         "merger": {"cost": (4.0, 6.0), "reach": 0.9, "trust": (1, 4)},
         "do minimum": {"cost": 1.0, "reach": 0.2, "trust": 2},
         "costly": {"cost": 7.0, "reach": 0.1, "trust": 1}}  # dominated: never first (NaN central weights)
CRITERIA = [hp.appraisal.Criterion("cost", "less is better"), "reach", "trust"]
WEIGHTS = {"cost": (0.2, 0.6), "reach": (0.1, 0.5), "trust": (0.1, 0.5)}  # intervals: hit-and-run
# 5,000 draws in blocks of 1,024: 5 blocks, the last one of 904.
SMAA = dict(n_sims=5000, seed=5)


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as c:
        c.wait_for_workers(2, timeout=60)
        yield c


def test_appraise_on_two_workers_equals_one_machine_bit_for_bit(client):
    single = hp.appraisal.appraise(OPTIONS, threads=1, **ECON)
    assert hp.appraisal.appraise(OPTIONS, threads=2, **ECON) == single
    for n_tasks in (None, 1, 3, 20):  # default (4 per worker thread), one, uneven, one block per task
        dist = hp.distributed.appraise(OPTIONS, n_tasks=n_tasks, client=client, progress=n_tasks == 3, **ECON)
        assert np.array_equal(dist.net_benefit.to_numpy(), single.net_benefit.to_numpy())
        assert np.array_equal(dist.input_draws.to_numpy(), single.input_draws.to_numpy())
        assert dist == single
        assert dist.evpi == single.evpi and dist.to_frame().equals(single.to_frame())
    other = hp.distributed.appraise(OPTIONS, client=client, **{**ECON, "seed": 3})
    assert not np.array_equal(other.net_benefit.to_numpy(), single.net_benefit.to_numpy())
    assert other != single


def test_smaa_on_two_workers_equals_one_machine_bit_for_bit(client, capsys):
    single = hp.appraisal.smaa(TABLE, CRITERIA, WEIGHTS, threads=1, **SMAA)
    assert hp.appraisal.smaa(TABLE, CRITERIA, WEIGHTS, threads=2, **SMAA) == single
    assert np.isnan(single.central_weight_values[3]).all() and not np.isnan(single.confidence_factor_values[:3]).any()
    for n_tasks in (None, 2, 5):
        dist = hp.distributed.smaa(TABLE, CRITERIA, WEIGHTS, n_tasks=n_tasks, client=client, progress=n_tasks == 2,
                                   **SMAA)
        assert dist == single
        assert np.array_equal(dist.first_counts, single.first_counts)
        assert dist.first_counts.sum() == 5000  # one option first in every draw
    bar = capsys.readouterr().err  # the bar ran over both passes' draws
    assert "hp.distributed.smaa: 100%" in bar and "10.0k/10.0k" in bar
    other = hp.distributed.smaa(TABLE, CRITERIA, WEIGHTS, client=client, **{**SMAA, "seed": 6})
    assert not np.array_equal(other.first_counts, single.first_counts)
    # Points only: pass 2 is one evaluation (one block) however many tasks pass 1 has.
    points = {k: {c: (v if isinstance(v, (int, float)) else 1.0) for c, v in row.items()} for k, row in TABLE.items()}
    assert hp.distributed.smaa(points, CRITERIA, n_tasks=3, client=client, **SMAA) == \
        hp.appraisal.smaa(points, CRITERIA, **SMAA)


def test_errors_come_before_any_cluster():
    # An address nobody listens on: a call that reached for the cluster would fail differently (or hang).
    nowhere = dict(address="tcp://127.0.0.1:9")
    with pytest.raises(hp.DomainError, match=r"^hp.distributed.appraise: n_tasks must be at most 20 \(the run's "
                                             r"blocks of 256 simulations: a task is whole blocks\), got 21$"):
        hp.distributed.appraise(OPTIONS, n_tasks=21, **nowhere, **ECON)
    with pytest.raises(hp.DomainError, match=r"^hp.distributed.smaa: n_tasks must be at most 5 "):
        hp.distributed.smaa(TABLE, CRITERIA, n_tasks=6, **nowhere, **SMAA)
    with pytest.raises(hp.DomainError, match="n_tasks must be a whole number >= 1, got 0"):
        hp.distributed.appraise(OPTIONS, n_tasks=0, **nowhere, **ECON)
    with pytest.raises(hp.DomainError, match="business_as_usual \"nobody\" is not an option"):
        hp.distributed.appraise(OPTIONS, business_as_usual="nobody", **nowhere, **ECON)
    with pytest.raises(hp.DomainError, match=r"n_sims must be at most 20,833,333 for 3 options and 6 inputs"):
        hp.distributed.appraise(OPTIONS, **{**ECON, "n_sims": 30_000_000}, **nowhere)
    with pytest.raises(hp.DomainError, match="n_sims"):
        hp.distributed.smaa(TABLE, CRITERIA, n_sims=0, **nowhere)
    with pytest.raises(hp.DomainError, match="the interval of criterion 'reach' \\[0.4, 0.5\\] cannot hold"):
        hp.distributed.smaa(TABLE, CRITERIA, {"cost": (0.7, 0.9), "reach": (0.4, 0.5), "trust": (0, 0.05)}, **nowhere)
    # n_sims = 0: the appraisal at the means, nothing simulated, no cluster.
    assert hp.distributed.appraise(OPTIONS, **{**ECON, "n_sims": 0}, **nowhere) == \
        hp.appraisal.appraise(OPTIONS, **{**ECON, "n_sims": 0})


def test_slices_check_that_they_cover_the_run():
    args = blocks.economic_arguments(OPTIONS, **ECON)
    a, b = blocks.economic_draws(args, 0, 10), blocks.economic_draws(args, 10, 10)
    assert (a.n_sims, b.n_sims) == (2560, 2440)
    with pytest.raises(hp.DomainError, match="the draws to finish must be the whole run's"):
        blocks.economic_finish(args, OPTIONS, [a])
    with pytest.raises(hp.DomainError, match="not within the run's 20 blocks"):
        blocks.economic_draws(args, 19, 2)
    # From 20,000 simulations gamma and beta inputs are inverted through a table (FastInverse): chosen by the
    # whole run's size, so a slice of a large run draws what the run draws.
    large = [hp.appraisal.Option("bau"), hp.appraisal.Option("care", [hp.finance.saving("hours", U.gamma(50, 20)),
                                                                      hp.finance.saving("share", U.beta(0.3, 0.1))])]
    whole = hp.appraisal.appraise(large, n_sims=20_000, seed=4, threads=1)
    tail = blocks.economic_draws(blocks.economic_arguments(large, n_sims=20_000, seed=4), 78, 1)  # the last 32
    assert tail.n_sims == 32
    assert np.array_equal(tail.input_draws, whole.input_draws.to_numpy()[-32:])
    table, spec, _, _ = blocks.smaa_inputs(TABLE, CRITERIA, WEIGHTS)
    part = blocks.smaa_slice(table, spec, 5000, 5, 1, 0, 4)
    with pytest.raises(hp.DomainError, match="cover 4 of its 5 blocks"):
        blocks.smaa_finish(table, spec, 5000, 5, [part])
