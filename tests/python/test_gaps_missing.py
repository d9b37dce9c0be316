"""Competency gaps when a score is missing: the gap is <NA>, totals say out of what."""
from __future__ import annotations

import pandas as pd

import healthyplaces as hp


def test_missing_score_gives_na_gap_and_totals_over_scored_categories():
    frame = hp.datasets.nlgn2008()
    bexley_pct = frame.index[frame.organisation == "Bexley PCT"][0]
    frame.loc[bexley_pct, "financial_standing"] = pd.NA
    gaps = hp.competency_gaps(hp.read_scores(frame)).to_frame().set_index("area")
    row = gaps.loc["Bexley"]
    assert row["gap_financial_standing"] is pd.NA
    assert (row["nhs_total"], row["nhs_max"]) == (5, 16)        # 1+1+2+1 out of 4 × 4
    assert (row["council_total"], row["council_max"]) == (16, 20)
    # The total gap compares like with like: only the four categories scored for both (12 − 5).
    assert row["total_gap"] == 7
    assert str(gaps["gap_financial_standing"].dtype) == "Int64"


def test_areas_are_required_for_gaps(write_csv):
    path = write_csv("organisation,sector,authority_type,financial_reporting,financial_management,"
                     "financial_standing,internal_control,value_for_money\nA,la,ua,3,3,3,3,3\nB,pct,pct,2,2,2,2,2\n")
    table = hp.read_scores(path)
    try:
        hp.competency_gaps(table)
    except hp.DomainError as e:
        assert "'area' column" in str(e)
    else:
        raise AssertionError("expected DomainError")
