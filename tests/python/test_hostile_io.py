"""Issue 15, readers: every reproducer of the readers' slice replayed, each asserting the exact located error or the
right answer. Readers name the file, the physical line and the column of a bad value (or the DataFrame row), stop
at their stated limits with one line, and their results pickle. Scale (1,000,000 rows) is in
benchmarks/io_read_scale.py, not here."""
from __future__ import annotations

import os
import pickle
import warnings

import numpy as np
import pandas as pd
import pytest

import healthyplaces as hp
from healthyplaces.evaluation import Panel

SCORES_HEADER = ("area,organisation,sector,authority_type,star_rating,financial_reporting,financial_management,"
                 "financial_standing,internal_control,value_for_money\n")


def write(tmp_path, name, text, encoding="utf-8"):
    p = tmp_path / name
    p.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return p


def error_of(call, *args, **kwargs) -> str:
    with pytest.raises(hp.DataError) as e:
        call(*args, **kwargs)
    return str(e.value)


# -- counts: physical lines and columns -----------------------------------------------------------------------------

def test_counts_blank_lines_before_a_bad_row_name_the_line_of_the_value(tmp_path):
    p = write(tmp_path, "blank.csv", "organisation,numerator,denominator\nA,1,10\n\n\n\nB,x,10\n")
    assert error_of(hp.read_counts, p) == (
        f"{p}, line 6, column 2 (numerator), organisation 'B': 'x' is not a number; counts must be numbers")


def test_counts_crlf_and_blank_lines_count_the_same(tmp_path):
    p = write(tmp_path, "crlf.csv", "organisation,numerator,denominator\r\n\r\nA,1,10\r\n\r\nB,1,0\r\n")
    assert error_of(hp.read_counts, p) == (
        f"{p}, line 5, column 3 (denominator), organisation 'B': the denominator is 0; it must be > 0")


def test_counts_quoted_field_spanning_lines_names_the_line_of_each_value(tmp_path):
    # the organisation's name runs over lines 2-3, so its numerator starts on line 3; the next row is on line 4
    p = write(tmp_path, "quoted.csv", 'organisation,numerator,denominator\n"North\nTrust",x,10\nB,1,10\n')
    assert error_of(hp.read_counts, p) == (
        f"{p}, line 3, column 2 (numerator), organisation 'North\\nTrust': 'x' is not a number; counts must be numbers")
    p = write(tmp_path, "quoted2.csv", 'organisation,numerator,denominator\n"North\nTrust",1,10\nB,y,10\n')
    assert error_of(hp.read_counts, p) == (
        f"{p}, line 4, column 2 (numerator), organisation 'B': 'y' is not a number; counts must be numbers")


def test_counts_quoted_line_breaks_with_crlf_and_lone_cr(tmp_path):
    p = write(tmp_path, "cr.csv", 'organisation,numerator,denominator\r"A\r\nB",1,10\rC,z,10\r')
    assert error_of(hp.read_counts, p) == (
        f"{p}, line 4, column 2 (numerator), organisation 'C': 'z' is not a number; counts must be numbers")


def test_counts_extra_field_is_named_as_a_field_not_an_organisation(tmp_path):
    # "1,000" unquoted: the thousands separator splits the row into four fields
    p = write(tmp_path, "extra.csv", "organisation,numerator,denominator\nA,1,10\nB,20,1,000\n")
    assert error_of(hp.read_counts, p) == (
        f"{p}, line 3, column 4: an extra field '000': the line has 4 fields but the header (line 1) has 3 "
        "(an unquoted comma?)")


def test_counts_truncated_line_names_the_missing_column(tmp_path):
    p = write(tmp_path, "short.csv", "organisation,numerator,denominator\n\nA,1\n")
    assert error_of(hp.read_counts, p) == (
        f"{p}, line 3, column 3 (denominator): missing: the line has 2 fields but the header (line 1) has 3 "
        "(is the line truncated?)")


def test_unclosed_quote_and_stray_quote_name_line_and_column(tmp_path):
    p = write(tmp_path, "open.csv", 'organisation,numerator,denominator\nA,1,10\nB,"2,10\nC,3,10\n')
    assert error_of(hp.read_counts, p) == (
        f"{p}, line 3, column 2 (numerator): a quoted field opened here is never closed (is the file truncated?)")
    p = write(tmp_path, "stray.csv", 'organisation,numerator,denominator\nA,1,10\nB,2"0,10\n')
    assert error_of(hp.read_counts, p) == (
        f"{p}, line 3, column 2 (numerator): a quote inside an unquoted field: quote the whole field and double "
        'inner quotes ("")')


