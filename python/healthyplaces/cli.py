"""The ``healthyplaces`` command line.

    healthyplaces report [--data scores.csv] [--framework use_of_resources] [--out report.html] [--title ...]
    healthyplaces --version

Errors in the input (``healthyplaces.Error``, whose message names the file, line and column) and file-system
errors are printed as one line, ``healthyplaces: error: ...``, with exit status 2 and no traceback.
"""
from __future__ import annotations

import argparse
import os
import sys
import warnings
from typing import Sequence

from . import _core
from .io import DataWarning, read_scores
from .report import DEFAULT_TITLE, write_report

__all__ = ["main"]

PROG = "healthyplaces"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Compare councils and NHS commissioners on the same scores, and report it.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {_core.__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    rep = sub.add_parser(
        "report",
        help="write a self-contained HTML report",
        description=(
            "Write a self-contained HTML report: sector comparison, competency gaps, pilot candidates and the "
            "integration case studies. Without --data, uses the NLGN 'Healthy Places' (2008) scores."
        ),
    )
    rep.add_argument("--data", metavar="SCORES.csv",
                     help="CSV of scores (area, organisation, sector, authority_type, star_rating, one column "
                          "per category); default: the embedded NLGN 2008 data")
    rep.add_argument("--framework", default="use_of_resources", metavar="NAME",
                     help="assessment framework of the scores: "
                          f"{', '.join(_core.Framework.builtin_names())} (default: %(default)s)")
    rep.add_argument("--out", default="report.html", metavar="PATH", help="output HTML file (default: %(default)s)")
    rep.add_argument("--title", default=DEFAULT_TITLE, help="report title")
    return parser


def _error(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return 2


def _report(args: argparse.Namespace) -> int:
    notes: list[str] = []
    try:
        if args.data is None:
            table = None
            source_label = None
        else:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", DataWarning)
                table = read_scores(args.data, args.framework)
            for w in caught:
                if issubclass(w.category, DataWarning):
                    notes.append(str(w.message))
                    print(f"{PROG}: note: {w.message}", file=sys.stderr)
            source_label = os.path.abspath(args.data)
        path = write_report(args.out, table, framework=args.framework, title=args.title,
                            source_label=source_label, notes=notes)
    except (_core.Error, OSError) as e:
        if isinstance(e, OSError) and e.filename is not None and e.strerror:
            return _error(f"{e.filename}: {e.strerror}")
        return _error(str(e))
    print(f"Wrote report to {path}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); returns the exit status."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # --help, --version, usage errors: argparse has printed what it needs to
        return e.code if isinstance(e.code, int) else (0 if e.code is None else 2)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    if args.command == "report":
        return _report(args)
    return _error(f"unknown command '{args.command}'")  # pragma: no cover - argparse rejects it first


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
