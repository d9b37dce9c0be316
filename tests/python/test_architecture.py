"""The house rules, checked: every edge between boxes points down the declared order.

The order is declared once, in the ``hp_box()`` lines of CMakeLists.txt (which also make it the link order of
the CMake targets). This test reads them and fails on:

* a C++ ``#include "healthyplaces/<box>/..."`` in another box that does not depend on <box>;
* a Python import (or ``_core.<box>`` use) in python/healthyplaces/<box>/ of a box it does not depend on;
* an import of another box's private module or name (``healthyplaces.stats._result``, ``finance._simulate``);
* the application layer (report, cli, plot, distributed, ...) using a private module or name of a box;
* statistics imported from scipy or statsmodels anywhere in the package (they are test references only).

docs/architecture.md draws the same house.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INCLUDE = ROOT / "include" / "healthyplaces"
PACKAGE = ROOT / "python" / "healthyplaces"
# The application layer: presents the boxes, is imported by none of them.
APPLICATION = {"report", "cli", "plot", "distributed", "_progress", "__init__", "__main__"}
# Helpers every box may use: the compiled module's root (errors, version) and the progress bar.
SHARED = {"_progress", "_result", "_figure"}


def _declared() -> dict[str, set[str]]:
    text = (ROOT / "CMakeLists.txt").read_text()
    boxes: dict[str, set[str]] = {}
    for m in re.finditer(r"^hp_box\((\w+)([^)]*)\)", text, flags=re.M):
        rest = m.group(2).split()
        deps: set[str] = set()
        if "DEPENDS" in rest:
            i = rest.index("DEPENDS") + 1
            while i < len(rest) and not rest[i].isupper():
                deps.add(rest[i])
                i += 1
        for d in deps:
            assert d in boxes, f"box {m.group(1)} depends on {d}, which is declared after it (or not at all)"
        boxes[m.group(1)] = deps
    return boxes


BOXES = _declared()


def _closure(box: str) -> set[str]:
    seen, todo = {box}, [box]
    while todo:
        for d in BOXES[todo.pop()]:
            if d not in seen:
                seen.add(d)
                todo.append(d)
    return seen


ALLOWED = {b: _closure(b) for b in BOXES}


def test_the_order_is_declared_and_has_every_box_folder():
    assert list(BOXES)[:2] == ["base", "stats"], "base and stats are the bottom of the house"
    folders = {p.name for p in INCLUDE.iterdir() if p.is_dir()}
    assert folders == set(BOXES), f"include/healthyplaces/ folders {sorted(folders)} vs boxes {list(BOXES)}"
    loose = [p.name for p in INCLUDE.iterdir() if p.is_file() and p.name != "healthyplaces.hpp"]
    assert loose == [], f"headers outside a box: {loose}"
    loose_src = [p.name for p in (ROOT / "src").iterdir() if p.is_file()]
    assert loose_src == [], f"sources outside a box: {loose_src}"
    for box in BOXES:
        if box != "base":
            assert (PACKAGE / box).is_dir(), f"python/healthyplaces/{box}/ mirrors the {box} box"


def _cpp_files(box: str) -> list[Path]:
    dirs = [INCLUDE / box, ROOT / "src" / box, ROOT / "python" / "src" / box]
    return [p for d in dirs if d.is_dir() for p in sorted(d.rglob("*")) if p.suffix in (".hpp", ".cpp")]


@pytest.mark.parametrize("box", list(BOXES))
def test_cpp_includes_point_down(box):
    bad = []
    for path in _cpp_files(box):
        for n, line in enumerate(path.read_text().splitlines(), 1):
            m = re.match(r'\s*#\s*include\s*"healthyplaces/(\w+)/', line)
            if m and m.group(1) not in ALLOWED[box]:
                bad.append(f"{path.relative_to(ROOT)}:{n} includes {m.group(1)}")
            m = re.match(r'\s*#\s*include\s*"healthyplaces/healthyplaces\.hpp"', line)
            if m:
                bad.append(f"{path.relative_to(ROOT)}:{n} includes the umbrella header")
            m = re.match(r'\s*#\s*include\s*"\.\./(\w+)/', line)
            if m and m.group(1) not in ALLOWED[box]:
                bad.append(f"{path.relative_to(ROOT)}:{n} includes the bindings of {m.group(1)}")
    assert bad == [], "includes against the declared order (CMakeLists.txt hp_box lines):\n" + "\n".join(bad)


@pytest.mark.parametrize("box", [b for b in BOXES if b != "base"])
def test_namespace_is_hp_box(box):
    bad = []
    for path in _cpp_files(box):
        if "python" in path.parts:
            continue
        for n, line in enumerate(path.read_text().splitlines(), 1):
            m = re.match(r"namespace (hp[\w:]*) \{", line)
            if m and not (m.group(1) == f"hp::{box}" or m.group(1).startswith(f"hp::{box}::")):
                bad.append(f"{path.relative_to(ROOT)}:{n} opens namespace {m.group(1)}")
    assert bad == [], "every box's names live in hp::<box>:\n" + "\n".join(bad)


def _imports(path: Path) -> list[tuple[int, list[str], str | None]]:
    """(line, module path inside healthyplaces as parts, imported name or None) for each import of the package."""
    rel = path.relative_to(PACKAGE).with_suffix("").parts
    package = list(rel[:-1]) if rel[-1] != "__init__" else list(rel[:-1])
    out = []
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                mod = base + (node.module.split(".") if node.module else [])
            elif node.module and node.module.split(".")[0] == "healthyplaces":
                mod = node.module.split(".")[1:]
            else:
                continue
            for alias in node.names:
                out.append((node.lineno, mod, alias.name))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "healthyplaces":
                    out.append((node.lineno, parts[1:], None))
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "_core":
            out.append((node.lineno, ["_core", node.attr], None))
    return out


def _target(mod: list[str], name: str | None) -> tuple[str | None, bool]:
    """The box an import reaches and whether it reaches a private part of it."""
    parts = list(mod) + ([name] if name and name != "*" else [])
    if not parts:
        return None, False
    if parts[0] == "_core":
        if len(parts) > 1 and parts[1] in BOXES:
            return parts[1], False
        return "base", False  # the module root: errors and version
    if parts[0] in BOXES:
        private = any(p.startswith("_") for p in parts[1:])
        return parts[0], private
    return None, False


def _python_files():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).parts
        owner = rel[0] if len(rel) > 1 else path.stem
        yield owner, path


def test_python_imports_point_down_and_stay_public():
    bad = []
    for owner, path in _python_files():
        where = path.relative_to(ROOT)
        for line, mod, name in _imports(path):
            box, private = _target(mod, name)
            if box is None or box == owner:
                continue
            if owner in BOXES:
                if box not in ALLOWED[owner]:
                    bad.append(f"{where}:{line} (box {owner}) imports box {box}")
                if private:
                    bad.append(f"{where}:{line} (box {owner}) imports a private part of {box}: {mod} {name}")
            elif owner in APPLICATION or owner in SHARED:
                if private:
                    bad.append(f"{where}:{line} (application layer) imports a private part of {box}: {mod} {name}")
            else:
                bad.append(f"{where}: module {owner} is neither a box nor the application layer")
        if owner in BOXES:
            for line, mod, name in _imports(path):
                top = (mod[:1] or [name])[0]
                if top in APPLICATION - {"_progress"} and top not in ("__init__",):
                    bad.append(f"{where}:{line} (box {owner}) imports the application layer: {top}")
    assert bad == [], "imports against the house rules:\n" + "\n".join(bad)


def test_no_statistics_from_scipy_or_statsmodels_in_the_package():
    bad = []
    for _, path in _python_files():
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if re.match(r"\s*(from|import)\s+(scipy|statsmodels)\b", line):
                bad.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert bad == [], "statistics live in C++; scipy and statsmodels are test references only:\n" + "\n".join(bad)