# -- read_counts(DataFrame): a missing value is an error naming the row and column ---------------------------------

@pytest.mark.parametrize("missing", [np.nan, None, pd.NA])
def test_counts_frame_with_a_missing_organisation_is_an_error(missing):
    df = pd.DataFrame({"organisation": pd.Series(["A", missing, "C"], dtype=object),
                       "numerator": [1, 2, 3], "denominator": [10, 10, 10]})
    assert error_of(hp.read_counts, df) == (
        "<DataFrame>, row 1, column 1 (organisation): the organisation is missing (empty, NaN, None or <NA>); "
        "every row needs one")


def test_counts_frame_with_a_string_dtype_missing_organisation_is_an_error():
    df = pd.DataFrame({"organisation": pd.array(["A", "B", pd.NA], dtype="string"),
                       "numerator": [1, 2, 3], "denominator": [10, 10, 10]})
    assert error_of(hp.read_counts, df).startswith("<DataFrame>, row 2, column 1 (organisation): the organisation "
                                                   "is missing")


@pytest.mark.parametrize("column, values", [("numerator", [1, np.nan, 3]),
                                            ("denominator", pd.array([10, pd.NA, 10], dtype="Int64"))])
def test_counts_frame_with_a_missing_count_is_an_error(column, values):
    df = pd.DataFrame({"organisation": ["A", "B", "C"], "numerator": [1, 2, 3], "denominator": [10, 10, 10]})
    df[column] = values
    position = list(df.columns).index(column) + 1
    assert error_of(hp.read_counts, df) == (
        f"<DataFrame>, row 1, column {position} ({column}), organisation 'B': is missing (NaN, None or <NA>); "
        "counts must be numbers")


def test_counts_frame_rows_are_counted_past_a_name_with_a_line_break():
    df = pd.DataFrame({"organisation": ["A\nB", "C", "D"], "numerator": [1, 2, -1], "denominator": [10, 10, 10]})
    assert error_of(hp.read_counts, df) == (
        "<DataFrame>, row 2, column 2 (numerator), organisation 'D': -1 is negative; counts must be >= 0")


# -- encodings, directories, endless input ---------------------------------------------------------------------------

def scores_text() -> str:
    return hp.datasets.nlgn2008().to_csv(index=False)


def test_utf16_scores_with_a_byte_order_mark_are_read(tmp_path):
    p = write(tmp_path, "u16.csv", scores_text(), "utf-16")
    assert hp.read_scores(p).n_organisations == 18


@pytest.mark.parametrize("encoding, endian", [("utf-16-le", "little"), ("utf-16-be", "big")])
def test_utf16_scores_without_a_byte_order_mark_are_read_and_said(tmp_path, encoding, endian):
    p = write(tmp_path, "u16.csv", scores_text(), encoding)
    with pytest.warns(hp.DataWarning) as caught:
        table = hp.read_scores(p)
    assert table.n_organisations == 18
    assert str(caught[0].message) == (
        f"{p}: read as UTF-16 ({endian}-endian) without a byte-order mark; save the file as \"CSV UTF-8\" to be sure "
        "of its letters")


def test_utf16_that_cannot_be_decoded_says_so(tmp_path):
    p = write(tmp_path, "odd.csv", b"\xff\xfe" + "a,b\n1,2\n".encode("utf-16-le") + b"x")
    assert error_of(hp.read_scores, p) == (
        f"{p}: ends in the middle of a UTF-16 character (is the file truncated?)")
    p = write(tmp_path, "half.csv", b"\xff\xfe" + "a,b\n".encode("utf-16-le") + b"\x00\xd8" + "1\n".encode("utf-16-le"))
    assert error_of(hp.read_scores, p) == (
        f"{p}, line 2: broken UTF-16 (half of a surrogate pair): is the file damaged?")


