"""Kruskal–Wallis and Brunner–Munzel against scipy.stats (kruskal, brunnermunzel, permutation_test)."""
from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
import scipy.stats as st

import healthyplaces as hp

RTOL = 1e-10


def _battery(rng, k_range=(2, 5)):
    """Samples for k-sample tests: continuous, heavy ties on 1–4, small and large n, shifted and spread."""
    cases = []
    for _ in range(60):
        k = int(rng.integers(*k_range, endpoint=True))
        kind = rng.choice(["normal", "ordinal", "spread"])
        big = rng.random() < 0.2
        groups = []
        for j in range(k):
            n = int(rng.integers(50, 400)) if big else int(rng.integers(1, 25))
            if kind == "normal":
                groups.append(rng.normal(0.3 * j, 1, n))
            elif kind == "ordinal":
                groups.append(rng.integers(1, 5, n).astype(float) + (rng.random(n) < 0.2 * j))
            else:
                groups.append(rng.normal(0, 1 + j, n).round(1))
        if len(np.unique(np.concatenate(groups))) > 1:
            cases.append(groups)
    return cases


def _close(a, b, rtol=RTOL):
    return a == pytest.approx(b, rel=rtol, abs=1e-300)


# --- Kruskal–Wallis -------------------------------------------------------------------------------------------

def test_kruskal_matches_scipy_over_a_battery():
    for groups in _battery(np.random.default_rng(2008)):
        ours = hp.stats.kruskal(*groups)
        ref = st.kruskal(*groups)
        assert _close(ours.statistic, ref.statistic), [len(g) for g in groups]
        assert _close(ours.pvalue, ref.pvalue), [len(g) for g in groups]
        assert ours.df == len(groups) - 1
        assert ours.n == sum(len(g) for g in groups)


def _H(*samples, axis=-1):
    return st.kruskal(*samples, axis=axis).statistic


def test_kruskal_exact_matches_scipy_permutation_test():
    rng = np.random.default_rng(4)
    sizes_list = [(2, 3), (4, 5), (3, 3, 3), (2, 4, 5), (2, 2, 3, 3), (6, 7)]  # scipy needs n ≥ 2
    for sizes in sizes_list:
        for kind in ("continuous", "ordinal"):
            if kind == "continuous":
                groups = [rng.normal(0.5 * j, 1, n) for j, n in enumerate(sizes)]
            else:
                groups = [rng.integers(1, 5, n).astype(float) for n in sizes]
            if len(np.unique(np.concatenate(groups))) == 1:
                continue
            ours = hp.stats.kruskal(*groups, method="exact")
            ref = st.permutation_test(groups, _H, n_resamples=np.inf, alternative="greater", vectorized=True)
            assert _close(ours.statistic, ref.statistic)
            assert _close(ours.pvalue, ref.pvalue), (sizes, kind, ours.method)
            assert "exact" in ours.method


def test_kruskal_monte_carlo_is_reproducible_and_near_exact():
    rng = np.random.default_rng(11)
    groups = [rng.integers(1, 5, n).astype(float) for n in (9, 10, 8)]  # 27!/(9!10!8!) ≈ 6e11 labellings
    exact = hp.stats.kruskal(*groups, method="exact").pvalue
    runs = {t: hp.stats.kruskal(*groups, method="monte_carlo", n_resamples=20000, seed=5, threads=t).pvalue
            for t in (1, 2, 0)}
    assert len(set(runs.values())) == 1  # the thread count does not change a single bit
    assert hp.stats.kruskal(*groups, method="monte_carlo", n_resamples=20000, seed=6).pvalue != runs[1]
    se = math.sqrt(exact * (1 - exact) / 20000)
    assert abs(runs[1] - exact) < 5 * se + 1 / 20001
    # p = (count + 1)/(B + 1): never zero, and a multiple of 1/(B + 1)
    p = hp.stats.kruskal(*groups, method="monte_carlo", n_resamples=999).pvalue
    assert p > 0 and abs(p * 1000 - round(p * 1000)) < 1e-9


def test_kruskal_exact_refuses_too_many_arrangements():
    groups = [np.arange(15.0) + 0.1 * j for j in range(3)]
    with pytest.raises(hp.DomainError, match="monte_carlo"):
        hp.stats.kruskal(*groups, method="exact")


def test_kruskal_inputs_and_bad_input():
    a, b = [1, 2, 3, 4], np.array([2.0, 5, 6])
    ref = st.kruskal(a, b)
    assert _close(hp.stats.kruskal(pd.Series(a), b).pvalue, ref.pvalue)
    assert _close(hp.stats.kruskal([1, 2, np.nan, 3, 4], b, nan_policy="omit").pvalue, ref.pvalue)
    with pytest.raises(hp.DataError, match="sample 2: missing value"):
        hp.stats.kruskal(a, [1, np.nan])
    with pytest.raises(hp.DataError, match=r"sample 3: missing value \(NaN\) at position 1"):  # float64 fast path
        hp.stats.kruskal(a, b, np.array([1.0, np.nan]))
    with pytest.raises(hp.DataError, match="at least 2 samples"):
        hp.stats.kruskal(a)
    with pytest.raises(hp.DataError, match="sample 2 of 2 is empty"):
        hp.stats.kruskal(a, [])
    with pytest.raises(hp.DataError, match="every value in the 2 samples is equal"):
        hp.stats.kruskal([3, 3], [3])
    with pytest.raises(hp.DomainError, match="unknown method 'fast'"):
        hp.stats.kruskal(a, b, method="fast")
    with pytest.raises(hp.DomainError, match="n_resamples must be a whole number from 1 to 1,000,000,000, got 0"):
        hp.stats.kruskal(a, b, method="monte_carlo", n_resamples=0)
    res = hp.stats.kruskal(a, b)
    stat, p = res
    assert (stat, p) == (res.statistic, res.pvalue)
    assert list(res.to_frame().columns[:2]) == ["statistic", "pvalue"]


