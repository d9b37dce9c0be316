"""hp.evaluation.Panel: from_frame with a treated column, an adoption column or mapping; unbalanced panels;
pickling; the long-form round trip; and every error naming the unit and period (or row and column) at fault."""
from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest

import healthyplaces as hp
from healthyplaces import _core

Panel = hp.evaluation.Panel


def frame() -> pd.DataFrame:
    # Torbay pools budgets from 2021; Swindon never; Poole from 2020 and has no 2019 row (unbalanced)
    return pd.DataFrame({
        "area": ["Torbay", "Torbay", "Torbay", "Swindon", "Swindon", "Swindon", "Poole", "Poole"],
        "year": [2019, 2020, 2021, 2019, 2020, 2021, 2020, 2021],
        "admissions": [6.0, 6.5, 7.5, 5.0, 5.2, 5.5, 4.0, 4.4],
        "pooled": [0, 0, 1, 0, 0, 0, 1, 1],
        "first": [2021, 2021, 2021, 0, 0, 0, 2020, 2020],
        "beds": [10.0, 11.0, np.nan, 9.0, 9.5, 9.7, 3.0, 3.1],
    })


def test_from_frame_three_ways_agree():
    df = frame()
    a = Panel.from_frame(df, unit="area", time="year", outcome="admissions", treated="pooled", covariates=["beds"])
    b = Panel.from_frame(df, unit="area", time="year", outcome="admissions", adoption="first", covariates=["beds"])
    c = Panel.from_frame(df, unit="area", time="year", outcome="admissions", adoption={"Torbay": 2021, "Poole": 2020},
                         covariates=["beds"])
    for p in (a, b, c):
        assert p.units == ["Torbay", "Swindon", "Poole"]
        assert p.periods.tolist() == [2019, 2020, 2021]
        assert p.adoption.tolist() == [2021, pd.NA, 2020]
        assert p.treated_units == ["Torbay", "Poole"] and p.never_treated == ["Swindon"]
        assert p.cohorts == [2020, 2021]
        assert not p.balanced
        assert np.isnan(p.outcome.loc["Poole", 2019])
        assert p.outcome.loc["Torbay", 2021] == 7.5
        assert np.isnan(p.covariate("beds").loc["Torbay", 2021])
        assert repr(p) == "Panel(3 units x 3 periods, 2 treated, unbalanced)"
        assert "<b>Panel</b>" in p._repr_html_()
    assert len(a) == 3
    # adoption column with NaN/None for never
    d = df.assign(first=df["first"].replace(0, np.nan))
    assert Panel.from_frame(d, unit="area", time="year", outcome="admissions", adoption="first").adoption.tolist() == \
        [2021, pd.NA, 2020]
    # no treatment at all (power simulations)
    assert Panel.from_frame(df, unit="area", time="year", outcome="admissions").treated_units == []


def test_to_frame_round_trip_and_pickle():
    df = frame()
    p = Panel.from_frame(df, unit="area", time="year", outcome="admissions", adoption="first", covariates=["beds"])
    long = p.to_frame()
    assert len(long) == len(df)  # unobserved cells are not invented
    merged = long.merge(df, left_on=["unit", "period"], right_on=["area", "year"], validate="one_to_one")
    np.testing.assert_array_equal(merged["admissions_x"], merged["admissions_y"])
    np.testing.assert_array_equal(merged["beds_x"], merged["beds_y"])
    np.testing.assert_array_equal(merged["treated"], merged["pooled"])
    again = Panel.from_frame(long, unit="unit", time="period", outcome="admissions", treated="treated",
                             covariates=["beds"])
    pd.testing.assert_frame_equal(again.outcome, p.outcome)
    assert again.adoption.tolist() == p.adoption.tolist()
    back = pickle.loads(pickle.dumps(p))
    pd.testing.assert_frame_equal(back.outcome, p.outcome)
    pd.testing.assert_frame_equal(back.covariate("beds"), p.covariate("beds"))
    assert back.adoption.tolist() == p.adoption.tolist() and back.units == p.units
    core = pickle.loads(pickle.dumps(p._core))
    assert core.cohorts == [2020, 2021]
    # as_panel passes a Panel through and builds one from a DataFrame
    assert hp.evaluation.as_panel(p) is p
    assert hp.evaluation.as_panel(df, unit="area", time="year", outcome="admissions").units == p.units
    sub = p._core.subpanel([2, 0], 1, 2)
    assert sub.units == ["Poole", "Torbay"] and sub.periods.tolist() == [2020, 2021]


