"""The rendering layer shared by the report and the evaluation page: the Jinja2 environment (packaged templates,
overridable from a folder), the values the templates show (tables, figures, cells), and the atomic writer.

Every ``{{ value }}`` in a template is escaped (``autoescape=True`` always): text from a user's file can never
become markup. The only values marked safe are the inline SVG charts (drawn by matplotlib, text as paths) and
the stylesheet, both produced here rather than read from the user's data.
"""
from __future__ import annotations

import contextlib
import errno
import functools
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Mapping, Sequence

import jinja2
import numpy as np
import pandas as pd
from markupsafe import Markup

from .. import DataError
from .._result import atomic_file, readable_text

TEMPLATES = Path(__file__).resolve().parent / "templates"
PACKAGE_PREFIX = "healthyplaces"  # "healthyplaces/base.html.j2" is always the packaged template, even when overridden
STYLESHEET = "style.css"


# --------------------------------------------------------------------------------------------------------------
# Missing values


def missing(value: Any) -> bool:
    """None, pandas' NA, NaN and blank text are missing: shown as an en dash."""
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip() == ""


def text(value: Any) -> Any:
    """The ``text`` filter: a missing value becomes "–"; anything else is shown (and escaped) as it is."""
    return "–" if missing(value) else value


# --------------------------------------------------------------------------------------------------------------
# The environment


def _environment(loader: jinja2.BaseLoader) -> jinja2.Environment:
    env = jinja2.Environment(loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    env.filters["text"] = text
    return env


@functools.lru_cache(maxsize=1)
def _packaged() -> jinja2.Environment:
    return _environment(_loader(None))


def _loader(template_dir: Path | None) -> jinja2.BaseLoader:
    package = jinja2.FileSystemLoader(TEMPLATES)
    prefixed = jinja2.PrefixLoader({PACKAGE_PREFIX: package})
    if template_dir is None:
        return jinja2.ChoiceLoader([package, prefixed])
    # the user's folder first: a template found there replaces the packaged one of the same name
    return jinja2.ChoiceLoader([jinja2.FileSystemLoader(template_dir), package, prefixed])


def environment(template_dir: str | os.PathLike[str] | None = None) -> jinja2.Environment:
    """The Jinja2 environment: the packaged templates, or ``template_dir``'s where it has one of the same name.

    A template in ``template_dir`` can extend the packaged one it replaces as ``healthyplaces/NAME``, e.g. a
    ``base.html.j2`` starting ``{% extends "healthyplaces/base.html.j2" %}`` that overrides only the blocks
    it needs.
    """
    if template_dir is None:
        return _packaged()
    folder = Path(template_dir).expanduser()
    if not folder.is_dir():
        raise FileNotFoundError(errno.ENOENT, "no such template folder" if not folder.exists() else
                                "not a folder (--template-dir needs a folder of templates)", os.fspath(folder))
    return _environment(_loader(folder.absolute()))


def stylesheet(env: jinja2.Environment) -> Markup:
    """The one stylesheet, ``style.css`` (the user's if ``template_dir`` has one), to be inlined in the page.

    Read as plain text, not as a template: CSS braces never clash with Jinja's."""
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, STYLESHEET)
    return Markup(source)


def template_error(err: jinja2.TemplateError) -> DataError:
    """A template error as a located ``DataError``: which template, which line, what went wrong."""
    if isinstance(err, jinja2.TemplateSyntaxError):
        where = err.filename or err.name or "a template"
        return DataError(f"{where}, line {err.lineno}: {err.message}")
    if isinstance(err, jinja2.TemplateNotFound):
        return DataError(f"template not found: {err.name}")
    return DataError(f"cannot render the page's templates: {err}")


# --------------------------------------------------------------------------------------------------------------
# Pages and sections


@dataclass
class Section:
    """One section of a page: its template and the context its module built for it.

    ``anchor`` and ``toc`` (the label in the table of contents) are for the page; ``None`` leaves the section
    out of the contents."""

    env: jinja2.Environment
    template: str
    context: Mapping[str, Any]
    anchor: str | None = None
    toc: str | None = None

    def html(self) -> Markup:
        template = self.env.get_template(self.template)  # a syntax error names its file and line itself
        try:
            return Markup(template.render(self.context))
        except (jinja2.TemplateSyntaxError, jinja2.TemplateNotFound):
            raise
        except jinja2.TemplateError as err:  # e.g. a value the template uses but the section does not give
            raise DataError(f"{template.filename or self.template}: {err}") from err


def page_context(env: jinja2.Environment, **values: Any) -> dict[str, Any]:
    return {"stylesheet": stylesheet(env), **values}


def render(env: jinja2.Environment, template: str, context: Mapping[str, Any]) -> str:
    try:
        return readable_text(env.get_template(template).render(context))
    except jinja2.TemplateError as err:
        raise template_error(err) from err


#: A file written beside a page (e.g. the full table as CSV): its path and a function that writes it to a file
#: object opened as :func:`atomic_file` opens it ("w": text, "wb": bytes).
Beside = tuple[Path, Callable[[IO[Any]], None], str]