@pytest.mark.parametrize("reader", [hp.read_scores, hp.read_counts, hp.io.read_table])
def test_a_directory_is_named_as_one(tmp_path, reader):
    assert error_of(reader, tmp_path) == f"'{tmp_path}' is a directory, not a file"


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
@pytest.mark.parametrize("reader", [hp.read_scores, hp.read_counts, hp.io.read_table])
def test_dev_zero_is_one_line_not_memory_error(reader):
    assert error_of(reader, "/dev/zero") == (
        "/dev/zero, line 1: holds a NUL byte, which CSV text never does: is it a binary file, or UTF-16 without a "
        "byte-order mark? Save it as \"CSV UTF-8\"")


def test_a_file_past_the_size_limit_is_refused_before_it_is_read(tmp_path):
    p = tmp_path / "huge.csv"
    with open(p, "wb") as f:  # sparse: no disk used, and the reader refuses it from its size alone
        f.truncate((1 << 30) + 1)
    assert error_of(hp.read_counts, p) == (
        f"{p}: is larger than 1 GiB, the most a CSV reader takes (hp::io::max_input_bytes): split the file, or keep "
        "the rows and columns the analysis needs")


def test_a_line_past_the_column_limit_is_refused(tmp_path):
    p = write(tmp_path, "wide.csv", "a" + ",a" * 20_000 + "\n")
    assert error_of(hp.io.read_table, p) == (
        f"{p}, line 1, column 16385: more than 16384 fields on one line, the most a CSV reader takes "
        "(hp::io::max_columns): is this a CSV file?")


# -- scores: located errors --------------------------------------------------------------------------------------------

def test_scores_two_councils_in_an_area_name_the_line_and_the_first(tmp_path):
    p = write(tmp_path, "s.csv", SCORES_HEADER + "Bexley,LB Bexley,local_authority,london_borough,3,3,3,4,3,3\n\n"
                                                 "Bexley,Kent CC,local_authority,county_council,4,3,3,3,3,3\n")
    assert error_of(hp.read_scores, p) == (
        f"{p}, line 4, column 1 (area), organisation 'Kent CC': area 'Bexley' already has a council (line 2); "
        "an area pairs one council with one NHS commissioner: give each pairing its own area name")


def test_scores_a_repeated_code_names_both_lines(tmp_path):
    p = write(tmp_path, "s.csv", SCORES_HEADER + "A,LB Bexley,local_authority,london_borough,3,3,3,4,3,3\n"
                                                 "B,LB Bexley,local_authority,london_borough,3,3,3,4,3,3\n")
    assert error_of(hp.read_scores, p) == (
        f"{p}, line 3, column 2 (organisation), organisation 'LB Bexley': organisation code 'LB Bexley' already "
        "used on line 2; codes must be unique")


def test_many_unpaired_areas_give_a_few_notes_and_a_count(tmp_path):
    rows = "".join(f"Area {i},LB {i},local_authority,london_borough,3,3,3,4,3,3\n" for i in range(40))
    p = write(tmp_path, "s.csv", SCORES_HEADER + rows)
    with pytest.warns(hp.DataWarning) as caught:
        hp.read_scores(p)
    notes = [str(w.message) for w in caught]
    assert len(notes) == 6
    assert notes[-1] == f"{p}: 35 more areas have only one organisation (40 in all), so they are not paired"


# -- panels read from a file: errors name file, line and column -------------------------------------------------------

PANEL = "area,year,admissions,pooled\nTorbay,2019,5.0,0\nTorbay,2020,6.5,1\n\nSwindon,2019,7.0,0\nSwindon,2020,{},0\n"


def panel_error(tmp_path, text: str, **kwargs) -> str:
    p = write(tmp_path, "panel.csv", text)
    frame = hp.io.read_table(p)
    with pytest.raises(hp.DataError) as e:
        Panel.from_frame(frame, unit="area", time="year", outcome="admissions", **kwargs)
    return str(e.value).replace(str(p), "panel.csv")


def test_panel_missing_outcome_names_file_line_column_unit_and_period(tmp_path):
    assert panel_error(tmp_path, PANEL.format(""), treated="pooled") == (
        'panel.csv, line 6, column 3 (admissions), unit "Swindon", period 2020: admissions is missing (NaN); drop '
        "the row if the unit was not observed in that period")


def test_panel_text_outcome_names_file_line_column(tmp_path):
    assert panel_error(tmp_path, PANEL.format("12x"), treated="pooled") == (
        'panel.csv, line 6, column 3 (admissions), unit "Swindon", period 2020: \'12x\' is not a number')


