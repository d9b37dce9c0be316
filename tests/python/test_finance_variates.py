"""The spend simulation's samplers (stats/fast_variates.hpp: ziggurat normal, Marsaglia–Tsang gamma, Poisson by
inversion and PTRS, on Philox-seeded xoshiro256++ streams) checked through hp.finance.simulate against exact
distributions built with scipy: the compound Poisson–gamma spend (a Poisson mixture of gamma cdfs), the negative
binomial counts (a gamma shape below one), and the Poisson–lognormal counts of the shared shock (Gauss–Hermite
quadrature over the normal). Chi-square or KS at the 0.1% level with fixed seeds, each with a control that the
same test rejects a slightly wrong model."""
from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

import healthyplaces as hp

hf = hp.finance


def one_service(rate, cost, counts="poisson", dispersion=0.0):
    return [hf.Service("a", "nhs", [rate], cost, 1.0, counts=counts, dispersion=dispersion)]


def chi_square_pvalue(k: np.ndarray, pmf) -> float:
    """Chi-square p-value of integer draws against pmf(values), bins merged to >= 20 expected, tails pooled."""
    lo, hi = int(k.min()), int(k.max())
    values = np.arange(lo, hi + 1)
    p = pmf(values)
    p[0] += pmf(np.arange(0, lo)).sum() if lo > 0 else 0.0
    p[-1] += max(0.0, 1.0 - p.sum())
    observed = np.bincount(k - lo, minlength=values.size).astype(float)
    expected = p * k.size
    obs_m, exp_m, o_acc, e_acc = [], [], 0.0, 0.0
    for o, e in zip(observed, expected):
        o_acc, e_acc = o_acc + o, e_acc + e
        if e_acc >= 20:
            obs_m.append(o_acc)
            exp_m.append(e_acc)
            o_acc, e_acc = 0.0, 0.0
    obs_m[-1] += o_acc
    exp_m[-1] += e_acc
    return stats.chisquare(obs_m, exp_m).pvalue


@pytest.mark.parametrize("lam", [4.0, 40.0, 900.0])
def test_spend_is_the_compound_poisson_gamma_distribution(lam):
    # No shock: spend = Gamma(N·k, θ) with N ~ Poisson(λ), so P(S <= x) = e^−λ·1[x >= 0] + Σ_n pois(n)·G(x; n·k, θ).
    cost = hf.Gamma(100.0, 60.0)
    k, theta = cost.shape, cost.scale
    sims = 20000
    r = hf.simulate((["all"], [lam * 1000]), one_service(0.001, cost), n_sims=sims, seed=21)
    s = r.spend[:, 0, 0]
    n = np.arange(int(stats.poisson.ppf(1e-12, lam)), int(stats.poisson.isf(1e-12, lam)) + 1)
    n = n[n > 0]
    w = stats.poisson.pmf(n, lam)

    # The mixture cdf is smooth in x: evaluated exactly on 4,001 points over the sample's range and interpolated
    # (error below 1e-6, far under the KS statistic's resolution at 20,000 draws), not at every draw (15M gamma
    # cdfs at lambda = 900 took 10 s).
    def exact_cdf(x, scale):
        return math.exp(-lam) + (w[None, :] * stats.gamma.cdf(x[:, None], n[None, :] * k, scale=scale)).sum(axis=1)

    grid = np.linspace(0.0, s.max() * 1.0001, 4001)
    tables = {scale: exact_cdf(grid, scale) for scale in (theta, theta * 1.05)}

    def cdf(x, scale=theta):
        return np.interp(np.atleast_1d(x), grid, tables[scale])

    positive = s[s > 0]
    # The atom at zero (no events) is e^−λ: check its count, then KS on the positive part given S > 0.
    p0 = math.exp(-lam)
    assert abs((s == 0).sum() - sims * p0) <= 4 * math.sqrt(sims * p0 * (1 - p0)) + 1
    assert stats.kstest(positive, lambda x: (cdf(x) - p0) / (1 - p0)).pvalue > 1e-3
    # Control: 5% dearer events are rejected.
    assert stats.kstest(positive, lambda x: (cdf(x, theta * 1.05) - p0) / (1 - p0)).pvalue < 1e-3


@pytest.mark.parametrize("dispersion", [0.05, 2.0])
def test_negative_binomial_counts_follow_scipy_nbinom(dispersion):
    # N ~ Poisson(λ·G), G ~ Gamma(1/α, α): negative binomial with n = 1/α, p = 1/(1 + α·λ). α = 2 draws the gamma
    # with shape 1/2 (the Gamma(a + 1)·U^(1/a) branch).
    lam, sims = 30.0, 40000
    r = hf.simulate((["all"], [lam * 1000]), one_service(0.001, hf.Gamma(1, 1), "negative_binomial", dispersion),
                    n_sims=sims, seed=22)
    k = r.events[:, 0, 0].astype(np.int64)
    size = 1 / dispersion
    assert chi_square_pvalue(k, lambda v: stats.nbinom.pmf(v, size, 1 / (1 + dispersion * lam))) > 1e-3
    wrong = dispersion * 1.15
    assert chi_square_pvalue(k, lambda v: stats.nbinom.pmf(v, 1 / wrong, 1 / (1 + wrong * lam))) < 1e-3


@pytest.mark.parametrize("rho", [0.0, 1.0])
def test_counts_with_the_shared_shock_follow_the_poisson_lognormal(rho):
    # With shock_sd σ, N ~ Poisson(λ·exp(σZ − σ²/2)), Z standard normal whatever ρ (Z = √ρ·W + √(1−ρ)·ε):
    # P(N = n) = E_Z[pois(n; λ·e^{σZ−σ²/2})] by Gauss–Hermite quadrature (probabilists', 120 nodes).
    lam, sigma, sims = 50.0, 0.4, 40000
    r = hf.simulate((["all"], [lam * 1000]), one_service(0.001, hf.Gamma(1, 1)), n_sims=sims, shock_sd=sigma,
                    shock_correlation=rho, seed=23)
    k = r.events[:, 0, 0].astype(np.int64)
    nodes, weights = np.polynomial.hermite_e.hermegauss(120)
    weights = weights / weights.sum()

    def pmf(v, s=sigma):
        rates = lam * np.exp(s * nodes - s * s / 2)
        return (weights[None, :] * stats.poisson.pmf(np.asarray(v)[:, None], rates[None, :])).sum(axis=1)

    assert chi_square_pvalue(k, pmf) > 1e-3
    assert chi_square_pvalue(k, lambda v: pmf(v, sigma * 1.1)) < 1e-3  # control: a 10% larger shock


def test_total_cost_draws_on_philox_streams_still_match_summed_gammas():
    # total_cost(RandomStream) uses the same samplers on Philox bits: 5 events of Gamma(k, θ) in one draw against
    # scipy's Gamma(5k, θ) cdf.
    cost = hf.Gamma(100.0, 80.0)
    x = hp._core.finance.total_cost_draws(cost._core, 5, 20000, seed=4)
    assert stats.kstest(x, stats.gamma(5 * cost.shape, scale=cost.scale).cdf).pvalue > 1e-3
    assert stats.kstest(x, stats.gamma(5 * cost.shape * 1.05, scale=cost.scale).cdf).pvalue < 1e-3
