"""Effect sizes against brute-force numpy implementations of the published formulas and scipy's Mann–Whitney U;
adjusted p-values against statsmodels' multipletests and scipy's false_discovery_control."""
from __future__ import annotations

import gc
import math
import warnings

import numpy as np
import pandas as pd
import pytest
import scipy.stats as st
from statsmodels.stats.multitest import multipletests

import healthyplaces as hp

RTOL = 1e-10


def _close(a, b, rtol=RTOL, atol=1e-12):
    return a == pytest.approx(b, rel=rtol, abs=atol)


def _samples(rng):
    """Random and heavily tied two-sample cases, small and large, some disjoint or all equal."""
    cases = [(np.array([1.0, 3]), np.array([2.0, 4])),
             (np.array([1.0, 2, 3]), np.array([4.0, 5, 6, 7])),    # disjoint, d = −1
             (np.array([9.0, 8, 7]), np.array([1.0, 2])),          # disjoint, d = +1
             (np.array([2.0, 2, 2]), np.array([2.0, 2, 2, 2]))]    # all equal, d = 0
    for _ in range(120):
        nx, ny = (int(rng.integers(2, 30)), int(rng.integers(2, 30))) if rng.random() < 0.8 else \
            (int(rng.integers(100, 400)), int(rng.integers(100, 400)))
        if rng.random() < 0.5:
            cases.append((rng.integers(1, 5, nx).astype(float), rng.integers(1, 5, ny).astype(float)))
        else:
            cases.append((rng.normal(0, 1, nx), rng.normal(rng.normal(0, 1), rng.uniform(0.5, 3), ny)))
    return cases


def cliff_reference(x, y, confidence=0.95, variance="unbiased", distribution="t"):
    """Cliff's delta and interval straight from the nx·ny dominance matrix (the definitions, no shortcuts)."""
    dm = np.sign(x[:, None] - y[None, :])
    n1, n2 = dm.shape
    d = dm.mean()
    dd = d * (n1 * n2 - 1) / (n1 * n2) if abs(d) == 1 else d  # effsize's rule for disjoint samples
    ss_i = ((dm.mean(axis=1) - dd) ** 2).sum()
    ss_j = ((dm.mean(axis=0) - dd) ** 2).sum()
    ss_ij = ((dm - dd) ** 2).sum()
    if variance == "unbiased":  # Cliff (1993)
        s2 = (n2 ** 2 * ss_i + n1 ** 2 * ss_j - ss_ij) / (n1 * n2 * (n1 - 1) * (n2 - 1))
    else:  # Cliff (1996)
        s2 = ((n2 - 1) * ss_i / (n1 - 1) + (n1 - 1) * ss_j / (n2 - 1) + ss_ij / ((n1 - 1) * (n2 - 1))) / (n1 * n2)
    s2 = max(s2, (1 - dd ** 2) / (n1 * n2 - 1))  # Cliff's smallest allowable variance
    q = (1 + confidence) / 2
    z = st.t.ppf(q, n1 + n2 - 2) if distribution == "t" else st.norm.ppf(q)
    half = z * math.sqrt(s2) * math.sqrt((1 - dd ** 2) ** 2 + z ** 2 * s2)
    den = 1 - dd ** 2 + z ** 2 * s2
    lo = -1.0 if d == -1 else (dd - dd ** 3 - half) / den
    hi = 1.0 if d == 1 else (dd - dd ** 3 + half) / den
    return d, lo, hi, math.sqrt(s2)


@pytest.mark.parametrize("variance", ["unbiased", "consistent"])
@pytest.mark.parametrize("distribution", ["t", "normal"])
def test_cliffs_delta_matches_brute_force_reference(variance, distribution):
    for x, y in _samples(np.random.default_rng(1993)):
        for conf in (0.95, 0.8):
            res = hp.stats.cliffs_delta(x, y, conf, variance=variance, distribution=distribution)
            d, lo, hi, se = cliff_reference(x, y, conf, variance, distribution)
            assert _close(res.estimate, d), (len(x), len(y))
            assert _close(res.confidence_interval().low, lo), (len(x), len(y), variance, distribution)
            assert _close(res.confidence_interval().high, hi), (len(x), len(y), variance, distribution)
            assert _close(res.standard_error, se)
            assert res.rank_biserial == res.estimate
            assert res.confidence_level == conf


def test_cliffs_delta_is_the_rank_biserial_correlation_of_mann_whitney_u():
    for x, y in _samples(np.random.default_rng(5)):
        u = st.mannwhitneyu(x, y).statistic
        assert _close(hp.stats.cliffs_delta(x, y).estimate, 2 * u / (len(x) * len(y)) - 1)


