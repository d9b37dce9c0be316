"""hp.finance.business_case, Uncertain and discount_factors: the annuity formula and a hand-computed case, the
Green Book's declining schedule, the PSA against the linear model's closed-form mean and sd and EVPI against
E[max(X, 0)] = μΦ(μ/σ) + σφ(μ/σ) for a normal NPV (within 4 Monte Carlo standard errors), the uncertain inputs'
quantiles against scipy.stats, seed and thread invariance, the DataFrames, the plot and the error messages."""
from __future__ import annotations

import re

import numpy as np
import pytest
from scipy import stats

import healthyplaces as hp

U = hp.finance.Uncertain
fin = hp.finance


def test_discount_factors_constant_and_declining():
    d = fin.discount_factors(40, declining=True)
    np.testing.assert_allclose(d[:31], 1.035 ** -np.arange(31), rtol=1e-14)
    np.testing.assert_allclose(d[31:], 1.035 ** -30 * 1.03 ** -np.arange(1, 11), rtol=1e-14)
    np.testing.assert_allclose(fin.discount_factors(5, rate=0.06), 1.06 ** -np.arange(6), rtol=1e-14)


def test_level_stream_is_the_annuity_and_the_years_table():
    r, n, c = 0.035, 12, 250_000.0
    case = fin.business_case([fin.saving("posts", c)], horizon=n, n_sims=0)
    assert case.npv == pytest.approx(c * (1 - (1 + r) ** -n) / r, rel=1e-12)
    years = case.years()
    assert list(years.columns) == ["discount_factor", "costs", "savings", "net", "discounted_net", "cumulative"]
    assert years["cumulative"].iloc[-1] == pytest.approx(case.npv, rel=1e-12)
    assert re.search(rf"NPV at the means +{hp._result.fmt_money(case.npv)}\n", str(case.summary()))
    with pytest.raises(hp.DomainError, match="n_sims=0"):
        case.break_even()


def test_hand_computed_case_and_break_even():
    # Net −500, −100, 400, 400 at 10%: cumulative −500, −590.91, −260.33, 40.195 → break-even year 3.
    case = fin.business_case([fin.one_off_cost("restructuring", 1000, year=0, years=2), fin.saving("posts", 400, 1, 3)],
                             horizon=3, rate=0.10, n_sims=0)
    assert case.npv == pytest.approx(-500 - 100 / 1.1 + 400 / 1.21 + 400 / 1.331, rel=1e-12)
    assert case.break_even_year == 3
    never = fin.business_case([fin.one_off_cost("r", 100), fin.saving("s", 30)], horizon=3, rate=0, n_sims=0)
    assert never.break_even_year is None


def _example(n_sims=20_000, seed=5, threads=0):
    return fin.business_case([
        fin.one_off_cost("restructuring", U.triangular(300_000, 400_000, 600_000)),
        fin.running_cost("joint team", U.gamma(50_000, 10_000), start=1),
        fin.saving("shared management posts", U.normal(150_000, 30_000), start=2),
        fin.prevention("falls prevention", baseline=2_000_000, effect=U.beta(0.03, 0.015), start=3)],
        horizon=10, n_sims=n_sims, seed=seed, threads=threads)


def test_psa_mean_and_sd_match_the_linear_model():
    case = _example()
    d = 1.035 ** -np.arange(11)
    a1, a2, a3 = d[1:].sum(), d[2:].sum(), d[3:].sum()
    mean = -1_300_000 / 3 - 50_000 * a1 + 150_000 * a2 + 2e6 * 0.03 * a3
    assert case.npv == pytest.approx(mean, rel=1e-12)
    assert abs(case.mean_npv - mean) < 4 * case.se_mean_npv
    sd = np.sqrt(stats.triang(c=1 / 3, loc=300_000, scale=300_000).var() + (a1 * 10_000) ** 2 + (a2 * 30_000) ** 2
                 + (2e6 * a3 * 0.015) ** 2)
    assert abs(case.sd_npv - sd) < 4 * sd / np.sqrt(2 * 20_000)
    assert case.p_positive == pytest.approx(np.mean(case.npv_draws > 0))
    be = case.break_even()
    assert be["probability"].sum() == pytest.approx(1.0)
    assert be["cumulative"].iloc[-1] == pytest.approx(1.0)


def test_evpi_normal_closed_form_and_zero_when_decision_fixed():
    mu, sigma = -0.5, 2.0
    case = fin.business_case([fin.saving("x", U.normal(mu, sigma), start=0, end=0)], horizon=1, n_sims=40_000, seed=3)
    want = mu * stats.norm.cdf(mu / sigma) + sigma * stats.norm.pdf(mu / sigma) - max(mu, 0)
    assert abs(case.evpi - want) < 4 * case.se_evpi
    sure = fin.business_case([fin.saving("x", U.uniform(10, 20)), fin.one_off_cost("r", 5)], horizon=3, n_sims=2000)
    assert sure.evpi == 0.0 and sure.p_positive == 1.0


