"""One small instance of every result class, per box, for the contract tests (test_contract.py) and the
notebook test's "every chart shows once in a kernel" check. Each box's function returns (name, result) pairs;
keep them small and fast: the whole module builds in a few seconds."""
from __future__ import annotations

from typing import Any

import numpy as np

import healthyplaces as hp

# Public classes that are results although their names do not end in "Result".
ALSO_RESULTS = {"CompetencyGaps", "PairedSectorTests", "PilotCandidates", "SectorComparison", "Projection",
                "Population", "AreaSimulations", "OlsFit"}

Cases = list[tuple[str, Any]]


def stats_cases() -> Cases:
    return []


def numerics_cases() -> Cases:
    return []


def analysis_cases() -> Cases:
    return []


def indicators_cases() -> Cases:
    # A&E four-hour breaches, type 1 departments, March 2019: a funnel with its outliers labelled, and one trust's
    # monthly performance as an XmR chart against the 95% standard.
    ae = hp.datasets.ae_attendances()
    march = ae[(ae["period"] == "2019-03-01") & (ae["type"] == "1")]
    trusts = march.groupby("org_code", as_index=False)[["attendances", "breaches"]].sum()
    funnel = hp.indicators.funnel("breaches", "attendances", data=trusts, by="org_code", multiplier=100,
                                  overdispersion="additive")
    small = hp.indicators.funnel([10, 20, 45, 55], [100, 100, 100, 100], by=["A", "B", "C", "D"], kind="proportion")
    rqm = ae[ae["org_code"] == "RQM"].groupby("period", as_index=False)[["attendances", "breaches"]].sum()
    rqm["within_4h"] = 100 * (1 - rqm["breaches"] / rqm["attendances"])
    xmr = hp.indicators.xmr(data=rqm, value="within_4h", date="period", target=95,
                            label="% of attendances seen within four hours")
    periods = hp.indicators.xmr(list(range(15)) + [30], dates=list(range(2001, 2017)))
    return [("FunnelResult(ae)", funnel), ("FunnelResult(small)", small), ("XmrResult(ae)", xmr),
            ("XmrResult(years)", periods)]


def demography_cases() -> Cases:
    england = hp.demography.england()
    one_band = hp.demography.Population(bands=["0+"], counts=[100_000], name="one open band")
    p = england.regroup("five_year")
    m = np.full(len(p), 0.01)
    f = np.where((p.starts >= 15) & (p.starts < 45), 0.06, 0.0)
    central = hp.demography.project(p, m, f, years=10, base_year=2023)
    spread = hp.demography.project(p, m, f, years=10, base_year=2023, n_sims=50,
                                   uncertainty=hp.demography.RateUncertainty(mortality_sd=0.1, fertility_sd=0.1))
    return [("Population(England)", england), ("Population(five-year)", p), ("Population(0+)", one_band),
            ("Projection(central)", central), ("Projection(simulated)", spread)]


def finance_cases() -> Cases:
    return []


def evaluation_cases() -> Cases:
    return []


def distributed_cases() -> Cases:
    return []


def instances() -> Cases:
    out: Cases = []
    for build in (stats_cases, numerics_cases, analysis_cases, indicators_cases, demography_cases, finance_cases,
                  evaluation_cases, distributed_cases):
        out += build()
    return out
