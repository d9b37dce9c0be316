"""hp.io.write_table: CSV for spreadsheets, checked against Python's csv module reading it back and "%g"."""
import csv
import io

import numpy as np
import pandas as pd
import pytest

import healthyplaces as hp

NAMES = ["plain", "a,b", 'say "hi"', "=HYPERLINK(\"x\")", "+1", "-x", "@SUM(A1)", "two\nlines", "café", "\tTab",
         "", "nan"]


def test_text_survives_a_csv_reader_and_formula_like_text_stays_text():
    rng = np.random.default_rng(4)
    n = len(NAMES)
    frame = pd.DataFrame({"name, odd": NAMES, "count": rng.integers(0, 10**6, n).astype(float),
                          "value": rng.normal(0, 1e3, n) ** 3})
    frame.loc[3, "value"] = np.nan
    out = io.StringIO()
    hp.io.write_table(frame, out, counts=["count"])
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert rows[0] == ["name, odd", "count", "value"]
    for want, (name, count, value) in zip(frame.itertuples(index=False), rows[1:]):
        guarded = "'" + want[0] if want[0][:1] in ("=", "+", "-", "@", "\t", "\r") else want[0]
        assert name == guarded
        assert count == str(int(want[1]))
        assert value == "%.6g" % want[2]  # printf's %g, as Python's % operator writes it
    assert len(rows) == n + 1


def test_counts_whole_or_ten_digits_and_significant_digits():
    frame = pd.DataFrame({"n": [3.0, 2.5, 2.0**53, -0.0], "x": [np.pi, 1e-300, np.inf, -np.inf]})
    out = io.StringIO()
    hp.io.write_table(frame, out, counts=["n"], significant=17)
    assert out.getvalue().splitlines() == ["n,x", "3,3.1415926535897931", "2.5,1e-300",
                                           "9.007199255e+15,inf", "0,-inf"]
    assert "%.17g" % 1e-300 == "1e-300" and "%.10g" % 2.0**53 == "9.007199255e+15"  # printf agrees
    assert float(out.getvalue().splitlines()[1].split(",")[1]) == np.pi  # 17 digits round-trip


def test_bad_arguments_are_one_line_errors():
    frame = pd.DataFrame({"a": ["x"], "b": [1.0]})
    with pytest.raises(hp.DomainError, match=r"counts: column 'a' is not numeric"):
        hp.io.write_table(frame, io.StringIO(), counts=["a"])
    with pytest.raises(hp.DomainError, match=r"counts: no column 'c'; the columns are a, b"):
        hp.io.write_table(frame, io.StringIO(), counts=["c"])
    with pytest.raises(hp.DomainError, match=r"significant digits 0 is outside 1..17"):
        hp.io.write_table(frame, io.StringIO(), significant=0)


def test_a_path_is_written_whole_or_not_at_all(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("old\n")
    with pytest.raises(hp.DomainError):
        hp.io.write_table(pd.DataFrame({"b": [1.0]}), path, significant=99)
    assert path.read_text() == "old\n" and sorted(p.name for p in tmp_path.iterdir()) == ["t.csv"]
    big = pd.DataFrame({"k": np.arange(450_001, dtype=float)})  # three blocks of rows, one header
    hp.io.write_table(big, path, counts=["k"])
    lines = path.read_text().splitlines()
    assert lines[0] == "k" and lines[1:] == [str(i) for i in range(450_001)]
