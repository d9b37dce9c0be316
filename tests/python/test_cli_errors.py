"""The command line and bad input (docs/conventions.md, "Errors"): never a traceback; exit status 2 and one line
naming the option, or the file, line and column; files in every encoding and delimiter a spreadsheet writes."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import healthyplaces as hp
from healthyplaces import cli
from healthyplaces.cli import main

ROOT = Path(__file__).resolve().parents[2]

from conftest import HEADER

SCORES = HEADER + (
    "Bexley,Bexley PCT – Sidcup,pct,primary_care_trust,1,1,1,1,2,1\n"
    "Bexley,LB Bexley,local_authority,london_borough,4,3,3,4,3,3\n"
    "Brent,Brent Teaching PCT (Café),pct,primary_care_trust,2,2,2,2,2,2\n"
    "Brent,LB Brent,local_authority,london_borough,3,3,3,3,3,3\n"
)
COUNTS = ("organisation,numerator,denominator\n"
          "Hôpital Nord – Sud,30,400\nB,12,300\nC,50,500\nD,8,250\n")


def one_error_line(err: str) -> str:
    """The error: exactly one line, no traceback, the house prefix."""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("healthyplaces: error: "), err
    assert "Traceback" not in err
    return lines[0].removeprefix("healthyplaces: error: ")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# ---- bad options ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("argv,message", [
    (["report", "--kind", "odds"], "--kind: invalid choice: 'odds' (choose from 'proportion', 'rate', 'ratio'); "
                                   "see 'healthyplaces report --help'"),
    (["report", "--multiplier", "lots"], "--multiplier: invalid float value: 'lots'"),
    (["report", "--nope"], "unrecognized arguments: --nope"),
    (["evaluate", "--treatment-period", "1989.5"], "--treatment-period: invalid int value: '1989.5'"),
    (["nonsense"], "invalid choice: 'nonsense' (choose from 'report', 'evaluate', 'appraise')"),
])
def test_a_bad_option_is_one_line_naming_it(capsys, argv, message):
    status, _, err = run(capsys, *argv)
    assert status == 2
    assert message in one_error_line(err)


# ---- files that are not there, or not files -------------------------------------------------------------------

@pytest.mark.parametrize("command,option", [("report", "--data"), ("report", "--counts"), ("evaluate", "--data")])
def test_a_missing_file_is_worded_one_way_everywhere(tmp_path, capsys, command, option):
    status, _, err = run(capsys, command, option, "x.csv", "--out", str(tmp_path / "r.html"))
    assert status == 2
    assert one_error_line(err) == f"{option}: no such file 'x.csv'"


@pytest.mark.parametrize("command,option", [("report", "--data"), ("report", "--counts"), ("evaluate", "--data")])
def test_a_directory_given_as_a_file(tmp_path, capsys, command, option):
    status, _, err = run(capsys, command, option, str(tmp_path), "--out", str(tmp_path / "r.html"))
    assert status == 2
    assert one_error_line(err) == f"{option}: '{tmp_path}' is a directory, not a file"


@pytest.mark.parametrize("command,option", [("report", "--data"), ("report", "--counts"), ("evaluate", "--data")])
def test_dev_zero_is_a_located_error_not_a_memory_error(tmp_path, capsys, command, option):
    status, _, err = run(capsys, command, option, "/dev/zero", "--out", str(tmp_path / "r.html"))
    assert status == 2
    assert one_error_line(err).startswith("/dev/zero, line 1: holds a NUL byte, which CSV text never does")


def test_template_dir_and_out_are_checked_before_any_work(tmp_path, capsys):
    status, _, err = run(capsys, "report", "--template-dir", str(tmp_path / "none"), "--out", str(tmp_path / "r.html"))
    assert status == 2 and one_error_line(err) == f"--template-dir: no such template folder '{tmp_path / 'none'}'"
    status, _, err = run(capsys, "report", "--out", str(tmp_path))
    assert status == 2 and one_error_line(err).startswith(f"--out: '{tmp_path}' is a directory; give a file name")
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    status, _, err = run(capsys, "report", "--out", str(blocker / "sub" / "r.html"))
    assert status == 2 and one_error_line(err) == (f"--out: cannot write '{blocker / 'sub' / 'r.html'}': "
                                                  f"'{blocker}' is a file, not a folder")


def test_a_template_that_is_not_utf8_is_named(tmp_path, capsys):
    folder = tmp_path / "brand"
    folder.mkdir()
    (folder / "style.css").write_bytes("/* Café */\nbody { color: #123; }\n".encode("cp1252"))
    status, _, err = run(capsys, "report", "--template-dir", str(folder), "--out", str(tmp_path / "r.html"))
    assert status == 2
    assert one_error_line(err) == f"{folder / 'style.css'}, line 1: byte 0xE9 is not UTF-8: save the file as UTF-8"


@pytest.mark.parametrize("error,message", [
    (UnicodeDecodeError("utf-8", b"\xe9", 0, 1, "invalid continuation byte"),
     "line 1 of a file: byte 0xE9 is not UTF-8: save the file as UTF-8"),
    (MemoryError(), "out of memory: is the input a file of text, and of a size this computer can hold?"),
    (FileNotFoundError(2, "No such file or directory", "gone.csv"), "no such file 'gone.csv'"),
    (IsADirectoryError(21, "Is a directory", "dir"), "'dir' is a directory, not a file"),
    (ValueError("a mean requires at least one data point\n(statistics)"),
     "a mean requires at least one data point (statistics)"),
])
def test_what_a_command_raises_for_bad_input_is_one_line(tmp_path, capsys, monkeypatch, error, message):
    def fail(args):
        raise error

    monkeypatch.setattr(cli, "_report", fail)
    status, _, err = run(capsys, "report", "--out", str(tmp_path / "r.html"))
    assert status == 2 and one_error_line(err) == message
    monkeypatch.setenv("HEALTHYPLACES_TRACEBACK", "1")  # for a bug report
    with pytest.raises(type(error)):
        main(["report", "--out", str(tmp_path / "r.html")])


# ---- every encoding and delimiter a spreadsheet writes, through the command -------------------------------------

def _encode(text: str, encoding: str, delimiter: str) -> bytes:
    return text.replace(",", delimiter).replace("\n", "\r\n").encode(encoding)


CASES = [("cp1252", ","), ("utf-8-sig", ","), ("utf-16", ","), ("utf-8", ";"), ("utf-8", "\t"), ("cp1252", ";")]


@pytest.mark.parametrize("encoding,delimiter", CASES, ids=[f"{e}-{'tab' if d == chr(9) else d}" for e, d in CASES])
def test_report_reads_scores_and_counts_in_any_spreadsheet_encoding_and_delimiter(tmp_path, capsys, encoding,
                                                                                  delimiter):
    scores, counts = tmp_path / "scores.csv", tmp_path / "counts.csv"
    scores.write_bytes(_encode(SCORES, encoding, delimiter))
    counts.write_bytes(_encode(COUNTS, encoding, delimiter))
    out = tmp_path / "r.html"
    status, stdout, err = run(capsys, "report", "--data", str(scores), "--counts", str(counts), "--out", str(out))
    assert status == 0, err
    assert "Traceback" not in err and "Wrote report" in stdout
    guessed = [line for line in err.splitlines() if "read as cp1252 (Windows), not UTF-8" in line]
    assert len(guessed) == (2 if encoding == "cp1252" else 0), err
    assert all(line.startswith("healthyplaces: note: ") for line in guessed)
    page = out.read_text(encoding="utf-8")
    assert "Bexley PCT – Sidcup" in page and "Brent Teaching PCT (Café)" in page
    assert "Hôpital Nord – Sud" in page


def test_a_located_error_in_a_utf16_semicolon_file(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(_encode(SCORES.replace("london_borough,3,3,3,3,3,3", "london_borough,3,3,3,9,3,3"), "utf-16", ";"))
    status, _, err = run(capsys, "report", "--data", str(bad), "--out", str(tmp_path / "r.html"))
    assert status == 2
    assert one_error_line(err).startswith(f"{bad}, line 5, column 8 (financial_standing), organisation 'LB Brent'")


def test_the_command_itself_prints_no_traceback(tmp_path):
    """As a user runs it: `python -m healthyplaces`, a missing file, then a bad option."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(Path(hp.__file__).parent.parent) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("HEALTHYPLACES_TRACEBACK", None)
    for argv, message in ((["report", "--data", "x.csv"], "healthyplaces: error: --data: no such file 'x.csv'\n"),
                          (["report", "--data", "/dev/zero"], "healthyplaces: error: /dev/zero, line 1: holds a NUL"),
                          (["report", "--kind", "odds"], "healthyplaces: error: --kind: invalid choice: 'odds'")):
        result = subprocess.run([sys.executable, "-m", "healthyplaces", *argv], capture_output=True, text=True,
                                cwd=tmp_path, env=env, timeout=120)
        assert result.returncode == 2 and result.stderr.startswith(message), result.stderr
        assert result.stderr.count("\n") == 1 and result.stdout == ""


