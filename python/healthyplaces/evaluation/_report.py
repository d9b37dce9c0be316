"""Moved: the evaluation page is now :mod:`healthyplaces.report.evaluation` (rendered with the report's
templates). This alias keeps ``from healthyplaces.evaluation._report import ...`` working for existing code and
tests; new code should import from ``healthyplaces.report``."""
from __future__ import annotations

from ..report.evaluation import (DEFAULT_TITLE, METHODS, EvaluationSpec, build_evaluation_report,
                                 write_evaluation_report)

__all__ = ["EvaluationSpec", "build_evaluation_report", "write_evaluation_report", "METHODS", "DEFAULT_TITLE"]
