"""The docstring examples the module doctest runs skip: hp.distributed and hp.integration (not in
test_docstring_examples' list) and the compiled classes and functions of the integration and finance boxes,
whose docstrings live in the bindings (python/src/<box>/), so cannot go stale."""
from __future__ import annotations

import doctest
import importlib

import pytest

import healthyplaces as hp

FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


@pytest.mark.parametrize("name", ["healthyplaces.distributed", "healthyplaces.integration",
                                  "healthyplaces.finance.blocks"])
def test_module_examples_run(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=FLAGS)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize("obj", [hp.Level, hp.Framework, hp.Arrangement, hp.Budgets, hp.Staff, hp.Leadership, hp.Governance, hp.LegalBasis,
                                 hp.CaseStudy, hp.incoherences, hp.finance.Uncertain],
                         ids=lambda o: o.__name__)
def test_compiled_docstring_examples_run(obj):
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    tests = doctest.DocTestFinder(recurse=False).find(obj, obj.__name__, module=False, globs={})
    assert sum(len(t.examples) for t in tests) >= 1, f"{obj.__name__}'s docstring has no example"
    for t in tests:
        runner.run(t)
    assert runner.failures == 0