def test_evaluate_reads_a_cp1252_semicolon_panel(tmp_path, capsys):
    panel = hp.datasets.smoking()
    panel["state"] = panel["state"].replace({"Utah": "Utah – Salt Lake", "Ohio": "Ohio (Café)"})
    path = tmp_path / "panel.csv"
    path.write_bytes(panel.to_csv(index=False, sep=";").encode("cp1252"))
    out = tmp_path / "eval.html"
    status, stdout, err = run(capsys, "evaluate", "--data", str(path), "--unit", "state", "--time", "year",
                              "--outcome", "cigsale", "--treated", "California", "--treatment-period", "1989",
                              "--out", str(out))
    assert status == 0, err
    assert err.strip() == (f"healthyplaces: note: {path}: read as cp1252 (Windows), not UTF-8: line 777 has byte "
                           f"0xE9 ('é'), which is not UTF-8; save the file as \"CSV UTF-8\" to be sure of its letters")
    assert "Utah – Salt Lake" in out.read_text(encoding="utf-8") or "Ohio (Café)" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("option, value, message", [
    ("--seed", "-1", "--seed: -1 is outside 0 to 18,446,744,073,709,551,615"),
    ("--seed", str(2**70), f"--seed: {2**70} is outside 0 to"),
    ("--n-resamples", "1e12", "--n-resamples: '1e12' is not a whole number"),
    ("--n-resamples", "0", "--n-resamples: 0 is outside 1 to 10,000,000"),
])
def test_evaluate_seed_and_resamples_out_of_range_are_one_line(option, value, message, tmp_path, capsys):
    args = ["evaluate", "--data", str(ROOT / "tests" / "data" / "mpdta.csv"), "--unit", "countyreal", "--time", "year",
            "--outcome", "lemp", "--adoption", "first.treat", option, value, "--out", str(tmp_path / "e.html")]
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err and "Traceback" not in err
