"""The green paper's numbers, reproduced from the embedded scores (NLGN, Healthy Places, 2008)."""
from __future__ import annotations

import pandas as pd

import healthyplaces as hp


def test_nine_area_modal_table_matches_the_paper(nlgn):
    cmp = hp.compare_sectors(nlgn)
    table = cmp.modal_table(show_labels=False)
    # The paper: councils 3 in every category; PCTs 2, 1, 1, 2, 2.
    assert table["local_authority"].tolist() == ["3", "3", "3", "3", "3"]
    assert table["nhs_commissioner"].tolist() == ["2", "1", "1", "2", "2"]
    # ... and against the published table as transcribed separately.
    published = hp.datasets.published_modes().query("table == 'nine_areas'")
    for row in published.itertuples():
        assert cmp.modes(row.category, "local_authority") == [row.local_authority_mode]
        assert cmp.modes(row.category, "nhs_commissioner") == [row.pct_mode]
    assert cmp.group_sizes == {"local_authority": 9, "nhs_commissioner": 9}


def test_modes_agree_with_pandas_value_counts(nlgn):
    frame = hp.datasets.nlgn2008()
    cmp = hp.compare_sectors(nlgn)
    for sector, group in frame.groupby("sector"):
        key = "local_authority" if sector == "local_authority" else "nhs_commissioner"
        for cat in nlgn.framework.category_keys:
            assert cmp.modes(cat, key) == sorted(group[cat].mode().tolist())


def test_bexley_16_of_20_against_6_of_20(nlgn):
    gaps = hp.competency_gaps(nlgn).to_frame()
    bexley = gaps.iloc[0]
    assert bexley["area"] == "Bexley"
    assert (bexley["council_total"], bexley["council_max"]) == (16, 20)
    assert (bexley["nhs_total"], bexley["nhs_max"]) == (6, 20)
    assert bexley["total_gap"] == 10
    assert bexley["rank"] == 1
    # Independent check: totals by pandas from the raw frame.
    frame = hp.datasets.nlgn2008()
    totals = frame.set_index("organisation")[nlgn.framework.category_keys].sum(axis=1)
    expected_gap = {
        area: int(totals[g.loc[g.sector == "local_authority", "organisation"].item()]
                  - totals[g.loc[g.sector == "pct", "organisation"].item()])
        for area, g in frame.groupby("area")
    }
    assert dict(zip(gaps["area"], gaps["total_gap"].astype(int))) == expected_gap
    assert gaps["total_gap"].is_monotonic_decreasing
    # Competition ranking: ties share the better rank.
    assert gaps["rank"].tolist() == [1, 2, 2, 4, 4, 4, 7, 8, 8]


def test_all_nine_areas_are_pilot_candidates_and_stricter_criteria_explain_exclusions(nlgn):
    assert len(hp.pilot_candidates(nlgn)) == 9
    strict = hp.pilot_candidates(nlgn, min_total_gap=7)
    assert strict.to_frame()["area"].tolist() == ["Bexley", "East Riding of Yorkshire", "Leicestershire"]
    excluded = strict.excluded_frame()
    assert len(excluded) == 6
    assert excluded["reasons"].str.contains("total gap").all()
    none = hp.pilot_candidates(nlgn, max_nhs_stars=0)
    assert len(none) == 0
    assert none.excluded_frame()["reasons"].str.contains("NHS body has 1 star, needs at most 0 stars").all()


def test_results_render_as_html_and_frames(nlgn):
    cmp = hp.compare_sectors(nlgn)
    html = cmp._repr_html_()
    assert "Local authorities" in html and "<table" in html
    long = cmp.to_frame()
    assert len(long) == 10
    assert set(long.columns) >= {"category", "group", "n", "modes", "median", "q1", "q3", "count_1", "count_4"}
    fs = long[(long.category == "financial_standing") & (long.group == "nhs_commissioner")].iloc[0]
    assert [fs.count_1, fs.count_2, fs.count_3, fs.count_4] == [7, 1, 1, 0]
    assert "<table" in hp.competency_gaps(nlgn)._repr_html_()
    assert "Pilot candidates" in hp.pilot_candidates(nlgn)._repr_html_()
    assert "<table" in nlgn._repr_html_()


def test_grouping_by_kind_star_rating_and_custom_labels(nlgn):
    by_kind = hp.compare_sectors(nlgn, by="kind")
    assert by_kind.group_sizes == {"county_council": 5, "unitary_authority": 3, "london_borough": 1,
                                   "primary_care_trust": 9}
    assert list(hp.compare_sectors(nlgn, by="star_rating").group_sizes) == ["1_star", "4_stars"]
    north = {"Darlington", "East Riding of Yorkshire", "Northumberland", "North Lincolnshire", "North Yorkshire"}
    frame = nlgn.to_frame()
    labels = {org: ("north" if area in north else "south") for org, area in zip(frame.organisation, frame.area)}
    custom = hp.compare_sectors(nlgn, by=labels)
    assert custom.group_sizes == {"north": 10, "south": 8}
    try:
        hp.compare_sectors(nlgn, by="region")
    except hp.DomainError as e:
        assert "unknown grouping 'region'" in str(e)
    else:
        raise AssertionError("expected DomainError")


def test_case_studies_and_arrangements():
    cs = hp.datasets.case_studies().set_index("area")
    assert cs.loc["Torbay", "arrangement_budgets"] == "pooled"
    assert cs.loc["Torbay", "arrangement_legal_basis"] == "care_trust"
    assert cs.loc["Swindon", "arrangement_staff"] == "seconded"
    assert cs.loc["Herefordshire", "arrangement_leadership"] == "joint_chief_executive"
    assert abs(cs.loc["Torbay", "over_80_share"] - 0.0769) < 1e-4  # the paper's 7.7%
    presets = hp.arrangements_frame()
    assert presets["arrangement"].tolist() == ["closer_working", "swindon", "herefordshire", "nlgn_proposal",
                                               "torbay", "public_service_trust"]
    assert presets["integration_level"].is_monotonic_increasing
    assert isinstance(presets, pd.DataFrame)


def test_total_scores_out_of_the_maximum(nlgn):
    totals = hp.total_scores(nlgn).set_index("organisation")
    assert (totals.loc["LB Bexley", "total"], totals.loc["LB Bexley", "maximum"]) == (16, 20)
    assert (totals.loc["Bexley PCT", "total"], totals.loc["Bexley PCT", "maximum"]) == (6, 20)
    # Independent: row sums of the raw frame.
    frame = hp.datasets.nlgn2008().set_index("organisation")
    expected = frame[nlgn.framework.category_keys].sum(axis=1)
    assert totals["total"].to_dict() == expected.astype(int).to_dict()
