"""Loading users' data: what spreadsheets write is accepted; every bad input is a located DataError."""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import healthyplaces as hp

from conftest import GOOD_ROWS, HEADER


def test_round_trip_through_a_frame(nlgn):
    again = hp.read_scores(nlgn.to_frame())
    np.testing.assert_array_equal(again.scores, nlgn.scores)
    assert [a.name for a in again.areas] == [a.name for a in nlgn.areas]
    assert [o.kind for o in again.organisations] == [o.kind for o in nlgn.organisations]


def test_spreadsheet_output_is_accepted(write_csv):
    text = (
        "Area,Organisation,Sector,Authority Type,Star rating,Financial reporting,Financial management,"
        "Financial standing,Internal control,Value for money,Comment\r\n"
        '"Bexley","Bexley PCT",PCT,PCT,1,1,inadequate,1.0,2,,"weak, improving"\r\n'
        "Bexley,LB Bexley,Local authority,London borough,4,3,3,performing strongly,3,3,\r\n"
    )
    path = write_csv(text, encoding="utf-8-sig", newline="")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with pytest.warns(hp.DataWarning, match="ignored column 'Comment'"):
        table = hp.read_scores(path)
    assert table.score("Bexley PCT", "financial_management") == 1
    assert table.score("LB Bexley", "financial_standing") == 4
    assert table.score("Bexley PCT", "value_for_money") is None
    assert np.isnan(table.scores[0, 4])


def test_scores_array_is_a_read_only_view(nlgn):
    with pytest.raises(ValueError):
        nlgn.scores[0, 0] = 4


BAD = [
    ("Kent,Kent CC,local_authority,county_council,4,3,5,3,3,3\n",
     "scores.csv, line 4, column 7 (financial_management), organisation 'Kent CC', category 'financial_management': "
     "score 5 is outside the scale"),
    ("Kent,Kent CC,local_authority,county_council,4,3,three,3,3,3\n", "'three' is not a number or a level label"),
    ("Kent,Kent CC,local_authority,county_council,4,3,nan,3,3,3\n", "'nan' is not a score: leave the cell empty"),
    ("Bexley,Bexley PCT,pct,primary_care_trust,1,1,1,1,2,1\n",
     "line 4, column 2 (organisation), organisation 'Bexley PCT': organisation code 'Bexley PCT' already used on "
     "line 2"),
    ("Kent,Kent CC,local_authority,county_council,4,3\n", "line 4, column 7 (financial_management): missing: the line has 6 fields"),
    ('Kent,"Kent CC,local_authority,county_council,4,3,3,3,3,3\n', "line 4, column 2 (organisation): a quoted field opened here is never closed"),
    ("Kent,Kent CC,local_authority,parish,4,3,3,3,3,3\n", "unknown authority type 'parish'"),
    ("Kent,Kent CC,local_authority,county_council,5,3,3,3,3,3\n", "star rating '5' is not a whole number of stars"),
]


@pytest.mark.parametrize("row,message", BAD)
def test_bad_rows_name_file_line_and_column(write_csv, row, message):
    path = write_csv(HEADER + GOOD_ROWS + row)
    with pytest.raises(hp.DataError) as err:
        hp.read_scores(path)
    assert message in str(err.value)
    assert str(path) in str(err.value)
    assert isinstance(err.value, ValueError)


def test_missing_column_empty_table_and_missing_file(write_csv, tmp_path):
    with pytest.raises(hp.DataError, match=r"missing column 'value_for_money'.*the header has: area"):
        hp.read_scores(write_csv("area,organisation,sector,authority_type,financial_reporting,financial_management,"
                                 "financial_standing,internal_control\nX,Y,pct,pct,1,1,1,1\n"))
    with pytest.raises(hp.DataError, match="the table is empty"):
        hp.read_scores(write_csv(HEADER))
    with pytest.raises(hp.DataError, match="the file is empty"):
        hp.read_scores(write_csv(""))
    with pytest.raises(hp.DataError, match="no such file"):
        hp.read_scores(tmp_path / "nope.csv")


