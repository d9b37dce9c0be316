"""The `healthyplaces report` command: the HTML report, its charts and the command line."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

import healthyplaces as hp
from healthyplaces import plot
from healthyplaces.cli import main
from healthyplaces.report import build_report, write_report

HEADER = (
    "area,organisation,sector,authority_type,star_rating,financial_reporting,financial_management,"
    "financial_standing,internal_control,value_for_money\n"
)
PAIR = (
    "Bexley,Bexley PCT,pct,primary_care_trust,1,1,1,1,2,1\n"
    "Bexley,LB Bexley,local_authority,london_borough,4,3,3,4,3,3\n"
)


class _Tables(HTMLParser):
    """Collect every <table id=...> as a list of rows of cell texts (th and td)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._id: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._in_body = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and a.get("id"):
            self._id = a["id"]
            self.tables[self._id] = []
        elif tag == "tbody" and self._id:
            self._in_body = True
        elif tag == "tr" and self._id and self._in_body:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[self._id].append(self._row)
            self._row = None
        elif tag == "tbody":
            self._in_body = False
        elif tag == "table":
            self._id = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def tables(page: str) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed(page)
    return parser.tables


def section(page: str, section_id: str) -> str:
    m = re.search(rf'<section id="{section_id}">(.*?)</section>', page, flags=re.S)
    assert m, f"no section {section_id}"
    return m.group(1)


@pytest.fixture(scope="module")
def embedded_page() -> str:
    return build_report()


@pytest.fixture(scope="module")
def nlgn_table() -> hp.ScoreTable:
    return hp.read_scores(hp.datasets.nlgn2008())


def write(tmp_path: Path, text: str, name: str = "scores.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def child_env() -> dict[str, str]:
    """Environment for `python -m healthyplaces`: the package under test first on the path."""
    env = dict(os.environ)
    pkg_parent = os.path.dirname(os.path.dirname(os.path.abspath(hp.__file__)))  # not resolve(): dev trees symlink
    env["PYTHONPATH"] = pkg_parent + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def run_module(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "healthyplaces", *args], capture_output=True, text=True, cwd=cwd, env=child_env(),
        timeout=180,
    )


# ------------------------------------------------------------------------------------------------------------
# The report on the embedded data


def test_embedded_report_is_one_html_document(embedded_page):
    assert embedded_page.startswith("<!DOCTYPE html>")
    assert embedded_page.count("<html") == 1 and embedded_page.rstrip().endswith("</html>")
    assert '<meta charset="utf-8">' in embedded_page
    assert "<script" not in embedded_page.lower()


def test_embedded_report_modal_table_matches_the_paper(embedded_page):
    rows = tables(embedded_page)["modal-table"]
    assert [r[0] for r in rows] == [
        "Financial reporting", "Financial management", "Financial standing", "Internal control", "Value for money",
    ]
    assert [r[1] for r in rows] == ["3", "3", "3", "3", "3"]  # councils
    assert [r[2] for r in rows] == ["2", "1", "1", "2", "2"]  # PCTs
    head = section(embedded_page, "sectors")
    assert "Local authorities (n = 9)" in head and "NHS commissioners (n = 9)" in head
    assert "Identical to the paper" in head


def test_embedded_report_gap_table_has_bexley_16_and_6(embedded_page):
    rows = tables(embedded_page)["gaps-table"]
    assert len(rows) == 9
    bexley = rows[0]
    assert bexley[:2] == ["1", "Bexley"]
    assert "16 / 20" in bexley and "6 / 20" in bexley
    assert "+10" in bexley
    # widest gap first, ranks shared by ties
    assert [r[0] for r in rows] == ["1", "2", "2", "4", "4", "4", "7", "8", "8"]


def test_embedded_report_says_whether_the_gap_is_real(embedded_page):
    # issue 4, item 7: the paired Wilcoxon test per category, Holm-adjusted, with the shift and plain words
    rows = tables(embedded_page)["paired-table"]
    assert [r[0] for r in rows][:2] == ["Financial reporting", "Financial management"]
    assert rows[0][1:7] == ["9", "3", "6", "0", "0.25", "0.25"]
    for r in rows[1:]:
        assert r[2:7] == ["8", "1", "0", "0.008", "0.039"] and r[-1] == "unlikely to be chance"
    assert rows[0][-1] == "could be chance"
    assert rows[2][7] == "+2 (+1 to +3)"  # financial standing: Hodges–Lehmann shift and its 95% interval
    sectors = section(embedded_page, "sectors")
    assert "Holm" in sectors and "chosen because a 4-star council sits beside a 1-star" in sectors
    assert "Financial management: the council scored higher than its NHS body in 8 of 9 areas" in sectors
    summary = embedded_page.split('aria-label="Key findings"')[1].split("</section>")[0]
    assert "In 4 of 5 categories, the paired Wilcoxon test across the 9 areas" in summary
    assert "not in Financial reporting" in summary


