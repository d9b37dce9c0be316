"""docs/conventions.md, checked: one name per idea across every public callable (Python and the C++ headers),
and every result class follows the result protocol.

The instances the protocol is checked on are built by ``contract_cases.py`` (one function per box), which the
notebook test reuses to check that every chart shows exactly once in a real Jupyter kernel.
"""
from __future__ import annotations

import dataclasses
import importlib
import inspect
import pickle
import re
from pathlib import Path

import matplotlib
import matplotlib.figure
import numpy as np
import pandas as pd
import pytest

import healthyplaces as hp
from healthyplaces import _figure
from healthyplaces._result import ConfidenceInterval, Result, Summary

import contract_cases

ROOT = Path(__file__).resolve().parents[2]
MODULES = ["healthyplaces"] + [f"healthyplaces.{b}" for b in (
    "stats", "numerics", "core", "io", "integration", "datasets", "indicators", "demography", "finance",
    "evaluation", "analysis", "appraisal", "plot", "distributed", "report")]

# docs/conventions.md, "One name per idea": retired names and the name that replaced them.
RETIRED = {
    "confidence": "confidence_level", "level": "confidence_level (or var_level for a value-at-risk level)",
    "levels": "scale", "n_boot": "n_resamples", "n_sim": "n_sims", "sims": "n_sims", "draws": "n_sims",
    "repetitions": "n_resamples", "placebos": "in_space_placebos", "labels": "by", "organisation": "by",
}
# Result methods that re-run part of a fit may default these to None ("as the fit").
AS_THE_FIT = {"seed", "n_resamples", "threads", "n_sims"}


def _public_callables():
    seen: set[int] = set()
    for m in MODULES:
        mod = importlib.import_module(m)
        names = getattr(mod, "__all__", [n for n in dir(mod) if not n.startswith("_")])
        for n in names:
            obj = getattr(mod, n, None)
            if obj is None or id(obj) in seen:
                continue
            seen.add(id(obj))
            if inspect.isclass(obj):
                if issubclass(obj, BaseException):
                    continue
                yield f"{m}.{n}", obj, False
                for a, f in vars(obj).items():
                    if (a == "__init__" or not a.startswith("_")) and callable(f):
                        yield f"{m}.{n}.{a}", f, True
            elif callable(obj):
                yield f"{m}.{n}", obj, False


def _parameters():
    for qual, f, is_method in _public_callables():
        try:
            sig = inspect.signature(f)
        except (TypeError, ValueError):
            continue
        for p in sig.parameters.values():
            if p.name not in ("self", "cls"):
                yield qual, p, is_method


def test_no_public_parameter_uses_a_retired_name():
    bad = sorted({f"{q}({p.name}=...): use {RETIRED[p.name]}" for q, p, _ in _parameters() if p.name in RETIRED})
    assert bad == [], "parameters the contract retired (docs/conventions.md):\n" + "\n".join(bad)


def test_seed_and_threads_have_one_default_everywhere():
    bad = []
    for q, p, is_method in _parameters():
        want = {"seed": 0, "threads": 0}.get(p.name)
        if want is None or p.default is inspect.Parameter.empty:
            continue
        if p.default is None and is_method and p.name in AS_THE_FIT:
            continue
        if p.default != want or isinstance(p.default, bool):
            bad.append(f"{q}({p.name}={p.default!r}): the default is {want}")
    assert bad == [], "\n".join(sorted(bad))


