"""The type stubs are generated from the compiled module (tools/stubs.py, `make stubs`) and must be current."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import healthyplaces as hp
from healthyplaces import _core

PKG = Path(hp.__file__).parent
ROOT = Path(__file__).resolve().parents[2]


def test_stubs_are_generated_and_current():
    # Regenerates into a temporary folder and compares text: a binding changed without `make stubs` fails here.
    run = subprocess.run([sys.executable, str(ROOT / "tools" / "stubs.py"), "--check"], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_one_stub_per_box_submodule_and_they_ship():
    boxes = {n for n in dir(_core) if not n.startswith("_") and isinstance(getattr(_core, n), type(_core))}
    assert {p.stem for p in (PKG / "_core").glob("*.pyi")} == boxes | {"__init__"}
    assert (PKG / "py.typed").is_file()


def test_installed_package_carries_the_csv_templates():
    # make test runs against the pip-installed wheel, which must carry data/*.csv beside the embedded copies.
    path = hp.datasets.path("nlgn2008_governance_scores")
    assert path.read_text(encoding="utf-8") == _core.io.embedded_csv("nlgn2008_governance_scores")
    try:
        hp.datasets.path("no_such_dataset")
    except hp.DomainError as e:
        assert "available:" in str(e)
    else:
        raise AssertionError("expected DomainError")
