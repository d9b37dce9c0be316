"""The notebooks in examples/notebooks run top to bottom (tests as documentation): every code cell is executed in
order in one namespace, as Jupyter's "Run all" would, with a non-interactive matplotlib backend and a temporary
working directory. No Jupyter kernel is needed, so make test adds no dependency for this."""
from __future__ import annotations

import json
from pathlib import Path

import matplotlib
import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "examples" / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert NOTEBOOKS, "examples/notebooks/ holds no notebook"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs(path, tmp_path, monkeypatch):
    matplotlib.use("Agg")
    monkeypatch.chdir(tmp_path)
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    code = [("".join(c["source"]) if isinstance(c["source"], list) else c["source"]) for c in cells
            if c["cell_type"] == "code"]
    assert code, f"{path.name} has no code cells"
    namespace: dict = {"__name__": "__notebook__"}
    for i, source in enumerate(code):
        lines = [l for l in source.splitlines() if not l.lstrip().startswith(("%", "!"))]  # no IPython magics
        exec(compile("\n".join(lines), f"{path.name}[cell {i}]", "exec"), namespace)