# --- Brunner–Munzel -------------------------------------------------------------------------------------------

def _bm_reference_df(x, y):
    """Welch–Satterthwaite df written out from Brunner & Munzel (2000), as scipy computes it internally."""
    nx, ny = len(x), len(y)
    rc = st.rankdata(np.concatenate([x, y]))
    px = rc[:nx] - st.rankdata(x)
    py = rc[nx:] - st.rankdata(y)
    vx, vy = nx * px.var(ddof=1), ny * py.var(ddof=1)
    return (vx + vy) ** 2 / (vx ** 2 / (nx - 1) + vy ** 2 / (ny - 1))


def _two_sample_battery(rng):
    cases = []
    for _ in range(80):
        big = rng.random() < 0.2
        nx, ny = (int(rng.integers(50, 500)), int(rng.integers(50, 500))) if big else \
            (int(rng.integers(2, 25)), int(rng.integers(2, 25)))
        kind = rng.choice(["normal", "ordinal", "spread"])
        if kind == "normal":
            x, y = rng.normal(0, 1, nx), rng.normal(0.4, 1, ny)
        elif kind == "ordinal":
            x, y = rng.integers(1, 5, nx).astype(float), rng.integers(1, 5, ny).astype(float)
        else:
            x, y = rng.normal(0, 1, nx).round(1), rng.normal(0.2, 3, ny).round(1)
        if len(np.unique(np.concatenate([x, y]))) > 1 and \
                min(x.max(), y.max()) > max(x.min(), y.min()):  # overlapping: scipy's p is finite
            cases.append((x, y))
    return cases


@pytest.mark.parametrize("alternative", ["two-sided", "less", "greater"])
@pytest.mark.parametrize("distribution", ["t", "normal"])
def test_brunnermunzel_matches_scipy_over_a_battery(alternative, distribution):
    for x, y in _two_sample_battery(np.random.default_rng(1973)):
        ours = hp.stats.brunnermunzel(x, y, alternative, distribution)
        ref = st.brunnermunzel(x, y, alternative, distribution)
        assert _close(ours.statistic, ref.statistic), (len(x), len(y))
        assert _close(ours.pvalue, ref.pvalue), (len(x), len(y), ours.pvalue, ref.pvalue)
        # p̂ = P(X < Y) + ½P(X = Y), by brute force over the pairs
        diff = x[:, None] - y[None, :]
        assert _close(ours.estimate, ((diff < 0).mean() + 0.5 * (diff == 0).mean()))
        if distribution == "t":
            assert _close(ours.df, _bm_reference_df(x, y))


def _W(x, y, axis=-1):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # permutations that separate the samples give ±inf
        return st.brunnermunzel(x, y, axis=axis).statistic


# Our `less` (x smaller, so W large) is permutation_test's `greater` on W, and vice versa.
SCIPY_SIDE = {"less": "greater", "greater": "less", "two-sided": "two-sided"}


@pytest.mark.parametrize("alternative", ["two-sided", "less", "greater"])
def test_brunnermunzel_exact_matches_scipy_permutation_test(alternative):
    rng = np.random.default_rng(2007)
    for nx, ny in [(2, 3), (4, 4), (5, 7), (6, 6), (3, 9), (8, 7)]:
        for kind in ("continuous", "ordinal"):
            x = rng.normal(0, 1, nx) if kind == "continuous" else rng.integers(1, 5, nx).astype(float)
            y = rng.normal(0.5, 2, ny) if kind == "continuous" else rng.integers(1, 5, ny).astype(float)
            if len(np.unique(np.concatenate([x, y]))) == 1 or not np.isfinite(_W(x, y)):
                continue  # scipy's tolerance is NaN for an infinite observed W (see the next test)
            ours = hp.stats.brunnermunzel(x, y, alternative, method="exact")
            ref = st.permutation_test((x, y), _W, n_resamples=np.inf, alternative=SCIPY_SIDE[alternative],
                                      vectorized=True)
            assert _close(ours.pvalue, ref.pvalue), (nx, ny, kind)
            assert _close(ours.statistic, ref.statistic)


