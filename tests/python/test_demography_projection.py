"""hp.demography.project: the Leslie matrix against a numpy rewrite of its formulas, the long-run growth rate
against numpy.linalg.eigvals, the projection with migration against a numpy loop, and the Monte Carlo mean
against the deterministic projection (and a scipy integral for mortality) within 4 standard errors."""
from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest
from scipy import integrate, stats

import healthyplaces as hp

dem = hp.demography


def _five_year_rates():
    """Illustrative rates for 19 five-year bands: Gompertz-like mortality, fertility at 15-49."""
    starts = np.arange(0, 95, 5, dtype=float)
    m = 0.0002 + 0.00003 * np.exp(0.09 * starts)
    f = np.zeros(19)
    f[3:10] = [0.012, 0.05, 0.09, 0.11, 0.07, 0.02, 0.003]
    return m, f


def _numpy_leslie(m, f, w, phi):
    """The Leslie matrix written out from docs/demography.md, independently of the C++."""
    n = len(m)
    s = np.exp(-w * m)
    fn = np.append(f[1:], f[-1])
    L = np.zeros((n, n))
    L[0, :] = w * phi * (f + s * fn) / 2 * np.exp(-w * m[0] / 2)
    L[np.arange(1, n), np.arange(n - 1)] += s[:-1]
    L[-1, -1] += s[-1]
    return L


def test_leslie_matches_numpy_and_the_growth_rate_is_its_dominant_eigenvalue():
    m, f = _five_year_rates()
    e5 = dem.england().regroup("five_year")
    L = dem.leslie(e5, m, f, female_fraction=0.49)
    np.testing.assert_allclose(L, _numpy_leslie(m, f, 5, 0.49), rtol=1e-14, atol=0)
    lam = np.max(np.abs(np.linalg.eigvals(L)))
    # |λ2/λ1| ≈ 0.875 here, so after 400 steps (2000 years) the transient is ~1e-23: the age structure is
    # stable and the total changes by λ a step.
    proj = dem.project(e5, m, f, years=2000, female_fraction=0.49)
    totals = proj.totals().to_numpy()
    assert totals[-1] / totals[-2] == pytest.approx(lam, rel=1e-9)
    # The stable age structure is the dominant eigenvector, normalised.
    vals, vecs = np.linalg.eig(L)
    v = np.abs(np.real(vecs[:, np.argmax(np.abs(vals))]))
    last = proj.counts_by_year.iloc[-1].to_numpy()
    np.testing.assert_allclose(last / last.sum(), v / v.sum(), rtol=1e-8)


def test_projection_with_migration_matches_a_numpy_loop():
    e = dem.england()
    ages = np.arange(91, dtype=float)
    m = 0.0001 + 0.00002 * np.exp(0.095 * ages)
    f = np.where((ages >= 15) & (ages < 50), 0.055, 0.0)
    mig = np.where(ages < 40, 2000.0, -300.0)
    proj = dem.project(e, m, f, mig, years=25, female_fraction=0.5, base_year=2023)
    L = _numpy_leslie(m, f, 1, 0.5)
    p = e.counts.copy()
    want = [p.copy()]
    for _ in range(25):
        p = np.maximum(p + mig / 2, 0)
        p = np.maximum(L @ p + mig / 2, 0)
        want.append(p.copy())
    np.testing.assert_allclose(proj.counts_by_year.to_numpy(), np.array(want), rtol=1e-12)
    assert list(proj.counts_by_year.index) == list(range(2023, 2049))
    assert list(proj.counts_by_year.columns) == e.bands == proj.bands
    p2030 = proj.population(2030)
    assert isinstance(p2030, dem.Population) and p2030.total == pytest.approx(proj.totals()[2030])
    assert proj.shares().loc[2048, "over 85"] == pytest.approx(proj.population(2048).share_over(85))


def test_closed_population_without_births_only_shrinks_by_the_survival_product():
    e5 = dem.england().regroup("five_year")
    m = np.full(19, 0.02)
    proj = dem.project(e5, m, years=30)
    np.testing.assert_allclose(proj.totals().to_numpy(), e5.total * np.exp(-0.02 * np.arange(0, 31, 5)), rtol=1e-13)
    assert (proj.counts_by_year["0-4"].iloc[1:] == 0).all()


def test_stochastic_mean_equals_the_deterministic_projection_within_monte_carlo_error():
    # Within one generation (10 years < the youngest fertile age, 15) the projection is linear in the
    # fertility and the migration multipliers, which are independent with mean one: the mean of the draws is
    # exactly the deterministic projection in expectation. Checked within 4 standard errors.
    e = dem.england()
    ages = np.arange(91, dtype=float)
    m = 0.0001 + 0.00002 * np.exp(0.095 * ages)
    f = np.where((ages >= 15) & (ages < 50), 0.055, 0.0)
    mig = np.where(ages < 40, 3000.0, -500.0)
    u = dem.RateUncertainty(fertility_sd=0.2, migration_sd=0.5, per_year=True)
    proj = dem.project(e, m, f, mig, years=10, uncertainty=u, n_sims=2000, seed=3)
    d = proj.simulations
    assert d.shape == (2000, 11, 91)
    for x, want in ((d.sum(axis=2)[:, -1], proj.totals().iloc[-1]), (d[:, -1, 5], proj.counts_by_year.iloc[-1, 5])):
        se = x.std(ddof=1) / np.sqrt(len(x))
        assert se > 0
        assert abs(x.mean() - want) < 4 * se
    p = proj.percentiles((2.5, 50, 97.5))
    assert (p["p2.5"] <= proj.totals()).all() and (proj.totals() <= p["p97.5"]).all()
    np.testing.assert_allclose(p["p50"], np.percentile(d.sum(axis=2), 50, axis=0))


