"""``healthyplaces appraise`` and hp.appraisal.read_config: configuration errors located at the file, line and key
(each checked against the line where the test wrote the key), the example configuration turned into a page with
every section and the answer, the user's text escaped, one-line errors (exit 2, no traceback) and pages written
whole or not at all."""
from __future__ import annotations

import re
from pathlib import Path

import markupsafe
import pytest

import healthyplaces as hp
from healthyplaces.cli import main
from healthyplaces.report import appraisal as page

FAST = "[appraisal]\nn_sims = 500\noptions = 4\n"


def write(tmp_path: Path, text: str, name: str = "a.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def located(tmp_path: Path, text: str) -> str:
    with pytest.raises(hp.DataError) as e:
        hp.appraisal.read_config(write(tmp_path, text))
    message = str(e.value)
    assert "\n" not in message and message.startswith(str(tmp_path / "a.toml"))
    return message.split("a.toml, ", 1)[1]


@pytest.mark.parametrize("text, where, what", [
    ('title = "x"\n[place]\narea = \n', "line 3, column 8", "not valid TOML"),
    ('title = "x"\n[place]\narea = "Bexley"\nbogus = 1\n', "line 4, place.bogus", "unknown key 'bogus'"),
    ('colour = "red"\n[place]\narea = "Bexley"\n', "line 1, colour", "unknown key 'colour'"),
    ('[place]\narea = "Bexley"\npopulation = "lots"\n', "line 3, place.population", "must be a number"),
    ('[place]\narea = "Bexley"\nover_80_share = 1.5\n', "line 3, place.over_80_share", "[0, 1]"),
    ('[place]\narea = "Bexley"\n[appraisal]\nhorizon = 2.5\n', "line 4, appraisal.horizon", "a whole number"),
    ('success_factors = [\n  "no_new_legal_body",\n  "no_such_factor",\n]\n[place]\narea = "Bexley"\n',
     "line 1, success_factors[1]", "no_such_factor"),
    ('success_factors = ["no_new_legal_body", "budgets at most huge"]\n[place]\narea = "Bexley"\n',
     "line 1, success_factors[1]", "huge"),
    ('[place]\narea = "Bexley"\ncurrent = "nowhere"\n', "line 3, place.current", "nowhere"),
    ('[place]\narea = "Bexley"\ncurrent = { budgets = "huge" }\n', "line 3, place.current.budgets",
     "'huge' is not one of separate, aligned"),
    ('[place]\narea = "Bexley"\ncurrent = { colour = "red" }\n', "line 3, place.current.colour",
     "unknown dimension 'colour'"),
    ('[place]\narea = "Bexley"\n[pilot]\ndesign = "parallel"\nclusters = 3\n', "line 3, pilot", "clusters"),
    ('[place]\narea = "Bexley"\n[pilot]\ndesign = "parallel"\nclusters_per_arm = 0\n',
     "line 5, pilot.clusters_per_arm", "got 0"),
    ('[place]\narea = "Bexley"\n[weights]\nranking = ["beauty"]\n', "line 4, weights.ranking", "beauty"),
    ('[place]\narea = "Bexley"\n[weights]\nranking = ["commissioning"]\nexact = {commissioning = 1}\n',
     "line 3, weights", "one of ranking, exact or intervals"),
    ('title = "no place"\n', "place", "missing: the [place] table"),
])
def test_configuration_errors_name_the_line_and_the_key(tmp_path, text, where, what):
    message = located(tmp_path, text)
    assert message.startswith(where + ":"), message
    assert what in message, message


def test_a_good_configuration_reads_into_for_places_arguments(tmp_path):
    cfg = hp.appraisal.read_config(write(tmp_path, hp.appraisal.example_config("bexley")))
    assert (cfg.area, cfg.illustrative) == ("Bexley", True) and cfg.title.startswith("Bexley-like")
    a = cfg.arguments
    assert a["current"] == hp.preset("closer_working") and a["success_factors"] == ["reversible_within_two_years"]
    assert (a["population"], a["nhs_deficit"], a["n_sims"], a["rate"]) == (220_000, 6_000_000, 10_000, 0.035)
    assert a["pilot"].design == "parallel"
    # the "both" example: Torbay's, with Bexley's commented out below it
    both = hp.appraisal.example_config()
    assert 'area = "Torbay"' in both and '# area = "Bexley"' in both


def test_example_then_appraise_writes_the_page_with_every_section_and_the_answer(tmp_path, capsys):
    config, out = tmp_path / "appraisal.toml", tmp_path / "torbay.html"
    assert main(["appraise", "--example", str(config)]) == 0
    assert "Wrote an example configuration" in capsys.readouterr().out
    assert main(["appraise", "--example", str(config)]) == 2  # never overwrites an edited configuration
    assert "exists" in capsys.readouterr().err
    config.write_text(config.read_text(encoding="utf-8").replace("n_sims = 10_000", "n_sims = 1_000")
                      .replace("options = 6", "options = 4"),
                      encoding="utf-8")
    assert main(["appraise", str(config), "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    result = hp.appraisal.read_config(config).run()
    assert str(markupsafe.escape(result.answer)) in html
    for anchor, heading, toc, _ in page._sections(result, True):
        assert f'<section id="{anchor}" class="appraisal"><h2>{markupsafe.escape(heading)}</h2>' in html
        assert f'href="#{anchor}"' in html and len(toc) <= 20  # the contents bar fits on one line
    assert "ILLUSTRATIVE" in html and "<details>" in html and html.count("<svg") >= 5
    # people's numbers: no 1.3e+05 or 0.07692 (shares as per cent, money as £k/£m, counts with separators)
    assert not re.search(r"\d\.\d+e[+-]\d\d", html) and "0.07692" not in html
    assert all(f">{v}<" in html for v in ("130,000", "7.7%", "£80.0m", "+25%"))


def test_the_users_text_is_escaped(tmp_path):
    evil = "<img src=x onerror=alert(1)>"
    path = write(tmp_path, f'title = "{evil}"\nsuccess_factors = [["budgets at most pooled", "<script>x</script>"]]\n'
                           f'[place]\narea = "<b>Nowhere</b>"\n' + FAST)
    html = page.build_appraisal_report(path)
    assert evil not in html and "<script>x" not in html and "<b>Nowhere" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert "&lt;b&gt;Nowhere&lt;/b&gt;" in html


@pytest.mark.parametrize("argv, said", [
    (["appraise"], "give the configuration file"),
    (["appraise", "nowhere.toml"], "no such file 'nowhere.toml'"),
    (["appraise", "."], "is a directory"),
    (["appraise", "--example", "x.toml", "y.toml"], "not both"),
])
def test_bad_command_lines_are_one_line_and_exit_2(argv, said, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "", "y.toml")
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and said in err and "Traceback" not in err


def test_a_failing_run_leaves_an_existing_page_alone(tmp_path, capsys):
    out = tmp_path / "page.html"
    out.write_text("the previous page", encoding="utf-8")
    bad = write(tmp_path, '[place]\narea = "Bexley"\n[appraisal]\nn_sims = 500\noptions = 20\n')
    assert main(["appraise", str(bad), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "options" in err and "a.toml" in err
    assert out.read_text(encoding="utf-8") == "the previous page"
    assert [p.name for p in tmp_path.iterdir()] == sorted(["a.toml", "page.html"]) or \
        sorted(p.name for p in tmp_path.iterdir()) == ["a.toml", "page.html"]  # no temporary file left behind
