"""mypy accepts the README's Python (its blocks joined in order, as a reader would run them) and the scripts in
examples/python under --strict (docs/conventions.md): the result classes' fields are visible to a type checker.
The package itself is followed silently: its types are used, its own internals are not judged here."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytest.importorskip("mypy")


def test_readme_and_examples_pass_mypy_strict(tmp_path):
    blocks = re.findall(r"^```python\n(.*?)^```", (ROOT / "README.md").read_text(encoding="utf-8"), flags=re.S | re.M)
    readme = tmp_path / "readme_blocks.py"
    readme.write_text("\n".join(blocks), encoding="utf-8")
    # This checkout's package (MYPYPATH), whatever is installed; its own modules are not judged here.
    config = tmp_path / "mypy.ini"
    config.write_text("[mypy]\n[mypy-healthyplaces.*]\nignore_errors = True\n", encoding="utf-8")
    files = [str(readme)] + [str(p) for p in sorted((ROOT / "examples" / "python").glob("*.py"))]
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent", "--no-error-summary",
             "--config-file", str(config),
         "--cache-dir", str(ROOT / "build" / "mypy-cache"), "--python-version", f"{sys.version_info[0]}.{sys.version_info[1]}",
         *files], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
