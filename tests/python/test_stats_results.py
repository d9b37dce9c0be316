"""The result protocol of the stats, numerics and analysis boxes (docs/conventions.md, "Results"), beyond what
test_contract.py checks on every result: intervals at another level are the ones a fresh run gives, results pickle
to equal results, summaries show numbers for people, and the compiled fit and its Python face agree."""
from __future__ import annotations

import pickle

import numpy as np
import pytest

import healthyplaces as hp
from healthyplaces import _core
from healthyplaces._result import ConfidenceInterval, Summary

X = [3.0, 4, 4, 3, 2, 5, 4, 3, 2, 4, 5, 3]
Y = [1.0, 2, 2, 1, 3, 2, 1, 2, 2, 1, 3, 2]


@pytest.mark.parametrize("method", ["percentile", "basic"])
@pytest.mark.parametrize("resampling", ["exact", "multinomial", "indices"])
def test_bootstrap_interval_at_another_level_is_a_fresh_run_at_that_level(method, resampling):
    kw = dict(method=method, resampling=resampling, n_resamples=2000, seed=3)
    res = hp.stats.bootstrap((X, Y), "mean", **kw)
    again = hp.stats.bootstrap((X, Y), "mean", confidence_level=0.8, **kw)
    assert res.confidence_interval(0.8) == again.confidence_interval()
    assert res.confidence_interval() == res.confidence_interval(0.95)
    inner, outer = res.confidence_interval(0.8), res.confidence_interval()
    assert outer.low <= inner.low <= inner.high <= outer.high


def test_bca_at_another_level_is_a_fresh_run_and_a_callable_says_how_to_get_it():
    kw = dict(n_resamples=999, resampling="indices", seed=4)
    res = hp.stats.bootstrap((X, Y), "median", **kw)
    assert res.confidence_interval(0.8) == hp.stats.bootstrap((X, Y), "median", confidence_level=0.8,
                                                              **kw).confidence_interval()
    assert pickle.loads(pickle.dumps(res)).confidence_interval(0.8) == res.confidence_interval(0.8)
    with pytest.raises(hp.DomainError, match="did you mean 0.95"):
        res.confidence_interval(95)
    fn = hp.stats.bootstrap((X,), np.mean, **kw)
    with pytest.raises(hp.DomainError, match="confidence_level=0.8"):
        fn.confidence_interval(0.8)


@pytest.mark.parametrize("routine, args", [
    ("hodges_lehmann", (X, Y)), ("hodges_lehmann", (X,)), ("cliffs_delta", (X, Y)),
    ("probability_of_superiority", (X, Y))])
def test_estimates_at_another_level_are_a_fresh_run(routine, args):
    fn = getattr(hp.stats, routine)
    res = fn(*args)
    assert isinstance(res.confidence_interval(), ConfidenceInterval)
    assert res.confidence_interval(0.8) == fn(*args, confidence_level=0.8).confidence_interval()
    inner, outer = res.confidence_interval(0.8), res.confidence_interval()
    assert outer.low <= inner.low <= inner.high <= outer.high
    paired = hp.stats.hodges_lehmann(X, Y, paired=True)
    assert paired.confidence_interval(0.8) == hp.stats.hodges_lehmann(
        X, Y, paired=True, confidence_level=0.8).confidence_interval()


def test_results_pickle_to_equal_results_and_differ_from_others():
    a = hp.stats.permutation_test((X, Y), "mean_difference", n_resamples=999, method="monte_carlo", seed=1)
    b = hp.stats.permutation_test((X, Y), "mean_difference", n_resamples=999, method="monte_carlo", seed=2)
    assert pickle.loads(pickle.dumps(a)) == a
    assert a != b  # another seed, another null distribution
    boot = hp.stats.bootstrap((X,), "median", method="percentile")
    assert pickle.loads(pickle.dumps(boot)) == boot
    table = hp.datasets.nlgn2008_table()
    for res in (hp.compare_sectors(table, by="kind"), hp.paired_sector_tests(table, adjust="bonferroni"),
                hp.competency_gaps(table), hp.pilot_candidates(table, max_nhs_stars=2)):
        again = pickle.loads(pickle.dumps(res))
        assert again == res and str(again.summary()) == str(res.summary())
    assert hp.pilot_candidates(table, max_nhs_stars=2) != hp.pilot_candidates(table)


def test_test_results_unpack_and_summarise_for_people():
    res = hp.stats.wilcoxon(X, Y, method="asymptotic")
    stat, p = res
    assert (stat, p) == (res.statistic, res.pvalue)
    text = str(res.summary())
    assert isinstance(res.summary(), Summary) and "zstatistic" in text and "np." not in text
    assert "df" not in res.to_frame().columns  # fields the test does not define are left out


def test_ols_fit_agrees_with_the_compiled_fit():
    rng = np.random.default_rng(4)
    X2 = np.column_stack([np.ones(40), rng.normal(size=40), rng.normal(size=40)])
    y = X2 @ [1.0, 0.4, 0.0] + rng.normal(size=40)
    fit = hp.numerics.ols(X2, y, ["const", "a", "b"], cov_type="HC1")
    core = _core.numerics.ols(X2, y, ["const", "a", "b"], cov_type="HC1")
    np.testing.assert_array_equal(fit.params, core.params)
    stat, p, *_ = core.wald_test([1, 2])
    w = fit.wald_test(["a", "b"])
    assert (w.statistic, w.pvalue) == (stat, p)
    at90 = hp.numerics.ols(X2, y, ["const", "a", "b"], cov_type="HC1", confidence_level=0.9)
    ci = fit.confidence_interval(0.9, term="a")
    assert ci.low == pytest.approx(at90.ci_low[1], rel=1e-12) and ci.high == pytest.approx(at90.ci_high[1], rel=1e-12)
    assert pickle.loads(pickle.dumps(fit)) == fit
    assert list(fit.to_frame().index) == ["const", "a", "b"]


def test_quantile_takes_data_then_p_then_the_scale_in_python_and_the_binding():
    xs = np.array([1.0, 2, 2, 3, 4])
    assert hp.stats.quantile(xs, 0.25, 1, 4) == _core.stats.quantile(xs, 0.25, 1, 4) == np.quantile(xs, 0.25)


def test_sector_comparison_category_table_and_flag():
    cmp = hp.compare_sectors(hp.datasets.nlgn2008_table())
    s = cmp.category_table("financial_standing", "nhs_commissioner")
    assert list(s.modes) == cmp.modes("financial_standing", "nhs_commissioner")
    assert list(cmp.modal_table(show_labels=False).columns) == ["local_authority", "nhs_commissioner"]
    assert "Paired tests" in str(cmp.summary())


def test_the_gaps_chart_shows_the_widest_thirty_and_says_so():
    from healthyplaces.analysis import _charts

    gaps = hp.competency_gaps(hp.datasets.nlgn2008_table())
    fig = _charts.competency_gaps(list(gaps.gaps) * 4, gaps.framework)
    assert len(fig.axes[0].get_yticks()) == _charts.MAX_AREAS
    assert any("30 widest gaps of 36 areas" in t.get_text() for t in fig.texts)
