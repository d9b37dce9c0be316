"""Issue 15, pages: every reproducer of "Trust under hostile input" that concerns the pages, their escaping, the
files they write, the command line's errors and the counts report at scale.

* Files are written completely or not at all (one helper, ``_result.atomic_file``): a failure leaves the old page
  (and the CSV beside it) as it was and no temporary file behind; text that is not UTF-8 (a Latin-1 ``--title`` or
  file name) is written as Windows-1252 text, not a traceback.
* Hostile text from a user's file or options (markup, a script end tag, quotes and ampersands, a ``javascript:``
  URL) is inert in every page and every rich display: the output is parsed and no element or attribute comes from
  it, and the text is there, escaped.
* Bad command-line values are one line and exit status 2.
* ``report --counts`` summarises large files (the full table goes beside the page as CSV) so a page stays small.
"""
from __future__ import annotations

import csv
import io
import os
import time
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import healthyplaces as hp
from healthyplaces._result import Summary, atomic_file, readable_text
from healthyplaces.cli import main
from healthyplaces.report import IndicatorSpec, build_evaluation_report, build_report, write_report
from healthyplaces.report import EvaluationSpec
from healthyplaces.report.sections import indicators as ind_sections

import contract_cases

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>alert(1)</script>"
QUOTES = "\"'&"
JS = "javascript:alert(1)"
HOSTILE = [IMG, SCRIPT, QUOTES, JS]
ALL = f"{IMG} {SCRIPT} {QUOTES} {JS}"  # one text holding all four (no comma: it is also a column name)
FORBIDDEN_TAGS = {"img", "script", "iframe", "object", "embed"}


# ------------------------------------------------------------------------------------------------------------
# The parser that judges a page


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []
        self.text: list[str] = []
        self._in_svg = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(k, v or "") for k, v in attrs]

    handle_startendtag = handle_starttag

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def inert(page: str, *expected: str) -> str:
    """Parse ``page``: no forbidden element, no event-handler attribute, no javascript: link, and each of
    ``expected`` present as text (decoded from its escapes). Returns the page's text."""
    p = _Page()
    p.feed(page)
    p.close()
    assert not FORBIDDEN_TAGS & set(p.tags), FORBIDDEN_TAGS & set(p.tags)
    assert not [k for k, _ in p.attrs if k.startswith("on")]
    assert not [v for k, v in p.attrs if k in ("href", "src", "xlink:href", "action", "formaction")
                and v.strip().lower().startswith("javascript:")]
    text = "".join(p.text)
    for e in expected:
        assert e in text, e
    # escaped in the source: neither the raw markup nor a bare quote-ampersand run from the user
    assert IMG not in page and SCRIPT not in page
    return text


# ------------------------------------------------------------------------------------------------------------
# Hostile inputs


def hostile_scores() -> pd.DataFrame:
    """Three areas whose names, and whose councils' and NHS bodies' names, are hostile."""
    rows = []
    for i, name in enumerate([IMG, SCRIPT, QUOTES, JS, ALL]):
        rows.append({"area": f"{name} {i}", "organisation": f"{name} council {i}", "sector": "local_authority",
                     "authority_type": "london_borough", "star_rating": 3 + i % 2,
                     "financial_reporting": 3, "financial_management": 3 + i % 2, "financial_standing": 4,
                     "internal_control": 3, "value_for_money": 2 + i % 3})
        rows.append({"area": f"{name} {i}", "organisation": f"{name} PCT {i}", "sector": "pct",
                     "authority_type": "primary_care_trust", "star_rating": 1 + i % 3,
                     "financial_reporting": 1 + i % 2, "financial_management": 2, "financial_standing": 1 + i % 3,
                     "internal_control": 2, "value_for_money": 1})
    return pd.DataFrame(rows)