def test_cpp_headers_use_the_contract_names():
    """C++ option fields and parameters carry the same names as Python's."""
    field = re.compile(r"^\s*(?:const\s+)?[\w:<>, ]+?[\s&*]+(confidence|level|levels|n_boot|n_sim|sims|draws|"
                       r"repetitions|placebos)\s*(?:=|;|\{|,|\))", re.M)
    threads = re.compile(r"\bthreads\s*=\s*(\d+)")
    seed = re.compile(r"\bseed\s*=\s*(\d+)")
    bad = []
    for path in sorted((ROOT / "include" / "healthyplaces").rglob("*.hpp")):
        text = path.read_text()
        rel = path.relative_to(ROOT)
        for m in field.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            bad.append(f"{rel}:{line}: '{m.group(1)}' (use {RETIRED[m.group(1)]})")
        for rx, want in ((threads, "0"), (seed, "0")):
            for m in rx.finditer(text):
                if m.group(1) != want:
                    line = text.count("\n", 0, m.start()) + 1
                    bad.append(f"{rel}:{line}: default {m.group(0)} (the contract's default is {want})")
    assert bad == [], "\n".join(bad)


# ---- the result protocol ----------------------------------------------------------------------------------

def _result_classes() -> list[type]:
    found = {}
    for m in MODULES:
        mod = importlib.import_module(m)
        for n in getattr(mod, "__all__", dir(mod)):
            obj = getattr(mod, n, None)
            if inspect.isclass(obj) and (n.endswith("Result") or n in contract_cases.ALSO_RESULTS):
                found[obj.__qualname__] = obj
    return sorted(found.values(), key=lambda c: c.__qualname__)


RESULT_CLASSES = _result_classes()
INSTANCES = contract_cases.instances()


def test_the_walk_finds_the_result_classes():
    assert len(RESULT_CLASSES) >= 20, [c.__name__ for c in RESULT_CLASSES]


@pytest.mark.parametrize("cls", RESULT_CLASSES, ids=lambda c: c.__name__)
def test_result_class_is_typed_and_has_an_instance_checked(cls):
    assert issubclass(cls, Result), f"{cls.__name__} does not derive from healthyplaces._result.Result"
    assert dataclasses.is_dataclass(cls) or "__slots__" in vars(cls), \
        f"{cls.__name__} is neither a dataclass nor slotted: mypy cannot see its fields"
    for name in ("to_frame", "summary"):
        assert callable(getattr(cls, name, None)), f"{cls.__name__} has no {name}()"
    assert any(type(r) is cls for _, r in INSTANCES), \
        f"contract_cases.py builds no {cls.__name__}: the protocol is unchecked for it"


_ELIDED = re.compile(r"\.\.\.|…")
_UNREADABLE = re.compile(r"np\.(int|float)\d+\(|\b\d\.\d+e[+-]\d\d\b")


@pytest.mark.parametrize("case", INSTANCES, ids=[c for c, _ in INSTANCES])
def test_result_follows_the_protocol(case):
    name, res = case
    frame = res.to_frame()
    assert isinstance(frame, pd.DataFrame) and len(frame) >= 1, f"{name}.to_frame()"
    summary = res.summary()
    assert isinstance(summary, Summary), f"{name}.summary() returns {type(summary).__name__}, not a Summary"
    text = str(summary)
    assert not _ELIDED.search(text), f"{name}: print(summary()) elides:\n{text}"
    assert "<table" in summary._repr_html_()
    page = res._repr_html_()
    assert isinstance(page, str) and "<table" in page
    assert not _UNREADABLE.search(page), f"{name}._repr_html_ shows numbers not formatted for people:\n{page}"
    assert not _UNREADABLE.search(text), f"{name}.summary() shows numbers not formatted for people:\n{text}"
    again = pickle.loads(pickle.dumps(res))
    assert type(again) is type(res)
    pd.testing.assert_frame_equal(again.to_frame(), frame)
    assert again == res, f"{name}: pickle.loads(pickle.dumps(res)) is not == res"
    if hasattr(res, "statistic") and hasattr(res, "pvalue") and not callable(res.statistic):
        assert isinstance(float(res.statistic), float) and isinstance(float(res.pvalue), float)
    if callable(getattr(res, "confidence_interval", None)):
        ci = res.confidence_interval()
        assert isinstance(ci, ConfidenceInterval), f"{name}.confidence_interval() returns {type(ci).__name__}"
        try:
            other = res.confidence_interval(confidence_level=0.8)
        except hp.Error as e:  # a level it cannot recompute: a clear error
            assert "confidence_level" in str(e) or "level" in str(e)
        else:
            assert isinstance(other, ConfidenceInterval)
            assert other.low >= ci.low - 1e-12 and other.high <= ci.high + 1e-12, "80% is inside 95%"


