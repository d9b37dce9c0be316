from __future__ import annotations

import pytest

import healthyplaces as hp

HEADER = (
    "area,organisation,sector,authority_type,star_rating,financial_reporting,financial_management,"
    "financial_standing,internal_control,value_for_money\n"
)
GOOD_ROWS = (
    "Bexley,Bexley PCT,pct,primary_care_trust,1,1,1,1,2,1\n"
    "Bexley,LB Bexley,local_authority,london_borough,4,3,3,4,3,3\n"
)


@pytest.fixture
def nlgn() -> hp.ScoreTable:
    return hp.read_scores(hp.datasets.nlgn2008())


@pytest.fixture
def write_csv(tmp_path):
    """Write text to a CSV file under tmp_path and return its path."""

    def write(text: str, name: str = "scores.csv", encoding: str = "utf-8", newline: str | None = None):
        path = tmp_path / name
        with open(path, "w", encoding=encoding, newline=newline) as f:
            f.write(text)
        return path

    return write