@pytest.mark.parametrize("change, kwargs, error, message", [
    (lambda d: d.assign(admissions=d["admissions"].where(d.index != 4)), {}, hp.DataError,
     r'row 5 \(unit "Swindon", period 2020\): admissions is missing \(NaN\)'),
    (lambda d: d.assign(admissions=d["admissions"].replace(6.5, np.inf)), {}, hp.DataError,
     r'row 2 \(unit "Torbay", period 2020\): admissions is infinite'),
    (lambda d: d.assign(year=d["year"].replace(2020, 2019)), {}, hp.DataError,
     r'row 2 \(unit "Torbay", period 2019\) duplicates row 1: one row per unit and period'),
    (lambda d: d.assign(first=[2021, 2020, 2021, 0, 0, 0, 2020, 2020]), {"adoption": "first"}, hp.DataError,
     r'row 2 \(unit "Torbay", period 2020\): adoption period 2020 differs from 2021 on row 1'),
    (lambda d: d.assign(pooled=[0, 1, 0, 0, 0, 0, 1, 1]), {"treated": "pooled"}, hp.DataError,
     r'row 3 \(unit "Torbay", period 2021\): treated is 0 after the unit was treated in 2020'),
    (lambda d: d.assign(pooled=[0, 0, 2, 0, 0, 0, 1, 1]), {"treated": "pooled"}, hp.DataError,
     r'row 3 \(unit "Torbay", period 2021\): treated is 2; it must be 0 or 1'),
    (lambda d: d.assign(admissions=d["admissions"].astype(object).where(d.index != 1, "n/a")), {}, hp.DataError,
     r"column 'admissions', row 2 \(unit 'Torbay', period 2020\): 'n/a' is not a number"),
    (lambda d: d.assign(year=d["year"] + 0.5), {}, hp.DataError, r"column 'year', row 1: period 2019.5 is not a whole"),
    (lambda d: d.assign(area=d["area"].where(d.index != 2)), {}, hp.DataError, r"column 'area', row 3: the unit is missing"),
    (lambda d: d, {"adoption": "first", "treated": "pooled"}, hp.DataError, "not both"),
    (lambda d: d, {"adoption": {"Exeter": 2020}}, hp.DataError, "adoption names unit 'Exeter', which has no rows"),
    (lambda d: d, {"adoption": {"Torbay": 2020.5}}, hp.DataError, "unit 'Torbay': adoption period 2020.5 is not a whole"),
    (lambda d: d.assign(first="soon"), {"adoption": "first"}, hp.DataError,
     "column 'first', unit 'Torbay': adoption period 'soon' is not a number"),
    (lambda d: d, {"covariates": ["staff"]}, hp.DataError, "no column 'staff' in the data"),
])
def test_from_frame_errors(change, kwargs, error, message):
    with pytest.raises(error, match=message):
        Panel.from_frame(change(frame()), unit="area", time="year", outcome="admissions", **kwargs)


def test_not_a_frame_and_require_checks():
    with pytest.raises(hp.DataError, match="expected a pandas DataFrame, got dict"):
        Panel.from_frame({"a": [1]}, unit="a", time="b", outcome="c")
    p = Panel.from_frame(frame(), unit="area", time="year", outcome="admissions", adoption="first")
    ev = _core.evaluation
    with pytest.raises(hp.DomainError, match=r'synthetic control needs a balanced panel, but unit "Poole", period 2019 has no row'):
        ev.require_balanced(p._core, "synthetic control")
    with pytest.raises(hp.DomainError, match=r'did needs 2 periods before adoption, but unit "Poole" adopts in period 2020 with 1 before it'):
        ev.require_pre_periods(p._core, "did", 2)
    ev.require_never_treated(p._core, "did")
    ev.require_varying_outcome(p._core, "did")
    flat = Panel.from_frame(frame().assign(admissions=1.0, first=2021), unit="area", time="year", outcome="admissions",
                            adoption="first")
    with pytest.raises(hp.DomainError, match="every one of the 3 units adopts"):
        ev.require_never_treated(flat._core, "did")
    with pytest.raises(hp.DomainError, match=r"admissions is the same \(1\) for every unit and period"):
        ev.require_varying_outcome(flat._core, "did")
    with pytest.raises(hp.DomainError, match='no unit "Exeter"'):
        p._core.unit_index("Exeter")
    with pytest.raises(hp.DomainError, match="no period 2018"):
        p._core.period_index(2018)
    with pytest.raises(hp.DomainError, match="unit index 7 is out of range"):
        p._core.pre_periods(7)
