"""hp.appraisal's multi-criteria analysis against independent references: hit-and-run's weights against the exact
marginal of one weight (derived below) by a Kolmogorov-Smirnov test, SMAA-2 with uncertain performances against a
numpy implementation written here, the two-criteria closed form, and the result protocol."""
from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import healthyplaces as hp

ap = hp.appraisal


def box_marginal_cdf(lower, upper):
    """The exact CDF of w1 when (w1, w2, w3) is uniform on {Σw = 1, lower <= w <= upper}.

    Given w1 = x, w2 ranges over [max(l2, 1 − x − u3), min(u2, 1 − x − l3)] (w3 = 1 − x − w2 in its box), so the
    density of w1 is proportional to that interval's length: piecewise linear in x. Integrated on a fine grid
    (trapezoids are exact for a piecewise-linear density up to the kinks; 200,001 points leave errors ~1e-10)."""
    (l1, l2, l3), (u1, u2, u3) = lower, upper
    x = np.linspace(l1, u1, 200_001)
    length = np.clip(np.minimum(u2, 1 - x - l3) - np.maximum(l2, 1 - x - u3), 0, None)
    cdf = np.concatenate([[0.0], np.cumsum((length[1:] + length[:-1]) / 2 * np.diff(x))])
    cdf /= cdf[-1]
    return lambda v: np.interp(v, x, cdf)


def test_hit_and_run_is_uniform_over_box_constraints():
    """KS test of w1's draws against its exact marginal, at the 1% level (seed fixed: the statistic is the same on
    every machine). Draws are thinned hit-and-run steps, nearly independent at this thinning."""
    lower, upper = (0.1, 0.05, 0.2), (0.6, 0.5, 0.7)
    w = ap.sample_weights(["a", "b", "c"], weights={"a": (0.1, 0.6), "b": (0.05, 0.5), "c": (0.2, 0.7)},
                          n_sims=3000, seed=4)
    assert ((w >= np.array(lower) - 1e-12) & (w <= np.array(upper) + 1e-12)).all().all()
    np.testing.assert_allclose(w.sum(axis=1), 1, atol=1e-12)
    for j, name in enumerate("abc"):
        order = [j] + [k for k in range(3) if k != j]
        cdf = box_marginal_cdf([lower[k] for k in order], [upper[k] for k in order])
        res = stats.kstest(w[name], cdf)
        assert res.pvalue > 0.01, (name, res)
    # The test has power: the simplex's centre-biased law (Dirichlet(3)) restricted to the box is rejected.
    rng = np.random.default_rng(0)
    d = rng.dirichlet([3, 3, 3], 40_000)
    d = d[((d >= lower) & (d <= upper)).all(axis=1)][:3000]
    assert stats.kstest(d[:, 0], box_marginal_cdf(lower, upper)).pvalue < 0.01


def numpy_smaa(means, sds, n, seed):
    """SMAA-2 rank acceptabilities written independently: Dirichlet(1) weights, normal performances, partial
    values linear on each criterion's mean ± 3 sd extremes (more is better), ranks by argsort."""
    rng = np.random.default_rng(seed)
    m, k = means.shape
    worst, best = (means - 3 * sds).min(axis=0), (means + 3 * sds).max(axis=0)
    w = rng.dirichlet(np.ones(k), n)
    x = means + sds * rng.standard_normal((n, m, k))
    v = (x - worst) / (best - worst)
    scores = np.einsum("nk,nmk->nm", w, v)
    order = np.argsort(-scores, axis=1, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(m), axis=1)
    return np.stack([np.bincount(ranks[:, i], minlength=m) for i in range(m)]) / n


def test_smaa_with_normal_performances_matches_numpy():
    means = np.array([[6.0, 3.0, 5.0], [5.0, 6.0, 2.0], [4.0, 4.0, 6.0], [5.5, 4.5, 4.0]])
    sds = np.array([[1.0, 0.5, 1.5], [0.5, 1.0, 1.0], [2.0, 1.0, 0.5], [1.0, 1.0, 1.0]])
    perf = pd.DataFrame([[ap.Performance.normal(mu, sd) for mu, sd in zip(r, s)] for r, s in zip(means, sds)],
                        index=list("ABCD"), columns=["x", "y", "z"])
    n = 20_000
    res = ap.smaa(perf, n_sims=n, seed=2)
    ref = numpy_smaa(means, sds, n, seed=5)
    se = np.sqrt(2 * 0.25 / n)  # two independent Monte Carlo estimates
    np.testing.assert_allclose(res.rank_acceptability, ref, atol=4.5 * se)
    assert res.uncertain_performances and "performance draws" in res.sentence()
    cf = res.confidence_factors()
    assert ((cf[res.first_counts > 0] > 0) & (cf[res.first_counts > 0] <= 1)).all()


