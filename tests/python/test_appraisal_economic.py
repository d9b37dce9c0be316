"""hp.appraisal.appraise: the NPSV at the means, optimism bias and the BCR against a hand calculation in numpy; a
single option against hp.finance.business_case (the same draws); the PSA's summaries, P(best), the increment and
EVPI recomputed in numpy from the input draws (common random numbers: NPSV rebuilt from the shared draws with
coefficients written here); EVPI against the normal closed form σφ(μ/σ) − |μ|Φ(−|μ|/σ) within 4 Monte Carlo
standard errors; switching values against a brute-force scan; thread invariance, pickling, the frames, the charts
and the messages."""
from __future__ import annotations

import pickle
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import healthyplaces as hp

U = hp.finance.Uncertain
fin = hp.finance
Option = hp.appraisal.Option


def _short_list() -> list:
    posts = fin.saving("posts", U.normal(120_000, 30_000), start=1)
    return [
        Option("bau", [fin.running_cost("admin", 20_000, start=1)]),
        Option("pool", pd.DataFrame({"name": ["set-up", "posts"], "kind": ["one_off_cost", "saving"],
                                     "amount": [U.triangular(1e5, 2e5, 4e5), U.normal(120_000, 30_000)],
                                     "start": [0, 1]}),
               optimism_bias=SimpleNamespace(capital=0.2, operating=0.0, duration=0.0)),
        Option("merge", [fin.one_off_cost("restructuring", U.gamma(9e5, 2e5), years=2), posts,
                         fin.running_cost("board", U.normal(40_000, 8_000), start=1),
                         fin.prevention("falls", baseline=2e6, effect=U.beta(0.04, 0.02), start=2)],
               optimism_bias={"capital": 0.5, "operating": 0.1, "duration": 0.5}),
    ]


def test_npsv_at_the_means_and_optimism_bias_by_hand():
    res = hp.appraisal.appraise(_short_list(), horizon=6, n_sims=0)
    d = 1.035 ** -np.arange(7.0)
    bau = -20_000 * d[1:].sum()
    pool_costs = 1.2 * U.triangular(1e5, 2e5, 4e5).mean
    pool = 120_000 * d[1:].sum() - pool_costs
    # merge: works years 0-1 (W = 2), benefits delayed round(0.5 × 2) = 1 year: posts from 2, falls from 3
    merge_costs = 1.5 * 9e5 / 2 * (d[0] + d[1]) + 1.1 * 40_000 * d[1:].sum()
    merge_benefits = 120_000 * d[2:].sum() + 0.04 * 2e6 * d[3:].sum()
    t = res.to_frame()
    np.testing.assert_allclose(t["npsv"], [bau, pool, merge_benefits - merge_costs], rtol=1e-12)
    np.testing.assert_allclose(t.loc["merge", "bcr"], merge_benefits / merge_costs, rtol=1e-12)
    np.testing.assert_allclose(t.loc["pool", "incremental_bcr"],
                               120_000 * d[1:].sum() / (pool_costs - 20_000 * d[1:].sum()), rtol=1e-12)
    assert np.isnan(t.loc["bau", "incremental_bcr"]) and t.loc["merge", "benefit_delay"] == 1
    assert res.preferred == t["npsv"].idxmax() and res.business_as_usual == "bau"
    assert np.isnan(res.evpi) and t["p_best"].isna().all()
    flows = res.cash_flows().query("option == 'merge'")
    np.testing.assert_allclose(flows["discounted_net"].sum(), merge_benefits - merge_costs, rtol=1e-12)


def test_one_option_matches_the_business_case_draw_by_draw():
    flows = _short_list()[2].flows
    case = fin.business_case(list(flows), horizon=8, declining=True, n_sims=700, seed=4, threads=1)
    res = hp.appraisal.appraise([Option("merge", flows)], horizon=8, declining=True, n_sims=700, seed=4)
    assert res.to_frame()["npsv"].iloc[0] == pytest.approx(case.npv, rel=1e-12)
    np.testing.assert_allclose(res.net_benefit["merge"], case.npv_draws, rtol=1e-12, atol=1e-6)
    # From 20,000 simulations gamma and beta inputs are inverted from a polished table: still the business case's
    # draws (blocks are keyed by their index, so its 700 are the first 700 here), and the same for any threads.
    big = [hp.appraisal.appraise([Option("merge", flows)], horizon=8, declining=True, n_sims=20_000, seed=4,
                                 threads=t) for t in (1, 2)]
    assert big[0] == big[1]
    np.testing.assert_allclose(big[0].net_benefit["merge"][:700], case.npv_draws, rtol=1e-12, atol=1e-6)