@pytest.mark.parametrize("u, ref", [
    (U.normal(10, 2), stats.norm(10, 2)),
    (U.lognormal(100, 50), stats.lognorm(s=np.sqrt(np.log(1.25)), scale=100 / np.sqrt(1.25))),
    (U.gamma(5, 3), stats.gamma(a=25 / 9, scale=9 / 5)),
    (U.beta(0.2, 0.1), stats.beta(0.2 * 15, 0.8 * 15)),
    (U.uniform(2, 6), stats.uniform(2, 4)),
    (U.triangular(1, 2, 6), stats.triang(c=0.2, loc=1, scale=5)),
])
def test_uncertain_matches_scipy(u, ref):
    # beta: ν = m(1 − m)/sd² − 1 = 15; gamma: shape (m/sd)², scale sd²/m; lognormal σ² = ln(1 + cv²).
    assert u.mean == pytest.approx(ref.mean(), rel=1e-12)
    assert u.sd == pytest.approx(ref.std(), rel=1e-12)
    for p in (0.025, 0.1, 0.5, 0.9, 0.975):
        assert u.quantile(p) == pytest.approx(ref.ppf(p), rel=1e-9)
    x = u.sample(20_000, seed=4)
    assert abs(x.mean() - ref.mean()) < 4 * ref.std() / np.sqrt(x.size)
    assert stats.kstest(x, ref.cdf).pvalue > 1e-4


def test_same_numbers_any_thread_count_and_seed_matters():
    one = _example(n_sims=3000, threads=1)
    two = _example(n_sims=3000, threads=2)
    np.testing.assert_array_equal(one.npv_draws, two.npv_draws)
    assert one.evpi == two.evpi
    assert not np.array_equal(one.npv_draws, _example(n_sims=3000, seed=6).npv_draws)


def test_tornado_summary_plot_and_html():
    import matplotlib
    matplotlib.use("Agg")
    case = _example(n_sims=2000)
    t = case.tornado()
    assert list(t.columns) == ["input", "low_value", "high_value", "npv_low", "npv_high", "swing"]
    assert t["swing"].is_monotonic_decreasing
    # A saving's bar by hand: (q90 − q10) × its annuity factor (years 2..10).
    row = t.set_index("input").loc["shared management posts"]
    d = 1.035 ** -np.arange(11)
    assert row["swing"] == pytest.approx(30_000 * 2 * stats.norm.ppf(0.9) * d[2:].sum(), rel=1e-9)
    s = str(case.summary())
    assert re.search(rf"P\(NPV > 0\) +{100 * case.p_positive:.1f}%\n", s)
    assert "shared management posts" in s and "£" in s and "e+0" not in s
    fig = case.plot()
    assert len(fig.axes) == 2
    assert [a.get_xlabel() for a in fig.axes] == ["net present value (£)"] * 2
    fig.canvas.draw()
    assert any("£" in t.get_text() for t in fig.axes[0].get_xticklabels())  # money ticks, no 1e6 offset
    assert "NPV at the means" in case._repr_html_()


def test_bad_input_messages():
    with pytest.raises(hp.DomainError, match="horizon must be at least 1 year, got 0"):
        fin.business_case([fin.saving("s", 1)], horizon=0)
    with pytest.raises(hp.DomainError, match="discount rate must be finite and >= 0"):
        fin.business_case([fin.saving("s", 1)], rate=-0.02)
    # 3.5 for 3.5%: refused with the fraction it probably meant, not applied as 350% a year
    with pytest.raises(hp.DomainError, match=re.escape("at most 1 (100% a year; the Green Book's is 0.035), got 3.5: "
                                                       "did you mean 0.035?")):
        fin.business_case([fin.saving("s", 1)], rate=3.5)
    with pytest.raises(hp.DomainError, match=re.escape("got 3.5: did you mean 0.035?")):
        hp.appraisal.appraise([hp.appraisal.Option("a", [fin.saving("s", 1)])], rate=3.5)
    assert fin.business_case([fin.saving("s", 1)], horizon=1, rate=1.0).npv == pytest.approx(0.5)
    with pytest.raises(hp.DomainError, match=r"Uncertain.normal: sd must be >= 0, got -1"):
        U.normal(0, -1)
    with pytest.raises(hp.DomainError, match=r"Uncertain.beta: mean must be in \(0, 1\), got 1.5"):
        U.beta(1.5, 0.1)
    with pytest.raises(hp.DataError, match='flow 0 \\("falls"\\) baseline'):
        fin.business_case([fin.prevention("falls", baseline=-1, effect=0.1)])
    with pytest.raises(hp.DomainError, match="saving 'posts': amount must be a number or an hp.finance.Uncertain"):
        fin.saving("posts", "lots")
    with pytest.raises(hp.DomainError, match=r"flows\[0\] must be an hp.finance Flow"):
        fin.business_case([("posts", 1)])


def test_uncertain_docstring_example_runs():
    # The class lives in _core, so the module doctest run skips it: run its example here.
    import doctest

    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    tests = doctest.DocTestFinder().find(U, "Uncertain", module=False)
    assert sum(len(t.examples) for t in tests) >= 3
    for t in tests:
        runner.run(t)
    assert runner.failures == 0


def test_flows_from_a_table_match_the_builders():
    import pandas as pd

    table = pd.DataFrame({"name": ["r", "team", "posts", "falls"],
                          "kind": ["one_off_cost", "running_cost", "saving", "prevention"],
                          "amount": [1000, 200, U.normal(400, 50), 0.05], "start": [0, 1, 2, 3],
                          "end": [None, 4, None, None], "years": [2, None, None, None],
                          "baseline": [None, None, None, 10_000]})
    built = [fin.one_off_cost("r", 1000, 0, 2), fin.running_cost("team", 200, 1, 4), fin.saving("posts", 400, 2),
             fin.prevention("falls", 10_000, 0.05, 3)]
    a = fin.business_case(table, horizon=5, n_sims=0)
    b = fin.business_case(built, horizon=5, n_sims=0)
    assert a.npv == b.npv
    with pytest.raises(hp.DomainError, match=r"row 0 \('r'\) kind must be one of"):
        fin.flows_from_frame(table.assign(kind="cost"))
    with pytest.raises(hp.DataError, match=r"missing \['amount'\]"):
        fin.flows_from_frame(table.drop(columns="amount"))
