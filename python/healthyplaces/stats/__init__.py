"""Statistics with no domain words: ordinal summaries, rank tests, effect sizes, resampling, multiple testing.

Names follow scipy.stats where scipy has the same routine (``mannwhitneyu``, ``wilcoxon``, ``kruskal``,
``brunnermunzel``, ``bootstrap``, ``permutation_test``), so a user can swap the import; results behave like
scipy's (``res.statistic``, ``res.pvalue``, ``res.confidence_interval()``), convert with ``to_frame()`` and show
``summary()`` (docs/conventions.md, "Results"). ``ArrayLike`` (importable, not in ``__all__``) is the input type.
Inputs may be lists, numpy arrays or pandas Series.
"""
from __future__ import annotations

from ._effect import adjust_pvalues, cliffs_delta, probability_of_superiority
from ._ksample import brunnermunzel, kruskal
from ._ordinal import ArrayLike, Frequencies, OrdinalSummary, frequencies, modes, quantile, summarise
from ._result import ConfidenceInterval, EstimateResult, TestResult
from ._resampling import (BootstrapResult, DegenerateDataWarning, bootstrap, exact_bootstrap_distribution,
                          permutation_test)
from ._rank import (SymmetricNull, hodges_lehmann, mann_whitney_null, mannwhitneyu, sign_test, signed_rank_null,
                    wilcoxon)

__all__ = [
    "ConfidenceInterval", "EstimateResult", "Frequencies", "OrdinalSummary", "TestResult",
    "frequencies", "modes", "quantile", "summarise",
    "adjust_pvalues", "brunnermunzel", "cliffs_delta", "kruskal", "probability_of_superiority",
    "BootstrapResult", "DegenerateDataWarning", "bootstrap", "exact_bootstrap_distribution", "permutation_test",
    "SymmetricNull", "hodges_lehmann", "mann_whitney_null", "mannwhitneyu", "sign_test", "signed_rank_null",
    "wilcoxon",
]
