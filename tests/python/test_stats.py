"""Ordinal summaries against numpy.quantile, numpy.median and collections.Counter (independent references)."""
from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest

import healthyplaces as hp

METHODS = ["inverted_cdf", "lower", "higher", "nearest", "midpoint", "linear"]


@pytest.mark.parametrize("method", METHODS)
def test_quantiles_match_numpy_on_random_ordinal_samples(method):
    rng = np.random.default_rng(20080401)
    for _ in range(300):
        n = int(rng.integers(1, 40))
        xs = rng.integers(1, 5, size=n).astype(float)
        for p in (0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0, float(rng.random())):
            ours = hp.stats.quantile(xs, p, 1, 4, method=method)
            ref = float(np.quantile(xs, p, method=method))
            assert ours == pytest.approx(ref, abs=1e-12), (xs.tolist(), p, method)


def test_modes_match_counter_and_report_ties():
    rng = np.random.default_rng(7)
    for _ in range(300):
        xs = rng.integers(0, 5, size=int(rng.integers(1, 25)))
        counts = Counter(xs.tolist())
        top = max(counts.values())
        assert hp.stats.modes(xs, 0, 4) == sorted(k for k, v in counts.items() if v == top)
    assert hp.stats.modes([1, 2, 2, 3, 3], 1, 4) == [2, 3]


def test_summary_matches_numpy_and_ignores_missing():
    xs = pd.Series([3, 1, None, 4, 4, 2, None], dtype="Int64")
    s = hp.stats.summarise(xs, 1, 4)
    clean = np.array([3, 1, 4, 4, 2], dtype=float)
    assert s.n == 5 and s.frequencies.n_missing == 2
    assert s.median == np.median(clean)
    assert s.q1 == np.quantile(clean, 0.25) and s.q3 == np.quantile(clean, 0.75)
    assert s.mean == pytest.approx(clean.mean(), abs=1e-15)
    assert s.modes == [4]
    assert list(s.frequencies.counts) == [1, 1, 1, 2]


def test_bad_input_raises_domain_error():
    with pytest.raises(hp.DomainError, match="position 1"):
        hp.stats.modes([1, 5], 1, 4)
    with pytest.raises(hp.DomainError):
        hp.stats.modes([1.5], 1, 4)
    with pytest.raises(hp.DomainError, match="empty"):
        hp.stats.quantile([np.nan], 0.5, 1, 4)
    with pytest.raises(hp.DomainError, match="outside"):
        hp.stats.quantile([1, 2], 1.2, 1, 4)
    with pytest.raises(hp.DomainError, match="numpy"):
        hp.stats.quantile([1, 2], 0.5, 1, 4, method="type7")
    with pytest.raises(hp.DomainError, match="one-dimensional"):
        hp.stats.modes([[1, 2]], 1, 4)
    assert issubclass(hp.DomainError, ValueError)
