from __future__ import annotations

import pickle

import pytest

import healthyplaces as hp
from healthyplaces import _core

HEADER = (
    "area,organisation,sector,authority_type,star_rating,financial_reporting,financial_management,"
    "financial_standing,internal_control,value_for_money\n"
)
GOOD_ROWS = (
    "Bexley,Bexley PCT,pct,primary_care_trust,1,1,1,1,2,1\n"
    "Bexley,LB Bexley,local_authority,london_borough,4,3,3,4,3,3\n"
)


@pytest.fixture
def nlgn() -> hp.ScoreTable:
    return hp.read_scores(hp.datasets.nlgn2008())


@pytest.fixture
def write_csv(tmp_path):
    """Write text to a CSV file under tmp_path and return its path."""

    def write(text: str, name: str = "scores.csv", encoding: str = "utf-8", newline: str | None = None):
        path = tmp_path / name
        with open(path, "w", encoding=encoding, newline=newline) as f:
            f.write(text)
        return path

    return write


# ---- synthetic control fits, once per session --------------------------------------------------------------------

# Proposition 99 as ADH (2010) specify it, written as the README and hp.evaluation.synth's docstring write it.
PROP99 = dict(unit="state", time="year", outcome="cigsale", treated="California", treatment_period=1989,
              predictors=["lnincome", "age15to24", "retprice"], predictor_periods=range(1980, 1989),
              special_predictors=[("beer", range(1984, 1989)), 1975, 1980, 1988])


@pytest.fixture(scope="session", autouse=True)
def _synth_fits_once():
    """The expensive synthetic controls, those searching V with in-space placebos (Prop 99: 39 V searches), are
    fitted once per session: Prop 99 is asked for by test_evaluation_synth, the evaluation page (test_evaluate_cli
    and _report's docstring), the synth docstring and the README. A fit is a deterministic function of its
    inputs, so a call whose panel and arguments (the thread count included) are identical to an earlier one's
    gets that call's C++ result. Calls that differ in anything, even only in threads, are fitted afresh, and
    calls with a given V or without placebos (the cheap ones, which tests compare with each other) always are."""
    fits: dict[bytes, object] = {}
    fit = _core.evaluation.synth

    def once(panel, *args, **kwargs):
        # _synth.synth passes (panel, treated, treatment_period, donors, predictors, predictor_periods, special,
        # optimisation_periods, v, placebos, ...) by position
        if kwargs or len(args) < 9 or args[7] is not None or args[8] is not True:
            return fit(panel, *args, **kwargs)
        key = pickle.dumps((panel, args))
        if key not in fits:
            fits[key] = fit(panel, *args)
        return fits[key]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_core.evaluation, "synth", once)
        yield


@pytest.fixture(scope="session")
def prop99_synth() -> hp.evaluation.SynthResult:
    """Proposition 99 with the in-space placebos, exactly as hp.evaluation.synth's docstring fits it."""
    return hp.evaluation.synth(hp.datasets.smoking(), threads=2, **PROP99)


# The slowest files first (a Jupyter kernel, page builds, clusters, subprocesses): pytest-xdist hands tests out
# in collection order, so a long test started last would keep one worker busy after the other has finished.
SLOW_FIRST = ("test_notebooks.py", "test_docstring_examples.py", "test_docs_examples.py", "test_distributed.py",
              "test_distributed_appraisal.py", "test_appraisal_cli.py", "test_report_indicators.py",
              "test_evaluate_cli.py", "test_cli_errors.py", "test_report_templates.py", "test_readme_examples.py")


def pytest_collection_modifyitems(session, config, items):
    rank = {name: i for i, name in enumerate(SLOW_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(SLOW_FIRST)))  # stable: files keep their order
