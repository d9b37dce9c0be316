"""hp.demography.Population: shares and dependency ratios by hand, regrouping against a pandas groupby of the
ONS data, England against the dataset, validation messages, frames, plots and pickling."""
from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest

import healthyplaces as hp

Population = hp.demography.Population
dem = hp.demography


def test_shares_and_dependency_ratios_by_hand():
    # 0-15: 300, 16-64: 1000, 65-79: 150, 80-84: 30, 85+: 20 (total 1500).
    p = Population(["0-15", "16-64", "65-79", "80-84", "85+"], [300, 1000, 150, 30, 20])
    s = p.shares()
    assert s["over 65"] == pytest.approx(200 / 1500, rel=1e-15)
    assert s["over 80"] == pytest.approx(50 / 1500, rel=1e-15)
    assert s["over 85"] == pytest.approx(20 / 1500, rel=1e-15)
    d = p.dependency_ratios()
    assert d.to_dict() == pytest.approx({"young": 0.3, "old": 0.2, "total": 0.5}, rel=1e-15)
    # Old age from 75: the 65-79 band pro rata to the years, 150·5/15 = 50, plus 50 over 80; working 16-74.
    d75 = p.dependency_ratios(old_from=75)
    assert d75["old"] == pytest.approx(100 / (1000 + 100), rel=1e-14)
    assert p.bands == ["0-15", "16-64", "65-79", "80-84", "85+"]
    assert p.counts.dtype == np.float64 and p.total == 1500


def test_start_ages_give_labels_and_five_year_bands_are_built_in():
    p = Population([0, 5, 65], [1, 2, 3])
    assert p.bands == ["0-4", "5-64", "65+"]
    assert Population.FIVE_YEAR_BANDS[0] == "0-4" and Population.FIVE_YEAR_BANDS[-1] == "90+"
    assert len(Population.FIVE_YEAR_BANDS) == 19


def test_england_matches_the_ons_dataset_and_regroups_like_pandas():
    frame = hp.datasets.uk_population()
    e = hp.demography.england()
    assert len(e) == 91 and e.bands[0] == "0" and e.bands[-1] == "90+"
    assert e.total == frame["count"].sum()
    assert e.share_over(80) == pytest.approx(frame.loc[frame["age_start"] >= 80, "count"].sum() / frame["count"].sum(),
                                             rel=1e-14)
    f = hp.demography.england("females")
    assert f.total == frame.loc[frame["sex"] == "females", "count"].sum()
    five = e.regroup("five_year")
    assert five.bands == list(Population.FIVE_YEAR_BANDS)
    want = frame.groupby(np.minimum(frame["age_start"] // 5, 18))["count"].sum().to_numpy(dtype=float)
    np.testing.assert_array_equal(five.counts, want)
    coarse = e.regroup([0, 16, 65, 85])
    assert coarse.bands == ["0-15", "16-64", "65-84", "85+"]
    assert coarse.counts.sum() == e.total


def test_bad_bands_and_counts_name_the_band():
    with pytest.raises(hp.DataError, match=r'band "5\+" has count -1; counts must be finite and >= 0'):
        Population(["0-4", "5+"], [3, -1])
    with pytest.raises(hp.DataError, match=r'band "5\+" has count nan'):
        Population(["0-4", "5+"], [3, np.nan])
    with pytest.raises(hp.DataError, match=r'band "3-9" starts at age 3 but the band before it, "0-4", ends at age 4 '
                                           r'\(overlapping or unsorted\)'):
        Population(["0-4", "3-9", "10+"], [1, 2, 3])
    with pytest.raises(hp.DataError, match=r'the last band "5-9" must be open'):
        Population(["0-4", "5-9"], [1, 2])
    with pytest.raises(hp.DataError, match=r"2 counts for 3 age bands"):
        Population(["0-4", "5-9", "10+"], [1, 2])
    with pytest.raises(hp.DataError, match=r'new band "7\+" starts at age 7, inside the population\'s band "5-9"'):
        Population(["0-4", "5-9", "10+"], [1, 2, 3]).regroup(["0-6", "7+"])
    with pytest.raises(hp.DomainError, match=r'open band "85\+", which cannot be split'):
        Population(["0-84", "85+"], [1, 2]).share_over(90)
    assert issubclass(hp.DataError, ValueError)


def test_frames_html_plot_and_pickle():
    p = Population.from_frame(pd.DataFrame({"band": ["0-15", "16-64", "65+"], "count": [2, 6, 2]}), name="Toy")
    t = p.to_frame()
    assert t["share"].tolist() == [0.2, 0.6, 0.2] and t["start"].tolist() == [0, 16, 65]
    assert "Toy" in p._repr_html_() and "<table" in p._repr_html_()
    q = pickle.loads(pickle.dumps(p))
    assert q == p and q.name == "Toy"
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = p.plot()
    assert isinstance(fig, matplotlib.figure.Figure)
    plt.close(fig)
    with pytest.raises(hp.DataError, match="no column 'n'"):
        Population.from_frame(pd.DataFrame({"band": ["0+"], "count": [1]}), count="n")


@pytest.mark.parametrize("name", ["healthyplaces.demography._population", "healthyplaces.demography._projection"])
def test_docstring_examples_run(name):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


def test_repr_and_summary_of_one_open_band_do_not_ask_for_what_it_cannot_know():
    p = dem.Population(bands=["0+"], counts=[100_000])
    assert repr(p) == "Population(100,000 people in 1 band 0+ .. 0+)"
    text = str(p.summary())
    assert "100,000" in text and "share aged 65+" not in text and "dependency ratio" not in text
    assert "<table" in p._repr_html_()


def test_plot_of_single_years_is_a_sensible_size_with_readable_labels():
    e = dem.england()
    fig = e.plot()
    w, h = fig.get_size_inches()
    assert h <= 6 and w <= 8
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) <= 20 and labels[:3] == ["0", "5", "10"]
    assert ax.xaxis.get_major_formatter()(1_000_000, 0) == "1,000,000"
