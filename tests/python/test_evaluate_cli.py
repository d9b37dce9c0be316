"""`healthyplaces evaluate`: the evaluation page for each design, its numbers against the estimators run
directly, and located errors for bad panels."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import healthyplaces as hp
from healthyplaces.cli import main
from healthyplaces.report import EvaluationSpec, build_evaluation_report

DATA = Path(__file__).resolve().parents[1] / "data"
MPDTA = DATA / "mpdta.csv"


def _text(page: str) -> str:
    """The page's visible text: no SVG, no tags, entities decoded, whitespace collapsed."""
    import html

    t = re.sub(r"<svg.*?</svg>", " ", page, flags=re.S)
    t = re.sub(r"<style>.*?</style>", " ", t, flags=re.S)
    t = re.sub(r"<[^>]+>", " ", t)
    return re.sub(r"\s+", " ", html.unescape(t))


@pytest.fixture(scope="module")
def prop99_page() -> str:
    return build_evaluation_report(spec=None)


def test_default_is_proposition_99_with_adh_weights_and_placebo_p(prop99_page):
    text = _text(prop99_page)
    assert prop99_page.startswith("<!DOCTYPE html>") and "<script" not in prop99_page
    assert "Did Proposition 99 cut smoking in California?" in text
    # ADH (2010): California's post/pre RMSPE ratio is the largest of 39, so p = 1/39.
    assert "ranks 1 of 39" in text and "permutation p = 0.026" in text
    # Table 2's donors, in the weights table (within 0.01 of 0.334, 0.234, 0.199, 0.164, 0.069)
    weights = dict(re.findall(r"(Utah|Nevada|Montana|Colorado|Connecticut) (0\.\d+)", text))
    published = {"Utah": 0.334, "Nevada": 0.234, "Montana": 0.199, "Colorado": 0.164, "Connecticut": 0.069}
    assert set(weights) == set(published)
    for state, w in published.items():
        assert abs(float(weights[state]) - w) < 0.01, state


def test_prop99_finding_states_the_direct_estimate(prop99_page, prop99_synth):
    # the finding's mean post-1989 gap of the direct fit (conftest.prop99_synth: ADH's specification), to the
    # page's one decimal (cigsale's sd is ~30 packs)
    assert f"on average {abs(prop99_synth.statistic):.1f} lower" in _text(prop99_page)


def test_staggered_design_gets_callaway_santanna_matching_r_did(tmp_path):
    out = tmp_path / "cs.html"
    assert main(["evaluate", "--data", str(MPDTA), "--unit", "countyreal", "--time", "year", "--outcome", "lemp",
                 "--adoption", "first.treat", "--out", str(out)]) == 0
    text = _text(out.read_text())
    assert "Staggered adoption: Callaway and Sant'Anna" in text and "Goodman-Bacon" in text
    # R did: aggte(att_gt(lemp ~ 1, mpdta), type = "simple") gives an overall ATT of -0.0400
    assert "adopting changed lemp by -0.040" in text
    r = hp.evaluation.did(pd.read_csv(MPDTA), unit="countyreal", time="year", outcome="lemp",
                          adoption="first.treat", method="twfe")
    assert f"regression gives {r.statistic:.3f}" in text


def test_common_adoption_gets_did_event_study_and_power(tmp_path):
    d = pd.read_csv(MPDTA)
    block = d[d["first.treat"].isin([0, 2006])]
    path = tmp_path / "block.csv"
    block.to_csv(path, index=False)
    out = tmp_path / "did.html"
    assert main(["evaluate", "--data", str(path), "--unit", "countyreal", "--time", "year", "--outcome", "lemp",
                 "--adoption", "first.treat", "--out", str(out)]) == 0
    text = _text(out.read_text())
    assert "2. Difference-in-differences" in text and "3. Event study" in text and "4. What this design" in text
    r = hp.evaluation.did(block, unit="countyreal", time="year", outcome="lemp", adoption="first.treat")
    lo, hi = r.confidence_interval()
    assert f"changed by {r.statistic:.3f} more" in text and f"95% CI {lo:.3f} to {hi:.3f}" in text
    assert "The 40 treated units'" in text and "309 never-treated" in text


def test_treated_as_indicator_column_and_as_unit_names_agree(tmp_path):
    smoking = hp.datasets.smoking()
    smoking["prop99"] = ((smoking["state"] == "California") & (smoking["year"] >= 1989)).astype(int)
    path = tmp_path / "smoking.csv"
    smoking.to_csv(path, index=False)
    common = ["--data", str(path), "--unit", "state", "--time", "year", "--outcome", "cigsale"]
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    assert main(["evaluate", *common, "--treated", "prop99", "--out", str(a)]) == 0
    assert main(["evaluate", *common, "--treated", "California", "--treatment-period", "1989", "--out", str(b)]) == 0
    ta, tb = _text(a.read_text()), _text(b.read_text())
    finding = re.search(r"Finding (After 1989.*?) 1\. The panel", ta).group(1)
    assert finding in tb and "ranks 1 of 39" in finding


