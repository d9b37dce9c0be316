"""hp.read_counts: counts for indicators from a CSV or DataFrame, with errors naming file, line, column and
organisation."""
from __future__ import annotations

import warnings

import pandas as pd
import pytest

import healthyplaces as hp


def write(tmp_path, text: str):
    p = tmp_path / "counts.csv"
    p.write_text(text, encoding="utf-8")
    return p


def test_reads_counts_with_thousands_separators_and_keeps_other_columns(tmp_path):
    p = write(tmp_path, 'org,deaths,pop,region\nA,12,"1,000",N\nB,0,250,S\n')
    frame = hp.read_counts(p, by="org", numerator="deaths", denominator="pop")
    assert frame["deaths"].tolist() == [12.0, 0.0]
    assert frame["pop"].tolist() == [1000.0, 250.0]
    assert frame["region"].tolist() == ["N", "S"]


@pytest.mark.parametrize("text,message", [
    ("org,x,n\nA,3,10\nB,abc,10\n", r"counts.csv, line 3, column 2 \(x\), organisation 'B': 'abc' is not a number"),
    ("org,x,n\nA,3,10\nB,,10\n", r"line 3, column 2 \(x\), organisation 'B': is empty"),
    ("org,x,n\nA,-1,10\n", r"line 2, column 2 \(x\), organisation 'A': -1 is negative"),
    ("org,x,n\nA,1,0\n", r"line 2, column 3 \(n\), organisation 'A': the denominator is 0; it must be > 0"),
    ("org,x,n\nA,11,10\n", r"line 2, column 2 \(x\), organisation 'A': 11 is more than the denominator 10"),
    ("org,x,n\n,1,10\n", r"line 2, column 1 \(org\): the organisation is empty"),
    ("org,x\nA,1\n", r"no column 'n'; the columns are 'org', 'x'"),
    ("org,x,n\n", r"no data rows after the header"),
])
def test_bad_counts_name_file_line_column_and_organisation(tmp_path, text, message):
    p = write(tmp_path, text)
    with pytest.raises(hp.DataError, match=message):
        hp.read_counts(p, by="org", numerator="x", denominator="n")


def test_rates_may_exceed_one_but_not_proportions():
    df = pd.DataFrame({"organisation": ["A"], "numerator": [30], "denominator": [20]})
    assert hp.read_counts(df, kind="rate")["numerator"].tolist() == [30.0]
    with pytest.raises(hp.DataError, match=r"<DataFrame>, row 0, column 2 \(numerator\), organisation 'A'"):
        hp.read_counts(df)
    with pytest.raises(hp.DomainError, match="kind 'odds' is not one of proportion, rate, ratio"):
        hp.read_counts(df, kind="odds")


def test_empty_file_is_a_clear_error(tmp_path):
    p = write(tmp_path, "")
    with pytest.raises(hp.DataError, match="the file is empty"):
        hp.read_counts(p)


def test_a_missing_organisation_in_a_dataframe_is_an_error_not_a_nan_organisation():
    df = pd.DataFrame({"organisation": ["A", None], "numerator": [1, 2], "denominator": [3, 4]})
    with pytest.raises(hp.DataError, match=r"<DataFrame>, row 1, column 1 \(organisation\): the organisation is missing"):
        hp.read_counts(df)


def test_periods_and_other_columns_stay_text_in_file_order(tmp_path):
    p = write(tmp_path, "period,org,x,n,type\n2019-03,B,1,4,1\n2019-04, A ,2,8,2\n2019-04,B,1,4,1\n")
    frame = hp.read_counts(p, by="org", numerator="x", denominator="n", period="period", kind="rate")
    assert list(frame.columns) == ["period", "org", "x", "n", "type"]
    assert frame["period"].tolist() == ["2019-03", "2019-04", "2019-04"]
    assert frame["org"].tolist() == ["B", "A", "B"]  # trimmed; duplicates kept for the caller to sum
    assert frame["type"].tolist() == ["1", "2", "1"]
    assert frame["x"].dtype == float


def test_the_reader_is_the_cores(tmp_path):
    p = write(tmp_path, "organisation,numerator,denominator\nA,1,4\nB,2,8\n")
    counts = hp._core.io.read_counts_file(str(p), kind="ratio")
    assert counts.organisations == ["A", "B"]
    assert counts.denominators.tolist() == [4.0, 8.0]
    assert counts.periods == [] and counts.other_columns == []


# ---- encodings, delimiters, by= (docs/conventions.md) ----------------------------------------------------------

def test_by_names_the_grouping_column_and_organisation_is_retired():
    df = pd.DataFrame({"trust": ["A"], "numerator": [1], "denominator": [2]})
    assert hp.read_counts(df, by="trust")["trust"].tolist() == ["A"]
    with pytest.raises(TypeError):
        hp.read_counts(df, organisation="trust")  # type: ignore[call-arg]


def test_cp1252_semicolon_file_from_a_european_spreadsheet(tmp_path):
    p = tmp_path / "eu.csv"
    p.write_bytes("org;x;n\r\nSaint-Étienne – Nord;3;\"1,000\"\r\nB;1;10\r\n".encode("cp1252"))
    with pytest.warns(hp.DataWarning, match=r"eu\.csv: read as cp1252 \(Windows\), not UTF-8: line 2 has byte 0xC9"):
        frame = hp.read_counts(p, by="org", numerator="x", denominator="n")
    assert frame["org"].tolist() == ["Saint-Étienne – Nord", "B"]
    assert frame["n"].tolist() == [1000.0, 10.0]
    assert frame.attrs["encoding"] == "cp1252"


def test_a_decimal_comma_is_an_error_not_a_count_ten_times_too_big(tmp_path):
    p = write(tmp_path, "org;x;n\nA;1,5;10\n")
    with pytest.raises(hp.DataError, match=r"line 2, column 2 \(x\), organisation 'A': '1,5' is not a number; counts "
                                           r"must be numbers \(a comma only separates thousands"):
        hp.read_counts(p, by="org", numerator="x", denominator="n", kind="rate")


@pytest.mark.parametrize("encoding,name", [("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16-le")])
def test_tab_delimited_utf8_bom_and_utf16(tmp_path, encoding, name):
    p = tmp_path / "counts.tsv"
    p.write_text("org\tx\tn\tnote\nA\t1\t4\tcafé, open\nB\t2\t8\t\n", encoding=encoding)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        frame = hp.read_counts(p, by="org", numerator="x", denominator="n")
    assert frame["note"].tolist() == ["café, open", ""]
    assert frame.attrs["encoding"] == name


def test_read_table_reads_what_read_counts_reads(tmp_path):
    p = tmp_path / "panel.csv"
    p.write_bytes("unit;year;outcome\r\nSaint-Étienne;2019;1.5\r\nB;2019;\r\n".encode("cp1252"))
    with pytest.warns(hp.DataWarning, match="read as cp1252"):
        frame = hp.io.read_table(p)
    assert frame["unit"].tolist() == ["Saint-Étienne", "B"]
    assert frame["year"].dtype == "int64"
    assert frame["outcome"].isna().tolist() == [False, True]
    with pytest.raises(hp.DataError, match=r"panel2\.csv, line 3, column 3 \(c\): missing: the line has 2 fields but the header \(line 1\) has 3"):
        (tmp_path / "panel2.csv").write_text("a,b,c\n1,2,3\n4,5\n")
        hp.io.read_table(tmp_path / "panel2.csv")