def test_mortality_multiplier_mean_matches_a_scipy_integral():
    # One 5-year step of a closed population: band 5-9 at year 5 is 100·exp(−5·m·X) with X lognormal
    # (σ = 0.6, mean one). Its expectation, ∫ exp(−5mx) dLogN(x), by scipy quad; the mean of 20000 draws
    # within 4 standard errors. The Jensen gap to 100·exp(−5m) is ~24 standard errors, so a sampler that
    # ignored the convexity (or the −σ²/2 mean correction) would fail.
    p = dem.Population(["0-4", "5-9", "10+"], [100, 80, 60])
    m, sd = 0.1, 0.6
    proj = dem.project(p, [m, m, m], years=5, uncertainty=dem.RateUncertainty(mortality_sd=sd), n_sims=20000, seed=9)
    x = proj.simulations[:, 1, 1]
    ln = stats.lognorm(s=sd, scale=np.exp(-sd**2 / 2))
    want = 100 * integrate.quad(lambda v: np.exp(-5 * m * v) * ln.pdf(v), 0, np.inf)[0]
    assert abs(x.mean() - want) < 4 * x.std(ddof=1) / np.sqrt(len(x))
    assert abs(want - 100 * np.exp(-5 * m)) > 10 * x.std(ddof=1) / np.sqrt(len(x))  # Jensen: not the central value


def test_draws_are_identical_for_any_thread_count_and_pickle():
    p = dem.england().regroup("five_year")
    m, f = _five_year_rates()
    u = dem.RateUncertainty(0.1, 0.1, 0.3, per_year=True)
    mig = np.full(19, 100.0)
    a = dem.project(p, m, f, mig, years=20, uncertainty=u, n_sims=64, seed=5, threads=1)
    b = dem.project(p, m, f, mig, years=20, uncertainty=u, n_sims=64, seed=5, threads=2)
    c = dem.project(p, m, f, mig, years=20, uncertainty=u, n_sims=64, seed=6, threads=2)
    assert np.array_equal(a.simulations, b.simulations)
    assert not np.array_equal(a.simulations, c.simulations)
    s = a.to_frame()
    assert list(s.columns) == ["total", "over 65", "over 80", "over 85", "old_age_dependency", "total_p2.5",
                               "total_p97.5"]
    assert "<table" in a._repr_html_()
    q = pickle.loads(pickle.dumps(a.population(20)))
    assert q == a.population(20)
    r = pickle.loads(pickle.dumps(a))
    assert np.array_equal(r.simulations, a.simulations) and r.counts_by_year.equals(a.counts_by_year) and r.uncertainty == u
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.close(a.plot())


def test_bad_input_is_named():
    p = dem.Population(["0-4", "5-9", "10+"], [100, 80, 60])
    with pytest.raises(hp.DataError, match=r'mortality for band "5-9" is -0.1; it must be finite and >= 0'):
        dem.project(p, [0.01, -0.1, 0.01])
    with pytest.raises(hp.DomainError, match=r"years must be a positive multiple of the band width \(5 years\), got 7"):
        dem.project(p, [0.01] * 3, years=7)
    with pytest.raises(hp.DomainError, match="got 0"):
        dem.project(p, [0.01] * 3, years=0)
    with pytest.raises(hp.DataError, match=r'fertility has no value for band "10\+"'):
        dem.project(p, [0.01] * 3, fertility={"0-4": 0, "5-9": 0.1})
    with pytest.raises(hp.DomainError, match=r"migration_sd must be a finite number >= 0"):
        dem.project(p, [0.01] * 3, uncertainty=dem.RateUncertainty(migration_sd=-1), n_sims=10)
    with pytest.raises(hp.DomainError, match=r'band "5-14" is 10 years wide'):
        dem.project(dem.Population(["0-4", "5-14", "15+"], [1, 1, 1]), [0.01] * 3)
    # Rates keyed by band label are aligned to the bands.
    keyed = dem.project(p, pd.Series({"10+": 0.0, "5-9": 0.0, "0-4": 0.0}), years=5)
    assert keyed.counts_by_year.iloc[1].tolist() == [0.0, 100.0, 140.0]


def test_plot_has_whole_years_and_people_with_separators():
    p = dem.england().regroup("five_year")
    m, f = _five_year_rates()
    proj = dem.project(p, m, f, years=10, base_year=2023, n_sims=20, uncertainty=dem.RateUncertainty(0.1, 0.1))
    ax = proj.plot().axes[0]
    assert ax.get_xlabel() == "year" and ax.get_ylabel() == "people"
    assert all("." not in ax.xaxis.get_major_formatter()(t, 0) for t in ax.get_xticks())
    assert ax.yaxis.get_major_formatter()(57_000_000, 0) == "57,000,000"
    text = str(proj.summary())
    assert "2023" in text and "2033" in text and "total_p97.5" in text and "e+" not in text
    assert proj.simulations is not None and proj.simulations.shape == (20, 3, len(p))