def test_two_criteria_closed_form_threads_and_protocol():
    # values A (1, 0), B (0, 1), C (5/6, 1/3); w = (t, 1 − t): A first on (2/3, 1], C on (4/9, 2/3), B on [0, 4/9)
    perf = pd.DataFrame({"quality": [10, 4, 9], "reach": [2, 8, 4]}, index=["A", "B", "C"])
    one = ap.smaa(perf, n_sims=30_000, seed=3, threads=1)
    two = ap.smaa(perf, n_sims=30_000, seed=3, threads=2)
    assert one == two
    se = np.sqrt(0.25 / 30_000)
    np.testing.assert_allclose(one.to_frame()["rank 1"], [1 / 3, 4 / 9, 2 / 9], atol=4 * se)
    np.testing.assert_allclose(one.central_weights()["quality"], [5 / 6, 2 / 9, 5 / 9], atol=0.005)
    # the sentence quotes the estimates (B's is 4/9 = 44.4% within Monte Carlo error, so it rounds to 44 or 45)
    b_first = one.rank_acceptability[1, 0]
    assert one.sentence().startswith(f"B ranks first in {100 * b_first:.0f}% of weightings; A in ")
    again = pickle.loads(pickle.dumps(one))
    assert again == one and again.to_frame().equals(one.to_frame())
    text = str(one.summary())
    assert "Rank acceptability" in text and "np.float" not in text and "e-0" not in text
    assert "<table" in one._repr_html_()
    fig = one.plot()
    assert fig.axes[0].get_xlabel().startswith("% of draws")


def test_weight_statements_and_their_errors():
    crit = ["commissioning", "financial management", "restructuring disruption"]
    w = ap.sample_weights(crit, weights=["commissioning", ["financial management", "restructuring disruption"]],
                          n_sims=2000, seed=1)
    assert (w["commissioning"] >= w[["financial management", "restructuring disruption"]].max(axis=1)).all()
    c = ap.WeightConstraint({"financial management": 1, "commissioning": -1}, 0.1, sense=">=", name="money first")
    w2 = ap.sample_weights(crit, weights=ap.Weights(intervals={"restructuring disruption": (0.1, 0.3)}, constraints=[c]),
                           n_sims=2000, seed=1)
    assert (w2["financial management"] - w2["commissioning"] >= 0.1 - 1e-12).all()
    assert w2["restructuring disruption"].between(0.1 - 1e-12, 0.3 + 1e-12).all()
    with pytest.raises(hp.DomainError, match="constraint 'too much' cannot hold"):
        ap.sample_weights(crit, weights=[c, ap.WeightConstraint({"commissioning": 1}, 0.95, ">=", "too much")])
    with pytest.raises(hp.DomainError, match="'governance' , which is not a criterion|not a criterion"):
        ap.sample_weights(crit, weights={"governance": (0.1, 0.2)})
    with pytest.raises(hp.DomainError, match="n_sims must be a whole number"):
        ap.sample_weights(crit, n_sims=10.5)
    with pytest.raises(hp.DomainError, match="must sum to 1"):
        ap.smaa(pd.DataFrame({"a": [1, 2], "b": [2, 1]}), weights={"a": 0.5, "b": 0.6})


def test_samples_resampled_jointly_and_green_paper_criteria():
    # A simulation's draws: merger's disruption is the pooled budget's plus 2 in every draw (one cause drives
    # both), though their spreads overlap; drawn jointly, merger is never less disruptive.
    rng = np.random.default_rng(0)
    base = rng.normal(4, 2, 500)
    names = [c.name for c in ap.green_paper_criteria()]
    assert names[3:] == ["governance and finance issues", "restructuring disruption", "democratic accountability lost"]
    perf = pd.DataFrame({"restructuring disruption": [ap.Performance.samples(base), ap.Performance.samples(base + 2)]},
                        index=["pooled budgets", "merger"])
    res = ap.smaa(perf, n_sims=2000)
    assert res.criteria[0].direction == "less is better"  # taken from the green paper's criteria
    assert res.rank_acceptability[0, 0] == 1.0