def test_brunnermunzel_exact_on_large_binary_samples_matches_the_hypergeometric_enumeration():
    # Two levels: x's count a0 at level 0 fixes the split, with hypergeometric probability. W for every a0 from
    # the placements written out (x at level 0 sits above b0/2 of y, at level 1 above b0 + b1/2; y likewise).
    rng = np.random.default_rng(21)
    for n in (300, 5000):
        x, y = rng.integers(0, 2, n).astype(float), rng.integers(0, 2, n).astype(float)
        c0 = int((x == 0).sum() + (y == 0).sum())
        c1 = 2 * n - c0
        a0 = np.arange(max(0, n - c1), min(c0, n) + 1).astype(float)
        a1, b0 = n - a0, c0 - a0
        b1 = c1 - a1
        px0, px1, py0, py1 = b0 / 2, b0 + b1 / 2, a0 / 2, a0 + a1 / 2
        sx, sy = a0 * px0 + a1 * px1, b0 * py0 + b1 * py1
        ssx = a0 * (px0 - sx / n) ** 2 + a1 * (px1 - sx / n) ** 2
        ssy = b0 * (py0 - sy / n) ** 2 + b1 * (py1 - sy / n) ** 2
        with np.errstate(divide="ignore", invalid="ignore"):
            w = (sy - n * n / 2) / np.sqrt(n * (ssx + ssy) / (n - 1))
        prob = st.hypergeom.pmf(a0, 2 * n, c0, n)
        ours = hp.stats.brunnermunzel(x, y, method="exact")
        tol = 1e-12 * abs(ours.statistic)
        ref = min(1.0, 2 * min(prob[w >= ours.statistic - tol].sum(), prob[w <= ours.statistic + tol].sum()))
        assert ours.pvalue == pytest.approx(ref, rel=1e-9)
        assert f"{len(a0):,} distinct" in ours.method


def test_brunnermunzel_monte_carlo_is_reproducible_and_near_exact():
    rng = np.random.default_rng(3)
    x, y = rng.integers(1, 5, 11).astype(float), rng.integers(2, 6, 12).astype(float)  # C(23, 11) ≈ 1.35e6
    exact = hp.stats.brunnermunzel(x, y, method="exact").pvalue
    one = hp.stats.brunnermunzel(x, y, method="monte_carlo", n_resamples=20000, seed=9)
    two = hp.stats.brunnermunzel(x, y, method="monte_carlo", n_resamples=20000, seed=9, threads=2)
    assert one.pvalue == two.pvalue
    assert "Monte Carlo" in one.method
    q = exact / 2  # two-sided p is twice a tail frequency
    assert abs(one.pvalue - exact) < 5 * 2 * math.sqrt(q * (1 - q) / 20000) + 2 / 20001


def test_brunnermunzel_samples_that_do_not_overlap():
    x, y = [1.0, 2.0, 3.0], [4.0, 5.0, 6.0, 7.0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        ref_t = st.brunnermunzel(x, y)
        ref_normal = st.brunnermunzel(x, y, distribution="normal")
    res = hp.stats.brunnermunzel(x, y)
    assert res.statistic == math.inf == ref_t.statistic
    assert math.isnan(ref_t.pvalue)  # scipy cannot give a t p-value here ...
    assert res.pvalue == 0.0 == ref_normal.pvalue  # ... we give the limit, which scipy's normal p equals
    assert math.isnan(res.df) and "do not overlap" in res.method
    assert hp.stats.brunnermunzel(x, y, "greater").pvalue == 1.0
    # exact: only the observed labelling (1 of C(7, 3) = 35) is this extreme, in each direction
    assert hp.stats.brunnermunzel(x, y, method="exact").pvalue == pytest.approx(2 / 35, rel=1e-13)


def test_brunnermunzel_bad_input():
    with pytest.raises(hp.DataError, match="x: the Brunner-Munzel test needs at least 2 observations"):
        hp.stats.brunnermunzel([1], [2, 3])
    with pytest.raises(hp.DataError, match="y: missing value .NaN. at position 2"):
        hp.stats.brunnermunzel([1, 2], pd.Series([2, 3, None]))
    with pytest.raises(hp.DataError, match=r"x: missing value \(NaN\) at position 0"):  # float64 fast path
        hp.stats.brunnermunzel(np.array([np.nan, 1.0]), [2, 3])
    with pytest.raises(hp.DomainError, match="nan_policy"):
        hp.stats.brunnermunzel([1, 2], [2, 3], nan_policy="propagate")
    with pytest.raises(hp.DataError, match="every value is equal"):
        hp.stats.brunnermunzel([1, 1], [1, 1, 1])
    with pytest.raises(hp.DomainError, match="unknown distribution 'z'"):
        hp.stats.brunnermunzel([1, 2], [2, 3], distribution="z")
    with pytest.raises(hp.DomainError, match="unknown alternative 'bigger'"):
        hp.stats.brunnermunzel([1, 2], [2, 3], alternative="bigger")
    with pytest.raises(hp.DomainError, match="more than 2,000,000 distinct assignments"):
        hp.stats.brunnermunzel(np.arange(20.0), np.arange(20.0) + 0.5, method="exact")
    res = hp.stats.brunnermunzel(pd.Series([1, 2, 4]), np.array([2, 3, 5]))
    assert set(res.to_frame().columns) >= {"statistic", "pvalue", "df", "estimate"}