PLOTTED = [(n, r) for n, r in INSTANCES if callable(getattr(r, "plot", None))]


@pytest.mark.parametrize("case", PLOTTED, ids=[c for c, _ in PLOTTED])
def test_plot_returns_a_figure_and_leaves_no_pyplot_figure(case):
    import matplotlib.pyplot as plt

    name, res = case
    before = plt.get_fignums()
    fig = res.plot()
    assert isinstance(fig, matplotlib.figure.Figure), f"{name}.plot() returns {type(fig).__name__}"
    # the once-only class that shows in Jupyter exactly once (the kernel test in test_notebooks.py shows it working)
    assert type(fig) is _figure._figure_class(), f"{name}.plot() does not draw through healthyplaces._figure"
    assert plt.get_fignums() == before, f"{name}.plot() left a pyplot figure open"
    mine = matplotlib.figure.Figure()
    ax = mine.add_subplot()
    assert res.plot(ax=ax) is mine, f"{name}.plot(ax=ax) does not return the axes' figure"
    for a in fig.axes:
        for label in (a.get_xlabel(), a.get_ylabel()):
            assert label.strip().lower() not in ("value", "proportion", "denominator", "period", "x", "y"), \
                f"{name}.plot(): axis label {label!r} says nothing about the quantity or unit"


# ---- docstrings (numpydoc) ------------------------------------------------------------------------------------

def _sections(doc: str) -> set[str]:
    return set(re.findall(r"^\s*(Parameters|Returns|Yields|Examples|Raises|See Also|Notes)\n\s*-{3,}\s*$", doc, re.M))


def test_every_public_function_has_a_numpydoc_docstring():
    """Module-level functions: Parameters (when they take any), Returns and Examples; classes: Examples;
    public methods: at least a summary line."""
    bad = []
    for qual, f, is_method in _public_callables():
        doc = inspect.getdoc(f) or ""
        if is_method:
            if not doc.strip() and not qual.endswith(".__init__"):
                bad.append(f"{qual}: no docstring")
            continue
        if inspect.isclass(f):
            if "Examples" not in _sections(doc):
                bad.append(f"{qual}: class docstring has no Examples section")
            continue
        got = _sections(doc)
        try:
            takes = any(p.name not in ("self", "cls") for p in inspect.signature(f).parameters.values())
        except (TypeError, ValueError):
            takes = True
        want = ({"Parameters"} if takes else set()) | {"Returns", "Examples"}
        if missing := want - got - ({"Returns"} if "Yields" in got else set()):
            bad.append(f"{qual}: missing {', '.join(sorted(missing))}")
    assert bad == [], f"{len(bad)} public callables without numpydoc sections:\n" + "\n".join(sorted(bad))


def test_import_does_not_import_matplotlib():
    """Charts import matplotlib when drawn (docs/conventions.md, "Charts"): a pipeline that never draws does not
    pay for it."""
    import subprocess
    import sys

    code = "import sys, healthyplaces as hp, healthyplaces.evaluation; print('matplotlib' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_a_chart_pickles():
    """A returned Figure pickles like any matplotlib figure (its once-only class is importable, its tick
    formatters are module functions)."""
    import matplotlib.figure

    fig = hp.indicators.funnel([10, 20, 45, 55], [100] * 4, by=list("ABCD")).plot()
    again = pickle.loads(pickle.dumps(fig))
    assert isinstance(again, matplotlib.figure.Figure) and type(again) is type(fig)
