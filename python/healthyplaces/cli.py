"""The ``healthyplaces`` command line.

    healthyplaces report [--data scores.csv] [--framework use_of_resources] [--out report.html] [--title ...]
                         [--template-dir DIR]
                         [--counts counts.csv --organisation COL --numerator COL --denominator COL
                          --period COL --kind proportion|rate|ratio --multiplier M --indicator NAME]
    healthyplaces evaluate [--data panel.csv --unit COL --time COL --outcome COL [--outcome-label TEXT]
                            (--treated COL | --treated UNIT[,UNIT...] --treatment-period P | --adoption COL)]
                           [--covariates A,B] [--method auto|synth|did|att_gt] [--confidence-level 0.95]
                           [--n-resamples N --seed N] [--out eval.html] [--title ...] [--template-dir DIR]
    healthyplaces --version

Errors in the input (``healthyplaces.Error``, whose message names the file, line and column) and file-system
errors are printed as one line, ``healthyplaces: error: ...``, with exit status 2 and no traceback.

``--template-dir DIR`` rebrands either page: templates in DIR (``base.html.j2``, ``style.css``, ...) replace the
packaged ones of the same name (see :mod:`healthyplaces.report`).
"""
from __future__ import annotations

import argparse
import os
import sys
import warnings
from typing import Sequence

from . import Error, Framework, __version__
from .io import DataWarning, read_scores
from .report import DEFAULT_TITLE, IndicatorSpec, write_report

_TEMPLATE_DIR_HELP = ("folder of templates that replace the packaged ones of the same name (base.html.j2, style.css, "
                      "sections/...): a council's name and colours; the numbers do not change")

__all__ = ["main"]

PROG = "healthyplaces"
# evaluate: the columns assumed with --data when not named
_EVAL_COLUMNS = {"unit": "unit", "time": "period", "outcome": "outcome"}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Compare councils and NHS commissioners on the same scores, and report it.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
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
                          f"{', '.join(Framework.builtin_names())} (default: %(default)s)")
    rep.add_argument("--out", default="report.html", metavar="PATH", help="output HTML file (default: %(default)s)")
    rep.add_argument("--title", default=DEFAULT_TITLE, help="report title")
    rep.add_argument("--template-dir", metavar="DIR", help=_TEMPLATE_DIR_HELP)
    ind = rep.add_argument_group(
        "indicators", "With --counts, the report gains a section of indicators by organisation with 95% and 99.8% "
                      "intervals, a funnel plot and the organisations outside its 99.8% limits.")
    ind.add_argument("--counts", metavar="COUNTS.csv",
                     help="CSV of counts by organisation: a numerator and a denominator column (more columns allowed)")
    ind.add_argument("--organisation", default="organisation", metavar="COL",
                     help="column naming the organisation (default: %(default)s)")
    ind.add_argument("--numerator", default="numerator", metavar="COL",
                     help="column of events / numerators (default: %(default)s)")
    ind.add_argument("--denominator", default="denominator", metavar="COL",
                     help="column of populations / denominators, or expected counts for --kind ratio "
                          "(default: %(default)s)")
    ind.add_argument("--period", metavar="COL",
                     help="column of periods: the latest is used unless --period-value is given")
    ind.add_argument("--period-value", metavar="VALUE", help="the period to report, e.g. 2019-03-01")
    ind.add_argument("--kind", default="proportion", choices=["proportion", "rate", "ratio"],
                     help="proportion (numerator out of denominator), rate (per population) or ratio (observed "
                          "over expected) (default: %(default)s)")
    ind.add_argument("--multiplier", type=float, metavar="M",
                     help="scale of the values: default 100 (per cent) for proportions and ratios, 100000 for rates")
    ind.add_argument("--indicator", metavar="NAME", help="the indicator's name in the report")

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
    ev.add_argument("--n-resamples", type=int, metavar="N",
                    help="bootstrap resamples for Callaway-Sant'Anna, staggered adoption only (default: "
                         f"{eval_defaults.n_resamples})")
    ev.add_argument("--seed", type=int, metavar="N",
                    help=f"random seed of that bootstrap (default: {eval_defaults.seed})")
    ev.add_argument("--out", default="evaluation.html", metavar="PATH", help="output HTML file (default: %(default)s)")
    ev.add_argument("--title", default=None, help="report title")
    ev.add_argument("--template-dir", metavar="DIR", help=_TEMPLATE_DIR_HELP)
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
        extra = {}
        if args.counts is not None:
            extra = {"counts": args.counts, "counts_label": os.path.abspath(args.counts),
                     "indicator": IndicatorSpec(args.organisation, args.numerator, args.denominator, args.period,
                                                args.period_value, args.kind, args.multiplier, args.indicator)}
        path = write_report(args.out, table, framework=args.framework, title=args.title,
                            source_label=source_label, notes=notes, template_dir=args.template_dir, **extra)
    except (Error, OSError) as e:
        if isinstance(e, OSError) and e.filename is not None and e.strerror:
            return _error(f"{e.filename}: {e.strerror}")
        return _error(str(e))
    print(f"Wrote report to {path}")
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
        if isinstance(e, OSError) and e.filename is not None and e.strerror:
            return _error(f"{e.filename}: {e.strerror}")
        return _error(str(e))
    print(f"Wrote evaluation to {path}")
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
    if args.command == "evaluate":
        return _evaluate(args)
    return _error(f"unknown command '{args.command}'")  # pragma: no cover - argparse rejects it first


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
