"""
Reading users' files with located errors; the embedded CSV text.
"""
from __future__ import annotations
import collections.abc
import healthyplaces._core.core
import numpy
import numpy.typing
import os
import typing
__all__: list[str] = ['Counts', 'embedded_csv', 'embedded_names', 'format_csv', 'read_counts_file', 'read_counts_text', 'read_scores_file', 'read_scores_text', 'read_text_file']
class Counts:
    """
    Counts read by read_counts: organisations, numerators, denominators, periods and the other columns as text, in file order.
    """
    __hash__: typing.ClassVar[None] = None
    def __eq__(self, arg0: Counts) -> bool:
        ...
    def __getstate__(self) -> tuple[str, list[str], list[str], list[float], list[float], list[str], list[str], list[list[str]], int, list[str]]:
        ...
    def __len__(self) -> int:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    @property
    def columns(self) -> list[str]:
        ...
    @property
    def denominators(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def encoding(self) -> str:
        """
        Python's name of the encoding the file was read in: utf-8, utf-8-sig, utf-16-le, utf-16-be or cp1252.
        """
    @property
    def notes(self) -> list[str]:
        ...
    @property
    def numerators(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def organisations(self) -> list[str]:
        ...
    @property
    def other(self) -> list[list[str]]:
        ...
    @property
    def other_columns(self) -> list[str]:
        ...
    @property
    def periods(self) -> list[str]:
        ...
    @property
    def source(self) -> str:
        ...
def embedded_csv(name: str) -> str:
    """
    The text of an embedded CSV file; DomainError listing the names when unknown.
    """
def embedded_names() -> list[str]:
    """
    Names of the CSV files embedded at build time from data/.
    """
def format_csv(names: collections.abc.Sequence[str], kinds: collections.abc.Sequence[str], texts: collections.abc.Sequence[collections.abc.Sequence[str]], numbers: collections.abc.Sequence[typing.Annotated[numpy.typing.ArrayLike, numpy.float64]], significant: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], header: bool = True) -> str:
    """
    A table as CSV text. Column k is names[k] of kinds[k]: 'text' (the next of texts; quoted as RFC 4180 asks, formula-like text kept as text), 'counts' (the next of numbers; whole numbers as integers) or 'reals' (the next of numbers, %.{significant[k]}g).
    """
def read_counts_file(path: os.PathLike | str | bytes, by: str = 'organisation', numerator: str = 'numerator', denominator: str = 'denominator', period: str | None = None, kind: str = 'proportion') -> Counts:
    """
    Read a CSV of counts by organisation; DataError naming file, line, column and organisation.
    """
def read_counts_text(text: str, source: str, by: str = 'organisation', numerator: str = 'numerator', denominator: str = 'denominator', period: str | None = None, kind: str = 'proportion', rows_not_lines: bool = False) -> Counts:
    """
    Parse CSV text of counts; rows_not_lines: name rows (0-based, a DataFrame's to_csv), not lines.
    """
def read_scores_file(path: os.PathLike | str | bytes, framework: healthyplaces._core.core.Framework, allow_missing: bool = True) -> tuple[healthyplaces.ScoreTable, list[str], str]:
    """
    Read a score CSV in UTF-8, UTF-16 or cp1252, delimited by commas, semicolons or tabs; returns (ScoreTable, notes, encoding). Raises DataError naming file, line and column.
    """
def read_scores_text(text: str, source: str, framework: healthyplaces._core.core.Framework, allow_missing: bool = True, rows_not_lines: bool = False) -> tuple[healthyplaces.ScoreTable, list[str], str]:
    """
    Parse score CSV text; returns (ScoreTable, notes, encoding). rows_not_lines: name rows (0-based), not lines.
    """
def read_text_file(path: os.PathLike | str | bytes) -> tuple[str, str, str, list[str], list[int]]:
    """
    Read a CSV file as read_scores does (UTF-8, UTF-16 or cp1252; comma, semicolon or tab), check it, and return (the table as comma-separated UTF-8 text, encoding, delimiter, notes, the physical line of each row). DataError naming file, line and column.
    """