def test_psa_summaries_rebuilt_in_numpy_from_the_shared_draws():
    res = hp.appraisal.appraise(_short_list(), horizon=6, n_sims=3000, seed=2)
    x = res.input_draws
    assert list(x.columns) == ["admin", "set-up", "posts", "restructuring", "board", "falls"]
    d = 1.035 ** -np.arange(7.0)
    npsv = pd.DataFrame({
        "bau": -x["admin"] * d[1:].sum(),
        "pool": x["posts"] * d[1:].sum() - 1.2 * x["set-up"],
        "merge": x["posts"] * d[2:].sum() + x["falls"] * 2e6 * d[3:].sum() - 1.5 * x["restructuring"] / 2 * d[:2].sum()
        - 1.1 * x["board"] * d[1:].sum()})
    nb = res.net_benefit
    np.testing.assert_allclose(nb.to_numpy(), npsv.to_numpy(), rtol=1e-10)
    t = res.to_frame()
    np.testing.assert_allclose(t["mean_npsv"], nb.mean(), rtol=1e-10)
    np.testing.assert_allclose(t["sd_npsv"], nb.std(ddof=1), rtol=1e-10)
    np.testing.assert_allclose(t["npsv_q05"], nb.quantile(0.05), rtol=1e-10)
    inc = nb.sub(nb["bau"], axis=0)
    np.testing.assert_allclose(t["sd_incremental"], inc.std(ddof=1), rtol=1e-9, atol=1e-6)
    np.testing.assert_allclose(t.loc[["pool", "merge"], "p_incremental_positive"], (inc[["pool", "merge"]] > 0).mean())
    best = nb.to_numpy().argmax(axis=1)
    np.testing.assert_allclose(t["p_best"], np.bincount(best, minlength=3) / len(nb))
    means = nb.mean().to_numpy()
    evpi = nb.max(axis=1).mean() - means.max()
    assert res.evpi == pytest.approx(evpi, rel=1e-10)
    loss = nb.max(axis=1) - nb.iloc[:, means.argmax()]
    assert res.se_evpi == pytest.approx(loss.std(ddof=1) / np.sqrt(len(nb)), rel=1e-8)
    # same simulations whatever the threads; pickling gives an equal result
    assert hp.appraisal.appraise(_short_list(), horizon=6, n_sims=3000, seed=2, threads=1) == res
    assert pickle.loads(pickle.dumps(res)) == res


def test_evpi_and_acceptability_against_normal_closed_forms():
    # NB_b − NB_a = D(1)(Y − X) + wtp·(Q_b − Q_a) is normal: EVPI = σφ(μ/σ) − |μ|Φ(−|μ|/σ), P(b best) = Φ(μ/σ).
    a = Option("a", [fin.saving("x", U.normal(100, 60), start=1, end=1)], non_monetised=U.normal(10, 4))
    b = Option("b", [fin.saving("y", U.normal(80, 50), start=1, end=1)], non_monetised=U.normal(12, 3))
    res = hp.appraisal.appraise([a, b], horizon=1, n_sims=20_000, seed=9, wtp=[0.0, 10.0])
    dd = 1 / 1.035
    acc = res.acceptability().query("option == 'b'").set_index("wtp")
    for wtp in (0.0, 10.0):
        mu = dd * -20 + wtp * 2
        sigma = np.hypot(dd * np.hypot(60, 50), wtp * 5)
        expected = sigma * stats.norm.pdf(mu / sigma) - abs(mu) * stats.norm.cdf(-abs(mu) / sigma)
        if wtp == 0:
            assert abs(res.evpi - expected) < 4 * res.se_evpi and res.se_evpi < 0.03 * expected
        assert acc.loc[wtp, "evpi"] == pytest.approx(expected, rel=0.08)
        p = stats.norm.cdf(mu / sigma)
        assert abs(acc.loc[wtp, "p_best"] - p) < 4 * np.sqrt(p * (1 - p) / 20_000)
    assert acc["preferred"].tolist() == [False, True]  # the exact expected net benefit: −19.3 then +0.7
    nb = res.net_benefit_at(10.0)
    np.testing.assert_allclose(nb, res.net_benefit + 10 * res.non_monetised_draws)


