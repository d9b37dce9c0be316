"""The examples in the docstrings of hp.stats are documentation: run them, so they cannot go stale."""
from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import healthyplaces as hp

MODULES = sorted(m.name for m in pkgutil.iter_modules(hp.stats.__path__, "healthyplaces.stats."))


def test_every_stats_module_is_covered():
    assert {"healthyplaces.stats._rank", "healthyplaces.stats._resampling", "healthyplaces.stats._effect"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES + ["healthyplaces"])
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} docstring examples failed in {name}"