def test_panel_duplicate_row_names_both_lines(tmp_path):
    text = PANEL.format("8.0") + "Torbay,2019,5.5,0\n"
    assert panel_error(tmp_path, text, treated="pooled") == (
        'panel.csv, line 7, column 2 (year), unit "Torbay", period 2019: duplicates line 2: one row per unit and '
        "period")


def test_panel_treated_errors_name_the_treated_column(tmp_path):
    text = PANEL.format("8.0").replace("Swindon,2020,8.0,0", "Swindon,2020,8.0,2")
    assert panel_error(tmp_path, text, treated="pooled") == (
        'panel.csv, line 6, column 4 (pooled), unit "Swindon", period 2020: treated is 2; it must be 0 or 1')
    text = PANEL.format("8.0").replace("Swindon,2019,7.0,0", "Swindon,2019,7.0,1")
    assert panel_error(tmp_path, text, treated="pooled") == (
        'panel.csv, line 6, column 4 (pooled), unit "Swindon", period 2020: treated is 0 after the unit was treated '
        "in 2019; treatment must stay on once adopted")


def test_panel_adoption_and_period_errors_name_the_line(tmp_path):
    text = "area,year,admissions,first\nTorbay,2019,5,2020\nTorbay,2020,6,2021\nSwindon,2019,7,0\n"
    assert panel_error(tmp_path, text, adoption="first") == (
        'panel.csv, line 3, column 4 (first), unit "Torbay", period 2020: adoption period 2021 differs from 2020 on '
        "line 2: a unit adopts once")
    # a unit's name with a line break counts as two lines: the row after it starts on line 4
    text = "area,year,admissions\n\"Tor\nbay\",2019,5\nSwindon,2019.5,6\n"
    assert panel_error(tmp_path, text) == (
        "panel.csv, line 4, column 2 (year): period 2019.5 is not a whole number (use years, or integer codes for "
        "quarters and months)")


def test_panel_from_a_changed_frame_names_rows_not_lines(tmp_path):
    p = write(tmp_path, "panel.csv", PANEL.format(""))
    frame = hp.io.read_table(p).iloc[1:]  # rows dropped: the file's lines no longer match
    with pytest.raises(hp.DataError, match=r'^row 3 \(unit "Swindon", period 2020\): admissions is missing'):
        Panel.from_frame(frame.reset_index(drop=True), unit="area", time="year", outcome="admissions")


def test_read_table_rows_are_the_readers_rows(tmp_path):
    # a row of empty cells is skipped, as every reader does; the lines say where each row was
    p = write(tmp_path, "t.csv", "a;b\n1;x\n;\n\n2;\"y\nz\"\n3;w\n")
    frame = hp.io.read_table(p)
    assert frame["a"].tolist() == [1, 2, 3] and frame["b"].tolist() == ["x", "y\nz", "w"]
    assert frame.attrs["lines"] == "rows=3 0:2 1:5 2:7" and frame.attrs["delimiter"] == ";"
    pd.concat([frame, frame])  # the attributes stay plain text: frames still concatenate


# -- pickling: every result of the readers' and analysis boxes round-trips equal ---------------------------------------

def round_trip(obj):
    again = pickle.loads(pickle.dumps(obj))
    assert type(again) is type(obj)
    assert again == obj
    return again


def test_analysis_results_and_their_parts_pickle(nlgn):
    cmp = hp.compare_sectors(nlgn)
    round_trip(cmp)
    round_trip(cmp._result)
    gaps = hp.competency_gaps(nlgn)
    round_trip(gaps)
    for g in gaps:
        round_trip(g)
        round_trip(g.council_total)
    pilots = hp.pilot_candidates(nlgn, min_council_stars=None, max_nhs_stars=None, min_coterminosity=0.0)
    round_trip(pilots)
    round_trip(pilots.criteria)
    for g in pilots.candidates:
        round_trip(g)
    round_trip(hp._core.analysis.pilot_candidates(nlgn, hp._core.analysis.PilotCriteria()))
    tests = hp.paired_sector_tests(nlgn)
    round_trip(tests)
    for t in tests.tests:  # NaN fields (untested categories) compare equal to themselves
        round_trip(t)


def test_compiled_results_compare_by_value(nlgn):
    a, b = hp.competency_gaps(nlgn).gaps[:2]
    assert a == hp.competency_gaps(nlgn).gaps[0] and a != b
    tests = hp.paired_sector_tests(nlgn).tests
    assert tests[0] != tests[1]


