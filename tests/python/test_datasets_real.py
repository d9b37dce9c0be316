"""The published open datasets shipped in the wheel (data/real/): loaded with the right types, nothing lost
or invented, and the known mess in the ONS file reported rather than hidden."""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import healthyplaces as hp


def test_ae_attendances_shape_types_and_totals():
    ae = hp.datasets.ae_attendances()
    assert len(ae) == 12765 and ae["org_code"].nunique() == 274 and ae["period"].nunique() == 36
    assert list(ae.columns) == ["period", "org_code", "type", "attendances", "breaches", "admissions"]
    assert ae["period"].dtype == "datetime64[ns]" or str(ae["period"].dtype).startswith("datetime64")
    assert list(ae["type"].cat.categories) == ["1", "2", "other"]
    # Column totals of the published file (NHSRdatasets' ae_attendances), summed independently with awk:
    # 72,019,402 attendances, 8,295,237 breaches, 13,493,280 admissions.
    assert ae[["attendances", "breaches", "admissions"]].sum().tolist() == [72019402, 8295237, 13493280]
    # First rows of RF4's type 1 department, as in the CSV.
    rf4 = ae[(ae["org_code"] == "RF4") & (ae["type"] == "1")].head(2)
    assert rf4[["attendances", "breaches", "admissions"]].values.tolist() == [[18788, 4082, 4074],
                                                                             [20827, 4492, 4306]]
    assert (ae["breaches"] <= ae["attendances"]).all()


def test_ons_weekly_deaths_total_series_is_complete_and_weekly():
    deaths = hp.datasets.ons_weekly_deaths()
    total = deaths[deaths["group"] == "all ages"]
    assert len(total) == 535
    assert total["date"].iloc[0] == pd.Timestamp("2010-01-08") and total["date"].iloc[-1] == pd.Timestamp("2020-04-03")
    assert (total["date"].diff().dropna() == pd.Timedelta(days=7)).all()
    assert total["deaths"].iloc[0] == 12968


def test_ons_weekly_deaths_reports_unlabelled_rows_and_keeps_missing_counts():
    with pytest.warns(UserWarning, match="dropped 52 rows with no category"):
        everything = hp.datasets.ons_weekly_deaths(None)
    assert everything["breakdown"].notna().any()
    resp = everything[everything["group"] == "v 2013 (IRIS)"]
    assert len(resp) == 313 and int(resp["deaths"].isna().sum()) == 1
    assert resp.loc[resp["deaths"].isna(), "date"].iloc[0] == pd.Timestamp("2014-01-03")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        hp.datasets.ons_weekly_deaths("Region")  # a named breakdown: nothing dropped from it, no warning


def test_ons_weekly_deaths_unknown_breakdown_is_a_clear_error():
    with pytest.raises(hp.DomainError, match="no breakdown 'Deaths'; available: Total deaths"):
        hp.datasets.ons_weekly_deaths("Deaths")


def test_uk_population_england_totals_and_bands():
    england = hp.datasets.uk_population()
    # awk over the published CSV: England 57,690,323 residents, 2,923,097 aged 80 or over.
    assert int(england["count"].sum()) == 57690323
    assert int(england.loc[england["age_start"] >= 80, "count"].sum()) == 2923097
    assert england["age"].iloc[-1] == "90+" and england.groupby("sex").size().tolist() == [91, 91]
    assert set(hp.datasets.uk_population(None)["geography"]) >= {"ENGLAND", "WALES", "SCOTLAND"}
    with pytest.raises(hp.DomainError, match="no geography 'TORBAY'"):
        hp.datasets.uk_population("TORBAY")
