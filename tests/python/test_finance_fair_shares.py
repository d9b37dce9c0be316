"""hp.finance.fair_shares and what_if: three areas by hand (weighted 300, 240, 450 of 990), targets summing to
the budget, a what-if recomputed by hand, bands matched by name, and the error messages."""
from __future__ import annotations

import pandas as pd
import pytest

import healthyplaces as hp

POPS = pd.DataFrame({"0-64": [100, 200, 50], "65+": [50, 10, 100]}, index=pd.Index(["A", "B", "C"], name="area"))
W = {"65+": 4.0, "0-64": 1.0}  # any order: matched by band name


def test_three_areas_by_hand():
    f = hp.finance.fair_shares(POPS, W, budget=1980, actual=pd.Series({"C": 840, "A": 660, "B": 480}))
    assert f["weighted_population"].tolist() == [300, 240, 450]
    assert f["target"].tolist() == pytest.approx([600, 480, 900], rel=1e-14)
    assert f["distance"].tolist() == pytest.approx([0.1, 0.0, -60 / 900], rel=1e-12, abs=1e-15)
    assert f["target"].sum() == pytest.approx(1980, rel=1e-14)
    assert "distance" not in hp.finance.fair_shares(POPS, W, 1980).columns


def test_what_if_heavier_elderly_weight():
    # 65+ weight 4 → 6: weighted 400, 260, 650 of 1310; A's target 1980·400/1310 − 600.
    w = hp.finance.what_if(POPS, W, 1980, {"65+": 6.0})
    assert w.loc["A", "target_after"] == pytest.approx(1980 * 400 / 1310, rel=1e-14)
    assert w.loc["A", "change"] == pytest.approx(1980 * 400 / 1310 - 600, rel=1e-12)
    assert w["change"].sum() == pytest.approx(0, abs=1e-9)
    assert w.loc["C", "change_fraction"] > 0 > w.loc["B", "change_fraction"]


def test_bad_input_messages():
    with pytest.raises(hp.DataError, match=r"no weight for \['65\+'\], weights for unknown bands \['65-84'\]"):
        hp.finance.fair_shares(POPS, {"0-64": 1, "65-84": 3}, 100)
    bad = POPS.copy()
    bad.loc["B", "65+"] = -3
    with pytest.raises(hp.DataError, match=r"population of area 'B' in band\(s\) \['65\+'\] must be finite and >= 0"):
        hp.finance.fair_shares(bad, W, 100)
    with pytest.raises(hp.DataError, match="budget must be finite and >= 0, got -5"):
        hp.finance.fair_shares(POPS, W, -5)
    with pytest.raises(hp.DataError, match="changes name bands"):
        hp.finance.what_if(POPS, W, 100, {"90+": 9})