def test_switching_values_against_a_brute_force_scan():
    res = hp.appraisal.appraise(_short_list(), horizon=6, n_sims=0)
    sw = res.switching_values().set_index("input")
    d = 1.035 ** -np.arange(7.0)
    means = res.inputs().set_index("input")["mean"].to_dict()

    def preferred(values: dict) -> str:
        v = values
        npsv = {"bau": -v["admin"] * d[1:].sum(), "pool": v["posts"] * d[1:].sum() - 1.2 * v["set-up"],
                "merge": v["posts"] * d[2:].sum() + v["falls"] * 2e6 * d[3:].sum()
                - 1.5 * v["restructuring"] / 2 * d[:2].sum() - 1.1 * v["board"] * d[1:].sum()}
        return max(npsv, key=npsv.get)

    found_any = False
    for name, row in sw.iterrows():
        hits = []
        for direction in (-1, 1):
            grid = np.linspace(row["mean"], row["high"] if direction > 0 else row["low"], 1001)
            for prev, x in zip(grid[:-1], grid[1:]):
                v = dict(means)
                v[name] = x
                if preferred(v) != res.preferred:
                    hits.append((abs(x - row["mean"]), min(prev, x), max(prev, x), preferred(v)))
                    break
        assert row["found"] == bool(hits), name
        if hits:
            found_any = True
            _, lo, hi, takes_over = min(hits)
            assert lo <= row["switching_value"] <= hi and row["takes_over"] == takes_over, name
    assert found_any
    # a user range that excludes the switch: none in range
    near = hp.appraisal.appraise(_short_list(), horizon=6, n_sims=0,
                                 ranges={"posts": (119_000, 121_000)}).switching_values().set_index("input")
    assert not near.loc["posts", "found"] and near.loc["posts", "low"] == 119_000


def test_frames_summary_and_charts():
    res = hp.appraisal.appraise(_short_list(), horizon=6, n_sims=400, seed=1)
    text = str(res.summary())
    assert "Switching values" in text and "takes_over" in text and "£" in text
    assert "<table" in res._repr_html_()
    for kind in ("npsv", "incremental", "acceptability", "switching"):
        fig = res.plot(kind)
        assert fig.axes[0].get_xlabel()
    assert res.net_benefit.shape == (400, 3) and res.input_draws.shape == (400, 6)


def test_located_errors():
    a = Option("a", [fin.saving("x", U.normal(1, 1))])
    with pytest.raises(hp.DomainError, match="at least one option"):
        hp.appraisal.appraise([])
    with pytest.raises(hp.DomainError, match='option names must be distinct: "a" is options 0 and 1'):
        hp.appraisal.appraise([a, a], n_sims=0)
    with pytest.raises(hp.DomainError, match='business_as_usual "status quo" is not an option'):
        hp.appraisal.appraise([a], business_as_usual="status quo", n_sims=0)
    b = Option("b", [fin.saving("x", U.normal(1, 2))])
    with pytest.raises(hp.DomainError, match=r'input "x" is normal\(.*\) in option "a" but normal\(.*\) in option "b"'):
        hp.appraisal.appraise([a, b], n_sims=0)
    with pytest.raises(hp.DomainError, match="optimism_bias keys are capital, operating and duration"):
        Option("c", optimism_bias={"capex": 0.2})
    with pytest.raises(hp.DomainError, match='option "c" optimism bias operating must be finite and >= 0'):
        hp.appraisal.appraise([Option("c", optimism_bias={"operating": -0.1})], n_sims=0)
    with pytest.raises(hp.DomainError, match="n_sims"):
        hp.appraisal.appraise([a], n_sims=2.5)
    with pytest.raises(hp.DomainError, match="horizon must be a whole number of years from 1 to 10,000, got 10.5"):
        hp.appraisal.appraise([a], horizon=10.5, n_sims=0)
    with pytest.raises(hp.DomainError, match="kind must be one of"):
        hp.appraisal.appraise([a], n_sims=0).plot("tornado")


def test_evppi_of_the_appraisal_meets_the_normal_closed_form():
    # INB of "merge" over "bau" = -R + 3P (three years of savings, no discounting): linear in independent normal
    # inputs, so each input's EVPPI is normal_evpi(mean INB, |b| sd) and the EVPI normal_evpi(0, sqrt(sum b^2 sd^2)).
    from scipy import stats

    def closed(mu, sigma):
        return sigma * stats.norm.pdf(mu / sigma) - abs(mu) * stats.norm.cdf(-abs(mu) / sigma)

    U = hp.finance.Uncertain
    res = hp.appraisal.appraise([hp.appraisal.Option("bau"), hp.appraisal.Option("merge", [
        hp.finance.one_off_cost("restructuring", U.normal(300, 100)), hp.finance.saving("posts", U.normal(100, 50))])],
        horizon=3, rate=0.0, n_sims=20_000, seed=7)
    v = res.evppi().to_frame()
    assert v.loc["restructuring", "evppi"] == pytest.approx(closed(0.0, 100.0), rel=0.06)
    assert v.loc["posts", "evppi"] == pytest.approx(closed(0.0, 150.0), rel=0.06)
    assert res.evpi == pytest.approx(closed(0.0, np.hypot(100.0, 150.0)), abs=4 * res.se_evpi)
    with pytest.raises(hp.DomainError, match="n_sims=0"):
        hp.appraisal.appraise([hp.appraisal.Option("bau"), hp.appraisal.Option("m")], n_sims=0).evppi()