def test_cliffs_delta_by_hand_and_published():
    # x = 1 3, y = 2 4: signs (1,2) −, (1,4) −, (3,2) +, (3,4) − → d = −½; row means −1, 0; column means 0, −1;
    # Σ(d_i. − d)² = Σ(d_.j − d)² = ½; ΣΣ(d_ij − d)² = ¼ + ¼ + 9/4 + ¼ = 3;
    # unbiased s² = (4·½ + 4·½ − 3)/(2·2·1·1) = ¼, so s = ½; with z = 1.959964: 1 − d² = ¾, z²s² = 0.960365,
    # half-width z·s·√(¾² + z²s²) = 1.209341, interval ((−0.375 ∓ 1.209341)/1.710365) = (−0.926318, 0.487815).
    res = hp.stats.cliffs_delta([1, 3], [2, 4], distribution="normal")
    assert res.estimate == -0.5 and res.standard_error == pytest.approx(0.5, rel=1e-14)
    assert res.confidence_interval() == pytest.approx((-0.926318, 0.487815), abs=1e-6)
    # R: effsize::cliff.delta(x1, x2) (its own test outputs)
    res = hp.stats.cliffs_delta([10, 20, 20, 20, 30, 30, 30, 40, 50, 100], pd.Series([10, 20, 30, 40, 40, 50]))
    assert res.confidence_interval() == pytest.approx((-0.6082254, 0.5172431), abs=1e-7)
    res = hp.stats.cliffs_delta([10, 10, 20, 20, 20, 30, 30, 30, 40, 50], [10, 20, 30, 40, 40, 50],
                                variance="consistent", distribution="normal")
    assert res.estimate == -0.25
    assert res.confidence_interval() == pytest.approx((-0.7125351, 0.3639999), abs=1e-7)


def _bm_parts(x, y):
    nx, ny = len(x), len(y)
    rc = st.rankdata(np.concatenate([x, y]))
    vx = nx * (rc[:nx] - st.rankdata(x)).var(ddof=1)
    vy = ny * (rc[nx:] - st.rankdata(y)).var(ddof=1)
    if vx + vy == 0:
        return 0.0, math.nan
    return vx + vy, (vx + vy) ** 2 / (vx ** 2 / (nx - 1) + vy ** 2 / (ny - 1))


def test_probability_of_superiority_matches_u_and_the_brunner_munzel_interval():
    checked = 0
    for x, y in _samples(np.random.default_rng(2000)):
        nx, ny = len(x), len(y)
        res = hp.stats.probability_of_superiority(x, y, 0.9)
        est = st.mannwhitneyu(x, y).statistic / (nx * ny)
        assert _close(res.estimate, est)
        v, df = _bm_parts(x, y)
        if v == 0:  # no overlap or all equal: Cliff's interval mapped by (1 + d)/2
            _, lo, hi, _ = cliff_reference(x, y, 0.9)
            assert _close(res.confidence_interval().low, (1 + lo) / 2)
            assert _close(res.confidence_interval().high, (1 + hi) / 2)
            assert "Cliff" in res.method
            continue
        se = math.sqrt(v) / (nx * ny)
        q = st.t.ppf(0.95, df)
        assert _close(res.standard_error, se)
        assert _close(res.confidence_interval().low, max(0.0, est - q * se))
        assert _close(res.confidence_interval().high, min(1.0, est + q * se))
        # the same estimate and SE that scipy's Brunner–Munzel test of (y, x) studentizes
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            w = st.brunnermunzel(y, x).statistic
        assert _close((res.estimate - 0.5) / res.standard_error, w, atol=1e-9)
        checked += 1
    assert checked > 100


def test_probability_of_superiority_published():
    # R: brunnermunzel.test(Y, N) on the pain scores gives P(X<Y)+.5*P(X=Y) = 0.788961, CI (0.5952169, 0.9827052)
    Y = [1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 2, 4, 1, 1]
    N = [3, 3, 4, 3, 1, 2, 3, 1, 1, 5, 4]
    res = hp.stats.probability_of_superiority(N, Y)
    assert res.estimate == pytest.approx(0.788961039, abs=1e-9)
    assert res.confidence_interval() == pytest.approx((0.5952169, 0.9827052), abs=1e-7)