def write_atomic(path: str | os.PathLike[str], env: jinja2.Environment, template: str,
                 context: Mapping[str, Any], beside: Sequence[Beside] = ()) -> Path:
    """Render ``template`` into a temporary file beside ``path``, then move it into place in one step.

    The page is streamed to the temporary file as it renders (:func:`healthyplaces._result.atomic_file`, as every
    file the library writes); only a complete page replaces ``path``, so a failure at any point leaves an existing
    file as it was and no temporary file behind. The files ``beside`` it (path, writer, mode) are written the same
    way, each complete before any is moved into place. Returns the page's absolute path.
    """
    out = Path(path).expanduser().absolute()
    with contextlib.ExitStack() as stack:
        for where, write, mode in beside:
            write(stack.enter_context(atomic_file(where, mode)))
        with atomic_file(out) as f:
            try:
                for chunk in env.get_template(template).generate(context):
                    f.write(chunk)
            except jinja2.TemplateError as err:
                raise template_error(err) from err
    return out


# --------------------------------------------------------------------------------------------------------------
# What the templates show: tables, cells, figures


@dataclass
class Table:
    """A table for the ``table`` macro: header cells, rows of cells, and which columns are numbers.

    Cells are plain values (escaped; missing ones shown as "–") or the dicts made by :func:`strong`,
    :func:`abbr`, :func:`level`, :func:`dim`, :func:`items` and :func:`arrangement`."""

    headers: Sequence[Any] | None
    rows: Sequence[Sequence[Any]]
    numeric: Iterable[int] = ()
    centre: Iterable[int] = ()
    cell_classes: Sequence[Sequence[str]] | None = None
    table_id: str | None = None
    caption: str | None = None
    row_header: bool = False
    _numeric: set[int] = field(init=False, repr=False)
    _centre: set[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._numeric, self._centre = set(self.numeric), set(self.centre)

    def classes(self, j: int, i: int | None = None) -> str:
        """The class attribute's value for column ``j`` (of row ``i``, whose own cell class is added)."""
        extra = self.cell_classes[i][j] if i is not None and self.cell_classes is not None else ""
        names = ["num" if j in self._numeric else "", "centre" if j in self._centre else "", extra]
        return " ".join(n for n in names if n)


def strong(value: Any) -> dict[str, Any]:
    return {"kind": "strong", "text": value}


def abbr(short: str, title: str) -> dict[str, Any]:
    return {"kind": "abbr", "text": short, "title": title}


def level(value: int, maximum: int = 15) -> dict[str, Any]:
    """An integration level as a bar and its number."""
    return {"kind": "level", "level": int(value), "width": 100.0 * max(0, min(int(value), maximum)) / maximum}


def dim(label: str, step: int | None) -> dict[str, Any]:
    """One dimension's arrangement, shaded by its step (0-3)."""
    return {"kind": "dim", "text": label, "step": step}


def items(entries: Iterable[Any], cls: str = "") -> dict[str, Any]:
    """A bulleted list inside a cell."""
    return {"kind": "list", "entries": list(entries), "cls": cls}


def arrangement(name: str, case: str | None, description: str) -> dict[str, Any]:
    """An arrangement's name, the case study that uses it (if any) and its description."""
    return {"kind": "arrangement", "name": name, "case": case, "description": description}


@dataclass
class Figure:
    """A chart for the ``figure`` macro: the inline SVG, its caption and its accessible label."""

    svg: Markup
    caption: str
    label: str


def figure(fig: Any, caption: str, label: str) -> Figure:
    """A matplotlib figure as inline SVG (text drawn as paths, ids unique on the page), with its caption."""
    from .. import plot

    return Figure(Markup(plot.figure_to_svg(fig)), caption, label)


def plotted(result: Any, caption: str, label: str, **kwargs: Any) -> Figure:
    """A result's own ``plot(ax=...)`` drawn on a new 7.5 x 3.8 in figure, as a :class:`Figure`."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.5, 3.8))
    try:
        result.plot(ax=ax, **kwargs)
        fig.tight_layout()
        return figure(fig, caption, label)
    finally:
        plt.close(fig)


def significant(x: float | None, digits: int = 3) -> str:
    """Significant digits, for tables of mixed quantities; "–" when not finite."""
    if x is None or not math.isfinite(x):
        return "–"
    return f"{x:,.{digits}g}" if abs(x) >= 1e-3 or x == 0 else f"{x:.2e}"


def frame_table(frame: Any, caption: str, digits: int = 4, index_name: str | None = None) -> Table:
    """A DataFrame as a table; a plain 0..n-1 index is not shown, floats get ``digits`` significant digits."""
    show_index = not isinstance(frame.index, pd.RangeIndex)
    headers = ([index_name or (frame.index.name or "")] if show_index else []) + \
        [str(c).replace("_", " ") for c in frame.columns]
    rows = []
    for idx, r in frame.iterrows():
        cells = [(significant(v, digits) if isinstance(v, (float, np.floating)) else v) for v in r.tolist()]
        rows.append(([idx] if show_index else []) + cells)
    return Table(headers, rows, numeric=set(range(1 if show_index else 0, len(headers))), caption=caption)


def date_text(when: Any) -> str:
    """"1 December 2026" for a date, the value as text otherwise."""
    import datetime as dt

    return when.strftime("%d %B %Y").lstrip("0") if isinstance(when, dt.date) else str(when)

