"""The ``healthyplaces`` command line.

    healthyplaces report [--data scores.csv] [--framework use_of_resources] [--out report.html] [--title ...]
                         [--template-dir DIR]
                         [--counts counts.csv --by COL --numerator COL --denominator COL [--where COL=VALUE ...]
                          [--time COL [--period VALUE]] [--kind proportion|rate|ratio] [--multiplier M]
                          [--better lower|higher] [--indicator-label TEXT] [--indicator-unit TEXT]]
    healthyplaces evaluate [--data panel.csv --unit COL --time COL --outcome COL [--outcome-label TEXT]
                            (--treated COL | --treated UNIT[,UNIT...] --treatment-period P | --adoption COL)]
                           [--covariates A,B] [--method auto|synth|did|att_gt] [--confidence-level 0.95]
                           [--n-resamples N --seed N] [--out eval.html] [--title ...] [--template-dir DIR]
    healthyplaces appraise CONFIG.toml [--out appraisal.html] [--template-dir DIR]
    healthyplaces appraise --example [FILE.toml]
    healthyplaces --version

Bad input and bad options never print a traceback: one line on stderr, ``healthyplaces: error: ...``, and exit
status 2. The line names the option (``--kind: invalid choice: 'odds' ...``, ``--data: no such file 'x.csv'``,
``--data: 'data' is a directory, not a file``) or the file, line and column (``healthyplaces.Error``). Files are
read in any encoding and delimiter :mod:`healthyplaces.io` reads; what was accepted but worth knowing (an encoding
guessed as cp1252, an ignored column) is one ``healthyplaces: note: ...`` line. ``HEALTHYPLACES_TRACEBACK=1``
shows the traceback of an error, for a bug report.

``--template-dir DIR`` rebrands either page: templates in DIR (``base.html.j2``, ``style.css``, ...) replace the
packaged ones of the same name (see :mod:`healthyplaces.report`).
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import warnings
from typing import Any, NoReturn, Sequence

from . import Error, Framework, __version__
from ._result import readable_text
from .io import DataWarning, read_scores
from .report import IndicatorSpec, write_report

_TEMPLATE_DIR_HELP = ("folder of templates that replace the packaged ones of the same name (base.html.j2, style.css, "
                      "sections/...): a council's name and colours; the numbers do not change")

__all__ = ["main"]

PROG = "healthyplaces"
# evaluate: the columns assumed with --data when not named
_EVAL_COLUMNS = {"unit": "unit", "time": "period", "outcome": "outcome"}


def _whole(lowest: int, highest: int) -> Any:
    """An argparse type: a whole number in [lowest, highest], else one line naming the range (exit 2)."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
        if not lowest <= value <= highest:
            raise argparse.ArgumentTypeError(f"{value} is outside {lowest:,} to {highest:,}")
        return value
    parse.__name__ = "whole number"
    return parse


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Compare councils and NHS commissioners on the same scores, and report it.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    rep = sub.add_parser(
        "report",
        help="write a self-contained HTML report",
        description=(
            "Write a self-contained HTML report. Scores (--data, or without it the NLGN 'Healthy Places' 2008 "
            "scores): sector comparison, competency gaps, pilot candidates and the integration case studies. "
            "Counts by organisation (--counts): an indicator report with its funnel plot, the organisations "
            "outside its limits and their XmR charts. Both: the scores, then the indicator as a separate part."
        ),
    )
    rep.add_argument("--data", metavar="SCORES.csv",
                     help="CSV of scores (area, organisation, sector, authority_type, star_rating, one column "
                          "per category); default: the embedded NLGN 2008 data, unless --counts is given")
    rep.add_argument("--framework", metavar="NAME",
                     help="assessment framework of the scores: "
                          f"{', '.join(Framework.builtin_names())} (default: use_of_resources)")
    rep.add_argument("--out", default="report.html", metavar="PATH", help="output HTML file (default: %(default)s)")
    rep.add_argument("--title", help="report title (default: the 2008 comparison's, or the indicator's with "
                                      "--counts only)")
    rep.add_argument("--template-dir", metavar="DIR", help=_TEMPLATE_DIR_HELP)
    ind = rep.add_argument_group(
        "indicators", "With --counts (and no --data), an indicator report: the indicator by organisation with 95% and "
                      "99.8% intervals, a funnel plot allowing for overdispersion, the organisations outside its "
                      "limits with an XmR chart of each when the counts cover several periods. With --data too, the "
                      "scores report followed by the indicator as a separate part.")
    ind.add_argument("--counts", metavar="COUNTS.csv",
                     help="CSV of counts by organisation: a numerator and a denominator column (more columns allowed)")
    ind.add_argument("--by", metavar="COL",
                     help="column naming the organisation; rows of the same organisation and period are summed "
                          "(default: organisation)")
    ind.add_argument("--numerator", metavar="COL", help="column of events / numerators (default: numerator)")
    ind.add_argument("--denominator", metavar="COL",
                     help="column of populations / denominators, or expected counts for --kind ratio "
                          "(default: denominator)")
    ind.add_argument("--where", metavar="COL=VALUE", action="append",
                     help="keep only rows whose COL is VALUE, e.g. --where type=1; repeat for more (the same "
                          "column repeated means any of its values); values match as text, numbers or dates")
    ind.add_argument("--time", metavar="COL",
                     help="column of periods: dates (2019-03-01 or 01/03/2019, compared as dates), numbers or labels")
    ind.add_argument("--period", metavar="VALUE",
                     help="the period to report, e.g. 2019-03-01 or 01/03/2019 (needs --time; default: the latest)")
    ind.add_argument("--kind", choices=["proportion", "rate", "ratio"],
                     help="proportion (numerator out of denominator), rate (per population) or ratio (observed "
                          "over expected) (default: proportion)")
    ind.add_argument("--multiplier", type=float, metavar="M",
                     help="scale of the values: default 100 (per cent) for proportions and ratios, 100000 for rates")
    ind.add_argument("--better", choices=["lower", "higher"],
                     help="which direction is better, e.g. lower for breaches or deaths; without it, values are "
                          "called higher or lower than expected, not better or worse")
    ind.add_argument("--indicator-label", metavar="TEXT",
                     help="the indicator's name, e.g. 'Four-hour A&E breaches, type 1 departments'; the title adds "
                          "the period (default: from the columns)")
    ind.add_argument("--indicator-unit", metavar="TEXT",
                     help="the values' unit, e.g. '%% of attendances' (default: from --kind, --multiplier and "
                          "--denominator)")

    from .report.evaluation import EvaluationSpec  # the defaults the evaluate options fall back to

    eval_defaults = EvaluationSpec()
    ev = sub.add_parser(
        "evaluate",
        help="write a self-contained HTML evaluation of a pilot: did it work?",
        description=(
            "Evaluate an intervention from a panel (one row per unit and period): synthetic control when one unit "
            "is treated, difference-in-differences with an event study when several adopt together, Callaway and "
            "Sant'Anna with the Goodman-Bacon decomposition when adoption is staggered. Without --data, evaluates "
            "California's Proposition 99 (Abadie, Diamond and Hainmueller 2010)."),
    )
    ev.add_argument("--data", metavar="PANEL.csv", help="CSV in long form, one row per unit and period")
    # The column options describe --data: their defaults apply only with it (None = not given), so that
    # giving one without --data is an error rather than silently ignored.
    ev.add_argument("--unit", metavar="COL", help=f"column naming the unit (default: {_EVAL_COLUMNS['unit']})")
    ev.add_argument("--time", metavar="COL",
                    help=f"column of periods, whole numbers such as years (default: {_EVAL_COLUMNS['time']})")
    ev.add_argument("--outcome", metavar="COL", help=f"column of the outcome (default: {_EVAL_COLUMNS['outcome']})")
    ev.add_argument("--outcome-label", metavar="TEXT",
                    help="how the charts name the outcome, with its unit, e.g. \"emergency admissions per 1,000\" "
                         "(default: the --outcome column's name)")
    ev.add_argument("--treated", metavar="COL|UNITS",
                    help="a 0/1 column (1 from adoption on), or the treated unit(s), comma-separated, with "
                         "--treatment-period")
    ev.add_argument("--treatment-period", type=int, metavar="P", help="first treated period of the --treated units")
    ev.add_argument("--adoption", metavar="COL",
                    help="column of each unit's first treated period (empty or 0 = never), instead of --treated")
    ev.add_argument("--covariates", metavar="A,B",
                    help="covariate columns, comma-separated: synthetic-control predictors (pre-period means), "
                         "difference-in-differences regressors or Callaway-Sant'Anna conditioning variables")
    ev.add_argument("--method", default="auto", choices=["auto", "synth", "did", "att_gt"],
                    help="estimator; auto chooses by design (default: %(default)s)")
    ev.add_argument("--confidence-level", type=float, default=0.95, metavar="LEVEL",
                    help="confidence level of the intervals, between 0 and 1 (default: %(default)s)")
    ev.add_argument("--n-resamples", type=_whole(1, 10_000_000), metavar="N",
                    help="bootstrap resamples for Callaway-Sant'Anna, staggered adoption only (default: "
                         f"{eval_defaults.n_resamples})")
    ev.add_argument("--seed", type=_whole(0, 2**64 - 1), metavar="N",
                    help=f"random seed of that bootstrap (default: {eval_defaults.seed})")
    ev.add_argument("--out", default="evaluation.html", metavar="PATH", help="output HTML file (default: %(default)s)")
    ev.add_argument("--title", default=None, help="report title")
    ev.add_argument("--template-dir", metavar="DIR", help=_TEMPLATE_DIR_HELP)

    ap = sub.add_parser(
        "appraise",
        help="write a self-contained HTML options appraisal: which arrangement fits, in one step or in stages?",
        description=(
            "The Green Book's economic case for integration from a TOML configuration: long list and critical "
            "success factors, short list, net present social values with optimism bias, switching values, value "
            "of information, multi-criteria analysis (SMAA-2) and the staged-versus-single-step decision. "
            "'--example' writes a configuration for a Torbay-like area (a Bexley-like one below it) to start "
            "from."),
    )
    ap.add_argument("config", nargs="?", metavar="CONFIG.toml", help="the appraisal's configuration")
    ap.add_argument("--example", nargs="?", const="appraisal.toml", metavar="FILE",
                    help="write an example configuration (default file: %(const)s; an existing file is never "
                         "overwritten) and stop")
    ap.add_argument("--out", default="appraisal.html", metavar="PATH", help="output HTML file (default: %(default)s)")
    ap.add_argument("--template-dir", metavar="DIR", help=_TEMPLATE_DIR_HELP)
    return parser


