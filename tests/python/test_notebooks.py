"""Charts in a real Jupyter kernel (docs/conventions.md, "Charts"): the notebooks in examples/notebooks run top to
bottom in a fresh kernel with the default inline backend, and every chart shows exactly once, whether the
figure is the cell's value or assigned, with no pyplot figure left open.

A cell that draws (it calls ``.plot(`` or ``hp.plot.``) must have exactly one image output; any other cell none.
A generated notebook then draws every result class's chart (contract_cases.py) twice: once as the cell's
value, once assigned."""
from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
NOTEBOOKS = sorted((ROOT / "examples" / "notebooks").glob("*.ipynb"))


def _run(nb: nbformat.NotebookNode, cwd: Path) -> nbformat.NotebookNode:
    os.environ.pop("MPLBACKEND", None)  # the kernel must choose Jupyter's default (inline) backend itself
    client = NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(cwd)}})
    client.execute()
    return nb


def _images(cell: nbformat.NotebookNode) -> int:
    return sum(1 for o in cell.get("outputs", []) if "image/png" in o.get("data", {}))


def _draws(source: str) -> bool:
    return ".plot(" in source or "hp.plot." in source


def test_there_are_notebooks():
    assert NOTEBOOKS, "examples/notebooks/ holds no notebook"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_and_each_chart_shows_once(path, tmp_path):
    nb = _run(nbformat.read(path, as_version=4), tmp_path)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, f"{path.name} has no code cells"
    wrong = [f"cell {i}: {_images(c)} images\n{c.source}" for i, c in enumerate(code)
             if _images(c) != (1 if _draws(c.source) else 0)]
    assert wrong == [], f"{path.name}: each chart cell shows one image, other cells none:\n" + "\n".join(wrong)


def test_every_result_chart_shows_once_returned_or_assigned():
    import contract_cases

    names = [n for n, r in contract_cases.instances() if callable(getattr(r, "plot", None))]
    assert names, "no result with a chart"
    cells = [nbformat.v4.new_code_cell(
        "import contract_cases\n"
        "CASES = [r for n, r in contract_cases.instances() if callable(getattr(r, 'plot', None))]\n"
        "len(CASES)")]
    ways = {"returned": "CASES[{i}].plot()", "assigned": "fig = CASES[{i}].plot()",
            # on the user's own pyplot axes, the figure the cell returns
            "on the user's axes": "import matplotlib.pyplot as plt\n_, ax = plt.subplots()\nCASES[{i}].plot(ax=ax)"}
    # Every result's chart once, the three ways in turn (result i: way i mod 3), so each way is shown working on
    # a third of the results (about 14 each) with one kernel chart per result. The contract test checks that every
    # chart is the once-only Figure class these ways rely on, outside the kernel.
    order = ("returned", "assigned", "on the user's axes")
    plan = [(i, order[i % 3]) for i in range(len(names))]
    for i, how in plan:
        cells.append(nbformat.v4.new_code_cell(ways[how].format(i=i)))
    cells.append(nbformat.v4.new_code_cell("import matplotlib.pyplot as plt\nplt.get_fignums()"))
    nb = _run(nbformat.v4.new_notebook(cells=cells), HERE)
    wrong = []
    for k, (i, how) in enumerate(plan):
        cell = nb.cells[1 + k]
        if _images(cell) != 1:
            wrong.append(f"{names[i]}.plot() {how}: {_images(cell)} images")
    assert wrong == [], "\n".join(wrong)
    last = nb.cells[-1].outputs[0]["data"]["text/plain"]
    assert last == "[]", f"pyplot figures left open: {last}"