def test_embedded_report_pilots_and_criteria(embedded_page):
    pilots = section(embedded_page, "pilots")
    assert "at least 4 stars" in pilots and "at most 1 star" in pilots and "coterminous" in pilots
    rows = tables(embedded_page)["pilot-table"]
    assert len(rows) == 9 and rows[0][1] == "Bexley"
    assert "9 of 9 areas" in pilots


def test_embedded_report_case_studies_and_arrangements(embedded_page):
    cases = section(embedded_page, "cases")
    for area in ("Torbay", "Herefordshire", "Swindon"):
        assert re.search(rf"<h3>{area}<span", cases), area
    assert "Integration level" in cases and "8</span></span> of 15" in cases  # Torbay
    rows = tables(embedded_page)["arrangements-table"]
    assert len(rows) == 6
    assert rows[0][1].startswith("Closer working") and rows[-1][1].startswith("Public service trust")
    levels = [int(r[2]) for r in rows]
    assert levels == sorted(levels) and levels[-1] == 15
    assert "Torbay case study" in rows[4][1]


def test_embedded_report_has_inline_svg_charts_and_intro(embedded_page):
    assert embedded_page.count("<svg") >= 2
    assert embedded_page.count("<svg") == embedded_page.count("</svg>")
    assert "<?xml" not in embedded_page and "<!DOCTYPE svg" not in embedded_page
    about = section(embedded_page, "about")
    assert "NLGN" in about and "2008" in about and "4-star council" in about and "1-star" in about
    assert f"healthyplaces {hp.__version__}" in embedded_page  # footer


def test_embedded_report_loads_nothing_from_the_network(embedded_page):
    links = re.findall(r"""\b(?:src|href)\s*=\s*["']?\s*((?:https?:)?//[^"'\s>]*)""", embedded_page, flags=re.I)
    assert links == []
    assert not re.search(r"@import|url\(\s*['\"]?(?:https?:)?//", embedded_page)


def test_svg_ids_are_unique_across_charts(embedded_page):
    ids = re.findall(r'\bid="([^"]+)"', embedded_page)
    assert len(ids) == len(set(ids))


# ------------------------------------------------------------------------------------------------------------
# Reports from a user's CSV


def test_report_from_user_csv_with_notes_and_missing_score(tmp_path):
    text = HEADER + PAIR + (
        "Kent,Kent CC,local_authority,county_council,4,3,3,4,3,3\n"
        "Kent,Kent PCT,pct,primary_care_trust,1,1,,1,2,1\n"
        "Solo,Solo CC,local_authority,county_council,3,3,3,3,3,3\n"
    )
    path = write(tmp_path, text)
    page = build_report(path)
    assert str(path) in page
    notes = section(page, "about")
    assert "Notes from loading the data" in notes and "only a council" in notes and "Solo" in notes
    rows = {r[1]: r for r in tables(page)["gaps-table"]}
    assert set(rows) == {"Bexley", "Kent"}
    assert "5 / 16" in rows["Kent"]  # one category unscored: total over scored categories
    assert "–" in rows["Kent"]
    assert "not every category scored" in page or "maximum shrinks" in page


def test_report_without_area_column_is_still_written(tmp_path):
    text = (
        "organisation,sector,authority_type,star_rating,financial_reporting,financial_management,"
        "financial_standing,internal_control,value_for_money,comment\n"
        "LB A,local_authority,london_borough,4,3,3,4,3,3,fine\n"
        "A PCT,pct,primary_care_trust,1,1,1,1,2,1,poor\n"
    )
    out = write_report(tmp_path / "out.html", write(tmp_path, text))
    page = out.read_text(encoding="utf-8")
    assert out.is_absolute() and out.exists()
    gaps = section(page, "gaps")
    assert "Not available for this data" in gaps and "<code>area</code> column" in gaps
    assert "gaps-table" not in tables(page) and "pilot-table" not in tables(page)
    assert "paired-table" not in tables(page)
    assert "Not available for this data" in section(page, "pilots")
    assert "ignored column" in section(page, "about") and "comment" in section(page, "about")
    # the rest of the report is there
    assert [r[1:] for r in tables(page)["modal-table"]][0] == ["3", "1"]
    assert page.count("<svg") == 1


def test_user_text_is_escaped(tmp_path):
    text = HEADER + (
        "A&B <i>,<script>alert(1)</script> PCT,pct,primary_care_trust,1,1,1,1,2,1\n"
        "A&B <i>,\"LB \"\"Quoted\"\" & <b>\",local_authority,london_borough,4,3,3,4,3,3\n"
    )
    page = build_report(write(tmp_path, text), title="Report <for> A&B")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; PCT" in page
    assert "A&amp;B &lt;i&gt;" in page and "<i>" not in page
    assert "<title>Report &lt;for&gt; A&amp;B</title>" in page


def test_case_studies_can_be_left_out(tmp_path):
    page = build_report(case_studies=False)
    cases = section(page, "cases")
    assert "No case studies were included" in cases and "<article" not in cases
    assert len(tables(page)["arrangements-table"]) == 6  # the presets stay