@pytest.mark.parametrize("args, message", [
    (["--outcome", "packs", "--treated", "California", "--treatment-period", "1989"], "no column 'packs'"),
    (["--treated", "Narnia", "--treatment-period", "1989"], "no unit 'Narnia'"),
    (["--treated", "California"], "--treatment-period must say when"),
    (["--treated", "California", "--treatment-period", "1970"], 'unit "California" is treated from period 1970 but the '
                                                                 "panel starts in 1970: no pre-periods"),
    (["--treated", "California,Utah", "--treatment-period", "1989", "--method", "synth"],
     "synthetic control evaluates one treated unit; 2 are treated"),
])
def test_bad_requests_exit_2_with_a_located_message(tmp_path, capsys, args, message):
    path = tmp_path / "smoking.csv"
    hp.datasets.smoking().to_csv(path, index=False)
    argv = ["evaluate", "--data", str(path), "--unit", "state", "--time", "year"]
    if "--outcome" not in args:
        argv += ["--outcome", "cigsale"]
    status = main(argv + args + ["--out", str(tmp_path / "x.html")])
    err = capsys.readouterr().err
    assert status == 2 and message in err and "Traceback" not in err, err
    assert not (tmp_path / "x.html").exists()


def test_nan_and_duplicate_rows_name_unit_and_period(tmp_path, capsys):
    d = hp.datasets.smoking()
    d.loc[(d["state"] == "Utah") & (d["year"] == 1980), "cigsale"] = np.nan
    bad = tmp_path / "nan.csv"
    d.to_csv(bad, index=False)
    argv = ["evaluate", "--unit", "state", "--time", "year", "--outcome", "cigsale", "--treated", "California",
            "--treatment-period", "1989", "--out", str(tmp_path / "x.html")]
    assert main(["evaluate", "--data", str(bad), *argv[1:]]) == 2
    assert 'unit "Utah", period 1980' in capsys.readouterr().err
    d = hp.datasets.smoking()
    dup = pd.concat([d, d[(d["state"] == "Ohio") & (d["year"] == 1975)]])
    dup.to_csv(bad, index=False)
    assert main(["evaluate", "--data", str(bad), *argv[1:]]) == 2
    err = capsys.readouterr().err
    assert 'unit "Ohio", period 1975' in err and "duplicates" in err


def test_missing_file_and_malformed_csv(tmp_path, capsys):
    argv = ["--unit", "u", "--time", "t", "--outcome", "y", "--treated", "d", "--out", str(tmp_path / "x.html")]
    assert main(["evaluate", "--data", str(tmp_path / "none.csv"), *argv]) == 2
    assert "none.csv" in capsys.readouterr().err
    bad = tmp_path / "bad.csv"
    bad.write_text("u,t,y,d\nA,2019,1.0,0\nA,2020,not-a-number,1\nB,2019,2,0\nB,2020,2,0\n")
    assert main(["evaluate", "--data", str(bad), *argv]) == 2
    assert 'bad.csv, line 3, column 3 (y), unit "A", period 2020: \'not-a-number\' is not a number' in capsys.readouterr().err


def test_spec_rejects_contradictions():
    d = hp.datasets.smoking()
    with pytest.raises(hp.DataError, match="not both"):
        EvaluationSpec(unit="state", time="year", outcome="cigsale", treated="California",
                       adoption="year").treatment_kwargs(d)
    with pytest.raises(hp.DomainError, match="method 'magic'"):
        build_evaluation_report(d, EvaluationSpec(unit="state", time="year", outcome="cigsale", treated="California",
                                                  treatment_period=1989, method="magic"))


# ---- options: named as the library names them, checked, and never silently ignored ---------------------------------

def _smoking_csv(tmp_path):
    path = tmp_path / "smoking.csv"
    hp.datasets.smoking().to_csv(path, index=False)
    return ["--data", str(path), "--unit", "state", "--time", "year", "--outcome", "cigsale"]


@pytest.mark.parametrize("level, hint", [("95", "did you mean 0.95?"), ("99.8", "did you mean 0.998?"),
                                         ("0", ""), ("1", ""), ("-0.5", "")])
def test_confidence_level_out_of_range_is_one_line_exit_2(tmp_path, capsys, level, hint):
    out = tmp_path / "x.html"
    status = main(["evaluate", *_smoking_csv(tmp_path), "--treated", "California", "--treatment-period", "1989",
                   "--confidence-level", level, "--out", str(out)])
    err = capsys.readouterr().err
    assert status == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert "--confidence-level must be strictly between 0 and 1" in err and hint in err
    assert not out.exists()


