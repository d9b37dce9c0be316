"""The report package's rendering layer: rebranding with --template-dir, escaping of hostile names, atomic
writes, the packaged templates, and the application layer importing only the boxes' public names."""
from __future__ import annotations

import ast
import os
import re
import stat
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import pandas as pd
import pytest

import healthyplaces as hp
from healthyplaces.cli import main
from healthyplaces.report import (build_evaluation_report, build_report, write_evaluation_report,
                                  write_report, EvaluationSpec)
from healthyplaces.report import _render

from test_report_cli import HEADER, PAIR, tables  # the HTML helpers of the report tests

DATA = Path(__file__).resolve().parents[1] / "data"
MPDTA = DATA / "mpdta.csv"
HOSTILE = "<img src=x onerror=alert(1)>"
COUNCIL = "Borsetshire County Council"
COLOUR = "#7a1f5c"
PACKAGED_ACCENT = "--accent:#0b3c5d"


def brand(folder: Path) -> Path:
    """A council's template folder: base.html.j2 extending the packaged one, and its own style.css."""
    folder.mkdir(exist_ok=True)
    (folder / "base.html.j2").write_text(
        '{% extends "healthyplaces/base.html.j2" %}\n'
        f'{{% block brand %}}<p class="council">{COUNCIL}</p>{{% endblock %}}\n'
        "{% block kicker %}Public health intelligence{% endblock %}\n"
        f"{{% block footer %}}{{{{ super() }}}} {COUNCIL}.{{% endblock %}}\n", encoding="utf-8")
    css = (resources.files("healthyplaces.report") / "templates" / "style.css").read_text(encoding="utf-8")
    assert PACKAGED_ACCENT in css
    (folder / "style.css").write_text(css.replace(PACKAGED_ACCENT, f"--accent:{COLOUR}") +
                                      ".council{font-weight:700}\n", encoding="utf-8")
    return folder


# ------------------------------------------------------------------------------------------------------------
# Rebranding


def test_template_dir_rebrands_the_report_and_keeps_its_numbers(tmp_path):
    folder = brand(tmp_path / "brand")
    plain = build_report(generated=None)
    branded = build_report(template_dir=folder)
    assert COUNCIL in branded and f"--accent:{COLOUR}" in branded and ".council{font-weight:700}" in branded
    assert PACKAGED_ACCENT not in branded and COUNCIL not in plain
    assert '<p class="kicker">Public health intelligence</p>' in branded
    assert branded.rstrip().endswith("</html>") and branded.count("<style>") == 1  # still one self-contained page
    assert branded.count(f"{COUNCIL}.</footer>") == 1 and "Generated on" in branded
    assert tables(branded) == tables(plain)  # every table, every number unchanged
    assert branded.count("<svg") == plain.count("<svg")


def test_template_dir_rebrands_the_evaluation_page_too(tmp_path):
    folder = brand(tmp_path / "brand")
    out = tmp_path / "eval.html"
    argv = ["evaluate", "--data", str(MPDTA), "--unit", "countyreal", "--time", "year", "--outcome", "lemp",
            "--adoption", "first.treat", "--n-resamples", "199"]
    assert main([*argv, "--out", str(out), "--template-dir", str(folder)]) == 0
    page = out.read_text(encoding="utf-8")
    assert COUNCIL in page and f"--accent:{COLOUR}" in page and PACKAGED_ACCENT not in page
    assert "adopting changed lemp by <strong>-0.040</strong>" in page  # R did's simple ATT, as without a brand
    plain = tmp_path / "plain.html"
    assert main([*argv, "--out", str(plain)]) == 0
    assert tables(page) == tables(plain.read_text(encoding="utf-8"))


