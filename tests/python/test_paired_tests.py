"""Issue 4, item 7: the paired Wilcoxon test of council against NHS body per category, checked against scipy
and statsmodels on the green paper's nine areas."""
from __future__ import annotations

import numpy as np
import pytest
import scipy.stats as ss
from statsmodels.stats.multitest import multipletests

import healthyplaces as hp


@pytest.fixture(scope="module")
def table():
    return hp.read_scores(hp.datasets.nlgn2008())


def _differences(table, category):
    out = []
    for area in table.areas:
        c = table.score(area.council, category)
        n = table.score(area.nhs_body, category)
        if c is not None and n is not None:
            out.append(c - n)
    return np.array(out, dtype=float)


def test_pvalues_match_scipy_exact_permutation_and_holm_matches_statsmodels(table):
    res = hp.paired_sector_tests(table)
    frame = res.to_frame()
    expected = []
    for cat in frame["category"]:
        d = _differences(table, cat)
        # scipy's exact conditional distribution: every sign flip of the non-zero differences
        ref = ss.wilcoxon(d, zero_method="wilcox", method=ss.PermutationMethod(n_resamples=np.inf))
        expected.append(ref.pvalue)
    np.testing.assert_allclose(frame["pvalue"], expected, rtol=1e-10)
    holm = multipletests(expected, method="holm")[1]
    np.testing.assert_allclose(frame["pvalue_adjusted"], holm, rtol=1e-10)
    # and the numbers a reader can check by hand: 2/256 for eight councils ahead, 0.25 for three
    np.testing.assert_allclose(frame["pvalue"], [0.25, 2 / 256, 2 / 256, 2 / 256, 2 / 256], rtol=1e-12)


def test_shift_is_the_hodges_lehmann_pseudo_median_and_counts_add_up(table):
    frame = hp.paired_sector_tests(table).to_frame()
    for _, row in frame.iterrows():
        d = _differences(table, row["category"])
        walsh = [(d[i] + d[j]) / 2 for i in range(len(d)) for j in range(i, len(d))]
        assert row["shift"] == pytest.approx(np.median(walsh), rel=1e-12)
        assert row["shift_low"] <= row["shift"] <= row["shift_high"]
        assert row["council_higher"] == (d > 0).sum() and row["nhs_higher"] == (d < 0).sum()
        assert row["tied"] == (d == 0).sum() and row["n_pairs"] == len(d) == 9
        assert row["mean_difference"] == pytest.approx(d.mean(), rel=1e-12)


def test_compare_sectors_gains_the_paired_tests_and_plain_words(table):
    cmp = hp.compare_sectors(table)
    res = cmp.paired_tests()
    assert res.to_frame().equals(hp.paired_sector_tests(table).to_frame())
    words = res.findings()
    assert words[1].startswith("Financial management: the council scored higher than its NHS body in 8 of 9 areas")
    assert "0.039 after Holm's adjustment — unlikely to be chance" in words[1]
    assert "not distinguishable from chance" in words[0]
    assert words[-1] == ("Overall: in 4 of 5 categories the difference between councils and their NHS bodies is "
                         "unlikely to be chance (Holm-adjusted p < 0.05).")
    assert "Paired tests" in cmp._repr_html_()
    # Bonferroni: 5 × 2/256 = 0.039 too, and 5 × 0.25 capped at 1
    bonf = cmp.paired_tests(adjust="bonferroni").to_frame()["pvalue_adjusted"].tolist()
    assert bonf == pytest.approx([1.0] + [10 / 256] * 4, rel=1e-12)


def test_paired_tests_bad_options_are_clear_errors(table):
    with pytest.raises(hp.DomainError, match="confidence"):
        hp.paired_sector_tests(table, confidence_level=1.5)
    with pytest.raises(hp.DomainError, match="alternative"):
        hp.paired_sector_tests(table, alternative="sideways")
    with pytest.raises(hp.DomainError):
        hp.paired_sector_tests(table, adjust="magic")
    lone = hp.read_scores(hp.datasets.nlgn2008().drop(columns=["area"]))
    with pytest.raises(hp.DomainError, match="areas"):
        hp.paired_sector_tests(lone)