def test_required_scores_and_nan_in_frames():
    frame = hp.datasets.nlgn2008()
    frame.loc[3, "internal_control"] = pd.NA
    table = hp.read_scores(frame)  # missing is allowed by default
    assert table.score("MB Darlington", "internal_control") is None
    with pytest.raises(hp.DataError, match=r"<DataFrame>, row 3, column 9 \(internal_control\), "
                                           r"organisation 'MB Darlington'.*a score is required"):
        hp.read_scores(frame, allow_missing=False)
    floats = hp.datasets.nlgn2008().astype({"value_for_money": float})
    floats.loc[0, "value_for_money"] = np.nan
    with pytest.raises(hp.DataError, match="row 0"):
        hp.read_scores(floats, allow_missing=False)
    with pytest.raises(hp.DataError, match="no columns"):
        hp.read_scores(pd.DataFrame())
    with pytest.raises(TypeError):
        hp.read_scores(42)


def test_score_table_from_arrays_validates():
    fw = hp.Framework.use_of_resources()
    orgs = [hp.Organisation("A", kind=hp.OrganisationKind.county_council),
            hp.Organisation("B", kind=hp.OrganisationKind.primary_care_trust)]
    ok = hp.ScoreTable(fw, orgs, np.array([[3, 3, 3, 3, 3], [1, 2, np.nan, 2, 2]]), [hp.Area("P", "A", "B")])
    assert ok.total_score("B").total == 7 and ok.total_score("B").maximum == 16
    with pytest.raises(hp.DataError, match="organisation 'A', category 'financial_reporting': score 5"):
        hp.ScoreTable(fw, orgs, np.array([[5, 3, 3, 3, 3], [1, 2, 2, 2, 2]]))
    with pytest.raises(hp.DataError, match="'A' appears twice"):
        hp.ScoreTable(fw, [orgs[0], orgs[0]], np.ones((2, 5)))
    with pytest.raises(hp.DomainError, match="empty"):
        hp.ScoreTable(fw, [], np.ones((0, 5)))
    with pytest.raises(hp.DataError, match="score matrix is 2 × 3"):
        hp.ScoreTable(fw, orgs, np.ones((2, 3)))
    with pytest.raises(hp.DomainError, match="no category 'leadership'"):
        ok.score("A", "leadership")
    with pytest.raises(hp.DataError, match="star rating 9"):
        hp.Organisation("C", star_rating=9)


def test_user_framework_with_labels(write_csv):
    fw = hp.Framework("social_care", [hp.Category("", "Leadership"), hp.Category("", "Commissioning")],
                      [hp.Level(1, "weak"), hp.Level(2, "fair"), hp.Level(3, "good"), hp.Level(4, "excellent")])
    path = write_csv("organisation,sector,authority_type,leadership,commissioning\n"
                     "Torbay Council,la,ua,Good,excellent\nTorbay Care Trust,nhs,care trust,fair,3\n")
    table = hp.read_scores(path, framework=fw)
    assert table.score("Torbay Council", "leadership") == 3
    assert table.score("Torbay Care Trust", "commissioning") == 3
    cmp = hp.compare_sectors(table)
    assert cmp.modes("commissioning", "local_authority") == [4]
    with pytest.raises(hp.DomainError, match="unknown framework 'ofsted'"):
        hp.read_scores(path, framework="ofsted")


