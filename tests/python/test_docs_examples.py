"""Documentation that runs (docs/conventions.md): every ```python block of README.md and of each page in docs/
runs, each page's blocks in order in one namespace, as notebook cells would, in a temporary folder with a
non-interactive matplotlib backend. Text not meant to run is fenced as ```text or ```console."""
from __future__ import annotations

import re
from pathlib import Path

import matplotlib
import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md"] + sorted((ROOT / "docs").glob("*.md"))
# Pages about the code base rather than its API: no runnable example is expected of them.
ABOUT_THE_CODE = {"architecture.md", "conventions.md", "design-notes.md"}


def _blocks(page: Path) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", page.read_text(encoding="utf-8"), flags=re.S | re.M)


@pytest.mark.parametrize("page", [p for p in PAGES if p.name not in ABOUT_THE_CODE],
                         ids=lambda p: p.name)
def test_page_has_an_example(page):
    assert _blocks(page), f"{page.name} has no ```python example"


@pytest.mark.parametrize("page", [p for p in PAGES if _blocks(p)], ids=lambda p: p.name)
def test_page_blocks_run_in_order(page, tmp_path, monkeypatch):
    matplotlib.use("Agg")
    monkeypatch.chdir(tmp_path)
    namespace: dict = {"__name__": "__docs__"}
    for i, block in enumerate(_blocks(page)):
        exec(compile(block, f"{page.name}[python block {i}]", "exec"), namespace)