def hostile_counts(n: int = 24, periods: int = 1) -> pd.DataFrame:
    """Counts by organisation under hostile names, a hostile 'kind' value and hostile column names; two
    organisations far from the rest so that the flagged table and the funnel's labels show names."""
    rng = np.random.default_rng(15)
    names = [f"{HOSTILE[i % 4]} {i}" for i in range(n - 1)] + ["$1 and $2 $\\frac{1}{0}$"]  # mathtext too
    rows = []
    for k in range(periods):
        den = rng.integers(400, 2000, size=n)
        num = rng.binomial(den, 0.2)
        num[0], num[1] = den[0] // 2, den[1] // 50
        for i in range(n):
            rows.append({ALL: names[i], "x " + QUOTES: num[i], "n " + IMG: den[i], "kind": ALL,
                         "when": f"2019-{k + 1:02d}-01"})
    return pd.DataFrame(rows)


def hostile_spec(**more: object) -> IndicatorSpec:
    return IndicatorSpec(by=ALL, numerator="x " + QUOTES, denominator="n " + IMG, where={"kind": ALL},
                         label=ALL, unit=ALL, **more)  # type: ignore[arg-type]


def hostile_panel() -> pd.DataFrame:
    """Proposition 99's panel with hostile state names and a hostile outcome column."""
    smoking = hp.datasets.smoking()
    keep = ["California", "Colorado", "Connecticut", "Idaho", "Montana", "Nevada", "Utah", "Ohio", "Iowa", "Texas"]
    d = smoking[smoking["state"].isin(keep)].copy()
    rename = {"California": f"California {IMG}", "Nevada": f"Nevada {SCRIPT}", "Utah": f"Utah {QUOTES}",
              "Ohio": JS}
    d["state"] = d["state"].replace(rename)
    return d.rename(columns={"cigsale": ALL})[["state", "year", ALL]]


# ------------------------------------------------------------------------------------------------------------
# 1. Files: complete or not at all


def test_atomic_file_keeps_the_old_file_and_leaves_no_temporary_on_any_failure(tmp_path):
    out = tmp_path / "page.html"
    out.write_text("old", encoding="utf-8")
    for error in (ValueError("bad value"), KeyboardInterrupt()):
        with pytest.raises(type(error)):
            with atomic_file(out) as f:
                f.write("half a page")
                raise error
        assert out.read_text(encoding="utf-8") == "old" and os.listdir(tmp_path) == ["page.html"]
    with atomic_file(out) as f:
        f.write("new")
    assert out.read_text(encoding="utf-8") == "new" and os.listdir(tmp_path) == ["page.html"]


def test_atomic_file_that_cannot_be_made_is_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OSError) as e:
        with atomic_file(blocker / "sub" / "page.html"):
            pass  # pragma: no cover
    assert str(e.value).count("\n") == 0 and f"cannot write {blocker / 'sub' / 'page.html'}" in str(e.value)


def test_a_full_disk_is_one_line_naming_the_file_and_another_files_error_is_its_own(tmp_path):
    out = tmp_path / "page.html"
    out.write_text("old", encoding="utf-8")
    with pytest.raises(OSError) as e:
        with atomic_file(out) as f:
            f.write("x")
            raise OSError(28, "No space left on device")  # what write() raises on a full disk: no file name
    assert str(e.value) == f"[Errno 28] cannot write {out}: No space left on device" and e.value.errno == 28
    with pytest.raises(FileNotFoundError) as e2:
        with atomic_file(out):
            open(tmp_path / "missing.csv")
    assert e2.value.filename == str(tmp_path / "missing.csv")
    assert out.read_text(encoding="utf-8") == "old" and os.listdir(tmp_path) == ["page.html"]


def _failing_templates(folder: Path) -> Path:
    """A template folder whose footer (the page's last block) uses a value no page has: rendering fails after
    most of the page has been streamed to the file."""
    folder.mkdir()
    (folder / "base.html.j2").write_text('{% extends "healthyplaces/base.html.j2" %}\n'
                                         "{% block footer %}{{ no_such_value }}{% endblock %}\n", encoding="utf-8")
    return folder