def test_cli_report_template_dir_and_a_section_override(tmp_path, capsys):
    folder = brand(tmp_path / "brand")
    (folder / "sections").mkdir()
    (folder / "sections" / "appendix.html.j2").write_text(
        '<section id="data"><h2>Appendix</h2><p>{{ n_rows }} rows, kept by the council.</p></section>\n',
        encoding="utf-8")
    out = tmp_path / "r.html"
    assert main(["report", "--template-dir", str(folder), "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "18 rows, kept by the council." in page and "data-table" not in page
    assert COUNCIL in page and tables(page)["gaps-table"][0][:2] == ["1", "Bexley"]


def test_template_dir_errors_are_located_and_exit_2(tmp_path, capsys):
    assert main(["report", "--template-dir", str(tmp_path / "nowhere"), "--out", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("healthyplaces: error: ") and "nowhere" in err and "no such template folder" in err
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "base.html.j2").write_text('{% extends "healthyplaces/base.html.j2" %}\n\n{% block kicker %}oops\n',
                                      encoding="utf-8")
    assert main(["report", "--template-dir", str(bad), "--out", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err
    assert "base.html.j2, line" in err and "Traceback" not in err
    assert not (tmp_path / "r.html").exists()
    with pytest.raises(hp.DataError, match=r"base\.html\.j2, line \d+"):
        build_evaluation_report(template_dir=bad)


# ------------------------------------------------------------------------------------------------------------
# Escaping: hostile names from a user's file and the command line never become markup


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.update(name for name, _ in attrs)

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)


def assert_inert(page: str) -> str:
    """No <img> element and no onerror attribute anywhere; the hostile text is there, as text."""
    parser = _Elements()
    parser.feed(page)
    parser.close()
    assert "img" not in parser.tags and "script" not in parser.tags
    assert not any(a.startswith("on") for a in parser.attrs), sorted(a for a in parser.attrs if a.startswith("on"))
    text = "".join(parser.text)
    assert HOSTILE in text
    return text


def test_hostile_organisation_area_column_title_and_counts_are_escaped(tmp_path, capsys):
    scores = tmp_path / "scores.csv"
    extra = HOSTILE.replace(",", " ")  # a column name, for the 'ignored column' note
    scores.write_text(HEADER.rstrip("\n") + f',"{extra}"\n'
                      + f'"{HOSTILE}",Bexley PCT,pct,primary_care_trust,1,1,1,1,2,1,x\n'
                      + f'"{HOSTILE}","{HOSTILE}",local_authority,london_borough,4,3,3,4,3,3,y\n', encoding="utf-8")
    counts = tmp_path / "counts.csv"
    counts.write_text("org,x,n\n" + "".join(f'"{HOSTILE} {i}",{10 + 3 * i},{400 + 37 * i}\n' for i in range(12)),
                      encoding="utf-8")
    out = tmp_path / "r.html"
    assert main(["report", "--data", str(scores), "--title", HOSTILE, "--counts", str(counts), "--by", "org",
                 "--numerator", "x", "--denominator", "n", "--indicator-label", HOSTILE, "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    text = assert_inert(page)
    assert f"<title>{HOSTILE}</title>" not in page and f"<h1>{HOSTILE}</h1>" not in page
    assert "ignored column" in text and f"{HOSTILE} 0" in text
    rows = tables(page)["gaps-table"]
    assert rows[0][1] == HOSTILE and HOSTILE in rows[0]  # area and council name, shown as text


def test_hostile_category_of_a_users_framework_is_escaped():
    fw = hp.Framework("custom", [hp.Category("", HOSTILE), hp.Category("", "Money")],
                      [hp.Level(1, "weak"), hp.Level(2, "fair"), hp.Level(3, "good")])
    key = fw.categories[0].key
    frame = pd.DataFrame({"area": ["A", "A", "B", "B"], "organisation": ["A CC", "A PCT", "B CC", "B PCT"],
                          "sector": ["local_authority", "pct"] * 2,
                          "authority_type": ["county_council", "primary_care_trust"] * 2,
                          key: [3, 1, 3, 2], "money": [2, 1, 3, 1]})
    page = build_report(frame, framework=fw, notes=[f"a note about {HOSTILE}"])
    text = assert_inert(page)
    assert f"a note about {HOSTILE}" in text
    assert tables(page)["modal-table"][0][0] == HOSTILE


def test_hostile_outcome_column_and_title_in_evaluate_are_escaped(tmp_path):
    d = pd.read_csv(MPDTA).rename(columns={"lemp": HOSTILE})
    d = d[d["first.treat"].isin([0, 2006])]
    path = tmp_path / "panel.csv"
    d.to_csv(path, index=False)
    out = tmp_path / "eval.html"
    assert main(["evaluate", "--data", str(path), "--unit", "countyreal", "--time", "year", "--outcome", HOSTILE,
                 "--adoption", "first.treat", "--title", HOSTILE, "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    text = assert_inert(page)
    assert f"The 40 treated units' {HOSTILE} changed by" in " ".join(text.split())


# ------------------------------------------------------------------------------------------------------------
# Atomic writes


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_failure_mid_render_leaves_an_existing_report_intact(tmp_path):
    out = tmp_path / "report.html"
    out.write_text("the report of last month", encoding="utf-8")
    broken = tmp_path / "broken"
    (broken / "sections").mkdir(parents=True)
    # the appendix is the last section: by the time it fails, most of the page has been streamed to disk
    (broken / "sections" / "appendix.html.j2").write_text("<section>{{ no_such_value.total }}</section>",
                                                          encoding="utf-8")
    where = os.path.join("broken", "sections", "appendix.html.j2")
    with pytest.raises(hp.DataError, match=re.escape(f"{where}: 'no_such_value' is undefined")):
        write_report(out, template_dir=broken)
    assert out.read_text(encoding="utf-8") == "the report of last month"
    assert _leftovers(tmp_path) == []


def test_failure_inside_a_section_leaves_an_existing_evaluation_intact(tmp_path, monkeypatch):
    out = tmp_path / "eval.html"
    out.write_text("last month's evaluation", encoding="utf-8")
    written: list[int] = []
    real_html = _render.Section.html

    def failing_html(self):
        if self.template.endswith("bacon.html.j2"):
            written.append(len(list(tmp_path.glob("*.tmp"))))
            raise RuntimeError("disk full, say")
        return real_html(self)

    monkeypatch.setattr(_render.Section, "html", failing_html)
    spec = EvaluationSpec(unit="countyreal", time="year", outcome="lemp", adoption="first.treat", n_resamples=199)
    with pytest.raises(RuntimeError, match="disk full"):
        write_evaluation_report(out, MPDTA, spec)
    assert written == [1]  # the failure came while the temporary file was being written
    assert out.read_text(encoding="utf-8") == "last month's evaluation"
    assert _leftovers(tmp_path) == []


def test_complete_page_replaces_the_file_with_ordinary_permissions(tmp_path):
    out = tmp_path / "report.html"
    out.write_text("old", encoding="utf-8")
    assert write_report(out, case_studies=False) == out.absolute()
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>") and _leftovers(tmp_path) == []
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask


# ------------------------------------------------------------------------------------------------------------
# The package: templates installed, sections complete, public imports only


def test_every_section_template_is_installed_with_the_package():
    from healthyplaces.report import _page, evaluation
    from healthyplaces.report.sections import appendix, indicators

    root = resources.files("healthyplaces.report") / "templates"
    names = ["base.html.j2", "style.css", "macros.html.j2", "report.html.j2", "evaluation.html.j2",
             "sections/no_areas.html.j2", appendix.TEMPLATE, *indicators.TEMPLATES] + \
        [m.TEMPLATE for m in (*_page.SECTIONS, *evaluation.SECTIONS)]
    for name in names:
        assert root.joinpath(*name.split("/")).is_file(), name
    assert len({m.TEMPLATE for m in _page.SECTIONS}) == 6 and len(set(indicators.TEMPLATES)) == 4
    assert len({m.TEMPLATE for m in evaluation.SECTIONS}) == 9


def _imports(path: Path, package: str) -> list[tuple[str, str]]:
    """(module, name) for every import in a file, relative imports resolved against ``package``."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")
            module = ".".join(base[: len(base) - node.level + 1] + ([node.module] if node.module else [])) \
                if node.level else node.module
            out += [(module, a.name) for a in node.names]
        elif isinstance(node, ast.Import):
            out += [(a.name, "") for a in node.names]
    return out


SHARED = {"_figure", "_result", "_progress"}


def test_the_application_layer_imports_only_public_names_of_the_boxes():
    root = Path(hp.__file__).parent
    files = [(root / "cli.py", "healthyplaces")]
    for path in sorted((root / "report").rglob("*.py")):
        rel = path.relative_to(root.parent).with_suffix("")
        parts = list(rel.parts)
        files.append((path, ".".join(parts if path.name == "__init__.py" else parts[:-1]).removesuffix(".__init__")))
    assert len(files) > 20
    bad = []
    for path, package in files:
        for module, name in _imports(path, package):
            if not module.startswith("healthyplaces") or module.startswith("healthyplaces.report"):
                continue  # third-party, or the report package's own (private) modules
            # the shared presentation helpers (docs/architecture.md) are the exception
            private = [p for p in module.split(".")[1:] if p.startswith("_") and p not in SHARED]
            if module == "healthyplaces" and name in SHARED:
                continue
            if private or (name.startswith("_") and not name.startswith("__")):  # __version__ is public
                bad.append(f"{path.relative_to(root)}: from {module} import {name}")
    assert bad == []