def test_confidence_level_is_used(tmp_path):
    out = tmp_path / "x.html"
    d = pd.read_csv(MPDTA)
    block = d[d["first.treat"].isin([0, 2006])]
    path = tmp_path / "block.csv"
    block.to_csv(path, index=False)
    assert main(["evaluate", "--data", str(path), "--unit", "countyreal", "--time", "year", "--outcome", "lemp",
                 "--adoption", "first.treat", "--confidence-level", "0.9", "--out", str(out)]) == 0
    r = hp.evaluation.did(block, unit="countyreal", time="year", outcome="lemp", adoption="first.treat",
                          confidence_level=0.9)
    lo, hi = r.confidence_interval()
    assert f"90% CI {lo:.3f} to {hi:.3f}" in _text(out.read_text())


@pytest.mark.parametrize("old", ["--level", "--n-boot"])
def test_retired_option_names_are_usage_errors(tmp_path, capsys, old):
    assert main(["evaluate", old, "0.9", "--out", str(tmp_path / "x.html")]) == 2
    assert "unrecognized arguments" in capsys.readouterr().err


@pytest.mark.parametrize("args, names", [
    (["--method", "did", "--unit", "state"], "--unit"),
    (["--treated", "California"], "--treated"),
    (["--outcome", "cigsale", "--covariates", "beer"], "--outcome, --covariates"),
])
def test_data_options_without_data_are_an_error(tmp_path, capsys, args, names):
    out = tmp_path / "x.html"
    assert main(["evaluate", *args, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{names} describe" in err and "give the data too" in err and "Traceback" not in err
    assert not out.exists()


def test_outcome_label_names_the_outcome_on_the_page(tmp_path):
    out = tmp_path / "x.html"
    assert main(["evaluate", "--data", str(MPDTA), "--unit", "countyreal", "--time", "year", "--outcome", "lemp",
                 "--outcome-label", "log teen employment", "--adoption", "first.treat", "--n-resamples", "99",
                 "--out", str(out)]) == 0
    assert "log teen employment: treated units" in _text(out.read_text())


def test_without_data_method_and_level_apply_to_proposition_99(tmp_path):
    out = tmp_path / "x.html"
    assert main(["evaluate", "--method", "did", "--confidence-level", "0.9", "--out", str(out)]) == 0
    text = _text(out.read_text())
    assert "2. Difference-in-differences" in text and "90% CI" in text and "Proposition 99" in text


@pytest.mark.parametrize("extra", [["--seed", "7"], ["--n-resamples", "99"]])
def test_bootstrap_options_outside_staggered_adoption_are_an_error(tmp_path, capsys, extra):
    out = tmp_path / "x.html"
    status = main(["evaluate", *_smoking_csv(tmp_path), "--treated", "California", "--treatment-period", "1989",
                   *extra, "--out", str(out)])
    err = capsys.readouterr().err
    assert status == 2 and "--n-resamples, --seed" in err and "synthetic control" in err and "Traceback" not in err
    assert not out.exists()


def test_bootstrap_options_apply_to_staggered_adoption(tmp_path):
    out = tmp_path / "cs.html"
    assert main(["evaluate", "--data", str(MPDTA), "--unit", "countyreal", "--time", "year", "--outcome", "lemp",
                 "--adoption", "first.treat", "--n-resamples", "99", "--seed", "3", "--out", str(out)]) == 0
    assert "99 bootstrap draws" in _text(out.read_text())


def test_bad_input_never_prints_a_traceback(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\x00\x01\x02 not a csv at all \xff\xfe")
    assert main(["evaluate", "--data", str(bad), "--treated", "d", "--out", str(tmp_path / "x.html")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.startswith("healthyplaces: error:") and len(err.strip().splitlines()) == 1
    assert main(["evaluate", "--data", str(MPDTA), "--unit", "countyreal", "--time", "year", "--outcome", "lemp",
                 "--adoption", "first.treat", "--method", "magic"]) == 2
    assert "invalid choice: 'magic'" in capsys.readouterr().err


def test_staggered_page_explains_its_overall_effects(tmp_path):
    out = tmp_path / "cs.html"
    assert main(["evaluate", "--data", str(MPDTA), "--unit", "countyreal", "--time", "year", "--outcome", "lemp",
                 "--adoption", "first.treat", "--out", str(out)]) == 0
    text = _text(out.read_text())
    res = hp.evaluation.att_gt(pd.read_csv(MPDTA), unit="countyreal", time="year", outcome="lemp",
                               adoption="first.treat", n_resamples=999)
    dynamic, group = res.aggregate("dynamic").statistic, res.aggregate("group").statistic
    # the Finding's simple average and the chart's dynamic overall are both named, with what each averages
    assert f"Averaged by time since adoption the effect is {dynamic:.3f}, and by cohort {group:.3f}" in text
    assert f"{dynamic:.3f} by time since adoption: the mean of the effects by time since adoption" in text
    assert "-0.040 simple: every cohort-period after adoption" in text