def test_a_report_that_fails_while_writing_leaves_the_old_page_and_csv(tmp_path, capsys):
    out = tmp_path / "existing.html"
    out.write_text("the old page, 190 KB of it", encoding="utf-8")
    beside = tmp_path / "existing-organisations.csv"
    beside.write_text("the old table", encoding="utf-8")
    counts = tmp_path / "counts.csv"
    _many_counts(1_500).to_csv(counts, index=False)
    status = main(["report", "--counts", str(counts), "--out", str(out),
                   "--template-dir", str(_failing_templates(tmp_path / "t"))])
    err = capsys.readouterr().err
    assert status == 2 and err.count("\n") == 1 and "no_such_value" in err and "Traceback" not in err
    assert out.read_text(encoding="utf-8") == "the old page, 190 KB of it"
    assert beside.read_text(encoding="utf-8") == "the old table"
    assert sorted(os.listdir(tmp_path)) == ["counts.csv", "existing-organisations.csv", "existing.html", "t"]


def test_an_evaluation_that_fails_while_writing_leaves_the_old_page(tmp_path, capsys):
    out = tmp_path / "evaluation.html"
    out.write_text("old evaluation", encoding="utf-8")
    data = tmp_path / "panel.csv"
    hostile_panel().to_csv(data, index=False)
    status = main(["evaluate", "--data", str(data), "--unit", "state", "--time", "year", "--outcome", ALL,
                   "--treated", f"California {IMG},Nevada {SCRIPT}", "--treatment-period", "1989", "--out", str(out),
                   "--template-dir", str(_failing_templates(tmp_path / "t"))])
    assert status == 2 and "no_such_value" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "old evaluation"
    assert sorted(os.listdir(tmp_path)) == ["evaluation.html", "panel.csv", "t"]