def test_single_scores_are_labelled_and_swing_weights():
    w = ap.swing_weights({"commissioning": 100, "financial management": 50, "restructuring disruption": 50})
    assert w == {"commissioning": 0.5, "financial management": 0.25, "restructuring disruption": 0.25}
    perf = pd.DataFrame({"commissioning": [7, 5, 2], "financial management": [6, 8, 3],
                         "restructuring disruption": [3, 8, 1]}, index=["s75 pooled budget", "merger", "do minimum"])
    res = ap.weighted_sum(perf, w, method="swing weighting")
    # by hand: values commissioning (1, 0.6, 0), finance (0.6, 1, 0), disruption less is better 8..1: (5/7, 0, 1)
    np.testing.assert_allclose(res.scores, [0.5 + 0.15 + 0.25 * 5 / 7, 0.3 + 0.25, 0.25], atol=1e-12)
    assert res.ranks.tolist() == [1, 2, 3]
    assert str(res.summary()).startswith("Single score (swing weighting)")
    assert pickle.loads(pickle.dumps(res)) == res
    with pytest.raises(hp.DomainError, match="most important swing must have 100"):
        ap.swing_weights({"a": 90, "b": 10})
    with pytest.raises(hp.DomainError, match="use smaa"):
        ap.weighted_sum(pd.DataFrame({"a": [(1, 2), 3]}), {"a": 1.0})


def spacing_max_cdf(n):
    """P(max ≤ x) for the largest of n uniform spacings of [0, 1] (Dirichlet(1) on n coordinates): by inclusion-
    exclusion over which spacings exceed x (Fisher 1929), Σ_k (−1)^k C(n, k) (1 − kx)_+^(n − 1)."""
    from math import comb
    return lambda x: sum((-1) ** k * comb(n, k) * np.clip(1 - k * np.asarray(x), 0, None) ** (n - 1)
                         for k in range(n + 1))


def test_dirichlet_weights_are_uniform_on_the_simplex():
    """Nothing said about the weights: Dirichlet(1), drawn four draws at a time (the vectorised path, 2-16
    criteria). KS tests at the 1% level (seed fixed) of one coordinate per draw (coordinate s mod n of draw s, so
    the sample is independent) against Beta(1, n − 1), and of each draw's largest weight against its exact law."""
    for n in (3, 8, 16):
        w = ap.sample_weights([f"c{j}" for j in range(n)], n_sims=8000, seed=n).to_numpy()
        assert (w >= 0).all() and np.abs(w.sum(axis=1) - 1).max() < 1e-12
        one = w[np.arange(len(w)), np.arange(len(w)) % n]
        assert stats.kstest(one, stats.beta(1, n - 1).cdf).pvalue > 0.01, n
        assert stats.kstest(w.max(axis=1), spacing_max_cdf(n)).pvalue > 0.01, n
    # The test has power: normalised uniforms (a common mistake: not uniform on the simplex) are rejected.
    u = np.random.default_rng(1).uniform(size=(8000, 8))
    assert stats.kstest((u / u.sum(axis=1, keepdims=True)).max(axis=1), spacing_max_cdf(8)).pvalue < 0.01


def test_ten_options_eight_criteria_match_numpy():
    """The fixed-size kernel at the benchmark's size (10 options x 8 criteria of points) against numpy_smaa above."""
    means = np.random.default_rng(7).uniform(0, 10, (10, 8))
    perf = pd.DataFrame(means, index=[f"o{i}" for i in range(10)], columns=[f"c{j}" for j in range(8)])
    n = 20_000
    res = ap.smaa(perf, n_sims=n, seed=4)
    ref = numpy_smaa(means, np.zeros_like(means), n, seed=6)
    np.testing.assert_allclose(res.rank_acceptability, ref, atol=4.5 * np.sqrt(2 * 0.25 / n))
    assert res.first_counts.sum() == n


def test_r_smaa_package_central_weights_test():
    """The R package smaa's tests/nacw.R (van Valkenhoef and Tervonen): with weights 1/3 each, an option better on
    every criterion has central weights 1/3 and the other none (NaN); when the other wins in one measurement
    draw (here one of four rows, resampled jointly), both central weights are 1/3."""
    third = {"x": 1 / 3, "y": 1 / 3, "z": 1 / 3}
    res = ap.smaa(pd.DataFrame([[1, 1, 1], [0, 0, 0]], index=["A", "B"], columns=list("xyz")), weights=third,
                  n_sims=1000)
    np.testing.assert_allclose(res.central_weights().loc["A"], 1 / 3, atol=1e-9)
    assert res.central_weights().loc["B"].isna().all()
    P = ap.Performance
    rows = pd.DataFrame([[P.samples([0, 1, 1, 1])] * 3, [P.samples([1, 0, 0, 0])] * 3], index=["A", "B"],
                        columns=list("xyz"))
    res = ap.smaa(rows, weights=third, n_sims=4000, seed=1)
    np.testing.assert_allclose(res.central_weights().to_numpy(), 1 / 3, atol=1e-9)
    assert abs(res.rank_acceptability[1, 0] - 0.25) < 4 * np.sqrt(0.25 * 0.75 / 4000)
