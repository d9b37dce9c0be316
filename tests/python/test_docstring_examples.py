"""The examples in the docstrings of hp.stats, hp.indicators, the datasets and the loaders are documentation:
run them, so they cannot go stale."""
from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import healthyplaces as hp

MODULES = sorted([m.name for m in pkgutil.iter_modules(hp.stats.__path__, "healthyplaces.stats.")]
                 + [m.name for m in pkgutil.iter_modules(hp.indicators.__path__, "healthyplaces.indicators.")]
                 + [m.name for m in pkgutil.iter_modules(hp.finance.__path__, "healthyplaces.finance.")]
                 + [m.name for m in pkgutil.iter_modules(hp.evaluation.__path__, "healthyplaces.evaluation.")]
                 + [m.name for m in pkgutil.iter_modules(hp.demography.__path__, "healthyplaces.demography.")]
                 + [m.name for m in pkgutil.iter_modules(hp.analysis.__path__, "healthyplaces.analysis.")]
                 + [m.name for m in pkgutil.iter_modules(hp.appraisal.__path__, "healthyplaces.appraisal.")]
                 + ["healthyplaces.numerics", "healthyplaces.core", "healthyplaces.analysis", "healthyplaces.plot",
                    "healthyplaces._result"])


def test_every_stats_module_is_covered():
    assert {"healthyplaces.stats._rank", "healthyplaces.stats._resampling", "healthyplaces.stats._effect"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES + ["healthyplaces", "healthyplaces.datasets", "healthyplaces.io",
                                            "healthyplaces.indicators", "healthyplaces.report._counts",
                                            "healthyplaces.report._page", "healthyplaces.report.evaluation"])
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} docstring examples failed in {name}"