def test_a_title_that_is_not_utf8_is_read_as_windows_1252(tmp_path, capsys):
    # the shell's $'caf\xe9': Python holds the byte as a lone surrogate, which UTF-8 cannot write
    title = os.fsdecode(b"caf\xe9 \x96 \x80")
    out = tmp_path / "existing.html"
    out.write_text("old", encoding="utf-8")
    assert main(["report", "--title", title, "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<h1>café – €</h1>" in page and "Traceback" not in capsys.readouterr().err
    assert readable_text(title) == "café – €" and readable_text("plain") == "plain"


def test_an_input_and_output_file_name_that_is_not_utf8_work(tmp_path, capsys):
    data = Path(os.fsdecode(bytes(tmp_path) + b"/sc\xe9.csv"))
    hp.datasets.nlgn2008().to_csv(data, index=False)
    out = Path(os.fsdecode(bytes(tmp_path) + b"/r\xe9.html"))
    assert main(["report", "--data", str(data), "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "scé.csv" in out.read_text(encoding="utf-8") and "ré.html" in said


# ------------------------------------------------------------------------------------------------------------
# 2. Escaping, in every page and every rich display


def test_the_scores_report_escapes_every_user_text():
    page = build_report(hostile_scores(), title=ALL, notes=[ALL], source_label=ALL)
    inert(page, ALL, f"{IMG} council 0", f"{SCRIPT} PCT 1", f"{QUOTES} 2", f"{JS} council 3")


def test_the_counts_report_escapes_names_columns_where_label_and_unit():
    page = build_report(counts=hostile_counts(), indicator=hostile_spec(better="lower"), counts_label=ALL,
                        title=ALL)
    text = inert(page, ALL, f"{IMG} 0", f"kind = {ALL}")
    assert "$1 and $2" in text  # a name with dollars is drawn as text, not mathtext (no crash)


def test_the_counts_report_with_periods_escapes_the_xmr_charts_titles():
    spec = hostile_spec(time="when", better="higher")
    page = build_report(counts=hostile_counts(periods=12), indicator=spec)
    inert(page, ALL, f"{IMG} 0")
    assert "XmR charts of the 3 flagged organisations" in page


def test_scores_and_counts_together_escape_both_parts():
    page = build_report(hostile_scores(), counts=hostile_counts(), indicator=hostile_spec(), title=ALL)
    inert(page, ALL, f"{IMG} council 0", f"{IMG} 0")


def test_a_summarised_counts_page_links_its_csv_safely_and_the_csv_holds_every_name(tmp_path):
    frame = _many_counts(1_200)
    frame.loc[:4, "organisation"] = [IMG, SCRIPT, QUOTES + ",\nnewline", JS, '=HYPERLINK("http://x","y")']
    out = tmp_path / f"{JS}.html"  # a file name that would be a URL if linked as it is
    path = write_report(out, counts=frame, title=ALL)
    page = path.read_text(encoding="utf-8")
    inert(page, ALL)
    csv_path = tmp_path / f"{JS}-organisations.csv"
    assert 'href="./javascript%3Aalert%281%29-organisations.csv"' in page
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
    assert len(rows) == 1_200 and {IMG, SCRIPT, QUOTES + ",\nnewline", JS} <= {r["organisation"] for r in rows}
    # a spreadsheet formula stays text (CSV injection)
    assert '\'=HYPERLINK("http://x","y")' in {r["organisation"] for r in rows}


@pytest.mark.parametrize("mode", ["did", "att_gt"])  # synth: the command-line reproducer below
def test_every_evaluation_mode_escapes_units_outcome_label_and_title(tmp_path, mode):
    d = hostile_panel()
    units = {"unit": "state", "time": "year", "outcome": ALL, "outcome_label": ALL}
    if mode == "did":
        spec = EvaluationSpec(**units, treated=f"California {IMG},Nevada {SCRIPT},{JS}", treatment_period=1989)
    else:
        d["adopt"] = d["state"].map({f"California {IMG}": 1989, f"Nevada {SCRIPT}": 1992, JS: 1995}).fillna(0)
        spec = EvaluationSpec(**units, adoption="adopt", n_resamples=49)
    page = build_evaluation_report(d, spec, title=ALL)
    inert(page, ALL)


def test_evaluate_cli_writes_a_hostile_outcome_column_as_text(tmp_path):
    # the reproducer: an outcome column named <img src=x onerror=alert(1)> (_section_data), here with a
    # synthetic control of a hostile unit among hostile donors, and a hostile title
    d = hostile_panel()
    path = tmp_path / "panel.csv"
    d.to_csv(path, index=False)
    out = tmp_path / "e.html"
    assert main(["evaluate", "--data", str(path), "--unit", "state", "--time", "year", "--outcome", ALL,
                 "--treated", f"California {IMG}", "--treatment-period", "1989", "--title", ALL,
                 "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    inert(page, ALL, f"California {IMG}")
    assert "Synthetic control" in page


def _rich(obj: object) -> str:
    html = obj._repr_html_()  # type: ignore[attr-defined]
    assert isinstance(html, str) and html
    return html


def hostile_results() -> list[tuple[str, object]]:
    """Results built from hostile names: every class whose display shows a user's text."""
    table = hp.read_scores(hostile_scores())
    ev = hp.evaluation
    d = hostile_panel()
    cols = dict(unit="state", time="year", outcome=ALL)
    panel = ev.Panel.from_frame(d, **cols, adoption={f"California {IMG}": 1989})
    staggered = ev.Panel.from_frame(d, **cols, adoption={f"California {IMG}": 1989, f"Nevada {SCRIPT}": 1992,
                                                          JS: 1980})
    counts = hostile_counts()
    funnel = hp.indicators.funnel(counts["x " + QUOTES], counts["n " + IMG], by=counts[ALL], multiplier=100)
    return [
        ("ScoreTable", table),
        ("compare_sectors", hp.compare_sectors(table)),
        ("competency_gaps", hp.competency_gaps(table)),
        ("pilot_candidates", hp.pilot_candidates(table)),
        ("paired_sector_tests", hp.paired_sector_tests(table)),
        ("funnel", funnel),
        ("xmr", hp.indicators.xmr(list(range(15)) + [30], label=ALL)),
        ("Population", hp.demography.Population(bands=["0-64", "65+"], counts=[900, 100], name=ALL)),
        ("Panel", panel),
        ("did", ev.did(panel, outcome_label=ALL)),
        ("event_study", ev.event_study(panel, window=(-3, 3))),
        ("bacon", ev.bacon(staggered)),
        ("synth", ev.synth(panel, treated=f"California {IMG}", outcome_label=ALL)),
        ("att_gt", ev.att_gt(d, **cols, adoption={f"California {IMG}": 1989, f"Nevada {SCRIPT}": 1992},
                             estimator="reg", n_resamples=0)),
        ("Summary", Summary(ALL, [(ALL, pd.DataFrame({ALL: [ALL]}, index=pd.Index([ALL])))], [ALL])),
    ]


# Displays that show no name of the user's (sector summaries: the sectors are the library's own words)
NO_USER_TEXT = {"compare_sectors", "paired_sector_tests"}


def test_every_rich_display_built_from_hostile_names_is_inert():
    for name, result in hostile_results():
        html = _rich(result)
        inert(html)
        assert ("&lt;img src=x onerror=alert(1)&gt;" in html) != (name in NO_USER_TEXT), name


def test_every_result_class_of_the_contract_displays_well_formed_html():
    # the contract's instance of every result class (no user text in them): the display parses, no script
    for name, result in contract_cases.instances():
        if hasattr(result, "_repr_html_"):
            p = _Page()
            p.feed(_rich(result))
            p.close()
            assert not FORBIDDEN_TAGS & set(p.tags), name


# ------------------------------------------------------------------------------------------------------------
# 3. The command line: one line, exit status 2


@pytest.mark.parametrize("args, message", [
    (["evaluate", "--seed", "-1"], "--seed: -1 is outside 0 to 18,446,744,073,709,551,615"),
    (["evaluate", "--seed", str(2**70)], f"--seed: {2**70} is outside 0 to"),
    (["evaluate", "--n-resamples", "1e12"], "--n-resamples: '1e12' is not a whole number"),
    (["evaluate", "--n-resamples", str(10**12)], "--n-resamples: 1000000000000 is outside 1 to 10,000,000"),
])
def test_bad_numbers_are_one_line(tmp_path, capsys, args, message):
    assert main([*args, "--out", str(tmp_path / "x.html")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert not (tmp_path / "x.html").exists()


@pytest.mark.parametrize("option", ["--data", "--counts"])
def test_dev_zero_and_a_directory_are_one_line(tmp_path, capsys, option):
    out = tmp_path / "x.html"
    assert main(["report", option, "/dev/zero", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "/dev/zero" in err and "NUL byte" in err and "MemoryError" not in err
    assert main(["report", option, str(tmp_path), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{option}: '{tmp_path}' is a directory, not a file" in err
    assert not out.exists()


def test_dd_mm_yyyy_periods_the_latest_is_the_latest_date_not_text():
    # as text "31/12/2018" sorts last; as dates 30/06/2019 is the latest
    periods = ["31/12/2018", "01/01/2019", "30/06/2019", "15/03/2019"]
    rows = [{"organisation": f"T{i}", "numerator": 10 + i + k, "denominator": 100, "period": p}
            for k, p in enumerate(periods) for i in range(12)]
    page = build_report(counts=pd.DataFrame(rows), indicator=IndicatorSpec(time="period"))
    assert "30 June 2019</h1>" in page and "31 December 2018 to 30 June 2019" in page
    chosen = build_report(counts=pd.DataFrame(rows), indicator=IndicatorSpec(time="period", period="31/12/2018"))
    assert "31 December 2018</h1>" in chosen


def test_thousands_of_areas_use_the_asymptotic_paired_test_and_say_so(monkeypatch):
    # 5,000 areas: the exact Wilcoxon distribution (3,770 differences) is refused with "use the asymptotic or
    # monte_carlo method", which the command line cannot choose; the report uses the normal approximation and
    # says so. (The real 10,000-row file takes seconds to read; the refusal is replayed on the 2008 table.)
    from healthyplaces.analysis import SectorComparison
    from healthyplaces.report import _results

    exact = SectorComparison.paired_tests
    refusal = ("wilcoxon: the exact permutation distribution for 3770 differences is too costly to compute; use "
               "the asymptotic or monte_carlo method")

    def as_for_5000_areas(self, *args, method="exact", **kwargs):
        if method == "exact":
            raise hp.DomainError(refusal)
        return exact(self, *args, method=method, **kwargs)

    monkeypatch.setattr(SectorComparison, "paired_tests", as_for_5000_areas)
    table = hp.datasets.nlgn2008_table()
    r = _results.analyse(table, True, "scores", [])
    assert r.paired is not None and r.paired == hp.compare_sectors(table).paired_tests(method="asymptotic")
    assert any("normal approximation" in n and f"{len(table.areas)} areas" in n for n in r.notes)


# ------------------------------------------------------------------------------------------------------------
# 4. Scale: the counts page summarises


def _many_counts(n: int, seed: int = 15) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    den = rng.integers(50, 50_000, size=n)
    p = np.clip(rng.normal(0.2, 0.03, size=n), 0.01, 0.99)
    return pd.DataFrame({"organisation": [f"ORG{i:06d}" for i in range(n)], "numerator": rng.binomial(den, p),
                         "denominator": den})


def test_20000_organisations_give_a_small_page_and_every_row_in_the_csv(tmp_path):
    frame = _many_counts(20_000)
    t0 = time.perf_counter()
    out = write_report(tmp_path / "r.html", counts=frame)
    seconds = time.perf_counter() - t0
    page = out.read_text(encoding="utf-8")
    assert len(page.encode()) < 1_500_000, len(page)  # was 7.7 MB at 20,000 rows (39 MB at 100,000)
    table = pd.read_csv(tmp_path / "r-organisations.csv")
    assert len(table) == 20_000 and table["organisation"].is_unique
    # the CSV's values are the indicator's: Wilson intervals (hp.indicators.proportion) by organisation
    want = hp.indicators.proportion(frame["numerator"].to_numpy(float), frame["denominator"].to_numpy(float),
                                    multiplier=100)
    got = table.set_index("organisation").loc[frame["organisation"]]
    np.testing.assert_allclose(got["value"], want["value"], rtol=1e-5)
    np.testing.assert_allclose(got["lower_95"], want["lower"], rtol=1e-5)
    np.testing.assert_allclose(got["upper_95"], want["upper"], rtol=1e-5)
    # the page: the 50 highest and lowest, the first 100 flagged, the link; the flags agree with the CSV
    assert "the 50 highest and the 50 lowest values" in page and 'href="./r-organisations.csv"' in page
    n_flagged = int((table["funnel"] != "within").sum())
    assert f"The table lists the first 100 of the {n_flagged:,}" in page
    assert seconds < 30  # measured 1-2 s on a quiet machine; a bound that catches the quadratic old path (20 s)


def test_a_small_counts_page_keeps_its_full_table_and_writes_no_csv(tmp_path):
    out = write_report(tmp_path / "r.html", counts=_many_counts(40))
    assert os.listdir(tmp_path) == ["r.html"]
    page = out.read_text(encoding="utf-8")
    assert "Show the 40 organisations" in page and "organisations.csv" not in page


def test_a_summarised_page_returned_as_text_says_where_the_full_table_is():
    page = build_report(counts=_many_counts(1_001))
    assert "the 50 highest and the 50 lowest values" in page and "write_report" in page
    assert ind_sections.PAGE_ROWS == 1000


def test_the_csv_beside_the_page_never_overwrites_the_input(tmp_path, capsys):
    counts = tmp_path / "r-organisations.csv"  # the name the full table of r.html would take
    _many_counts(1_100).to_csv(counts, index=False)
    before = counts.read_bytes()
    assert main(["report", "--counts", str(counts), "--out", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "r-organisations.csv, is the input file itself" in err and "--out" in err
    assert counts.read_bytes() == before and sorted(os.listdir(tmp_path)) == ["r-organisations.csv"]


def test_a_full_disk_while_writing_the_page_is_one_line_and_keeps_the_old_page(tmp_path, capsys, monkeypatch):
    import contextlib

    from healthyplaces.report import _render

    class Full:
        def write(self, text: str) -> int:
            raise OSError(28, "No space left on device")

    @contextlib.contextmanager
    def full_disk(path, mode="w"):
        with atomic_file(path, mode):
            yield Full()

    monkeypatch.setattr(_render, "atomic_file", full_disk)
    out = tmp_path / "report.html"
    out.write_text("old", encoding="utf-8")
    assert main(["report", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err == f"healthyplaces: error: cannot write {out}: No space left on device\n"
    assert out.read_text(encoding="utf-8") == "old" and os.listdir(tmp_path) == ["report.html"]