def test_effect_sizes_bad_input():
    with pytest.raises(hp.DataError, match="x: Cliff's delta needs at least 2 observations"):
        hp.stats.cliffs_delta([1], [1, 2])
    with pytest.raises(hp.DataError, match="y: missing value"):
        hp.stats.probability_of_superiority([1, 2], [1, np.nan])
    with pytest.raises(hp.DomainError, match="strictly between 0 and 1"):
        hp.stats.cliffs_delta([1, 2], [1, 3], confidence_level=1.5)
    with pytest.raises(hp.DomainError, match="strictly between 0 and 1"):
        hp.stats.probability_of_superiority([1, 2], [1, 3], confidence_level=0)
    with pytest.raises(hp.DomainError, match="unknown variance"):
        hp.stats.cliffs_delta([1, 2], [1, 3], variance="biased")
    res = hp.stats.cliffs_delta([1, 2, np.nan], [1, 3], nan_policy="omit")
    assert res.n == 4
    frame = res.to_frame()
    assert {"estimate", "ci_low", "ci_high", "rank_biserial"} <= set(frame.columns)


# --- adjusted p-values ----------------------------------------------------------------------------------------

STATSMODELS = {"bonferroni": "bonferroni", "holm": "holm", "hochberg": "simes-hochberg", "bh": "fdr_bh",
               "by": "fdr_by"}


def _pvalue_sets(rng):
    sets = [np.array([0.5]), np.array([0.0, 1.0]), np.array([0.02, 0.02, 0.02]), np.zeros(4), np.ones(3)]
    for _ in range(200):
        m = int(rng.integers(1, 200))
        p = rng.uniform(0, 1, m) ** rng.uniform(1, 6)  # many small ones
        if rng.random() < 0.5:
            p = np.round(p, int(rng.integers(1, 3)))  # ties
        p[rng.random(m) < 0.05] = 0.0
        p[rng.random(m) < 0.05] = 1.0
        sets.append(p)
    return sets


@pytest.mark.parametrize("method", list(STATSMODELS))
def test_adjust_pvalues_matches_statsmodels(method, monkeypatch):
    # statsmodels' holm branch calls gc.collect() on every call (60 ms here); it changes no numbers
    monkeypatch.setattr(gc, "collect", lambda *args: 0)
    for p in _pvalue_sets(np.random.default_rng(1995)):
        ours = hp.stats.adjust_pvalues(p, method)
        for name in (method, STATSMODELS[method]):  # both spellings
            np.testing.assert_allclose(hp.stats.adjust_pvalues(p, name), ours, rtol=0, atol=0)
        ref = multipletests(p, method=STATSMODELS[method])[1]
        np.testing.assert_allclose(ours, ref, rtol=1e-12, atol=1e-15)
        assert isinstance(ours, np.ndarray) and ours.max() <= 1.0 and (ours >= p).all()
        if method in ("bh", "by"):
            np.testing.assert_allclose(ours, st.false_discovery_control(p, method=method), rtol=1e-12, atol=1e-15)


def test_adjust_pvalues_is_monotone_in_the_sorted_order():
    rng = np.random.default_rng(9)
    for p in _pvalue_sets(rng)[:50]:
        order = np.argsort(p, kind="stable")
        for method in STATSMODELS:
            adj = hp.stats.adjust_pvalues(p, method)[order]
            assert (np.diff(adj) >= 0).all(), method


def test_adjust_pvalues_series_in_series_out_and_bad_input():
    s = pd.Series([0.01, 0.04, 0.03, 0.5], index=["a", "b", "c", "d"], name="p")
    out = hp.stats.adjust_pvalues(s)  # holm by default: 4·.01; 3·.03 = .09; max(.09, 2·.04); .5
    assert isinstance(out, pd.Series) and out.name == "p" and list(out.index) == ["a", "b", "c", "d"]
    np.testing.assert_allclose(out.to_numpy(), [0.04, 0.09, 0.09, 0.5], rtol=1e-15)
    assert isinstance(hp.stats.adjust_pvalues([0.1, 0.2], "BH"), np.ndarray)
    with pytest.raises(hp.DataError, match="position 2"):
        hp.stats.adjust_pvalues([0.1, 0.2, np.nan])
    with pytest.raises(hp.DataError, match="position 1"):
        hp.stats.adjust_pvalues(pd.Series([0.1, None], dtype="Float64"))
    with pytest.raises(hp.DataError, match=r"value 1.2\d* at position 0"):
        hp.stats.adjust_pvalues([1.2])
    with pytest.raises(hp.DataError, match="position 1"):
        hp.stats.adjust_pvalues([0.3, -0.01])
    with pytest.raises(hp.DataError, match="empty"):
        hp.stats.adjust_pvalues([])
    with pytest.raises(hp.DomainError, match="unknown p-value adjustment 'sidak'"):
        hp.stats.adjust_pvalues([0.1], "sidak")