def test_unpaired_area_is_a_warning_not_an_error(write_csv):
    path = write_csv(HEADER + GOOD_ROWS + "Medway,Medway UA,la,ua,3,3,3,3,3,3\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = hp.read_scores(path)
    assert any("'Medway' has only a council" in str(w.message) for w in caught)
    assert len(table.areas) == 1


# ---- encodings and delimiters (docs/conventions.md, "Errors") ------------------------------------------------

SPREADSHEET = HEADER + GOOD_ROWS.replace("Bexley PCT", "Bexley PCT – Sidcup") + \
    "Brent,Brent Teaching PCT,pct,primary_care_trust,2,2,2,2,2,2\nBrent,LB Brent,local_authority,london_borough,3,3,3,3,3,3\n"


def _names(table) -> list[str]:
    return [o.name for o in table.organisations]


def test_cp1252_from_excel_on_windows_is_read_with_a_warning_naming_the_encoding(tmp_path):
    text = SPREADSHEET.replace("Brent Teaching PCT", "Brent Teaching PCT (Café)")
    path = tmp_path / "excel.csv"
    path.write_bytes(text.replace("\n", "\r\n").encode("cp1252"))
    with pytest.warns(hp.DataWarning, match=r"excel\.csv: read as cp1252 \(Windows\), not UTF-8: line 2 has byte "
                                            r"0x96 \('–'\)"):
        table = hp.read_scores(path)
    assert _names(table)[0] == "Bexley PCT – Sidcup"
    assert "Brent Teaching PCT (Café)" in _names(table)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_utf8_with_bom_and_utf16_with_bom_read_without_a_warning(tmp_path, encoding):
    path = tmp_path / "scores.csv"
    body = SPREADSHEET.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):  # Python writes these codecs without a BOM; spreadsheets write one
        body = "\ufeff".encode(encoding) + body
    path.write_bytes(body)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = hp.read_scores(path)
    assert _names(table)[0] == "Bexley PCT – Sidcup"
    assert table.n_organisations == 4


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_and_tab_delimiters_are_detected(write_csv, delimiter):
    text = SPREADSHEET.replace(",", delimiter).replace("Bexley PCT – Sidcup",
                                                        '"Bexley PCT – Sidcup; Foots Cray, and Welling"')
    table = hp.read_scores(write_csv(text))
    assert _names(table)[0] == "Bexley PCT – Sidcup; Foots Cray, and Welling"
    assert table.score("LB Brent", "value_for_money") == 3


def test_errors_in_other_encodings_and_delimiters_still_name_file_line_and_column(tmp_path):
    path = tmp_path / "bad.csv"
    text = SPREADSHEET.replace("LB Brent,local_authority,london_borough,3,3,3,3,3,3",
                               "LB Brent,local_authority,london_borough,3,3,3,3,7,3")
    path.write_bytes(text.replace(",", ";").encode("utf-16"))
    with pytest.raises(hp.DataError, match=r"bad\.csv, line 5, column 9 \(internal_control\), organisation "
                                           r"'LB Brent', category 'internal_control': score 7 is outside the scale"):
        hp.read_scores(path)


def test_a_workbook_a_binary_file_and_a_directory_are_named(tmp_path):
    book = tmp_path / "scores.xlsx"
    book.write_bytes(b"PK\x03\x04" + bytes(100))
    with pytest.raises(hp.DataError, match=r"is a zip file \(an Excel \.xlsx workbook\?\), not CSV text"):
        hp.read_scores(book)
    with pytest.raises(hp.DataError, match=r"/dev/zero, line 1: holds a NUL byte"):
        hp.read_scores("/dev/zero")
    with pytest.raises(hp.DataError, match=r"is a directory, not a file"):
        hp.read_scores(tmp_path)
    with pytest.raises(hp.DataError, match=r"^no such file '.*nowhere\.csv'$"):
        hp.read_scores(tmp_path / "nowhere.csv")


def test_a_pipe_delimited_file_is_named_in_the_missing_columns_error(write_csv):
    with pytest.raises(hp.DataError, match=r"the file looks pipe-delimited \(its header holds 9 pipes\), but only "
                                           r"comma, semicolon and tab are read"):
        hp.read_scores(write_csv(SPREADSHEET.replace(",", "|")))