# ------------------------------------------------------------------------------------------------------------
# Charts


def test_score_distributions_chart(nlgn_table):
    fig = plot.score_distributions(nlgn_table)
    axes = fig.get_axes()
    assert len(axes) == 2
    assert axes[0].get_title(loc="left") == "Local authorities (n = 9)"
    assert axes[1].get_title(loc="left") == "NHS commissioners (n = 9)"
    assert axes[0].get_xlabel() == "Number of organisations"
    assert [t.get_text() for t in axes[0].get_yticklabels()][0] == "Financial reporting"
    assert fig.legends and "mode (outlined)" in [t.get_text() for t in fig.legends[0].get_texts()]
    # the counts drawn for PCTs' financial standing: 7 at level 1, 1, 1
    widths = [p.get_width() for p in axes[1].patches if abs(p.get_y() + p.get_height() / 2 - 2) < 1e-9]
    assert widths == [7, 1, 1]


def test_competency_gaps_chart_and_svg(nlgn_table):
    fig = plot.competency_gaps(hp.competency_gaps(nlgn_table))
    ax = fig.get_axes()[0]
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "Bexley"
    assert "out of 20" in ax.get_xlabel()
    svg = plot.figure_to_svg(fig)
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert "<?xml" not in svg and "<metadata>" not in svg and "*{" not in svg
    assert "<text" not in svg  # text drawn as paths: looks the same without fonts


# ------------------------------------------------------------------------------------------------------------
# Command line


# In process (main()); make test's cli-test and test_cli_errors.py run the same commands as a user's processes.
def test_cli_module_default_report(tmp_path, capsys):
    out = (tmp_path / "r.html").resolve()
    assert main(["report", "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"Wrote report to {out}"
    page = out.read_text(encoding="utf-8")
    assert "Bexley" in page and page.count("<svg") >= 2


def test_cli_module_bad_score_exits_2_with_located_message(tmp_path, capsys):
    bad = write(tmp_path, HEADER + "Bexley,Bexley PCT,pct,primary_care_trust,1,1,1,1,2,1\n"
                                   "Bexley,LB Bexley,local_authority,london_borough,4,3,3,5,3,3\n", "bad.csv")
    assert main(["report", "--data", str(bad), "--out", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("healthyplaces: error: ")
    assert "bad.csv" in err and "line 3" in err and "score 5" in err
    assert "Traceback" not in err
    assert not (tmp_path / "r.html").exists()


def test_cli_main_success_with_data_and_title(tmp_path, capsys):
    data = write(tmp_path, HEADER + PAIR)
    out = tmp_path / "mine.html"
    assert main(["report", "--data", str(data), "--out", str(out), "--title", "Bexley & friends"]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == f"Wrote report to {out.resolve()}"
    page = out.read_text(encoding="utf-8")
    assert "<h1>Bexley &amp; friends</h1>" in page
    assert tables(page)["gaps-table"][0][1] == "Bexley"


def test_cli_main_bad_score_and_missing_file(tmp_path, capsys):
    bad = write(tmp_path, HEADER + "Bexley,LB Bexley,local_authority,london_borough,4,3,3,5,3,3\n", "bad.csv")
    assert main(["report", "--data", str(bad), "--out", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("healthyplaces: error: ") and "bad.csv, line 2" in err and "Traceback" not in err

    missing = tmp_path / "nowhere.csv"
    assert main(["report", "--data", str(missing), "--out", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("healthyplaces: error: ") and "nowhere.csv" in err and "Traceback" not in err


def test_cli_module_missing_file(tmp_path, capsys):
    assert main(["report", "--data", str(tmp_path / "nowhere.csv")]) == 2
    err = capsys.readouterr().err
    assert "healthyplaces: error:" in err and "nowhere.csv" in err
    assert "Traceback" not in err


def test_cli_unwritable_output_and_bad_framework(tmp_path, capsys):
    nested = tmp_path / "new" / "dir" / "r.html"
    assert main(["report", "--out", str(nested)]) == 0 and nested.is_file()  # missing folders are made
    capsys.readouterr()
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    assert main(["report", "--out", str(blocker / "r.html")]) == 2  # a file where a folder should be
    err = capsys.readouterr().err
    assert err.startswith("healthyplaces: error: ") and "r.html" in err
    assert main(["report", "--framework", "nonsense", "--out", str(tmp_path / "r.html")]) == 2
    assert "unknown framework 'nonsense'" in capsys.readouterr().err


def test_cli_version_and_no_command(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"healthyplaces {hp.__version__}"
    assert main([]) == 2
    err = capsys.readouterr().err
    assert "usage: healthyplaces" in err and "report" in err


def test_report_help_prints_percent_signs_once(capsys):
    # argparse %-formats help= strings but prints a group's description as written: "%%" there showed as "%%".
    from healthyplaces.cli import main

    try:
        status = main(["report", "--help"])
    except SystemExit as e:
        status = e.code
    assert status == 0
    out = capsys.readouterr().out
    assert "95% and 99.8% intervals" in out and "%%" not in out
