"""
Reading users' files with located errors; the embedded CSV text.
"""
from __future__ import annotations
import healthyplaces._core.core
import os
import typing
__all__: list[str] = ['embedded_csv', 'embedded_names', 'read_scores_file', 'read_scores_text']
def embedded_csv(name: str) -> str:
    """
    The text of an embedded CSV file; DomainError listing the names when unknown.
    """
def embedded_names() -> list[str]:
    """
    Names of the CSV files embedded at build time from data/.
    """
def read_scores_file(path: os.PathLike | str | bytes, framework: healthyplaces._core.core.Framework, allow_missing: bool = True) -> tuple[healthyplaces.ScoreTable, list[str]]:
    """
    Read a score CSV; returns (ScoreTable, notes). Raises DataError naming file, line and column.
    """
def read_scores_text(text: str, source: str, framework: healthyplaces._core.core.Framework, allow_missing: bool = True, rows_not_lines: bool = False) -> tuple[healthyplaces.ScoreTable, list[str]]:
    """
    Parse score CSV text; returns (ScoreTable, notes). rows_not_lines: name rows (0-based), not lines.
    """