def _error(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return 2


# The report's indicator options and the IndicatorSpec field each fills (None: not given on the command line).
_INDICATOR_OPTIONS = {"by": "by", "numerator": "numerator", "denominator": "denominator", "where": "where",
                      "time": "time", "period": "period", "kind": "kind", "multiplier": "multiplier",
                      "better": "better", "indicator_label": "label", "indicator_unit": "unit"}


def _option(dest: str) -> str:
    return "--" + dest.replace("_", "-")


def _indicator_spec(args: argparse.Namespace) -> IndicatorSpec | None:
    """The IndicatorSpec the options describe; an indicator option without --counts is an error (exit 2)."""
    given = {dest: getattr(args, dest) for dest in _INDICATOR_OPTIONS if getattr(args, dest) is not None}
    if args.counts is None:
        if given:
            raise _OptionError(f"{_option(next(iter(given)))} describes --counts; give the counts too")
        return None
    if args.period is not None and args.time is None:
        raise _OptionError("--period chooses a period of the --time column; name that column with --time")
    bad = [w for w in args.where or [] if "=" not in w or not w.partition("=")[0].strip()]
    if bad:
        raise _OptionError(f"--where '{bad[0]}' is not COL=VALUE (e.g. --where type=1)")
    return IndicatorSpec(**{_INDICATOR_OPTIONS[dest]: value for dest, value in given.items()})


class _OptionError(Exception):
    """A bad combination of options: one line, exit status 2."""


def _report(args: argparse.Namespace) -> int:
    notes: list[str] = []
    try:
        spec = _indicator_spec(args)
        if args.data is None and args.counts is not None and args.framework is not None:
            raise _OptionError("--framework describes --data (the scores); with --counts only there are none")
        framework = args.framework or "use_of_resources"
        if args.data is None:
            table = None
            source_label = None
        else:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", DataWarning)
                table = read_scores(args.data, framework)
            for w in caught:
                if issubclass(w.category, DataWarning):
                    notes.append(str(w.message))
                    print(f"{PROG}: note: {w.message}", file=sys.stderr)
            source_label = os.path.abspath(args.data)
        extra: dict[str, object] = {}
        if args.counts is not None:
            extra = {"counts": args.counts, "counts_label": os.path.abspath(args.counts), "indicator": spec}
        if table is not None or args.counts is None:
            extra.update(framework=framework, source_label=source_label)
        path = write_report(args.out, table, title=args.title, notes=notes, template_dir=args.template_dir, **extra)
    except _OptionError as e:
        return _error(str(e))
    except (Error, OSError) as e:
        return _error(_message(e))
    print(f"Wrote report to {readable_text(path)}")
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from .report.evaluation import DEFAULT_TITLE as EVAL_TITLE, EvaluationSpec, prop99_spec, write_evaluation_report

    level = args.confidence_level
    if not 0 < level < 1:  # caught here, before any work; the estimators' own check says the same
        hint = f" (did you mean {level / 100:g}?)" if 1 < level < 100 else ""
        return _error(f"--confidence-level must be strictly between 0 and 1, got {level:g}{hint}")
    estimation = {"method": args.method, "confidence_level": level}
    estimation.update({k: v for k, v in (("n_resamples", args.n_resamples), ("seed", args.seed)) if v is not None})
    try:
        if args.data is not None:
            columns = {k: getattr(args, k) or default for k, default in _EVAL_COLUMNS.items()}
            spec = EvaluationSpec(**columns, treated=args.treated, treatment_period=args.treatment_period,
                                  adoption=args.adoption, outcome_label=args.outcome_label,
                                  covariates=[c.strip() for c in (args.covariates or "").split(",") if c.strip()],
                                  **estimation)
        else:
            given = [f"--{k.replace('_', '-')}" for k in ("unit", "time", "outcome", "outcome_label", "treated",
                                                           "treatment_period", "adoption", "covariates")
                     if getattr(args, k) is not None]
            if given:
                return _error(f"{', '.join(given)} describe{'s' if len(given) == 1 else ''} --data; give the data "
                              "too (without --data the command evaluates Proposition 99)")
            spec = prop99_spec(**estimation)
        path = write_evaluation_report(args.out, args.data, spec, title=args.title or EVAL_TITLE,
                                       template_dir=args.template_dir)
    except (Error, OSError) as e:
        return _error(_message(e))
    print(f"Wrote evaluation to {readable_text(path)}")
    return 0


def _appraise(args: argparse.Namespace) -> int:
    from . import appraisal
    from ._result import atomic_file
    from .report.appraisal import write_appraisal_report

    if args.example is not None:
        if args.config is not None:
            return _error("give CONFIG.toml or --example, not both")
        if os.path.isdir(args.example):
            return _error(f"--example: '{readable_text(args.example)}' is a directory; give a file name, e.g. "
                          f"{readable_text(os.path.join(args.example, 'appraisal.toml'))}")
        if os.path.exists(args.example):  # never overwrite a configuration the user may have edited
            return _error(f"--example: '{readable_text(args.example)}' exists; give another file name, or remove it "
                          "first")
        with atomic_file(args.example) as f:
            f.write(appraisal.example_config())
        print(f"Wrote an example configuration to {readable_text(os.path.abspath(args.example))}; run "
              f"'{PROG} appraise {readable_text(args.example)}'")
        return 0
    if args.config is None:
        return _error("appraise: give the configuration file (CONFIG.toml), or --example to write one")
    path = write_appraisal_report(args.out, args.config, template_dir=args.template_dir)
    print(f"Wrote appraisal to {readable_text(path)}")
    return 0


# ---- what every command shares: one-line errors, notes, paths checked before any work ----------------------

# Options that name a file a command reads, a folder it reads, or the page it writes: checked before any work, so a
# typo is one line naming the option.
_INPUT_FILES = {"data": "--data", "counts": "--counts", "config": "CONFIG"}
_INPUT_FOLDERS = {"template_dir": "--template-dir"}
_OUTPUT_FILES = {"out": "--out"}


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error as one line: ``healthyplaces: error: --kind: invalid choice: ...``."""

    def error(self, message: str) -> NoReturn:
        message = re.sub(r"^argument ([^:]+): ", r"\1: ", message)  # "argument --kind: x" -> "--kind: x"
        self.exit(2, f"{PROG}: error: {message}; see '{self.prog} --help'\n")


def _note(message: Any, category: type[Warning], filename: str, lineno: int, file: Any = None,
          line: str | None = None) -> None:
    """warnings.showwarning for the command line: one line, no source location (the user did not write it)."""
    kind = "note" if issubclass(category, DataWarning) else "warning"
    print(f"{PROG}: {kind}: {message}", file=sys.stderr)


def _check_paths(args: argparse.Namespace) -> str | None:
    """The first file or folder option that cannot be what it names, as one line; None when all can."""
    for attr, option in _INPUT_FILES.items():
        path = getattr(args, attr, None)
        if path is None:
            continue
        if not os.path.exists(path):
            return f"{option}: no such file '{path}'"
        if os.path.isdir(path):
            return f"{option}: '{path}' is a directory, not a file"
        if not os.access(path, os.R_OK):
            return f"{option}: cannot read '{path}' (permission denied)"
    for attr, option in _INPUT_FOLDERS.items():
        path = getattr(args, attr, None)
        if path is None:
            continue
        if not os.path.exists(path):
            return f"{option}: no such template folder '{path}'"
        if not os.path.isdir(path):
            return f"{option}: '{path}' is a file, not a template folder"
    for attr, option in _OUTPUT_FILES.items():
        path = getattr(args, attr, None)
        if path is None:
            continue
        if os.path.isdir(path):
            return f"{option}: '{path}' is a directory; give a file name, e.g. {os.path.join(path, 'report.html')}"
        parent = os.path.dirname(os.path.abspath(path))
        while not os.path.exists(parent):  # missing folders are made, but a file cannot hold one
            parent = os.path.dirname(parent)
        if not os.path.isdir(parent):
            return f"{option}: cannot write '{path}': '{parent}' is a file, not a folder"
    return None


def _file_being_read(e: BaseException) -> str | None:
    """The file a decoding error came from: a ``filename`` or ``path`` naming a file, in the innermost frame that
    has one (jinja2's loader, open().read())."""
    tb, found = e.__traceback__, None
    while tb is not None:
        for key in ("filename", "path", "file"):
            value = tb.tb_frame.f_locals.get(key)
            if isinstance(value, (str, os.PathLike)) and os.path.isfile(value):
                found = os.fspath(value)
                break
        tb = tb.tb_next
    return found


def _message(e: BaseException) -> str:
    """One line for an error the command expects: bad input, a file it cannot read, no memory."""
    if isinstance(e, OSError) and e.filename is not None:
        name = os.fsdecode(e.filename)
        if isinstance(e, FileNotFoundError):
            return f"no such file '{name}'"
        if isinstance(e, IsADirectoryError):
            return f"'{name}' is a directory, not a file"
        if isinstance(e, PermissionError):
            return f"cannot read '{name}' (permission denied)"
        return f"'{name}': {e.strerror or e}"
    if isinstance(e, OSError) and e.strerror:  # ours, e.g. "cannot write PATH: No space left on device"
        return e.strerror
    if isinstance(e, UnicodeDecodeError):
        # Data files are decoded by hp.io (any encoding a spreadsheet writes); what is left is read as UTF-8 only
        # (templates of --template-dir). The error does not say which file: the frame that read it does.
        line = e.object[:e.start].count(b"\n") + 1
        byte = f"byte 0x{e.object[e.start]:02X}" if e.start < len(e.object) else "the last bytes"
        source = _file_being_read(e)
        where = f"{source}, line {line}: " if source else f"line {line} of a file: "
        expected = "UTF-8" if e.encoding.lower().replace("_", "-") in ("utf-8", "utf8") else e.encoding
        return f"{where}{byte} is not {expected}: save the file as UTF-8"
    if isinstance(e, UnicodeError):
        return f"text that is not in an encoding healthyplaces reads: {e}"
    if isinstance(e, MemoryError):
        return "out of memory: is the input a file of text, and of a size this computer can hold?"
    return " ".join(str(e).split()) or type(e).__name__


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Parameters
    ----------
    argv
        The arguments after the program's name; ``None`` reads ``sys.argv[1:]``.

    Returns
    -------
    int
        The exit status: 0 when the page was written, 2 for bad input or a bad option (one line on stderr,
        ``healthyplaces: error: ...``, never a traceback).

    Examples
    --------
    >>> from healthyplaces.cli import main
    >>> main(["report", "--data", "nowhere.csv"])
    2
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # --help, --version, usage errors: argparse has printed what it needs to
        return e.code if isinstance(e.code, int) else (0 if e.code is None else 2)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    if (problem := _check_paths(args)) is not None:
        return _error(problem)
    run = {"report": _report, "evaluate": _evaluate, "appraise": _appraise}.get(args.command)
    if run is None:  # pragma: no cover - argparse rejects it first
        return _error(f"unknown command '{args.command}'")
    with warnings.catch_warnings():
        warnings.simplefilter("always", DataWarning)
        warnings.showwarning = _note
        try:
            return run(args)
        # Bad input (hp.Error is a ValueError, as is statistics' StatisticsError), files that cannot be read, text in
        # no encoding we read, and input too large for memory (e.g. /dev/zero) are the user's to fix: one line.
        except (ValueError, OSError, MemoryError) as e:
            if os.environ.get("HEALTHYPLACES_TRACEBACK"):
                raise
            return _error(_message(e))
        except KeyboardInterrupt:
            print(f"{PROG}: interrupted", file=sys.stderr)
            return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
