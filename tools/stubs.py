"""Type stubs of the compiled module, generated from it: python/healthyplaces/_core/<box>.pyi.

    python tools/stubs.py            write the stubs (run by `make stubs` after changing a binding)
    python tools/stubs.py --check    exit 1 and list the files that differ from what would be generated

The stubs are pybind11-stubgen's output (version pinned in pyproject's test extra, so that the text is the same
on every machine), one file per box submodule, with two fixes it cannot make itself: the enum defaults are
spelled with their full path (``--enum-class-locations``, found by walking the module), and the pandas face that
healthyplaces.core adds to ScoreTable at import time is annotated with importable names.
"""
from __future__ import annotations

import argparse
import difflib
import enum
import os
import shutil
import subprocess
import sys
import tempfile
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "python" / "healthyplaces" / "_core"


def _enum_locations() -> list[str]:
    from healthyplaces import _core

    args = []
    for box in sorted(dir(_core)):
        sub = getattr(_core, box)
        if not isinstance(sub, types.ModuleType):
            continue
        for name in sorted(dir(sub)):
            obj = getattr(sub, name)
            if isinstance(obj, type) and issubclass(obj, enum.Enum):
                args += ["--enum-class-locations", f"^{name}$:healthyplaces._core.{box}"]
    return args


def _fix(text: str) -> str:
    # healthyplaces.core._table adds to_frame/_repr_html_ to ScoreTable with annotations that are
    # module-relative in the package; in the stub they must name importable things.
    if "pd.DataFrame" in text:
        text = text.replace("pd.DataFrame", "pandas.DataFrame").replace("import numpy\n", "import numpy\nimport pandas\n", 1)
    return text.replace("_core.core.ScoreTable", "ScoreTable")


def generate(out: Path) -> list[Path]:
    tmp = Path(tempfile.mkdtemp())
    try:
        cmd = [sys.executable, "-m", "pybind11_stubgen", "healthyplaces._core", "-o", str(tmp),
               "--numpy-array-remove-parameters", *_enum_locations()]
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        run = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if run.returncode != 0:
            sys.exit(f"pybind11-stubgen failed:\n{run.stdout}\n{run.stderr}")
        made = sorted((tmp / "healthyplaces" / "_core").glob("*.pyi"))
        out.mkdir(parents=True, exist_ok=True)
        for f in made:
            (out / f.name).write_text(_fix(f.read_text()))
        return [out / f.name for f in made]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def check() -> list[str]:
    """Names of the stub files that differ from freshly generated ones (missing or extra included)."""
    fresh_dir = Path(tempfile.mkdtemp())
    try:
        fresh = {p.name: p.read_text() for p in generate(fresh_dir)}
        have = {p.name: p.read_text() for p in TARGET.glob("*.pyi")}
        stale = []
        for name in sorted(set(fresh) | set(have)):
            if fresh.get(name) != have.get(name):
                diff = difflib.unified_diff((have.get(name) or "").splitlines(), (fresh.get(name) or "").splitlines(),
                                            f"committed/{name}", f"generated/{name}", lineterm="", n=1)
                stale.append(name + "\n" + "\n".join(list(diff)[:40]))
        return stale
    finally:
        shutil.rmtree(fresh_dir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed stubs instead of writing")
    args = parser.parse_args()
    if args.check:
        stale = check()
        if stale:
            sys.exit("stale stubs (run `make stubs`):\n" + "\n".join(stale))
        print("stubs are current")
        return
    for old in TARGET.glob("*.pyi"):
        old.unlink()
    for f in generate(TARGET):
        print("wrote", f.relative_to(ROOT))


if __name__ == "__main__":
    main()