def test_counts_pickle(tmp_path):
    p = write(tmp_path, "c.csv", "organisation,period,numerator,denominator\nA,2024,1,10\nB,2024,2,\"1,000\"\n")
    counts = hp._core.io.read_counts_file(str(p), period="period")
    again = round_trip(counts)
    assert again.denominators.tolist() == [10.0, 1000.0] and again.encoding == "utf-8"


def test_a_tampered_pickle_is_refused(nlgn):
    with pytest.raises(hp.DataError, match="not a pickled AreaGap"):
        hp._core.analysis.AreaGap.__new__(hp._core.analysis.AreaGap).__setstate__(("x",))


# -- scale: linear, not quadratic (the 1,000,000-row figures are benchmarks/io_read_scale.py's) ----------------------

def test_fifty_thousand_rows_are_read_and_compared():
    rows = "".join(f"A{i // 2},O{i},{'nhs,primary_care_trust,1,2,1,2,1' if i % 2 else 'council,unitary_authority,3,3,4,3,3'}\n"
                   for i in range(50_000))
    frame_text = ("area,organisation,sector,authority_type,financial_reporting,financial_management,"
                  "financial_standing,internal_control,value_for_money\n" + rows)
    # the speed goal (1,000,000 rows in 3 s) is benchmarks/io_read_scale.py's, not a timed assertion here; the
    # quadratic lookup took ~6 s on this input
    table, _, _ = hp._core.io.read_scores_text(frame_text, "big.csv", hp.io.as_framework("use_of_resources"))
    gaps = hp._core.analysis.competency_gaps(table)
    assert len(table.areas) == 25_000 and len(gaps) == 25_000 and gaps[0].total_gap == 9


# -- any damage: one DataError of one line, never a crash ------------------------------------------------------------

def test_a_name_with_a_line_break_keeps_every_message_on_one_line(tmp_path):
    p = write(tmp_path, "h.csv", 'organisation,"num\nerator",denominator\nA,x,10\n')
    message = error_of(hp.read_counts, p, numerator="num\nerator")
    assert message == f"{p}, line 3, column 2 (num\\nerator), organisation 'A': 'x' is not a number; counts must be numbers"
    p = write(tmp_path, "u.csv", 'area,year,admissions\n"Tor\nbay",2019,5\n"Tor\nbay",2019,6\n')
    message = error_of(Panel.from_frame, hp.io.read_table(p), unit="area", time="year", outcome="admissions")
    assert message == f'{p}, line 4, column 2 (year), unit "Tor\\nbay", period 2019: duplicates line 2: one row per unit and period'


def test_damaged_files_give_one_line_data_errors():
    # A small, fixed-seed mutation run over the readers (the fuzzing campaign runs far more, in C++): every outcome
    # is a table or a DataError whose message is one line.
    import random

    fw = hp.io.as_framework("use_of_resources")
    seeds = [hp.datasets.nlgn2008().to_csv(index=False).encode(),
             b'organisation,numerator,denominator\nA,1,10\n"B\nC",2,"1,000"\r\nD;3;4\n',
             "a;b\n1;x\n;\n\n2;\"y\nz\"\n3;w\n".encode("utf-16"), "a,b\n1,2\n".encode("utf-16-le")]
    pieces = [b",", b";", b"\t", b'"', b"\n", b"\r", b"\x00", b"\xff", b"\xfe", b"\xc3", b"\x0b", b"a", b"1", b" "]
    rng = random.Random(15)
    outcomes = {"table": 0, "error": 0}
    for _ in range(300):
        s = bytearray(rng.choice(seeds))
        for _ in range(rng.randint(1, 6)):
            pos = rng.randint(0, len(s))
            if rng.random() < 0.6:
                s[pos:pos] = rng.choice(pieces)
            else:
                del s[pos:pos + rng.randint(1, 4)]
        text = bytes(s).decode("latin-1")
        for read in (lambda: hp._core.io.read_counts_text(text, "f.csv"),
                     lambda: hp._core.io.read_scores_text(text, "f.csv", fw)):
            try:
                read()
                outcomes["table"] += 1
            except hp.DataError as e:
                assert len(str(e).splitlines()) == 1, str(e)
                outcomes["error"] += 1
    assert outcomes["table"] > 0 and outcomes["error"] > 0
