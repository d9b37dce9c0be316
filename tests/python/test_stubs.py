"""The type stubs list everything the extension exports (so they cannot silently fall behind)."""
from __future__ import annotations

import ast
import inspect
from pathlib import Path

import healthyplaces as hp
from healthyplaces import _core

PKG = Path(hp.__file__).parent


def _stub_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def _public(module) -> set[str]:
    return {n for n in dir(module) if not n.startswith("_") and not inspect.ismodule(getattr(module, n))}


def test_core_stub_is_complete():
    assert _public(_core) - _stub_names(PKG / "_core.pyi") == set()
    assert _public(_core.stats) - _stub_names(PKG / "_core_stats.pyi") == set()
    assert _public(_core.datasets) - _stub_names(PKG / "_core_datasets.pyi") == set()
    assert _public(_core.demography) - _stub_names(PKG / "_core_demography.pyi") == set()
    assert _public(_core.indicators) - _stub_names(PKG / "_core_indicators.pyi") == set()
    # hp.finance's sub-boxes each stub their bindings in a _core_finance_<box>.pyi
    finance = set().union(*(_stub_names(p) for p in PKG.glob("_core_finance*.pyi")))
    assert _public(_core.finance) - finance == set()
    evaluation = set().union(*(_stub_names(p) for p in PKG.glob("_core_evaluation*.pyi")))
    assert _public(_core.evaluation) - evaluation == set()


def test_package_ships_typing_marker_and_data():
    assert (PKG / "py.typed").is_file()
    assert (PKG / "_core.pyi").is_file()


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
